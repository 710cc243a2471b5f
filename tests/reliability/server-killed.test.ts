/**
 * The town hall's server crashes, again and again, while citizens scan. The Turnero server runs
 * as its own process on one SQLite file and is SIGKILLed at random points (seeded) and started
 * again on the same file and port; the built kiosk stays up throughout, serving from its cache,
 * numbering from its leases and its reserved range, and delivering its outbox whenever the
 * server is there.
 *
 * Promised: every citizen gets a ticket at the first scan; once the server stays up, every
 * ticket reaches it exactly once with its printed number (0 lost); no number twice; no booking
 * with two numbers; the kiosk's database intact.
 */
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { makeTempDir } from '../support/temp-dir';
import { startTcpPrinterEmulator, type TcpPrinterEmulator } from '../support/tcp-printer-emulator';
import { SITE_ID, writeBookingSeed } from './support/booking-seed';
import { freePort } from './support/child-process';
import { inspectKioskDatabase } from './support/kiosk-database';
import { KioskProcess } from './support/kiosk-process';
import { auditLedger } from './support/ledger';
import { seededRandom } from './support/prng';
import { expectPromisesKept, ledgerFigures } from './support/promises';
import { openScannerDevice, type ScannerDevice } from './support/scanner-device';
import { rescanEveryCode, scanUnderFire } from './support/scan-under-fire';
import { ServerProcess } from './support/server-process';
import { reliabilitySettings as settings } from './support/settings';
import { reportFigures } from './support/summary';
import { checkedInToday, storedCheckIns, waitForCount } from './support/town-hall-records';

let dir: ReturnType<typeof makeTempDir> | undefined;
let server: ServerProcess | undefined;
let printer: TcpPrinterEmulator | undefined;
let scanner: ScannerDevice | undefined;
let kiosk: KioskProcess | undefined;

afterAll(async () => {
  await kiosk?.kill();
  await server?.kill();
  await scanner?.close();
  await printer?.close();
  dir?.remove();
});

it('a server killed at random while bookings are scanned loses no check-in and gives no number twice', async ({
  onTestFailed,
}) => {
  dir = makeTempDir('reliability-server-killed');
  const bookings = writeBookingSeed(join(dir.path, 'seed.json'), settings.codes);
  const dbFile = join(dir.path, 'townhall.sqlite');
  const townhall = new ServerProcess({
    port: await freePort(),
    seedFile: bookings.seedFile,
    dbFile,
  });
  server = townhall;
  await townhall.start();
  printer = await startTcpPrinterEmulator();
  scanner = await openScannerDevice();
  const kioskProcess = new KioskProcess({
    dir: dir.path,
    siteId: SITE_ID,
    apiBaseUrl: townhall.url,
    printerUri: printer.uri,
    scannerPath: scanner.kioskPath,
  });
  kiosk = kioskProcess;
  onTestFailed(() => console.log(`${kioskProcess.recentOutput()}\n${townhall.recentOutput()}`));
  await kioskProcess.start();
  const random = seededRandom(settings.seed + 1);

  const fire = await scanUnderFire({
    codes: bookings.codes,
    scan: scanner.scan,
    paceMs: 200,
    victim: townhall,
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
  const answers = [...rescan.answers.values()];
  const numbered = answers.filter((answer) => answer.number).length;
  const issuedOnRescan = answers.filter((answer) => answer.outcome === 'issued').length;
  await waitForCount(() => checkedInToday(townhall.url), numbered, 180_000);
  await townhall.stop();
  await kioskProcess.stop();

  const database = inspectKioskDatabase(kioskProcess.databaseFile);
  const ledger = auditLedger({
    bookings,
    papers: printer.tickets,
    confirmed: rescan.answers,
    kioskTickets: database.tickets,
    serverCheckIns: await storedCheckIns(dbFile),
  });
  reportFigures('server killed (SIGKILL, restarted on the same database)', {
    seed: random.seed,
    bookings: bookings.codes.length,
    'server kills': fire.kills,
    scans: fire.scans + bookings.codes.length,
    'tickets issued on rescan': issuedOnRescan,
    ...ledgerFigures(ledger, database),
  });
  expectPromisesKept(ledger, database);
  // The kiosk never went down: each citizen had a ticket from the first scan.
  expect(issuedOnRescan, 'bookings that had no ticket until the final rescan').toBe(0);
  expect(rescan.unprinted, 'tickets issued by a rescan that never printed').toEqual([]);
});
