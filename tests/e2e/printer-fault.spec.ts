/**
 * Paper out at the totem, end to end: the ticket is committed and shown with the reason, the
 * one reprint prints it once the paper is back, and the town hall hears of it exactly once.
 * Real web host process, real SQLite, the reference API, a TCP printer emulator that answers
 * DLE EOT status with a scripted state, and the built renderer in Chromium.
 */
import { expect, test } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTurneroServer } from '../../server/server';
import { makeTempDir } from '../support/temp-dir';
import { startTcpPrinterEmulator, type TcpPrinterEmulator } from '../support/tcp-printer-emulator';
import { typeBookingCode } from './support/kiosk-page';
import { ONE_BOOKING_SEED, SITE_NAME } from './support/one-booking-seed';
import { startWebHostProcess, type WebHostProcess } from './support/web-host-process';

let dir: ReturnType<typeof makeTempDir>;
let townhall: Awaited<ReturnType<typeof startTurneroServer>>;
let printer: TcpPrinterEmulator;
let kiosk: WebHostProcess;

test.beforeAll(async () => {
  dir = makeTempDir('e2e-fault');
  townhall = await startTurneroServer({ port: 0, seed: ONE_BOOKING_SEED });
  printer = await startTcpPrinterEmulator({ status: 'paper-out' });
  const configFile = join(dir.path, 'kiosk.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      dataDir: join(dir.path, 'data'),
      siteId: 'e2e-sac',
      api: { baseUrl: townhall.url },
      printer: { transport: printer.uri, statusPollSeconds: 1 },
    }),
  );
  kiosk = await startWebHostProcess({ configFile });
});

// Playwright needs the fixtures argument destructured even when no fixture is used.
// eslint-disable-next-line no-empty-pattern
test.afterEach(async ({}, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus) console.log(kiosk?.log());
});

test.afterAll(async () => {
  await kiosk?.stop();
  await printer?.close();
  await townhall?.close();
  dir?.remove();
});

test('paper out: the number is shown with the reason, and the one reprint prints it once the paper is back', async ({
  page,
}) => {
  await page.goto(kiosk.url);
  await expect(page.getByTestId('site-name')).toHaveText(SITE_NAME);

  await typeBookingCode(page, 'TRN7K4P9Q');
  await expect(page.getByTestId('turn-number')).toHaveText('E-001');
  await expect(page.getByTestId('print-status')).toHaveText(
    'No se ha impreso el tique: la impresora se ha quedado sin papel.',
  );
  expect(printer.tickets).toHaveLength(0);
  // The ticket is committed and reported although it did not print.
  await expect
    .poll(async () => (await townhall.admin.checkIns()).map((c) => c.ticketNumber))
    .toEqual(['E-001']);

  // No reprint is offered while the printer is out of paper; it is once the paper is back.
  await expect(page.getByRole('button', { name: 'Volver a imprimir' })).toHaveCount(0);
  printer.script.status = 'ok';
  await page.getByRole('button', { name: 'Volver a imprimir' }).click();
  const ticket = await printer.waitForTicket(15_000);
  expect(ticket.text).toContain('E-001');
  expect(ticket.text).toContain('Certificado de empadronamiento');
  await expect(page.getByTestId('print-status')).toHaveText('Recoja su tique impreso.');
  await expect(page.getByRole('button', { name: 'Volver a imprimir' })).toHaveCount(0);
  expect(printer.tickets).toHaveLength(1);
  expect(await townhall.admin.checkIns()).toHaveLength(1);
});
