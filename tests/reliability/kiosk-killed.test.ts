/**
 * The kiosk loses power, again and again, while citizens scan. The built kiosk runs as its own
 * process (real SQLite file, a socat pseudo-terminal as its serial scanner, a TCP printer
 * emulator) against the Turnero server; bookings are scanned at a steady pace while the kiosk is
 * SIGKILLed at random points (seeded) and started again on the same data dir. A scan that fell
 * into a dead moment is lost, as on a real kiosk: at the end every booking is scanned once more,
 * as its citizen would, and must get its ticket, or be told the number it already has.
 *
 * Promised, with the kiosk and the server up at the end: no number printed for two tickets,
 * every printed ticket at the town hall exactly once with its number, no booking with two
 * numbers, and a kiosk database that passes `PRAGMA integrity_check` as the last kill left it.
 */
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { loadSeed } from '../../server/seed';
import { startTurneroServer, type TurneroServer } from '../../server/server';
import { makeTempDir } from '../support/temp-dir';
import { startTcpPrinterEmulator, type TcpPrinterEmulator } from '../support/tcp-printer-emulator';
import { SITE_ID, writeBookingSeed } from './support/booking-seed';
import { inspectKioskDatabase } from './support/kiosk-database';
import { KioskProcess } from './support/kiosk-process';
import { auditLedger } from './support/ledger';
import { seededRandom } from './support/prng';
import { expectPromisesKept, ledgerFigures } from './support/promises';
import { openScannerDevice, type ScannerDevice } from './support/scanner-device';
import { rescanEveryCode, scanUnderFire } from './support/scan-under-fire';
import { reliabilitySettings as settings } from './support/settings';
import { reportFigures } from './support/summary';
import { waitForCount } from './support/town-hall-records';

let dir: ReturnType<typeof makeTempDir> | undefined;
let server: TurneroServer | undefined;
let printer: TcpPrinterEmulator | undefined;
let scanner: ScannerDevice | undefined;
let kiosk: KioskProcess | undefined;

afterAll(async () => {
  await kiosk?.kill();
  await scanner?.close();
  await printer?.close();
  await server?.close();
  dir?.remove();
});

it('a kiosk killed at random while bookings are scanned loses nothing and gives no number twice', async ({
  onTestFailed,
}) => {
  dir = makeTempDir('reliability-kiosk-killed');
  const bookings = writeBookingSeed(join(dir.path, 'seed.json'), settings.codes);
  server = await startTurneroServer({
    port: 0,
    seed: loadSeed(bookings.seedFile),
    dbFile: join(dir.path, 'townhall.sqlite'),
  });
  printer = await startTcpPrinterEmulator();
  scanner = await openScannerDevice();
  const kioskProcess = new KioskProcess({
    dir: dir.path,
    siteId: SITE_ID,
    apiBaseUrl: server.url,
    printerUri: printer.uri,
    scannerPath: scanner.kioskPath,
  });
  kiosk = kioskProcess;
  onTestFailed(() => console.log(kioskProcess.recentOutput()));
  await kioskProcess.start();
  const random = seededRandom(settings.seed);

  const fire = await scanUnderFire({
    codes: bookings.codes,
    scan: scanner.scan,
    paceMs: 200,
    victim: kioskProcess,
    random,
    minKills: settings.kills,
    lifeMs: [1000, 4000],
  });
  const rescan = await rescanEveryCode({
    codes: bookings.codes,
    scan: scanner.scan,
    kiosk: kioskProcess,
    papers: printer.tickets,
  });
  const numbered = [...rescan.answers.values()].filter((answer) => answer.number).length;
  const townhall = server;
  await waitForCount(() => townhall.admin.checkIns().length, numbered, 120_000);
  // The last stop is a power cut too: the file is checked as a crash leaves it.
  await kioskProcess.kill();

  const database = inspectKioskDatabase(kioskProcess.databaseFile);
  const ledger = auditLedger({
    bookings,
    papers: printer.tickets,
    confirmed: rescan.answers,
    kioskTickets: database.tickets,
    serverCheckIns: townhall.admin.checkIns(),
  });
  reportFigures('kiosk killed (SIGKILL, restarted on the same data dir)', {
    seed: random.seed,
    bookings: bookings.codes.length,
    'kiosk kills': fire.kills,
    scans: fire.scans + bookings.codes.length,
    'rescans that printed': [...rescan.answers.values()].filter((a) => a.outcome === 'issued')
      .length,
    ...ledgerFigures(ledger, database),
  });
  expectPromisesKept(ledger, database);
  expect(rescan.unprinted, 'tickets issued by a rescan that never printed').toEqual([]);
});
