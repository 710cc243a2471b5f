/**
 * One honest check-in through every layer, on real parts: the reference town hall API with a
 * seed, the built web host as its own process (real SQLite), a socat pseudo-terminal as the
 * serial scanner, a TCP printer emulator, and the built renderer in Debian's Chromium.
 */
import { expect, test, type Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { startTurneroServer } from '../../server/server';
import { parseSeed } from '../../server/seed';
import { openPtyPair, type PtyPair } from '../support/pty-pair';
import { makeTempDir } from '../support/temp-dir';
import { startTcpPrinterEmulator, type TcpPrinterEmulator } from '../support/tcp-printer-emulator';
import { startWebHostProcess, type WebHostProcess } from './support/web-host-process';

const SEED = parseSeed({
  site: { id: 'e2e-sac', name: 'Ayuntamiento de Villanueva de la Peña', timeZone: 'Europe/Madrid' },
  services: [
    {
      id: 'empadronamiento',
      prefix: 'E',
      names: { es: 'Certificado de empadronamiento', en: 'Certificate of registration' },
      walkInsAllowed: true,
    },
  ],
  appointments: [
    { code: 'TRN-7K4P9Q', serviceId: 'empadronamiento', offsetMinutes: 10 },
    { code: 'TRN-8M2N4R', serviceId: 'empadronamiento', offsetMinutes: 20 },
  ],
});

let dir: ReturnType<typeof makeTempDir>;
let townhall: Awaited<ReturnType<typeof startTurneroServer>>;
let printer: TcpPrinterEmulator;
let scannerPty: PtyPair;
let kiosk: WebHostProcess;

/** The scanner's end of the pseudo-terminal, kept open for the whole file like a plugged device. */
let scannerDevice: SerialPort;

async function scan(code: string): Promise<void> {
  await new Promise<void>((resolve, reject) =>
    scannerDevice.write(`${code}\r\n`, (error) =>
      error ? reject(error) : scannerDevice.drain(() => resolve()),
    ),
  );
}
/** Opens the kiosk page and waits until it is connected (it shows the site name from main). */
async function openKiosk(page: Page): Promise<void> {
  await page.goto(kiosk.url);
  await expect(page.getByTestId('site-name')).toHaveText('Ayuntamiento de Villanueva de la Peña');
}

test.beforeAll(async () => {
  dir = makeTempDir('e2e');
  townhall = await startTurneroServer({ port: 0, seed: SEED });
  printer = await startTcpPrinterEmulator();
  scannerPty = await openPtyPair();
  const configFile = join(dir.path, 'kiosk.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      dataDir: join(dir.path, 'data'),
      siteId: 'e2e-sac',
      kioskId: 'sac-1',
      api: { baseUrl: townhall.url, pollSeconds: 5 },
      printer: { transport: printer.uri, paperWidth: 80, codePage: 'PC858' },
      scanner: { transport: `serial:${scannerPty.appPath}?baud=9600` },
    }),
  );
  kiosk = await startWebHostProcess({ configFile });
  scannerDevice = await new Promise<SerialPort>((resolve, reject) => {
    const port = new SerialPort({ path: scannerPty.devicePath, baudRate: 9600 }, (error) =>
      error ? reject(error) : resolve(port),
    );
  });
});

// Playwright needs the fixtures argument destructured even when no fixture is used.
// eslint-disable-next-line no-empty-pattern
test.afterEach(async ({}, testInfo) => {
  // The web host's own log is the first thing to read when an end-to-end test fails.
  if (testInfo.status !== testInfo.expectedStatus) console.log(kiosk?.log());
});

test.afterAll(async () => {
  if (scannerDevice?.isOpen) await new Promise((resolve) => scannerDevice.close(resolve));
  await kiosk?.stop();
  await scannerPty?.close();
  await printer?.close();
  await townhall?.close();
  dir?.remove();
});

test('a scan on the serial scanner prints the turn shown on screen, accents intact', async ({
  page,
}) => {
  await openKiosk(page);

  await scan('TRN-7K4P9Q');

  const ticket = await printer.waitForTicket(15_000);
  const printedNumber = /\b(E-\d{3})\b/.exec(ticket.text)?.[1];
  expect(printedNumber).toBe('E-001');
  expect(ticket.text).toContain('Ayuntamiento de Villanueva de la Peña');
  expect(ticket.text).toContain('Certificado de empadronamiento');
  expect(ticket.text).toContain('Emitido');
  expect(ticket.cuts).toBeGreaterThanOrEqual(1);
  await expect(page.getByText(printedNumber as string, { exact: true }).first()).toBeVisible();

  // The town hall hears of the check-in once, keyed by the ticket id.
  await expect
    .poll(async () => (await townhall.admin.checkIns()).length, { timeout: 15_000 })
    .toBe(1);
  expect((await townhall.admin.checkIns())[0]).toMatchObject({
    ticketNumber: 'E-001',
    kioskId: 'sac-1',
  });
});

test('an unknown code and a garbage scan get a clear message and print nothing', async ({
  page,
}) => {
  await openKiosk(page);
  const printedBefore = printer.tickets.length;
  const message = page.getByTestId('error-message');

  await scan('TRN-ZZZZZZ');
  await expect(message).toHaveText(/No encontramos ninguna cita con ese código/);

  await scan('\u0001\u0002<script>alert(1)</script>');
  await expect(message).toHaveText(/No reconocemos ese código/);
  await expect(page.locator('script:not([src])')).toHaveCount(0);

  expect(printer.tickets.length).toBe(printedBefore);
});

test('scanning the same booking again shows the same turn and prints no second ticket', async ({
  page,
}) => {
  await openKiosk(page);
  await scan('TRN-8M2N4R');
  const first = await printer.waitForTicket(15_000);
  const number = /\b(E-\d{3})\b/.exec(first.text)?.[1] as string;
  await expect(page.getByTestId('turn-number')).toHaveText(number);
  const printedAfterFirst = printer.tickets.length;

  // Another case and spacing, so the scanner's repeat filter does not hide the second scan.
  await scan('trn 8m2n4r');
  await expect(page.getByTestId('screen-result')).toContainText(/Ya/i);
  await expect(page.getByTestId('turn-number')).toHaveText(number);
  // The kiosk prints before it answers, so a wrongly printed second ticket would be here by now.
  expect(printer.tickets.length).toBe(printedAfterFirst);
  await expect
    .poll(
      async () => (await townhall.admin.checkIns()).filter((c) => c.ticketNumber === number).length,
    )
    .toBe(1);
});
