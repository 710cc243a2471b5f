/**
 * A new totem from an empty data folder to its first printed ticket, end to end on real parts:
 * the built web host as its own process started on a configuration that does not exist yet
 * (setup mode), the reference town hall with a real enrolment code from its admin API, a
 * pseudo-terminal printer answering DLE EOT, a pseudo-terminal scanner, a device tree whose
 * /dev/serial/by-id links lead to both, and the built renderer in Chromium. Every wizard step is
 * checked with axe and photographed (docs/screenshots/ with TURNERO_DOC_SCREENSHOTS=1).
 *
 * The second test is the showroom's way: the demo, one tap away from the wizard.
 */
import { expect, test, type Page } from '@playwright/test';
import { existsSync, mkdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { startTurneroServer } from '../../server/server';
import { sampleLogoPng } from '../support/logo-fixture';
import { openPtyPair, type PtyPair } from '../support/pty-pair';
import {
  openSerialPrinterEmulator,
  type SerialPrinterEmulator,
} from '../support/serial-printer-emulator';
import { makeTempDir } from '../support/temp-dir';
import { ONE_BOOKING_SEED, SITE_NAME } from './support/one-booking-seed';
import { expectNoA11yViolations, screenshotStep } from './support/setup-wizard-page';
import { startWebHostProcess, type WebHostProcess } from './support/web-host-process';

const PRINTER_ID = 'usb-EPSON_TM-T20III_X6TF012345-if00-port0';
const SCANNER_ID = 'usb-Honeywell_Imaging___Mobility_1900-if00';

let dir: ReturnType<typeof makeTempDir>;
let townhall: Awaited<ReturnType<typeof startTurneroServer>>;
let printerPty: PtyPair;
let printer: SerialPrinterEmulator;
let scannerPty: PtyPair;
let scanner: SerialPort;
let kiosk: WebHostProcess | null = null;

async function scan(text: string): Promise<void> {
  await new Promise<void>((resolve, reject) =>
    scanner.write(`${text}\r\n`, (error) =>
      error ? reject(error) : scanner.drain(() => resolve()),
    ),
  );
}

/** The step's heading is up, the page passes axe, and its picture is taken. */
async function stepReady(page: Page, name: string, heading: string | RegExp): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
  await expectNoA11yViolations(page);
  await screenshotStep(page, test.info(), name);
}

/** The wizard's own "Siguiente", at the foot of the screen (the PIN keypad has one too). */
const next = (page: Page) =>
  page.locator('.setup-nav').getByRole('button', { name: 'Siguiente' }).click();

/** Taps `pin` on the PIN keypad. */
async function tapPin(page: Page, pin: string): Promise<void> {
  const keypad = page.getByRole('group', { name: 'Teclado del PIN' });
  for (const digit of pin) await keypad.getByRole('button', { name: digit, exact: true }).click();
}

test.beforeAll(async () => {
  dir = makeTempDir('e2e-setup');
  townhall = await startTurneroServer({ port: 0, seed: ONE_BOOKING_SEED, log: () => undefined });
  printerPty = await openPtyPair();
  printer = await openSerialPrinterEmulator(printerPty.devicePath, 19200);
  scannerPty = await openPtyPair();
  scanner = await new Promise<SerialPort>((resolve, reject) => {
    const port = new SerialPort({ path: scannerPty.devicePath, baudRate: 9600 }, (error) =>
      error ? reject(error) : resolve(port),
    );
  });
});

// Playwright needs the fixtures argument destructured even when no fixture is used.
// eslint-disable-next-line no-empty-pattern
test.afterEach(async ({}, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus) console.log(kiosk?.log());
  await kiosk?.stop();
  kiosk = null;
});

test.afterAll(async () => {
  if (scanner?.isOpen) await new Promise((resolve) => scanner.close(resolve));
  await printer?.close();
  await scannerPty?.close();
  await printerPty?.close();
  await townhall?.close();
  dir?.remove();
});

