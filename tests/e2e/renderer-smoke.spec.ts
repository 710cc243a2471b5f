/**
 * Smoke test of the BUILT renderer (dist/renderer) in Chromium, against the FAKE web host of
 * support/fake-web-host.ts (same protocol as src-main/hosts/web, canned check-in answers). The
 * real host is tested end to end in checkin-serial-scan.spec.ts and printer-fault.spec.ts.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import type { CheckInResult, IpcResult, KioskState } from '../../src-shared/contract/ipc';
import { LANDSCAPE, PORTRAIT } from './support/browser';
import { startFakeWebHost, type FakeWebHost } from './support/fake-web-host';
import { kioskStateFixture } from '../support/kiosk-state-fixture';
import { expectNoSeriousA11yViolations, tapOnScreenKeys } from './support/kiosk-page';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const RENDERER_DIR = path.join(ROOT, 'dist/renderer');
const SCREENSHOT_DIR = path.join(ROOT, 'test-results/screenshots');

const KNOWN_CODE = 'TRN-7K4P9Q';
const PAPER_OUT_CODE = 'TRN-4X8M2B';

const BASE_STATE: KioskState = kioskStateFixture({
  kioskId: 'totem-entrada-1',
  lastSyncAt: '2025-11-27T09:58:00+01:00',
  // Playwright's keystrokes cross the DevTools protocol one by one and arrive late on a busy
  // machine: the setting for a slower scanner (60 ms a key) keeps a 5 ms "scan" one, while
  // typing by hand at 150 ms a key is still no scan.
  scanner: { ...kioskStateFixture().scanner, wedgeMaxGapMs: 60 },
});

function ticketText(number: string, service: string, time: string): string {
  const rule = '-'.repeat(42);
  const center = (text: string) => text.padStart(Math.floor((42 + text.length) / 2)).padEnd(42);
  return [
    center('AYUNTAMIENTO DE VILLAVERDE DEL MAR'),
    center('Servicio de Atención Ciudadana'),
    rule,
    center('Su turno'),
    center(number),
    rule,
    `Trámite: ${service}`,
    `Cita:    ${time}`,
    'Emitido: 27/11/2025 10:21   Tótem: 1',
    rule,
    'Espere a ver su número en la pantalla.',
    'Gracias.',
  ].join('\n');
}

let ticketSeq = 0;

/** The canned kiosk: two known bookings, one of which hits a printer out of paper. */
function cannedCheckIn(input: string): IpcResult<CheckInResult> {
  const compact = input.toUpperCase().replace(/[^0-9A-Z]/g, '');
  const known: Record<string, { number: string; es: string; en: string; paperOut: boolean }> = {
    TRN7K4P9Q: { number: 'C-014', es: 'Padrón municipal', en: 'Census register', paperOut: false },
    TRN4X8M2B: { number: 'E-003', es: 'Empadronamiento', en: 'Registration', paperOut: true },
  };
  const booking = known[compact];
  if (!booking) return { ok: false, error: { code: 'booking-not-found' } };
  ticketSeq += 1;
  return {
    ok: true,
    value: {
      outcome: 'issued',
      ticket: {
        id: `ticket-${ticketSeq}`,
        number: booking.number,
        serviceName: { es: booking.es, en: booking.en },
        appointmentTime: '10:30',
        issuedAt: '2025-11-27T10:21:00+01:00',
        printStatus: booking.paperOut ? 'failed' : 'printed',
        ...(booking.paperOut ? { printFailure: 'paper-out' as const } : {}),
        canReprint: Boolean(booking.paperOut),
        priority: false,
        paperlessQr: `${booking.number} ${booking.es}`,
      },
    },
  };
}

function startSmokeHost(): Promise<FakeWebHost> {
  return startFakeWebHost({
    rendererDir: RENDERER_DIR,
    state: BASE_STATE,
    checkIn: (request) => cannedCheckIn(request.input),
    // A printed ticket's virtual-printer preview follows the answer, as main sends it.
    afterCheckIn: (result, host) => {
      if (!result.ok || result.value.ticket.printStatus !== 'printed') return;
      const { ticket } = result.value;
      host.emit('printer:ticket-rendered', {
        ticketId: ticket.id,
        text: ticketText(ticket.number, ticket.serviceName.es, ticket.appointmentTime ?? ''),
      });
    },
  });
}

let host: FakeWebHost;

test.beforeAll(async () => {
  if (!existsSync(path.join(RENDERER_DIR, 'index.html'))) {
    execFileSync('npx', ['vite', 'build'], { cwd: ROOT, stdio: 'inherit' });
  }
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  await mkdir(path.join(ROOT, 'docs/screenshots'), { recursive: true });
});

test.beforeEach(async ({ page }) => {
  host = await startSmokeHost();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  await page.goto(host.url());
  await expect(page.getByTestId('site-name')).toHaveText('Ayuntamiento de Villanueva de la Peña');
  expect(problems).toEqual([]);
});

test.afterEach(async () => {
  await host.close();
});

