/**
 * The town hall refuses the kiosk's credential for a while (401), then accepts it again, and
 * the check-ins issued meanwhile must all arrive, once each.
 *
 * The reference server can revoke a credential (enrolling the same kiosk id again replaces it)
 * but cannot restore one, so the window is made as an operator would make it: the server is
 * restarted with `--auth required` (a credential this kiosk does not have is now needed: every
 * request is answered 401), and after the window restarted back with `--auth optional`. The
 * kiosk stays up, issues and prints tickets from its cache and leases, and keeps its outbox.
 *
 * Window length: `TURNERO_RELIABILITY_REVOKE_SECONDS` (default 60, the CI setting). NIGHTLY runs
 * it with 1800 (30 minutes). Known limit, today: the kiosk sets an outbox row aside after 12
 * answered failures (MAX_ANSWERED_ATTEMPTS in src-main/sync/sync-engine.ts; about 9–19 minutes
 * with the backoff), and a 401 is an answered failure: at 30 minutes the rows of the window are
 * closed as `gave-up` and never delivered, so the nightly setting FAILS here, for that real
 * reason, until the kiosk stops giving up on rows refused for authentication.
 */
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { API_BASE_PATH } from '../../src-shared/contract/townhall-api';
import { makeTempDir } from '../support/temp-dir';
import { startTcpPrinterEmulator, type TcpPrinterEmulator } from '../support/tcp-printer-emulator';
import { SITE_ID, writeBookingSeed } from './support/booking-seed';
import { freePort } from './support/child-process';
import { inspectKioskDatabase } from './support/kiosk-database';
import { KioskProcess } from './support/kiosk-process';
import { auditLedger } from './support/ledger';
import { expectPromisesKept, ledgerFigures } from './support/promises';
import { openScannerDevice, type ScannerDevice } from './support/scanner-device';
import { rescanEveryCode } from './support/scan-under-fire';
import { ServerProcess } from './support/server-process';
import { reliabilitySettings as settings } from './support/settings';
import { reportFigures } from './support/summary';
import { checkedInToday, storedCheckIns, waitForCount } from './support/town-hall-records';

/** Bookings checked in before the window, during it, and after it. */
const BEFORE = 10;
const DURING = 100;
const AFTER = 10;
/** Longest push backoff (5 min) and a margin: the first retry after the window may wait that. */
const DELIVERY_TIMEOUT_MS = 330_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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

it(`check-ins issued while the credential is refused (${settings.revokeSeconds} s of 401) all arrive once it is accepted again`, async ({
  onTestFailed,
}) => {
  dir = makeTempDir('reliability-credential');
  const bookings = writeBookingSeed(join(dir.path, 'seed.json'), BEFORE + DURING + AFTER);
  const dbFile = join(dir.path, 'townhall.sqlite');
  const townhall = new ServerProcess({
    port: await freePort(),
    seedFile: bookings.seedFile,
    dbFile,
  });
  server = townhall;
  await townhall.start('optional');
  const tickets = await startTcpPrinterEmulator();
  printer = tickets;
  const device = await openScannerDevice();
  scanner = device;
  const kioskProcess = new KioskProcess({
    dir: dir.path,
    siteId: SITE_ID,
    apiBaseUrl: townhall.url,
    printerUri: tickets.uri,
    scannerPath: device.kioskPath,
  });
  kiosk = kioskProcess;
  onTestFailed(() => console.log(`${kioskProcess.recentOutput()}\n${townhall.recentOutput()}`));
  await kioskProcess.start();
  const before = bookings.codes.slice(0, BEFORE);
  const during = bookings.codes.slice(BEFORE, BEFORE + DURING);
  const after = bookings.codes.slice(BEFORE + DURING);
  const scanAll = async (codes: readonly string[], paceMs: number) => {
    for (const code of codes) {
      await device.scan(code);
      await sleep(paceMs);
    }
  };

  await scanAll(before, 300);
  await waitForCount(() => checkedInToday(townhall.url), BEFORE, 60_000);

  // The window: the same server, now requiring a credential the kiosk does not have.
  await townhall.stop();
  await townhall.start('required');
  const refused = await fetch(`${townhall.url}${API_BASE_PATH}/sites/${SITE_ID}`);
  expect(refused.status, 'the server refuses the kiosk during the window').toBe(401);
  const windowMs = settings.revokeSeconds * 1000;
  const windowStart = Date.now();
  await scanAll(during, windowMs / DURING);
  await sleep(Math.max(0, windowStart + windowMs - Date.now()));
  await townhall.stop();
  const arrivedDuringWindow = (await storedCheckIns(dbFile)).length;

  // Restored: the kiosk's requests are accepted again.
  await townhall.start('optional');
  const restoredAt = Date.now();
  await scanAll(after, 300);
  const rescan = await rescanEveryCode({
    codes: bookings.codes,
    scan: device.scan,
    kiosk: kioskProcess,
    papers: tickets.tickets,
  });
  const numbered = [...rescan.answers.values()].filter((answer) => answer.number).length;
  await waitForCount(() => checkedInToday(townhall.url), numbered, DELIVERY_TIMEOUT_MS);
  const deliveredAfterSeconds = Math.round((Date.now() - restoredAt) / 1000);
  await townhall.stop();
  await kioskProcess.stop();

  const database = inspectKioskDatabase(kioskProcess.databaseFile);
  const ledger = auditLedger({
    bookings,
    papers: tickets.tickets,
    confirmed: rescan.answers,
    kioskTickets: database.tickets,
    serverCheckIns: await storedCheckIns(dbFile),
  });
  reportFigures(`credential refused for ${settings.revokeSeconds} s (401), then restored`, {
    'check-ins before the window': BEFORE,
    'check-ins during the window': DURING,
    'arrived during the window': arrivedDuringWindow - BEFORE,
    'check-ins after the window': AFTER,
    'all delivered after (s)': deliveredAfterSeconds,
    ...ledgerFigures(ledger, database),
  });
  // Nothing of the window got through while the credential was refused: the window was real.
  expect(arrivedDuringWindow, 'check-ins the town hall had when the window closed').toBe(BEFORE);
  expectPromisesKept(ledger, database);
  expect(ledger.acknowledged, 'bookings that got their printed ticket').toBe(bookings.codes.length);
});
