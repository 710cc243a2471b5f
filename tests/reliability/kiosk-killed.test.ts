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
import { afterAll, expect, it } from 'vitest';
import { loadSeed } from '../../server/seed';
import { startTurneroServer, type TurneroServer } from '../../server/server';
import { KioskRig, numberedAnswers } from './support/kiosk-rig';
import { seededRandom } from './support/prng';
import { expectPromisesKept, ledgerFigures } from './support/promises';
import { killWhileScanning } from './support/scan-under-fire';
import {
  reliabilitySettings as settings,
  reliabilityTimeouts as timeouts,
} from './support/settings';
import { reportFigures } from './support/summary';
import { waitForCount } from './support/town-hall-records';

let rig: KioskRig | undefined;
let server: TurneroServer | undefined;

afterAll(async () => {
  await rig?.close();
  await server?.close();
});

it(
  'a kiosk killed at random while bookings are scanned loses nothing and gives no number twice',
  async ({ onTestFailed }) => {
    const run = new KioskRig('kiosk-killed', settings.codes);
    rig = run;
    onTestFailed(() => console.log(run.recentOutput()));
    const townhall = await startTurneroServer({
      port: 0,
      seed: loadSeed(run.bookings.seedFile),
      dbFile: run.serverDbFile,
    });
    server = townhall;
    const parts = await run.start(townhall.url);
    const { kiosk } = parts;
    const { codes } = run.bookings;
    const random = seededRandom(settings.seed);

    const { fire, rescan } = await killWhileScanning({
      codes,
      parts,
      victim: kiosk,
      random,
      minKills: settings.kills,
    });
    await waitForCount(
      async () => (await townhall.admin.checkIns()).length,
      numberedAnswers(rescan.answers),
      120_000,
    );
    // The last stop is a power cut too: the file is checked as a crash leaves it.
    await kiosk.kill();

    const { database, ledger } = run.audit(rescan.answers, await townhall.admin.checkIns());
    reportFigures('kiosk killed (SIGKILL, restarted on the same data dir)', {
      seed: random.seed,
      bookings: codes.length,
      'kiosk kills': fire.kills,
      scans: fire.scans + codes.length,
      'tickets issued on rescan': rescan.issued,
      ...ledgerFigures(ledger, database),
    });
    expectPromisesKept(ledger, database);
    expect(rescan.unprinted, 'tickets issued by a rescan that never printed').toEqual([]);
  },
  timeouts.killTestMs,
);
