/**
 * Sync figures (`runSyncBench(report)`): the initial sync of 10,000 appointments from the
 * reference town hall into an empty cache (goal: under 1 s), and a delta pull of 10 changes
 * among 100,000 cached appointments. Real HTTP on loopback, real SQLite files. Printed, never
 * asserted.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openStore } from '../src-main/store/store';
import { createSyncEngine } from '../src-main/sync/sync-engine';
import { createTurneroApiClient } from '../src-main/backend/turnero-api/api-client';
import { startTurneroServer } from '../server/server';
import { benchSeed, startBenchTownHall } from './bench-townhall';

type Report = (what: string, figure: string) => void;

const NOW = new Date('2026-02-10T07:00:00Z');
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

export async function runSyncBench(report: Report): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'turnero-bench-sync-'));
  const now = () => NOW;
  try {
    // 1. Initial sync of 10,000 appointments into an empty cache.
    const server = await startTurneroServer({ seed: benchSeed(10_000), now });
    const times: number[] = [];
    for (let run = 0; run < 5; run++) {
      const store = openStore(join(dir, `initial-${run}.sqlite`));
      const engine = createSyncEngine({
        client: createTurneroApiClient({
          baseUrl: server.url,
          siteId: 'bench-sac',
          timeoutMs: 30_000,
          now,
        }),
        store,
        timeZone: 'Europe/Madrid',
        pollSeconds: () => 3600,
        pageLimit: 5000,
        now,
      });
      const start = performance.now();
      const result = await engine.syncNow();
      times.push(performance.now() - start);
      if (!result.ok || result.appointmentsReceived !== 10_000) {
        throw new Error(`initial sync failed: ${JSON.stringify(result)}`);
      }
      store.close();
    }
    report(
      'initial sync, 10,000 appointments, empty cache (goal < 1 s)',
      `${median(times).toFixed(0)} ms median of 5`,
    );

    // 2. A delta with 10 changes among 100,000 appointments.
    const big = await startBenchTownHall(100_000, { now });
    const store = openStore(join(dir, 'delta.sqlite'));
    const engine = createSyncEngine({
      client: createTurneroApiClient({
        baseUrl: big.url,
        siteId: 'bench-sac',
        timeoutMs: 60_000,
        now,
      }),
      store,
      timeZone: 'Europe/Madrid',
      pollSeconds: () => 3600,
      pageLimit: 5000,
      now,
    });
    const fullStart = performance.now();
    const full = await engine.syncNow();
    const fullMs = performance.now() - fullStart;
    report(
      'initial sync, 100,000 appointments',
      `${fullMs.toFixed(0)} ms (${full.appointmentsReceived} received)`,
    );
    const deltas: number[] = [];
    for (let run = 0; run < 5; run++) {
      for (let change = 0; change < 10; change++) {
        await big.admin.updateAppointment(`apt-${run * 1000 + change * 97}`, {
          status: 'cancelled',
        });
      }
      const start = performance.now();
      const delta = await engine.syncNow();
      deltas.push(performance.now() - start);
      if (delta.appointmentsReceived !== 10) throw new Error(`delta: ${JSON.stringify(delta)}`);
    }
    const idle: number[] = [];
    for (let run = 0; run < 5; run++) {
      const start = performance.now();
      await engine.syncNow();
      idle.push(performance.now() - start);
    }
    report(
      'delta sync, 10 changes among 100,000 appointments',
      `${median(deltas).toFixed(1)} ms median of 5 (no change: ${median(idle).toFixed(1)} ms)`,
    );
    store.close();
    await big.close();
    await server.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('bench/sync.ts')) {
  void runSyncBench((what, figure) => console.log(`${what.padEnd(62)} ${figure}`));
}