test('home is in Spanish, accessible, and looks the part', async ({ page }) => {
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await expect(
    page.getByRole('heading', { level: 1, name: 'Escanee el código QR de su cita' }),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Tengo cita' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Español' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: path.join(ROOT, 'docs/screenshots/kiosk-home.png') });

  await page.setViewportSize(LANDSCAPE);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'kiosk-home-landscape.png') });
  await page.setViewportSize(PORTRAIT);

  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('button', { name: 'I have an appointment' })).toBeVisible();
});

test('an offline kiosk says so and keeps offering turns', async ({ page }) => {
  await expect(page.getByTestId('offline-notice')).toHaveCount(0);
  host.setState({ connectivity: 'offline' });
  await expect(page.getByTestId('offline-notice')).toHaveText(
    'Sin conexión con el ayuntamiento: seguimos dando turnos.',
  );
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'kiosk-home-offline.png') });
});

test('"Tengo cita" with an unknown code shows the translated error', async ({ page }) => {
  await page.getByRole('button', { name: 'Tengo cita' }).click();
  await expect(page.getByRole('heading', { name: 'Escriba el código de su cita' })).toBeVisible();
  await tapOnScreenKeys(page, 'ZZ99Q');
  await page.getByRole('button', { name: 'Borrar' }).click();
  await tapOnScreenKeys(page, '7');
  await expect(page.getByTestId('code-field')).toHaveText('ZZ997');
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'kiosk-code-entry.png') });
  await page.setViewportSize(LANDSCAPE);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'kiosk-code-entry-landscape.png') });
  await page.setViewportSize(PORTRAIT);
  await page.getByRole('button', { name: 'Aceptar' }).click();

  await expect(page.getByTestId('error-message')).toHaveText(
    'No encontramos ninguna cita con ese código. Compruébelo o pregunte en el mostrador.',
  );
  expect(host.submissions).toEqual([{ input: 'ZZ997', source: 'touch', language: 'es' }]);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'kiosk-error.png') });
  await page.getByRole('button', { name: 'Volver al inicio' }).click();
  await expect(page.getByTestId('screen-home')).toBeVisible();
});

test('"Tengo cita" with a booking code shows the turn and the ticket preview', async ({ page }) => {
  await page.getByRole('button', { name: 'Tengo cita' }).click();
  await tapOnScreenKeys(page, 'TRN7K4P9Q');
  await page.getByRole('button', { name: 'Aceptar' }).click();

  await expect(page.getByTestId('turn-number')).toHaveText('C-014');
  await expect(page.getByTestId('service-name')).toHaveText('Padrón municipal');
  await expect(page.getByTestId('appointment-time')).toHaveText('10:30');
  await expect(page.getByTestId('print-status')).toHaveText('Recoja su tique impreso.');
  const preview = page.getByRole('figure').getByLabel('Vista previa del tique (impresora virtual)');
  await expect(preview).toContainText('C-014');
  expect(host.submissions).toEqual([{ input: 'TRN7K4P9Q', source: 'touch', language: 'es' }]);
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'kiosk-result.png') });
  await page.setViewportSize(LANDSCAPE);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'kiosk-result-landscape.png') });
});

test('a keyboard-wedge scan submits; slow typing does not', async ({ page }) => {
  await page.keyboard.type(KNOWN_CODE, { delay: 5 });
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('turn-number')).toHaveText('C-014');
  expect(host.submissions).toEqual([
    { input: KNOWN_CODE, source: 'keyboard-wedge', language: 'es' },
  ]);

  // A new scan on the result screen replaces it at once.
  await page.keyboard.type(PAPER_OUT_CODE, { delay: 5 });
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('turn-number')).toHaveText('E-003');
  await expect(page.getByTestId('print-status')).toHaveText(
    'No se ha impreso el tique: la impresora se ha quedado sin papel.',
  );

  // The number exists only on screen: the citizen confirms they have it.
  await page.getByRole('button', { name: 'Ya tengo mi número' }).click();
  await expect(page.getByTestId('screen-home')).toBeVisible();
  await page.keyboard.type(KNOWN_CODE, { delay: 150 });
  await page.keyboard.press('Enter');
  await page.waitForTimeout(500);
  await expect(page.getByTestId('screen-home')).toBeVisible();
  expect(host.submissions).toHaveLength(2);
});

test('wedge keystrokes never leak into the code field', async ({ page }) => {
  await page.getByRole('button', { name: 'Tengo cita' }).click();
  // A person at a physical keyboard types into the field...
  await page.keyboard.type('AB1', { delay: 150 });
  await expect(page.getByTestId('code-field')).toHaveText('AB1');
  // ...while a scan goes straight to check-in.
  await page.keyboard.type(KNOWN_CODE, { delay: 5 });
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('turn-number')).toHaveText('C-014');
  expect(host.submissions).toEqual([
    { input: KNOWN_CODE, source: 'keyboard-wedge', language: 'es' },
  ]);
});

test('a check-in done by the serial scanner shows up like any other', async ({ page }) => {
  host.emit('checkin:completed', {
    ok: false,
    error: { code: 'too-early', params: { time: '12:00', from: '11:30' } },
  });
  await expect(page.getByTestId('error-message')).toHaveText(
    'Su cita es a las 12:00. Podrá recoger su turno a partir de las 11:30.',
  );
});
