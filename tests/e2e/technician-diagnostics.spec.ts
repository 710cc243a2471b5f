/**
 * The technician's diagnostics and statistics panels end to end: the real web host process, real
 * SQLite, the reference API, a TCP printer emulator out of paper, the built renderer in Chromium,
 * and the technician mode opened with its PIN. What a technician sees of a paper-out printer and a
 * refused scan, the CSV they download, the redacted log bundle, and axe on both panels.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTurneroServer } from '../../server/server';
import { makeTempDir } from '../support/temp-dir';
import { startTcpPrinterEmulator, type TcpPrinterEmulator } from '../support/tcp-printer-emulator';
import { tapOnScreenKeys, typeBookingCode } from './support/kiosk-page';
import { ONE_BOOKING_SEED, SITE_NAME } from './support/one-booking-seed';
import { screenshotStep } from './support/setup-wizard-page';
import { openTechnicianMode, setTechnicianPin } from './support/technician-page';
import { startWebHostProcess, type WebHostProcess } from './support/web-host-process';

let dir: ReturnType<typeof makeTempDir>;
let townhall: Awaited<ReturnType<typeof startTurneroServer>>;
let printer: TcpPrinterEmulator;
let kiosk: WebHostProcess;
/** The site-local day the kiosk counts in (the page's time zone is the site's). */
let today: string;

test.beforeAll(async () => {
  dir = makeTempDir('e2e-diagnostics');
  townhall = await startTurneroServer({ port: 0, seed: ONE_BOOKING_SEED });
  printer = await startTcpPrinterEmulator({ status: 'paper-out' });
  const dataDir = join(dir.path, 'data');
  await setTechnicianPin(dataDir);
  const configFile = join(dir.path, 'kiosk.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      dataDir,
      siteId: 'e2e-sac',
      api: { baseUrl: townhall.url },
      printer: { transport: printer.uri, statusPollSeconds: 1 },
    }),
  );
  kiosk = await startWebHostProcess({ configFile });
  today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Madrid' }).format(new Date());
});

test.afterEach(async ({ page }, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus) console.log(kiosk?.log());
  // Each test opens its own technician session.
  await page.evaluate(() => window.turnero?.invoke('tech:session-end', { reason: 'exit' }));
});

test.afterAll(async () => {
  await kiosk?.stop();
  await printer?.close();
  await townhall?.close();
  dir?.remove();
});

