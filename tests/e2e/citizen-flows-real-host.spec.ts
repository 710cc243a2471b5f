/**
 * The citizen flows against the REAL kiosk: the reference Turnero server with a seed, the built
 * web host as its own process (real SQLite, the real check-in and walk-in services), a TCP
 * printer emulator whose status the specs change, and the built renderer in Chromium. What the
 * fake host of citizen-flows.spec.ts cannot show: main's own refusals and their parameters, a
 * print that really failed, and a walk-in that really printed. One server and kiosk for the file.
 */
import { expect, test } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTurneroServer } from '../../server/server';
import { parseSeed } from '../../server/seed';
import { localDayText } from '../../src-renderer/i18n/error-message';
import { makeTempDir } from '../support/temp-dir';
import { startTcpPrinterEmulator, type TcpPrinterEmulator } from '../support/tcp-printer-emulator';
import { LANDSCAPE, PORTRAIT } from './support/browser';
import {
  decodeQr,
  expectInViewport,
  expectNoA11yViolations,
  LABELS,
  openKiosk,
  SMALL_PORTRAIT,
  tapKeys,
} from './support/citizen-flows-page';
import { startWebHostProcess, type WebHostProcess } from './support/web-host-process';

const BOOKING_URL = 'https://cita.villanueva.es/reservar';
const SESSION = { outcomeSeconds: 30, idleSeconds: 60, warningSeconds: 20 };

const SEED = parseSeed({
  site: { id: 'e2e-sac', name: 'Ayuntamiento de Villanueva de la Peña', timeZone: 'Europe/Madrid' },
  services: [
    {
      id: 'empadronamiento',
      prefix: 'E',
      names: { es: 'Certificado de empadronamiento', en: 'Certificate of registration' },
      walkInsAllowed: true,
    },
    {
      id: 'registro-general',
      prefix: 'R',
      names: { es: 'Registro general', en: 'General registry office' },
      walkInsAllowed: true,
      dailyCap: 1,
    },
    {
      id: 'padron',
      prefix: 'P',
      names: { es: 'Padrón: altas y cambios de domicilio', en: 'Municipal register' },
      walkInsAllowed: false,
    },
  ],
  appointments: [
    { code: 'TRN-7K4P9Q', serviceId: 'empadronamiento', offsetMinutes: 10 },
    { code: 'TRN-Q2W6NX', serviceId: 'empadronamiento', offsetMinutes: 30, status: 'cancelled' },
    { code: 'TRN-F4T8KM', serviceId: 'empadronamiento', day: '+1', time: '09:30' },
  ],
});

let dir: ReturnType<typeof makeTempDir>;
let townhall: Awaited<ReturnType<typeof startTurneroServer>>;
let printer: TcpPrinterEmulator;
let kiosk: WebHostProcess;

// A real kiosk process and server: first sync, printer polls and axe scans take a while.
test.describe.configure({ timeout: 120_000 });

test.beforeAll(async () => {
  dir = makeTempDir('e2e-citizen-flows');
  townhall = await startTurneroServer({ port: 0, seed: SEED });
  printer = await startTcpPrinterEmulator();
  const configFile = join(dir.path, 'kiosk.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      dataDir: join(dir.path, 'data'),
      siteId: 'e2e-sac',
      api: { baseUrl: townhall.url },
      printer: { transport: printer.uri, statusPollSeconds: 1 },
      citizen: { bookingUrl: BOOKING_URL, ...SESSION },
      walkIn: { priorityEnabled: true, showRemainingBelow: 5 },
    }),
  );
  kiosk = await startWebHostProcess({ configFile });
});

// Playwright needs the fixtures argument destructured even when no fixture is used.
// eslint-disable-next-line no-empty-pattern
test.afterEach(async ({}, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus) console.log(kiosk?.log());
  printer.script.status = 'ok';
});

test.afterAll(async () => {
  await kiosk?.stop();
  await printer?.close();
  await townhall?.close();
  dir?.remove();
});

test('a failed print: the number, main’s paperless QR, no reprint while out of paper, no reset unwarned', async ({
  page,
}) => {
  printer.script.status = 'paper-out';
  await page.clock.install();
  await openKiosk(page, kiosk.url, PORTRAIT, 'es');
  // Home knows before the citizen tries: the number will be on screen.
  await expect(page.getByTestId('printer-notice')).toBeVisible();
  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1000);

  await page.getByRole('button', { name: 'Tengo cita' }).click();
  await tapKeys(page, '7K4P9Q', 'es');
  await page.getByRole('button', { name: 'Aceptar' }).click();
  await expect(page.getByTestId('turn-number')).toHaveText('E-001');
  await expect(page.getByTestId('print-status')).toHaveText(
    'No se ha impreso el tique: la impresora se ha quedado sin papel.',
  );
  expect(await decodeQr(page.getByTestId('paperless').getByRole('img'))).toContain('E-001');
  await expect(page.getByRole('button', { name: 'Volver a imprimir' })).toHaveCount(0);
  expect(printer.tickets).toHaveLength(0);
  await expectNoA11yViolations(page, { pausedClock: true });

  await page.clock.runFor(SESSION.outcomeSeconds * 1000);
  await expect(page.getByRole('alertdialog', { name: '¿Necesita más tiempo?' })).toBeVisible();
  await expect(page.getByTestId('turn-number')).toHaveText('E-001');
  await page.getByRole('button', { name: 'Sí, necesito más tiempo' }).click();
  await page.getByRole('button', { name: 'Ya tengo mi número' }).click();
  await expect(page.getByTestId('screen-home')).toBeVisible();
  // The ticket is committed and reported although it did not print.
  await expect
    .poll(async () => (await townhall.admin.checkIns()).map((c) => c.ticketNumber))
    .toEqual(['E-001']);
});

