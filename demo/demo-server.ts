/**
 * The demo town hall: the Turnero server on a loopback port, seeded with the demo site once per
 * local day so that the demo's relative appointment times always fall around "now", and kept for
 * the day so a restart does not forget check-ins. A tool that runs beside the kiosk, never inside
 * it: the kiosk sees only the URL.
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { localDayOf } from '../src-shared/domain/site-time';
import { startTurneroServer } from '../server/server';
import { loadSeed } from '../server/seed';

export interface DemoServer {
  readonly url: string;
  /** The demo's local day: its database and the kiosk's credential are per day. */
  readonly day: string;
  /** A fresh one-time code that enrols (or re-enrols) `kioskId` with the demo town hall. */
  enrolmentCode(kioskId: string): Promise<string>;
  close(): Promise<void>;
}

export interface DemoServerOptions {
  /** The demo's own folder (its per-day databases and booking-token keys). */
  dir: string;
  timeZone: string;
  seed?: string;
  port?: number;
  now?: Date;
}

export async function startDemoServer(options: DemoServerOptions): Promise<DemoServer> {
  const { dir } = options;
  mkdirSync(dir, { recursive: true });
  const today = localDayOf(options.now ?? new Date(), options.timeZone);
  // Earlier days' demo databases are of no use: the kiosk purges past days too.
  for (const name of readdirSync(dir)) {
    const isDayFile = /^\d{4}-\d{2}-\d{2}\.(sqlite|credential)/.test(name);
    if (isDayFile && !name.startsWith(today)) rmSync(join(dir, name), { force: true });
  }
  const server = await startTurneroServer({
    port: options.port ?? 0,
    host: '127.0.0.1',
    dbFile: join(dir, `${today}.sqlite`),
    seed: loadSeed(options.seed ?? 'demo'),
    // Kept across restarts so the demo's booking-token QR codes stay valid.
    signingKeyFile: join(dir, 'booking-keys.json'),
    now: () => new Date(),
    // The demo's staff accounts, one per role (README, docs/office.md).
    demoStaff: true,
  });
  return {
    url: server.url,
    day: today,
    enrolmentCode: (kioskId) => server.admin.createEnrolmentCode({ kioskId, replace: true }),
    close: () => server.close(),
  };
}
