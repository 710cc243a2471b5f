/**
 * The public booking page's first-load transfer size (goal: under 150 KB): every file Chromium
 * fetches from a real Turnero server (in-memory SQLite, the demo seed) while opening `/book` on
 * a phone viewport, until the service list is shown: raw and gzipped, file by file and in
 * total. Printed, never asserted (the Playwright spec booking-page.spec.ts holds the budget).
 *
 * `runBookingPageBench(report)` is called from bench/run.ts; alone: `npx tsx bench/booking-page.ts`.
 */
import { pathToFileURL } from 'node:url';
import { loadSeed } from '../server/seed';
import { startTurneroServer } from '../server/server';
import { firstLoadWeight, isBookingPageFile } from '../tests/e2e/support/page-weight';
import { withBuiltRenderer } from './built-renderer';
import type { Report } from './results';

const PHONE = { width: 393, height: 851 };
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export async function runBookingPageBench(report: Report): Promise<void> {
  const what = 'booking page first load (/book, phone)';
  await withBuiltRenderer(report, what, async (rendererDir, browser) => {
    const server = await startTurneroServer({
      seed: loadSeed('demo'),
      lobbyPageDir: rendererDir,
      log: () => undefined,
    });
    try {
      const page = await browser.newPage({ viewport: PHONE });
      const weight = await firstLoadWeight(page, `${server.url}/book`, 'h1', isBookingPageFile);
      for (const file of weight.files) {
        report(
          `  ${file.path.replace(/-[A-Za-z0-9_-]{8}\./, '.')}`,
          `${kb(file.bytes)} (gzip ${kb(file.gzipBytes)})`,
        );
      }
      report(`${what}, ${weight.files.length} files, raw`, kb(weight.bytes), {
        value: Math.round(weight.bytes / 102.4) / 10,
        unit: 'KB',
      });
      report(`${what}, ${weight.files.length} files, gzip`, kb(weight.gzipBytes), {
        value: Math.round(weight.gzipBytes / 102.4) / 10,
        unit: 'KB',
      });
    } finally {
      await server.close();
    }
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  void runBookingPageBench((what, result) => console.log(`${what.padEnd(62)} ${result}`));
}
