/**
 * Start-up figure (`runStartupBench(report)`): from the moment the web host process is spawned
 * to the moment its page is served, for a brand-new kiosk (empty data folder) facing a town hall
 * with 100,000 appointments (goal: under 1 s). The kiosk does not wait for its first sync, so the
 * time that sync takes is reported beside it, for scale. Needs the build (`npm run build`).
 *
 *   npx tsx bench/startup.ts            prints the figures
 *   npx tsx bench/startup.ts --record   also puts them in bench/results.json and docs/figures.md
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { get } from 'node:http';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { BENCH_SITE, startBenchTownHall } from './bench-townhall';
import { FIGURES_MD, RESULTS_JSON, updateFiguresDoc } from './figures-doc';
import { measureOf, type Report, type ResultsDocument } from './results';

const WEB_HOST = 'dist/main/web-host.mjs';
const RUNS = 5;
const APPOINTMENTS = 100_000;
export const STARTUP_FIGURE =
  'process start → served page, new kiosk facing 100,000 appointments (goal < 1 s)';
const FIRST_SYNC_FIGURE = 'process start → first sync done, same kiosk (not waited for)';
const BARE_NODE_FIGURE = 'bare Node process start → exit, same moment (for scale)';

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

interface StartupRun {
  servedMs: number;
  firstSyncMs: number;
}

/** GET with node:http: the bench's own first `fetch` would load its HTTP client into the timing. */
function getPage(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    get(url, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    }).on('error', reject);
  });
}

/** `node -e ''`: what any process start costs on this machine at this moment. */
async function bareNodeMs(): Promise<number> {
  const start = performance.now();
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await new Promise((resolve) => child.once('exit', resolve));
  return performance.now() - start;
}

/** One new kiosk: spawned, its page fetched, then left until its first sync is done. */
async function oneRun(dir: string, townhallUrl: string): Promise<StartupRun> {
  const configFile = join(dir, 'kiosk.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      dataDir: join(dir, 'data'),
      siteId: BENCH_SITE,
      kioskId: 'bench-1',
      api: { baseUrl: townhallUrl, timeoutMs: 60_000 },
    }),
  );
  const start = performance.now();
  const child = spawn(process.execPath, [WEB_HOST, '--config', configFile, '--headless'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const found = /^Turnero kiosk: (\S+)$/m.exec(out);
        if (found) resolve(found[1] as string);
      });
      child.once('exit', (code) => reject(new Error(`the web host exited with ${code}`)));
    });
    const page = await getPage(url);
    const servedMs = performance.now() - start;
    if (page.status !== 200 || !page.body.includes('id="root"')) {
      throw new Error(`the page was not served: ${page.status}`);
    }
    const firstSyncMs = await new Promise<number>((resolve) => {
      let log = '';
      child.stderr.on('data', (chunk: Buffer) => {
        log += chunk.toString();
        if (/sync: \d+ appointment change\(s\) received/.test(log)) {
          resolve(performance.now() - start);
        }
      });
    });
    return { servedMs, firstSyncMs };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

export async function runStartupBench(report: Report): Promise<void> {
  if (!existsSync(WEB_HOST)) {
    report(STARTUP_FIGURE, 'skipped: run "npm run build" first');
    return;
  }
  const townhall = await startBenchTownHall(APPOINTMENTS);
  const runs: StartupRun[] = [];
  const bare: number[] = [];
  const load = loadavg()[0] ?? 0;
  try {
    for (let run = 0; run < RUNS; run++) {
      bare.push(await bareNodeMs());
      const dir = mkdtempSync(join(tmpdir(), 'turnero-bench-startup-'));
      try {
        runs.push(await oneRun(dir, townhall.url));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  } finally {
    await townhall.close();
  }
  // The shared machine's load changes these figures more than any change of ours: it goes along.
  const context = `load average ${load.toFixed(1)} on ${availableParallelism()} cores`;
  const served = median(runs.map((run) => run.servedMs));
  report(STARTUP_FIGURE, `${served.toFixed(0)} ms median of ${RUNS} (${context})`);
  const synced = median(runs.map((run) => run.firstSyncMs));
  report(FIRST_SYNC_FIGURE, `${synced.toFixed(0)} ms median of ${RUNS}`);
  report(BARE_NODE_FIGURE, `${median(bare).toFixed(0)} ms median of ${RUNS}`);
}

/** Puts this bench's rows in the last results (replacing its earlier ones) and the figures page. */
function record(rows: Array<{ what: string; figure: string }>): void {
  const document = JSON.parse(readFileSync(RESULTS_JSON, 'utf8')) as ResultsDocument;
  const mine = new Set(rows.map((row) => row.what));
  const kept = document.figures.filter((figure) => !mine.has(figure.what));
  const added = rows.map((row) => ({ area: 'process' as const, ...row, ...measureOf(row.figure) }));
  const at = kept.findIndex((figure) => figure.area === 'process');
  kept.splice(at < 0 ? kept.length : at, 0, ...added);
  const updated = { ...document, figures: kept };
  writeFileSync(RESULTS_JSON, `${JSON.stringify(updated, null, 2)}\n`);
  updateFiguresDoc(FIGURES_MD, updated);
}

if (process.argv[1]?.endsWith('bench/startup.ts')) {
  const rows: Array<{ what: string; figure: string }> = [];
  void runStartupBench((what, figure) => {
    rows.push({ what, figure });
    console.log(`${what.padEnd(62)} ${figure}`);
  }).then(() => {
    if (process.argv.includes('--record')) record(rows);
  });
}
