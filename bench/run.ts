/**
 * `npm run bench`: figures for the check-in path, printed, never asserted. Run on an idle
 * machine; every figure is a median or a throughput over many runs. Writes them, with the
 * machine's facts, to bench/results.json and the tables of docs/figures.md.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseScan } from '../src-shared/domain/booking-code';
import { CheckInService } from '../src-main/checkin/check-in-service';
import { openStore } from '../src-main/store/store';
import { appointment, seedCatalog } from '../tests/support/catalog-fixture';
import { RecordingPrinter } from '../tests/support/recording-printer';
import { runIdentificationBench } from './identification';
import { runPrinterBench } from './printer';
import { runStartupBench } from './startup';
import { runSyncBench } from './sync';
import { runPeersBench } from './peers';
import { runScreenBench } from './screen';
import { runKiosksPushBench } from './kiosks-push';
import { runFollowBench } from './follow';
import { runBookingSlotsBench } from './booking-slots';
import { runBookingPageBench } from './booking-page';
import { BenchResults, describeMachine, machineFacts, type Report } from './results';
import { FIGURES_MD, RESULTS_JSON, updateFiguresDoc } from './figures-doc';
import { bookingCodeFor } from '../tests/support/booking-codes';

const results = new BenchResults();
const report: Report = (what, figure, measure) => {
  results.add(what, figure, measure);
  console.log(`${what.padEnd(62)} ${figure}`);
};

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

function benchParse(): void {
  const inputs = [
    'TRN-7K4P9Q',
    ' trn 7k4p9q\r\n',
    'https://ayto.example.es/cita?code=TRN-7K4P9Q',
    '\u0001garbage',
  ];
  const runs = 100_000;
  const start = performance.now();
  for (let i = 0; i < runs; i++) parseScan(inputs[i % inputs.length] as string);
  report('parseScan', `${(((performance.now() - start) / runs) * 1000).toFixed(2)} µs/scan`);
}

async function benchCheckIn(dir: string): Promise<void> {
  const store = openStore(join(dir, 'checkin.sqlite'));
  const now = new Date('2026-11-30T09:00:00Z');
  const count = 20_000;
  const appointments = Array.from({ length: count }, (_, i) =>
    appointment(bookingCodeFor(i), new Date(now.getTime() + ((i % 60) - 30) * 60000), {
      id: `apt-${i}`,
      serviceId: i % 2 ? 'registro' : 'empadronamiento',
    }),
  );
  let start = performance.now();
  seedCatalog(store, appointments, now);
  report(
    `cache ${count} appointments (one transaction)`,
    `${(performance.now() - start).toFixed(0)} ms`,
  );

  const kiosk = new CheckInService({
    store,
    // Accepts instantly: isolates the cost of the check-in transaction.
    printer: new RecordingPrinter(),
    kioskId: 'bench',
    timeZone: 'Europe/Madrid',
    language: 'es',
    settings: () => ({
      checkInWindow: { minutesBefore: 120, minutesAfter: 120 },
      ticketQrUrl: null,
    }),
    now: () => now,
  });
  const checkIns = 1500; // the daily cap is 999 per service; two services
  const latencies: number[] = [];
  start = performance.now();
  for (let i = 0; i < checkIns; i++) {
    const t0 = performance.now();
    const result = await kiosk.checkIn(bookingCodeFor(i));
    latencies.push(performance.now() - t0);
    if (!result.ok) throw new Error(`check-in ${i} refused: ${result.error.code}`);
  }
  const total = performance.now() - start;
  latencies.sort((a, b) => a - b);
  report(
    `check-in commit (parse+lookup+policy+number+ticket+outbox), ${count} cached`,
    `p50 ${percentile(latencies, 50).toFixed(3)} ms, p99 ${percentile(latencies, 99).toFixed(3)} ms`,
  );
  report('check-in throughput, one kiosk', `${Math.round((checkIns / total) * 1000)} /s`);
  store.close();
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'turnero-bench-'));
  try {
    const machine = machineFacts();
    console.log(`Turnero benchmarks\n${describeMachine(machine)}\n`);
    results.area = 'printer';
    await runPrinterBench(report);
    results.area = 'identification';
    benchParse();
    await runIdentificationBench(report);
    results.area = 'check-in';
    await benchCheckIn(dir);
    await runScreenBench(report);
    await runKiosksPushBench(report);
    results.area = 'sync';
    await runSyncBench(report);
    results.area = 'peers';
    await runPeersBench(report);
    results.area = 'office';
    await runFollowBench(report);
    await runBookingSlotsBench(report);
    await runBookingPageBench(report);
    results.area = 'process';
    await runStartupBench(report);
    const rss = process.memoryUsage().rss / 1024 / 1024;
    report('resident memory at the end', `${rss.toFixed(0)} MiB`);
    updateFiguresDoc(FIGURES_MD, results.write(RESULTS_JSON, machine));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
