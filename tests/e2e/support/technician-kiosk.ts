/**
 * A real kiosk for the technician mode's specs: the reference town hall API with one booking,
 * the built web host as its own process (real SQLite, real data folder) with a technician PIN
 * already set and a serial scanner on a socat pseudo-terminal, and what a technician does on the
 * page: the hidden gesture (on the page's fake clock) and the PIN pad.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTurneroServer, type TurneroServer } from '../../../server/server';
import { prepareDataFolder } from '../../../src-main/store/data-folder';
import { PinFile } from '../../../src-main/technician/pin-file';
import { SerialPort } from 'serialport';
import { openPtyPair } from '../../support/pty-pair';
import { makeTempDir } from '../../support/temp-dir';
import { ONE_BOOKING_SEED } from './one-booking-seed';
import { startWebHostProcess, type WebHostProcess } from './web-host-process';

export const TECHNICIAN_PIN = '246810';
export const KIOSK_ID = 'sac-1';

export interface TechnicianKiosk {
  readonly townhall: TurneroServer;
  readonly kiosk: WebHostProcess;
  readonly dataDir: string;
  /** Scans `text` on the kiosk's serial scanner (a socat pseudo-terminal). */
  scan(text: string): Promise<void>;
  close(): Promise<void>;
}

export async function startTechnicianKiosk(label: string): Promise<TechnicianKiosk> {
  const dir = makeTempDir(label);
  const scannerPty = await openPtyPair();
  const dataDir = join(dir.path, 'data');
  prepareDataFolder(dataDir);
  await new PinFile(dataDir).set(TECHNICIAN_PIN);
  const townhall = await startTurneroServer({ port: 0, seed: ONE_BOOKING_SEED });
  const configFile = join(dir.path, 'kiosk.json');
  mkdirSync(dir.path, { recursive: true });
  writeFileSync(
    configFile,
    JSON.stringify({
      dataDir,
      siteId: 'e2e-sac',
      kioskId: KIOSK_ID,
      api: { baseUrl: townhall.url, pollSeconds: 5 },
      scanner: { transport: `serial:${scannerPty.appPath}?baud=9600` },
    }),
  );
  const kiosk = await startWebHostProcess({ configFile });
  const scanner = await new Promise<SerialPort>((resolve, reject) => {
    const port = new SerialPort({ path: scannerPty.devicePath, baudRate: 9600 }, (error) =>
      error ? reject(error) : resolve(port),
    );
  });
  return {
    townhall,
    kiosk,
    dataDir,
    scan: (text) =>
      new Promise<void>((resolve, reject) =>
        scanner.write(`${text}\r\n`, (error) =>
          error ? reject(error) : scanner.drain(() => resolve()),
        ),
      ),
    close: async () => {
      if (scanner.isOpen) await new Promise((resolve) => scanner.close(resolve));
      await kiosk.stop();
      await scannerPty.close();
      await townhall.close();
      dir.remove();
    },
  };
}

/**
 * Opens the citizen home and waits until it is connected: the header shows a name from main (the
 * town hall's, or one a technician set), no longer the screen's own fallback. With `pausedClock`
 * the page's clock is fake and stands still from then on: only the test moves it (`runFor`).
 */
export async function openCitizenHome(
  page: Page,
  kiosk: WebHostProcess,
  options: { pausedClock?: boolean } = {},
): Promise<void> {
  if (options.pausedClock) await page.clock.install();
  await page.goto(kiosk.url);
  // "Ayuntamiento" alone is the header's fallback (ui.brand.fallbackSite) until main answers.
  await expect(page.getByTestId('site-name')).not.toHaveText(/^(Ayuntamiento)?$/);
  if (options.pausedClock) {
    await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1_000);
  }
}

/** Calls a channel through the page's own bridge (`window.turnero`), as any script in it could. */
export function invokeFromPage(page: Page, channel: string, payload: unknown): Promise<unknown> {
  return page.evaluate(
    ([name, body]) =>
      (
        window as unknown as {
          turnero: { invoke(channel: string, payload: unknown): Promise<unknown> };
        }
      ).turnero.invoke(name as string, body),
    [channel, payload] as const,
  );
}

/**
 * Stops a running page clock just ahead of its own time: the clock runs on while we ask it the
 * time, so a moment a little later is aimed at, further on a busy machine.
 */
async function pauseSoonAfter(page: Page): Promise<void> {
  for (let aheadMs = 500; ; aheadMs *= 2) {
    const pageNow = await page.evaluate(() => Date.now());
    try {
      await page.clock.pauseAt(pageNow + aheadMs);
      return;
    } catch (error) {
      if (aheadMs >= 16_000 || !String(error).includes('to the past')) throw error;
    }
  }
}

/**
 * WCAG 2.1 A/AA scan of a technician screen on a page whose clock stands still: no violation at
 * all, whatever its impact (the citizen screens' helper lets minor ones through). axe waits on
 * timers, so the page's clock runs while it scans (a few seconds of the page's time pass), then
 * stands still again where it got to. Stepping the paused clock through the scan instead took
 * hundreds of clock calls, and twice under load the page was gone in the middle of them.
 */
export async function expectNoA11yViolations(page: Page): Promise<void> {
  await page.clock.resume();
  let results: Awaited<ReturnType<AxeBuilder['analyze']>>;
  try {
    results = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
  } finally {
    await pauseSoonAfter(page);
  }
  expect(
    results.violations.map(
      (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(', ')}`,
    ),
  ).toEqual([]);
}

/**
 * The hidden gesture: 3 s on the top-right corner, then "Entrar" on the confirmation (checked
 * with axe while it shows). The page's clock must stand still (`openCitizenHome`).
 */
export async function makeHiddenGesture(page: Page): Promise<void> {
  const corner = await page.getByTestId('technician-corner').boundingBox();
  if (!corner) throw new Error('no technician corner on the page');
  await page.mouse.move(corner.x + corner.width / 2, corner.y + corner.height / 2);
  await page.mouse.down();
  await page.clock.runFor(2_900);
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await page.clock.runFor(200);
  await page.mouse.up();
  const confirm = page.getByRole('dialog', { name: '¿Entrar en el modo técnico?' });
  await expect(confirm).toBeVisible();
  await expectNoA11yViolations(page);
  await confirm.getByRole('button', { name: 'Entrar' }).click();
  await expect(page.getByRole('heading', { name: 'Modo técnico' })).toBeVisible();
}

/** Types `pin` on the PIN pad's keys and submits it. */
export async function typePin(page: Page, pin: string): Promise<void> {
  const keypad = page.getByRole('group', { name: 'Teclado del PIN' });
  for (const digit of pin) await keypad.getByRole('button', { name: digit, exact: true }).click();
  await keypad.getByRole('button', { name: 'Entrar' }).click();
}
