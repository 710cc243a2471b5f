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
import { freePort } from './support/child-process';
import { KioskRig, numberedAnswers } from './support/kiosk-rig';
import { seededRandom } from './support/prng';
import { expectPromisesKept, ledgerFigures } from './support/promises';
import { rescanEveryCode, scanUnderFire } from './support/scan-under-fire';
import { ServerProcess } from './support/server-process';
import {
  reliabilitySettings as settings,
  reliabilityTimeouts as timeouts,
} from './support/settings';
import { reportFigures } from './support/summary';
import { checkedInToday, storedCheckIns, waitForCount } from './support/town-hall-records';

let rig: KioskRig | undefined;
let server: ServerProcess | undefined;

afterAll(async () => {
  await rig?.close();
  await server?.kill();
});

it(
  'a server killed at random while bookings are scanned loses no check-in and gives no number twice',
  async ({ onTestFailed }) => {
    const run = new KioskRig('server-killed', settings.codes);
    rig = run;
    const dbFile = run.file('townhall.sqlite');
    const townhall = new ServerProcess({
      port: await freePort(),
      seedFile: run.bookings.seedFile,
      dbFile,
    });
    server = townhall;
    onTestFailed(() => console.log(`${run.recentOutput()}\n${townhall.recentOutput()}`));
    await townhall.start();
    const { printer, scanner, kiosk } = await run.start(townhall.url);
    const { codes } = run.bookings;
    const random = seededRandom(settings.seed + 1);

    const fire = await scanUnderFire({
      codes,
      scan: scanner.scan,
      paceMs: 200,
      victim: townhall,
      random,
      minKills: settings.kills,
      lifeMs: [1000, 4000],
    });
    const rescan = await rescanEveryCode({
      codes,
      scan: scanner.scan,
      kiosk,
      papers: printer.tickets,
    });
    const issuedOnRescan = [...rescan.answers.values()].filter(
      (answer) => answer.outcome === 'issued',
    ).length;
    await waitForCount(
      () => checkedInToday(townhall.url),
      numberedAnswers(rescan.answers),
      180_000,
    );
    await townhall.stop();
    await kiosk.stop();

    const { database, ledger } = run.audit(rescan.answers, await storedCheckIns(dbFile));
    reportFigures('server killed (SIGKILL, restarted on the same database)', {
      seed: random.seed,
      bookings: codes.length,
      'server kills': fire.kills,
      scans: fire.scans + codes.length,
      'tickets issued on rescan': issuedOnRescan,
      ...ledgerFigures(ledger, database),
    });
    expectPromisesKept(ledger, database);
    // The kiosk never went down: each citizen had a ticket from the first scan.
    expect(issuedOnRescan, 'bookings that had no ticket until the final rescan').toBe(0);
    expect(rescan.unprinted, 'tickets issued by a rescan that never printed').toEqual([]);
  },
  timeouts.killTestMs,
);
