/**
 * The demo town hall that `npm start` runs in-process: the reference API server on an ephemeral
 * loopback port, seeded once per local day so the demo's relative appointment times always fall
 * around "now", and persisted within the day so a restart does not forget check-ins.
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { localDayOf } from '../../src-shared/domain/site-time';
import { startTurneroServer } from '../../server/server';
import { loadSeed } from '../../server/seed';

export interface EmbeddedTownhall {
  readonly url: string;
  close(): Promise<void>;
}

export async function startEmbeddedTownhall(
  seedSource: string,
  dataDir: string,
  timeZone: string,
  now: Date = new Date(),
): Promise<EmbeddedTownhall> {
  const dir = join(dataDir, 'demo-townhall');
  mkdirSync(dir, { recursive: true });
  const today = localDayOf(now, timeZone);
  const dbName = `${today}.sqlite`;
  // Earlier days' demo databases are of no use: the kiosk purges past days too.
  for (const name of readdirSync(dir)) {
    const isDayDatabase = /^\d{4}-\d{2}-\d{2}\.sqlite/.test(name);
    if (isDayDatabase && !name.startsWith(today)) rmSync(join(dir, name), { force: true });
  }
  const server = await startTurneroServer({
    port: 0,
    host: '127.0.0.1',
    dbFile: join(dir, dbName),
    seed: loadSeed(seedSource),
    // Kept across restarts so the demo's booking-token QR codes stay valid.
    signingKeyFile: join(dir, 'booking-keys.json'),
    now: () => new Date(),
  });
  return { url: server.url, close: () => server.close() };
}
