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
import { afterAll, expect, it } from 'vitest';
import { KioskRig, numberedAnswers } from './support/kiosk-rig';
import { seededRandom } from './support/prng';
import { expectPromisesKept, ledgerFigures } from './support/promises';
import { killWhileScanning } from './support/scan-under-fire';
import {
  reliabilitySettings as settings,
  reliabilityTimeouts as timeouts,
} from './support/settings';
import { reportFigures } from './support/summary';
import { checkedInToday, storedCheckIns, waitForCount } from './support/town-hall-records';

let rig: KioskRig | undefined;

afterAll(async () => {
  await rig?.close();
});

it(
  'a server killed at random while bookings are scanned loses no check-in and gives no number twice',
  async ({ onTestFailed }) => {
    const run = new KioskRig('server-killed', settings.codes);
    rig = run;
    onTestFailed(() => console.log(run.recentOutput()));
    const townhall = await run.serverProcess();
    await townhall.start();
    const parts = await run.start(townhall.url);
    const { kiosk } = parts;
    const { codes } = run.bookings;
    const random = seededRandom(settings.seed + 1);

    const { fire, rescan } = await killWhileScanning({
      codes,
      parts,
      victim: townhall,
      random,
      minKills: settings.kills,
    });
    await waitForCount(
      () => checkedInToday(townhall.url),
      numberedAnswers(rescan.answers),
      180_000,
    );
    await townhall.stop();
    await kiosk.stop();

    const { database, ledger } = run.audit(rescan.answers, await storedCheckIns(run.serverDbFile));
    reportFigures('server killed (SIGKILL, restarted on the same database)', {
      seed: random.seed,
      bookings: codes.length,
      'server kills': fire.kills,
      scans: fire.scans + codes.length,
      'tickets issued on rescan': rescan.issued,
      ...ledgerFigures(ledger, database),
    });
    expectPromisesKept(ledger, database);
    // The kiosk never went down: each citizen had a ticket from the first scan.
    expect(rescan.issued, 'bookings that had no ticket until the final rescan').toBe(0);
    expect(rescan.unprinted, 'tickets issued by a rescan that never printed').toEqual([]);
  },
  timeouts.killTestMs,
);