test('main’s refusals end in a next step, with their parameters (es, 1080×1920)', async ({
  page,
}) => {
  await openKiosk(page, kiosk.url, PORTRAIT, 'es');
  const attempt = async (code: string) => {
    await page.getByRole('button', { name: 'Tengo cita' }).click();
    await tapKeys(page, code, 'es');
    await page.getByRole('button', { name: 'Aceptar' }).click();
    await expect(page.getByTestId('screen-error')).toBeVisible();
  };

  await attempt('Q2W6NX');
  await expect(page.getByRole('heading', { level: 1, name: 'Su cita está anulada' })).toBeVisible();
  await expect(page.getByTestId('booking-url')).toHaveText(BOOKING_URL);
  await expect(page.getByTestId('primary-action')).toHaveText('Sacar turno sin cita');
  await expectInViewport(page, page.getByTestId('primary-action'));
  await expectNoA11yViolations(page);
  await page.getByRole('button', { name: 'Volver al inicio' }).click();

  await attempt('F4T8KM');
  await expect(page.getByRole('heading', { level: 1, name: 'Su cita no es hoy' })).toBeVisible();
  const tomorrow = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Madrid' }).format(
    new Date(Date.now() + 24 * 3600 * 1000),
  );
  await expect(page.getByTestId('appointment-day')).toContainText(localDayText(tomorrow, 'es'));
  await expect(page.getByTestId('primary-action')).toHaveText('Sacar turno sin cita');
  await page.getByTestId('primary-action').click();
  await expect(page.getByTestId('screen-walk-in')).toBeVisible();
  await page.getByRole('button', { name: 'Volver' }).click();

  await attempt('ZZZZZZ');
  await expect(
    page.getByRole('heading', { level: 1, name: 'No encontramos su cita' }),
  ).toBeVisible();
  await expect(page.getByTestId('primary-action')).toHaveText('Escribir el código');
  await page.getByTestId('primary-action').click();
  await expect(page.getByTestId('screen-code-entry')).toBeVisible();
});

test('main’s refusals in English, on the other two screen shapes', async ({ page }) => {
  for (const size of [LANDSCAPE, SMALL_PORTRAIT]) {
    await openKiosk(page, kiosk.url, size, 'en');
    await page.getByRole('button', { name: LABELS.en.haveAppointment }).click();
    await tapKeys(page, 'Q2W6NX', 'en');
    await page.getByRole('button', { name: LABELS.en.accept }).click();
    await expect(
      page.getByRole('heading', { level: 1, name: 'Your appointment is cancelled' }),
    ).toBeVisible();
    const primary = page.getByTestId('primary-action');
    await expect(primary).toHaveText(LABELS.en.takeTicket);
    await expectInViewport(page, primary);
    await expect(page.getByTestId('booking-url')).toBeVisible();
  }
  await expectNoA11yViolations(page);
});

test('a walk-in printed end to end, then the service’s cap reached, and an appointment-only service', async ({
  page,
}) => {
  await openKiosk(page, kiosk.url, PORTRAIT, 'es');
  await page.getByRole('button', { name: 'Sin cita' }).click();
  await expect(page.getByTestId('screen-walk-in')).toBeVisible();
  await expect(page.getByRole('button', { name: /Registro general/ })).toContainText(
    'quedan hoy: 1',
  );
  await expect(page.getByTestId('appointment-only')).toContainText(
    'Padrón: altas y cambios de domicilio',
  );
  expect(await decodeQr(page.getByTestId('appointment-only').getByRole('img'))).toBe(BOOKING_URL);
  await page.getByRole('button', { name: /Registro general/ }).click();
  await page.getByRole('button', { name: 'No, turno normal' }).click();

  await expect(page.getByTestId('turn-number')).toHaveText('R-001');
  const ticket = await printer.waitForTicket(15_000);
  expect(ticket.text).toContain('R-001');
  expect(ticket.text).toContain('Registro general');
  await expect(page.getByTestId('print-status')).toHaveText('Recoja su tique impreso.');
  await page.getByRole('button', { name: 'Terminar' }).click();

  // Its one ticket of the day is gone: the button says so and cannot be pressed.
  await page.getByRole('button', { name: 'Sin cita' }).click();
  const spent = page.getByRole('button', { name: /Registro general/ });
  await expect(spent).toBeDisabled();
  await expect(spent).toContainText('Hoy ya no quedan turnos para este trámite.');
  await expectNoA11yViolations(page);
});
