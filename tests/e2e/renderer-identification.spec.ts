/**
 * Identification in the BUILT renderer (dist/renderer) in Chromium, against a FAKE web host
 * (support/identification-host.ts): DNI / NIE entry with a wrong letter and a good one, and a
 * keyboard-wedge scanner set to a US layout on a Spanish PC, whose keys are sent as Chromium
 * receives them from such a scanner (`Ñ` for `:`, `'` for `-`, dead keys…).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { spanishKeystrokeFor } from '../../src-renderer/scanner/keyboard-layout';
import { startIdentificationHost, type IdentificationHost } from './support/identification-host';
import { LANDSCAPE, PORTRAIT } from './support/browser';
import { expectNoSeriousA11yViolations, tapOnScreenKeys } from './support/kiosk-page';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const RENDERER_DIR = path.join(ROOT, 'dist/renderer');
const SCREENSHOT_DIR = path.join(ROOT, 'test-results/screenshots');
const BOOKING_URL = 'https://cita.villanueva.es/c/TRN-7K4P9Q?lang=es';

let host: IdentificationHost;
let consoleText: string[];

/**
 * Sends `text` as a US-layout wedge scanner does to a Spanish-layout PC: trusted key events
 * (Chrome DevTools Protocol) with the key Spanish Windows/Linux report for each physical key,
 * a few milliseconds apart, then Enter.
 */
async function scanWithUsLayoutScanner(page: Page, text: string) {
  const session = await page.context().newCDPSession(page);
  // Queued without waiting for each answer: the keys arrive a scanner's few ms apart, in order.
  const sent: Promise<unknown>[] = [];
  const stroke = (key: string, code: string, shiftKey: boolean, withText: boolean) => {
    const modifiers = shiftKey ? 8 : 0;
    const printable = withText ? { text: key, unmodifiedText: key } : {};
    sent.push(
      session.send('Input.dispatchKeyEvent', {
        type: withText ? 'keyDown' : 'rawKeyDown',
        key,
        code,
        modifiers,
        ...printable,
      }),
      session.send('Input.dispatchKeyEvent', { type: 'keyUp', key, code, modifiers }),
    );
  };
  for (const character of text) {
    const keystroke = spanishKeystrokeFor(character);
    if (!keystroke) throw new Error(`no keystroke for ${JSON.stringify(character)}`);
    const dead = keystroke.key === 'Dead';
    stroke(keystroke.key, keystroke.code, keystroke.shiftKey, !dead);
  }
  stroke('Enter', 'Enter', false, false);
  await Promise.all(sent);
  await session.detach();
}

test.beforeAll(async () => {
  if (!existsSync(path.join(RENDERER_DIR, 'index.html'))) {
    execFileSync('npx', ['vite', 'build'], { cwd: ROOT, stdio: 'inherit' });
  }
  await mkdir(SCREENSHOT_DIR, { recursive: true });
});

test.beforeEach(async ({ page }) => {
  host = await startIdentificationHost(RENDERER_DIR);
  consoleText = [];
  page.on('console', (message) => consoleText.push(message.text()));
  page.on('pageerror', (error) => consoleText.push(`pageerror: ${error.message}`));
  await page.goto(host.url());
  await expect(page.getByTestId('site-name')).toHaveText('Ayuntamiento de Villanueva de la Peña');
});

test.afterEach(async () => {
  await host.close();
});

test('home offers "Con mi DNI / NIE" next to "Tengo cita"', async ({ page }) => {
  await expect(page.getByRole('button', { name: 'Tengo cita' })).toBeVisible();
  const idButton = page.getByRole('button', { name: 'Con mi DNI / NIE' });
  await expect(idButton).toBeVisible();
  await expect(
    page.getByText('Sin código: identifíquese con su DNI, NIE o pasaporte.'),
  ).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'kiosk-home-id.png') });
  await page.setViewportSize(LANDSCAPE);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'kiosk-home-id-landscape.png') });
});

test('DNI with a wrong letter is explained; the right one gets a turn; the number never lingers', async ({
  page,
}) => {
  await page.getByRole('button', { name: 'Con mi DNI / NIE' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Escriba su DNI, NIE o pasaporte' }),
  ).toBeVisible();
  await tapOnScreenKeys(page, '12345678A');
  await expect(page.getByTestId('id-field')).toHaveText('12345678A');
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'kiosk-id-entry.png') });
  await page.setViewportSize(LANDSCAPE);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'kiosk-id-entry-landscape.png') });
  await page.setViewportSize(PORTRAIT);

  await page.getByRole('button', { name: 'Aceptar' }).click();
  await expect(page.getByTestId('error-message')).toHaveText(
    'La letra no corresponde a ese número: para esos dígitos la letra es Z. Revíselo.',
  );
  await expect(page.locator('body')).not.toContainText('12345678');
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'kiosk-id-error-letter.png') });

  await page.getByRole('button', { name: 'Escribir el documento' }).click();
  await expect(page.getByTestId('id-field')).toHaveText('Todavía no ha escrito nada');
  await tapOnScreenKeys(page, '12345678Z');
  await page.getByRole('button', { name: 'Aceptar' }).click();
  await expect(page.getByTestId('turn-number')).toHaveText('C-015');
  await expect(page.locator('body')).not.toContainText('12345678');

  expect(host.submissions).toEqual([
    { input: '12345678A', source: 'touch', mode: 'id-document', language: 'es' },
    { input: '12345678Z', source: 'touch', mode: 'id-document', language: 'es' },
  ]);
  // Never in the address, never in the console.
  expect(page.url()).not.toContain('12345678');
  expect(consoleText.join('\n')).not.toContain('12345678');
});

test('a NIE is typed with the X/Y/Z keys and an unknown one is refused', async ({ page }) => {
  await page.getByRole('button', { name: 'Con mi DNI / NIE' }).click();
  await tapOnScreenKeys(page, 'X1234567L');
  await page.getByRole('button', { name: 'Aceptar' }).click();
  await expect(page.getByTestId('error-message')).toHaveText(
    'No encontramos ninguna cita para hoy con ese documento. Compruébelo o pregunte en el mostrador.',
  );
  expect(host.submissions).toEqual([
    { input: 'X1234567L', source: 'touch', mode: 'id-document', language: 'es' },
  ]);
});

test('a wedge scanner set to a US layout is detected and its scan remapped', async ({ page }) => {
  await scanWithUsLayoutScanner(page, BOOKING_URL);
  await expect(page.getByTestId('turn-number')).toHaveText('C-014');
  expect(host.submissions).toEqual([
    { input: BOOKING_URL, source: 'keyboard-wedge', language: 'es' },
  ]);

  // A bare code too, and on the ID screen it never reaches the field.
  await page.getByRole('button', { name: 'Terminar' }).click();
  await page.getByRole('button', { name: 'Con mi DNI / NIE' }).click();
  await page.keyboard.type('123', { delay: 150 });
  await expect(page.getByTestId('id-field')).toHaveText('123');
  await scanWithUsLayoutScanner(page, 'TRN-7K4P9Q');
  await expect(page.getByTestId('turn-number')).toHaveText('C-014');
  expect(host.submissions.at(-1)).toEqual({
    input: 'TRN-7K4P9Q',
    source: 'keyboard-wedge',
    language: 'es',
  });
});