test('a new totem: the wizard from an empty data folder to the first printed ticket', async ({
  page,
}) => {
  // axe takes seconds per step on a busy machine, and there are eight of them.
  test.setTimeout(240_000);
  const root = join(dir.path, 'totem');
  const dev = join(root, 'dev');
  mkdirSync(join(dev, 'serial', 'by-id'), { recursive: true });
  symlinkSync(printerPty.appPath, join(dev, 'serial', 'by-id', PRINTER_ID));
  symlinkSync(scannerPty.appPath, join(dev, 'serial', 'by-id', SCANNER_ID));
  mkdirSync(join(root, 'etc'));
  writeFileSync(join(root, 'etc', 'escudo-ayuntamiento.png'), sampleLogoPng());
  const configFile = join(root, 'etc', 'kiosk.json');
  const dataDir = join(root, 'xdg-data', 'turnero');
  kiosk = await startWebHostProcess({
    configFile,
    env: { XDG_DATA_HOME: join(root, 'xdg-data'), TURNERO_DEVICE_ROOT: dev },
  });
  await page.goto(kiosk.url);

  // 1. Language.
  await expect(page.getByTestId('setup-progress')).toHaveText('Paso 1 de 7: Idioma');
  await page.getByRole('button', { name: 'Español' }).click();
  await stepReady(page, 'setup-1-language', '¿En qué idioma quiere el tótem?');
  await next(page);

  // 2. Server and enrolment, with a real one-time code from the town hall's back office.
  await expect(
    page.getByRole('heading', { level: 1, name: 'Servidor del ayuntamiento' }),
  ).toBeVisible();
  await page.getByLabel('Dirección del servidor').fill(townhall.url);
  await page.getByLabel('Identificador de la oficina').fill('e2e-sac');
  await page.getByLabel('Identificador de este tótem').fill('sac-1');
  await stepReady(page, 'setup-2-server', 'Servidor del ayuntamiento');
  const code = await townhall.admin.createEnrolmentCode({ kioskId: 'sac-1' });
  await page.getByLabel('Código de alta').fill(code);
  await page.getByRole('button', { name: 'Dar de alta el tótem' }).click();
  await expect(page.getByText('Tótem dado de alta')).toBeVisible();
  await expect(page.getByTestId('enrolled-site')).toHaveText(`${SITE_NAME} (e2e-sac)`);
  await expect(page.getByLabel('Código de alta')).toHaveCount(0);
  await expect(page.getByText(code)).toHaveCount(0);
  await stepReady(page, 'setup-2-server-enrolled', 'Servidor del ayuntamiento');
  await next(page);

  // 3. Printer: found by its by-id name, status read live, a test page.
  await expect(page.getByRole('radio', { name: PRINTER_ID })).toBeVisible();
  await page.getByRole('radio', { name: PRINTER_ID }).check();
  await page.getByRole('button', { name: 'Usar esta impresora' }).click();
  const status = page.getByTestId('printer-status').locator('strong');
  await expect(status).toHaveText('Lista');
  printer.script.status = 'paper-out';
  await expect(status).toHaveText('Sin papel');
  printer.script.status = 'ok';
  await expect(status).toHaveText('Lista');
  await page.getByRole('button', { name: 'Imprimir una página de prueba' }).click();
  await expect(page.getByTestId('test-page-sent')).toBeVisible();
  const testPage = await printer.waitForTicket(10_000);
  expect(testPage.text).toContain('Página de prueba de la impresora');
  await stepReady(page, 'setup-3-printer', 'Impresora de tiques');
  await next(page);

  // 4. Scanner: the serial one, then "scan anything".
  await page.getByRole('radio', { name: SCANNER_ID }).check();
  await page.getByRole('button', { name: 'Usar este lector' }).click();
  await expect(page.getByTestId('scan-test')).toBeVisible();
  await expect(page.getByTestId('scanner-link')).toHaveText('Lector conectado');
  await scan('https://ayto.example.es/cita?code=TRN-7K4P9Q');
  await expect(page.getByTestId('scan-form')).toHaveText('Dirección con un código de cita');
  await scan('TRN-7K4P9Q');
  await expect(page.getByTestId('scan-text')).toHaveText('TRN-7K4P9Q');
  await expect(page.getByTestId('scan-form')).toHaveText('Código de cita');
  await stepReady(page, 'setup-4-scanner', 'Lector de códigos');
  await next(page);

  // 5. Logo: previewed as printed, stored in the printer's NV memory.
  await page.getByRole('radio', { name: 'escudo-ayuntamiento.png' }).check();
  await page.getByRole('button', { name: 'Ver cómo se imprimirá' }).click();
  await expect(page.getByTestId('logo-preview')).toBeVisible();
  await page.getByRole('button', { name: 'Guardar en la impresora' }).click();
  await expect(page.getByTestId('logo-installed')).toBeVisible();
  await stepReady(page, 'setup-5-logo', 'Logotipo del ayuntamiento');
  await next(page);

  // 6. The technician PIN, typed twice on the technician mode's own keypad.
  await expect(page.getByRole('heading', { level: 1, name: 'PIN del técnico' })).toBeVisible();
  await tapPin(page, '402913');
  await page
    .getByRole('group', { name: 'Teclado del PIN' })
    .getByRole('button', { name: 'Siguiente' })
    .click();
  await tapPin(page, '402913');
  await page.getByRole('button', { name: 'Guardar el PIN' }).click();
  await expect(page.getByTestId('setup-pin-message')).toHaveText('PIN de técnico guardado.');
  await stepReady(page, 'setup-6-pin', 'PIN del técnico');
  await next(page);

  // 7. Summary, then the kiosk switches into service without a restart.
  const summary = page.getByTestId('setup-summary');
  await expect(summary).toContainText(SITE_NAME);
  await expect(summary).toContainText(PRINTER_ID);
  await expect(summary).toContainText('impresa');
  await expect(summary).toContainText('480 × 160 puntos');
  await expect(summary).toContainText('puesto');
  await stepReady(page, 'setup-7-summary', 'Todo listo');
  const pid = kiosk.child.pid;
  await page.getByRole('button', { name: 'Guardar y empezar a dar turnos' }).click();
  await expect(page.getByTestId('site-name')).toHaveText(SITE_NAME);
  await expect(
    page.getByRole('heading', { level: 1, name: 'Escanee el código QR de su cita' }),
  ).toBeVisible({ timeout: 20_000 });
  expect(kiosk.child.pid).toBe(pid);
  expect(kiosk.child.exitCode).toBeNull();
  expect(statSync(configFile).mode & 0o777).toBe(0o600);
  expect(existsSync(join(dataDir, 'credential'))).toBe(true);

  // The first ticket: a booking scanned on the serial scanner, printed on the serial printer.
  await scan('TRN-7K4P9Q');
  const ticket = await printer.waitForTicket(15_000);
  expect(ticket.text).toContain('E-001');
  expect(ticket.text).toContain('Certificado de empadronamiento');
  expect(ticket.nvLogos).toEqual(['TL']);
  await expect(page.getByTestId('turn-number')).toHaveText('E-001');
  await expect
    .poll(async () => (await townhall.admin.checkIns()).length, { timeout: 15_000 })
    .toBe(1);
});

test('a showroom: the demo is one tap away from the wizard', async ({ page }) => {
  const root = join(dir.path, 'showroom');
  mkdirSync(root);
  kiosk = await startWebHostProcess({
    entry: ['dist/demo/launch.mjs', 'web'],
    configFile: join(root, 'kiosk.json'),
    env: { XDG_DATA_HOME: join(root, 'xdg-data'), TURNERO_DEVICE_ROOT: join(root, 'dev') },
  });
  await page.goto(kiosk.url);
  await expect(page.getByTestId('setup-progress')).toHaveText('Paso 1 de 7: Idioma');
  await page.getByRole('button', { name: 'Probar la demostración' }).click();
  await expect(page.getByText('Reiniciando con la demostración…')).toBeVisible();
  // The launcher restarts the kiosk on the demo town hall; the open page reconnects by itself.
  await expect(page.getByTestId('site-name')).toHaveText('Ayuntamiento de Villanueva de la Peña', {
    timeout: 30_000,
  });
  await expect(
    page.getByRole('heading', { level: 1, name: 'Escanee el código QR de su cita' }),
  ).toBeVisible({ timeout: 20_000 });
  expect(existsSync(join(root, 'kiosk.json'))).toBe(false);
});