/** axe (WCAG 2.1 A and AA) on the technician panel now on screen: no violation at all. */
async function expectNoViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .include('[data-testid="technician-mode"]')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  expect(
    results.violations.map(
      (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(', ')}`,
    ),
  ).toEqual([]);
}

/** The kiosk page at its citizen home, then the technician mode opened on it. */
async function openKioskAsTechnician(page: Page): Promise<void> {
  await page.goto(kiosk.url);
  await expect(page.getByTestId('site-name')).toHaveText(SITE_NAME);
  await openTechnicianMode(page);
}

test.describe.configure({ mode: 'serial' });

test('a paper-out printer and a refused scan, as the diagnostics panel shows them', async ({
  page,
}, testInfo) => {
  await page.goto(kiosk.url);
  await expect(page.getByTestId('site-name')).toHaveText(SITE_NAME);
  await typeBookingCode(page, 'TRN7K4P9Q');
  await expect(page.getByTestId('turn-number')).toHaveText('E-001');
  // Out of paper: the number stays on screen until the citizen says they have it.
  await page.getByRole('button', { name: 'Ya tengo mi número' }).click();
  // A booking code the town hall does not have: refused, and counted by its reason.
  await page.getByRole('button', { name: 'Tengo cita' }).click();
  await tapOnScreenKeys(page, 'TRNZZZZZZ');
  await page.getByRole('button', { name: 'Aceptar' }).click();
  await expect(page.getByTestId('error-message')).toContainText(
    'No encontramos ninguna cita con ese código.',
  );
  await page.getByRole('button', { name: 'Volver al inicio' }).click();

  await openTechnicianMode(page);
  const panel = page.getByTestId('technician-panel-diagnostics');
  await expect(panel.getByTestId('printer-state')).toHaveText('Sin papel');
  await expect(panel.getByTestId('diagnostics-printer')).toHaveAttribute('data-tone', 'fault');
  await expect(panel.getByTestId('printer-last-error')).toContainText('Sin papel');
  await expect(panel.getByTestId('sync-connectivity')).toHaveText('En línea');
  await expect(panel.getByTestId('sync-outbox')).toHaveText('Ninguno');
  await expect(panel.getByTestId('tickets-since-change')).toContainText('0');

  // The paper is back: the test page prints and is counted on the roll, and the reprint of
  // today's last ticket prints E-001 again.
  printer.script.status = 'ok';
  await expect(panel.getByTestId('printer-state')).toHaveText('Preparada');
  await panel.getByRole('button', { name: 'He cambiado el papel' }).click();
  await expect(panel.getByTestId('printer-outcome')).toHaveText(
    'Contador de papel a cero: rollo nuevo.',
  );
  await panel.getByRole('button', { name: 'Imprimir página de prueba' }).click();
  await expect(panel.getByTestId('printer-outcome')).toHaveText('Página de prueba impresa.');
  expect((await printer.waitForTicket(10_000)).text).toContain('kiosk-1');
  await panel.getByRole('button', { name: 'Reimprimir el último tique de hoy' }).click();
  await expect(panel.getByTestId('printer-outcome')).toHaveText(
    'Tique E-001 reimpreso, con su mismo número.',
  );
  expect((await printer.waitForTicket(10_000)).text).toContain('E-001');
  await expect(panel.getByTestId('tickets-since-change')).toContainText('1 (papel cambiado');

  await expectNoViolations(page);
  await screenshotStep(page, testInfo, 'technician-diagnostics');
});

test('the statistics count the ticket, the refusal and the fault, and their CSV has the rows', async ({
  page,
}, testInfo) => {
  await openKioskAsTechnician(page);
  await page.getByRole('button', { name: 'Estadísticas' }).click();
  const panel = page.getByTestId('technician-panel-statistics');
  await expect(panel.getByTestId('total-tickets')).toHaveText('1');
  await expect(panel.getByTestId('total-withAppointment')).toHaveText('1');
  await expect(panel.getByTestId('total-refused')).toHaveText('1');
  await expect(panel.getByTestId('total-printerFaults')).toHaveText('1');
  await expect(panel.getByTestId('table-refusals')).toContainText('Reserva no encontrada');
  await expect(panel.getByTestId('table-faults')).toContainText('Sin papel');
  await expect(panel.getByTestId('table-by-service')).toContainText(
    'Certificado de empadronamiento',
  );
  await expect(panel.getByTestId('chart-by-hour').locator('canvas')).toHaveCount(1);
  await expectNoViolations(page);

  await panel.getByRole('button', { name: /Últimos \d+ días/ }).click();
  await expect(panel.getByTestId('chart-by-day').locator('canvas')).toHaveCount(1);
  await expectNoViolations(page);
  await screenshotStep(page, testInfo, 'technician-statistics');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    panel.getByRole('button', { name: 'Descargar CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^turnero-estadisticas-\d{4}-\d{2}-\d{2}-/);
  const csv = readFileSync(await download.path(), 'utf8').split('\r\n');
  expect(csv[0]).toBe('day,measure,category,count');
  expect(csv).toEqual(
    expect.arrayContaining([
      `${today},tickets,total,1`,
      `${today},tickets,with-appointment,1`,
      `${today},tickets,walk-in,0`,
      `${today},service,empadronamiento,1`,
      `${today},refused,booking-not-found,1`,
      `${today},printer-fault,paper-out,1`,
    ]),
  );
  expect(csv.join('\n')).not.toMatch(/TRN|7K4P9Q|ZZZZZZ/);
});

test('the log bundle downloads from the page, without the booking codes typed', async ({
  page,
}) => {
  await openKioskAsTechnician(page);
  const panel = page.getByTestId('technician-panel-diagnostics');
  await expect(panel.getByTestId('usb-volume')).toContainText('Ninguna');
  await expect(panel.getByRole('button', { name: 'Copiar los registros al USB' })).toBeDisabled();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    panel.getByRole('button', { name: 'Descargar los registros' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^turnero-logs-kiosk-1-\d{8}T\d{6}Z\.tar\.gz$/);
  const archive = await download.path();
  const listed = spawnSync('tar', ['-tzf', archive], { encoding: 'utf8' });
  expect(listed.stdout.split('\n')).toEqual(
    expect.arrayContaining(['logs/turnero.log', 'diagnostics.json']),
  );
  const contents = spawnSync('tar', ['-xzOf', archive], { encoding: 'utf8' }).stdout;
  expect(contents).toContain('printer: paper-out');
  expect(contents).not.toMatch(/7K4P9Q|ZZZZZZ/);
  await expect(panel.getByTestId('logs-outcome')).toHaveText('Descarga iniciada.');
});
