/**
 * The screen's part of a check-in: from the Enter that ends a keyboard-wedge scan to the first
 * frame painted after the result screen is in the page, in the renderer as built now (Vite, into
 * a temporary folder), in Chromium, against the fake web host of the end-to-end tests answering
 * at once — the check-in's own cost is bench/run.ts's "check-in commit". p50 and p95 over 50
 * tries, after 5 of warm-up. Printed, never asserted.
 *
 * `runScreenBench(report)` is called from bench/run.ts; alone: `npx tsx bench/screen.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { build } from 'vite';
import type { CheckInResult } from '../src-shared/contract/ipc';
import { bookingCodeFor } from '../tests/support/booking-codes';
import { kioskStateFixture } from '../tests/support/kiosk-state-fixture';
import { launchChromium, PORTRAIT } from '../tests/e2e/support/browser';
import { startFakeWebHost } from '../tests/e2e/support/fake-web-host';
import type { Report } from './results';

const WARM_UP = 5;
const TRIES = 50;
const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * In the page (a string, so no bundler helper leaks into it): `window.scanToPaint` resolves with
 * the milliseconds from the Enter key's event time to the task that follows the first animation
 * frame after the result screen appears, i.e. once that frame has been painted.
 */
const ARM_MEASUREMENT = `(() => {
  window.scanToPaintDisarm?.();
  window.scanToPaint = new Promise((resolve) => {
    let enterAt = null;
    const onKey = (event) => {
      if (event.key === 'Enter' && enterAt === null) enterAt = event.timeStamp;
    };
    const observer = new MutationObserver(() => {
      if (enterAt === null || !document.querySelector('[data-testid="screen-result"]')) return;
      window.scanToPaintDisarm();
      requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - enterAt), 0));
    });
    window.scanToPaintDisarm = () => {
      observer.disconnect();
      removeEventListener('keydown', onKey, { capture: true });
    };
    addEventListener('keydown', onKey, { capture: true });
    observer.observe(document.body, { childList: true, subtree: true });
  });
})()`;

/** A scan the screen has not seen as one within this long was typed too slowly to be one. */
const NOT_A_SCAN_MS = 3000;

function issued(number: string): CheckInResult {
  return {
    outcome: 'issued',
    ticket: {
      id: `bench-${number}`,
      number,
      serviceName: { es: 'Padrón municipal' },
      appointmentTime: '10:30',
      issuedAt: '2025-11-27T10:21:00+01:00',
      printStatus: 'printed',
      canReprint: false,
      priority: false,
      paperlessQr: `${number} Padrón municipal`,
    },
  };
}

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;

/**
 * Sends `code` and Enter as a wedge scanner does: every key queued at once over the DevTools
 * protocol, without waiting for the page between them.
 */
async function typeAsScanner(session: CDPSession, code: string): Promise<void> {
  const sent: Promise<unknown>[] = [];
  for (const key of code) {
    sent.push(
      session.send('Input.dispatchKeyEvent', { type: 'keyDown', key, text: key }),
      session.send('Input.dispatchKeyEvent', { type: 'keyUp', key }),
    );
  }
  sent.push(
    session.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', key: 'Enter', code: 'Enter' }),
    session.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Enter', code: 'Enter' }),
  );
  await Promise.all(sent);
}

/** One scan's milliseconds to the painted result, or null when a busy machine typed it too slowly to be a scan. */
async function scanOnce(page: Page, session: CDPSession, code: string): Promise<number | null> {
  await page.evaluate(ARM_MEASUREMENT);
  await typeAsScanner(session, code);
  const ms = (await page.evaluate(
    `Promise.race([window.scanToPaint, new Promise((resolve) => setTimeout(() => resolve(null), ${NOT_A_SCAN_MS}))])`,
  )) as number | null;
  if (ms === null) return null;
  await page.locator('[data-testid="screen-result"] [data-primary]').click();
  await page.getByTestId('screen-home').waitFor();
  return ms;
}

export async function runScreenBench(report: Report): Promise<void> {
  const what = 'scan (wedge Enter) → result screen painted';
  const rendererDir = mkdtempSync(join(tmpdir(), 'turnero-bench-renderer-'));
  let browser: Browser | null = null;
  try {
    await build({
      configFile: join(ROOT, 'vite.config.ts'),
      logLevel: 'warn',
      build: { outDir: rendererDir, emptyOutDir: true },
    });
    let seq = 0;
    const host = await startFakeWebHost({
      rendererDir,
      state: kioskStateFixture(),
      checkIn: () => {
        seq += 1;
        return { ok: true, value: issued(`C-${String(seq % 1000).padStart(3, '0')}`) };
      },
    });
    try {
      try {
        browser = await launchChromium();
      } catch (error) {
        report(what, `skipped: Chromium did not start: ${(error as Error).message}`);
        return;
      }
      const page = await browser.newPage({ viewport: PORTRAIT });
      const session = await page.context().newCDPSession(page);
      await page.goto(host.url());
      await page.getByTestId('screen-home').waitFor();
      const times: number[] = [];
      let missed = 0;
      for (let i = 0; times.length < TRIES && missed < TRIES; i++) {
        const ms = await scanOnce(page, session, bookingCodeFor(i));
        if (ms === null) missed += 1;
        else if (i >= WARM_UP) times.push(ms);
      }
      times.sort((a, b) => a - b);
      const retyped =
        missed > 0 ? ` (${missed} scans typed too slowly by a busy machine, again)` : '';
      report(
        `${what}, ${times.length} tries`,
        `p50 ${percentile(times, 50).toFixed(0)} ms, p95 ${percentile(times, 95).toFixed(0)} ms${retyped}`,
      );
    } finally {
      await browser?.close();
      await host.close();
    }
  } finally {
    rmSync(rendererDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await runScreenBench((what, figure) => console.log(`${what.padEnd(62)} ${figure}`));
}
