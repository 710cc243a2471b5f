/**
 * The server's check-ins per second with 10 kiosks pushing at once (`runKiosksPushBench(report)`,
 * from bench/run.ts; alone: `npx tsx bench/kiosks-push.ts`). The real server with device
 * authentication required; each kiosk enrols with its own code and pushes its check-ins through
 * the kiosk's own API client one after another, as its outbox does (src-main/sync/outbox-pusher.ts),
 * while the other nine do the same. On SQLite (a file, WAL), and on PostgreSQL in a schema of its
 * own when TURNERO_TEST_POSTGRES_URL is set. Printed, never asserted.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes, randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import { createTurneroApiClient } from '../src-main/backend/turnero-api/api-client';
import { startTurneroServer, type TurneroServer } from '../server/server';
import { postgresKysely } from '../server/store/database';
import type { OpenDatabase } from '../server/store/store';
import { BENCH_SITE, benchSeed } from './bench-townhall';
import type { Report } from './results';
import { percentile } from './stats';

const KIOSKS = 10;
const WARM_UP_PER_KIOSK = 5;
const CHECK_INS_PER_KIOSK = 200;
const SERVICES = 5;
const PREFIXES = ['A', 'B', 'C', 'D', 'E'];
const APPOINTMENTS = KIOSKS * (WARM_UP_PER_KIOSK + CHECK_INS_PER_KIOSK);

interface Kiosk {
  kioskId: string;
  client: ReturnType<typeof createTurneroApiClient>;
}

/** Appointment `i` of the bench seed, checked in with the service's number `i / 5 + 1`. */
const checkInOf = (kioskId: string, index: number) => ({
  ticketId: randomUUID(),
  appointmentId: `apt-${index}`,
  kioskId,
  ticketNumber: `${PREFIXES[index % SERVICES]}-${String(Math.floor(index / SERVICES) + 1).padStart(3, '0')}`,
  issuedAt: new Date().toISOString(),
});

async function enrolKiosks(server: TurneroServer, codes: readonly string[]): Promise<Kiosk[]> {
  return Promise.all(
    codes.map(async (enrolmentCode, index) => {
      const kioskId = `kiosk-${index + 1}`;
      let credential: string | null = null;
      const client = createTurneroApiClient({
        baseUrl: server.url,
        siteId: BENCH_SITE,
        timeoutMs: 30_000,
        credential: () => credential,
      });
      credential = (await client.enrol({ enrolmentCode, kioskId })).credential;
      return { kioskId, client };
    }),
  );
}

/** Kiosk `k` takes appointments k, k + 10, k + 20…: `rounds` of them from round `first`. */
async function push(
  kiosk: Kiosk,
  slot: number,
  first: number,
  rounds: number,
  latencies: number[],
  errors: string[],
): Promise<void> {
  for (let round = first; round < first + rounds; round++) {
    const start = performance.now();
    try {
      await kiosk.client.postCheckIn(checkInOf(kiosk.kioskId, round * KIOSKS + slot));
      latencies.push(performance.now() - start);
    } catch (error) {
      errors.push(error instanceof Error ? error.message : String(error));
    }
  }
}

async function measure(label: string, database: string | OpenDatabase, report: Report) {
  const codes = Array.from({ length: KIOSKS }, (_, index) => `BENCH-PUSH-${index + 1}`);
  const server = await startTurneroServer({
    seed: { ...benchSeed(APPOINTMENTS), enrolmentCodes: codes },
    database,
    auth: 'required',
    log: () => undefined,
  });
  try {
    const kiosks = await enrolKiosks(server, codes);
    const ignored: number[] = [];
    const errors: string[] = [];
    await Promise.all(
      kiosks.map((kiosk, slot) => push(kiosk, slot, 0, WARM_UP_PER_KIOSK, ignored, errors)),
    );
    const latencies: number[] = [];
    const start = performance.now();
    await Promise.all(
      kiosks.map((kiosk, slot) =>
        push(kiosk, slot, WARM_UP_PER_KIOSK, CHECK_INS_PER_KIOSK, latencies, errors),
      ),
    );
    const seconds = (performance.now() - start) / 1000;
    const rate = latencies.length / seconds;
    report(
      `check-ins/s, ${KIOSKS} kiosks pushing at once, ${label}`,
      `${rate.toFixed(0)} /s (${latencies.length} in ${seconds.toFixed(1)} s, ` +
        `p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms, ` +
        `${errors.length} errors)`,
      { value: Math.round(rate), unit: '/s' },
    );
    if (errors.length > 0) console.log(`  first error: ${errors[0]}`);
    // Every accepted check-in must be in the queue: a figure for lost writes would be worthless.
    const queued = (await server.admin.waiting(BENCH_SITE)).length;
    if (queued !== latencies.length + ignored.length) {
      throw new Error(`${queued} tickets queued for ${latencies.length + ignored.length} accepted`);
    }
  } finally {
    await server.close();
  }
}

export async function runKiosksPushBench(report: Report): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'turnero-bench-push-'));
  try {
    await measure('SQLite', join(dir, 'server.sqlite'), report);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const postgresUrl = process.env.TURNERO_TEST_POSTGRES_URL;
  if (!postgresUrl) return;
  const schema = `bench_${randomBytes(6).toString('hex')}`;
  const admin = postgresKysely<unknown>(postgresUrl);
  await sql.raw(`CREATE SCHEMA ${schema}`).execute(admin);
  try {
    // The server destroys this Kysely when it closes.
    const db = postgresKysely<unknown>(postgresUrl, schema);
    await measure('PostgreSQL', { db, dialect: 'postgres' }, report);
  } finally {
    await sql.raw(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).execute(admin);
    await admin.destroy();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await runKiosksPushBench((what, figure) => console.log(`${what.padEnd(62)} ${figure}`));
}
