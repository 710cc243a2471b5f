/**
 * What the benches that time a built page in Chromium share: the renderer built by Vite into a
 * temporary folder, Chromium launched (the bench is reported skipped when it cannot start), and
 * both gone afterwards whatever happened. The bench's own server or host is started and closed
 * by `work`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { build } from 'vite';
import { launchChromium } from '../tests/e2e/support/browser';
import type { Report } from './results';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export async function withBuiltRenderer(
  report: Report,
  what: string,
  work: (rendererDir: string, browser: Browser) => Promise<void>,
): Promise<void> {
  const rendererDir = mkdtempSync(join(tmpdir(), 'turnero-bench-renderer-'));
  let browser: Browser | null = null;
  try {
    await build({
      configFile: join(ROOT, 'vite.config.ts'),
      logLevel: 'warn',
      build: { outDir: rendererDir, emptyOutDir: true },
    });
    try {
      browser = await launchChromium();
    } catch (error) {
      report(what, `skipped: Chromium did not start: ${(error as Error).message}`);
      return;
    }
    await work(rendererDir, browser);
  } finally {
    await browser?.close();
    rmSync(rendererDir, { recursive: true, force: true });
  }
}
