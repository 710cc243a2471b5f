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
import { afterAll, expect, it } from 'vitest';
import { API_BASE_PATH } from '../../src-shared/contract/townhall-api';
import { SITE_ID } from './support/booking-seed';
import { KioskRig, numberedAnswers } from './support/kiosk-rig';
import { expectPromisesKept, ledgerFigures } from './support/promises';
import { rescanEveryCode } from './support/scan-under-fire';
import {
  reliabilitySettings as settings,
  reliabilityTimeouts as timeouts,
} from './support/settings';
import { reportFigures } from './support/summary';
import { checkedInToday, storedCheckIns, waitForCount } from './support/town-hall-records';

/** Bookings checked in before the window, during it, and after it. */
const BEFORE = 10;
const DURING = 100;
const AFTER = 10;
/** Longest push backoff (5 min) and a margin: the first retry after the window may wait that. */
const DELIVERY_TIMEOUT_MS = 330_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let rig: KioskRig | undefined;

afterAll(async () => {
  await rig?.close();
});

it(
  `check-ins issued while the credential is refused (${settings.revokeSeconds} s of 401) all arrive once it is accepted again`,
  async ({ onTestFailed }) => {
    const run = new KioskRig('credential', BEFORE + DURING + AFTER);
    rig = run;
    const dbFile = run.serverDbFile;
    onTestFailed(() => console.log(run.recentOutput()));
    const townhall = await run.serverProcess();
    await townhall.start('optional');
    const { printer, scanner, kiosk } = await run.start(townhall.url);
    const { codes } = run.bookings;
    const before = codes.slice(0, BEFORE);
    const during = codes.slice(BEFORE, BEFORE + DURING);
    const after = codes.slice(BEFORE + DURING);
    const scanAll = async (some: readonly string[], paceMs: number) => {
      for (const code of some) {
        await scanner.scan(code);
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
      codes,
      scan: scanner.scan,
      kiosk,
      papers: printer.tickets,
    });
    await waitForCount(
      () => checkedInToday(townhall.url),
      numberedAnswers(rescan.answers),
      DELIVERY_TIMEOUT_MS,
    );
    const waitedSeconds = Math.round((Date.now() - restoredAt) / 1000);
    await townhall.stop();
    await kiosk.stop();

    const { database, ledger } = run.audit(rescan.answers, await storedCheckIns(dbFile));
    reportFigures(`credential refused for ${settings.revokeSeconds} s (401), then restored`, {
      'check-ins before the window': BEFORE,
      'check-ins during the window': DURING,
      'arrived during the window': arrivedDuringWindow - BEFORE,
      'check-ins after the window': AFTER,
      'waited for delivery (s)': waitedSeconds,
      ...ledgerFigures(ledger, database),
    });
    // Nothing of the window got through while the credential was refused: the window was real.
    expect(arrivedDuringWindow, 'check-ins the town hall had when the window closed').toBe(BEFORE);
    expectPromisesKept(ledger, database);
    expect(ledger.acknowledged, 'bookings that got their printed ticket').toBe(codes.length);
  },
  timeouts.revokeTestMs,
);
