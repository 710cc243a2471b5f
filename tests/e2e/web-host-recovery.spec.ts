/**
 * The web host as a Chromium kiosk runs it, end to end: the built host as its own process (not
 * headless, with a FAKE browser executable that records what the host asked it to open, or
 * refuses to start like Chromium run as root), the reference town hall API, and Playwright's
 * Chromium playing the kiosk's browser on the address the host gave it.
 */
import { expect, test } from '@playwright/test';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runningProfileOwner } from '../../src-main/hosts/web/profile-lock';
import { startTurneroServer } from '../../server/server';
import { makeTempDir } from '../support/temp-dir';
import {
  appUrlOf,
  ROOT_REFUSAL,
  writeFakeBrowser,
  type FakeBrowser,
  type FakeBrowserBehaviour,
} from './support/fake-browser';
import { typeBookingCode } from './support/kiosk-page';
import { ONE_BOOKING_SEED, SITE_NAME } from './support/one-booking-seed';
import { startWebHostProcess, type WebHostProcess } from './support/web-host-process';

let dir: ReturnType<typeof makeTempDir>;
let townhall: Awaited<ReturnType<typeof startTurneroServer>>;
let kiosk: Kiosk | null = null;

interface Kiosk {
  configFile: string;
  dataDir: string;
  browser: FakeBrowser;
  env: NodeJS.ProcessEnv;
  host: WebHostProcess;
}

/** A kiosk installation of its own, its host started with a fake browser. */
async function installKiosk(name: string, behaviour: FakeBrowserBehaviour): Promise<Kiosk> {
  const root = join(dir.path, name);
  mkdirSync(root);
  const dataDir = join(root, 'data');
  const configFile = join(root, 'kiosk.json');
  writeFileSync(
    configFile,
    JSON.stringify({ dataDir, siteId: 'e2e-sac', api: { baseUrl: townhall.url } }),
  );
  const browser = writeFakeBrowser(root, behaviour);
  const env = { TURNERO_CHROMIUM: browser.executable };
  const host = await startWebHostProcess({ configFile, args: [], env });
  kiosk = { configFile, dataDir, browser, env, host };
  return kiosk;
}

/** The address the host told its browser to open. */
async function launchAddress(browser: FakeBrowser): Promise<string> {
  await expect.poll(() => browser.launches().length).toBe(1);
  return appUrlOf(browser.launches()[0] ?? []);
}

test.beforeAll(async () => {
  dir = makeTempDir('e2e-web-host');
  townhall = await startTurneroServer({ port: 0, seed: ONE_BOOKING_SEED });
});

// Playwright needs the fixtures argument destructured even when no fixture is used.
// eslint-disable-next-line no-empty-pattern
test.afterEach(async ({}, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus) console.log(kiosk?.host.log());
  await kiosk?.host.stop();
  const stillUp = kiosk && runningProfileOwner(join(kiosk.dataDir, 'chromium-profile'));
  if (stillUp) process.kill(-stillUp, 'SIGKILL'); // the fake browser's process group
  kiosk = null;
});

test.afterAll(async () => {
  await townhall?.close();
  dir?.remove();
});

test('a host killed and restarted on the same data folder gets the same page back, no reload', async ({
  page,
}) => {
  const installed = await installKiosk('restart', 'stay-up');
  await page.goto(await launchAddress(installed.browser));
  await expect(page.getByTestId('site-name')).toHaveText(SITE_NAME);
  // A mark in this document: a reload (by the page or anyone) would wipe it.
  await page.evaluate(() => Object.assign(window, { openedBeforeTheRestart: true }));
  const { port } = installed.host;

  await installed.host.stop('SIGKILL');
  installed.host = await startWebHostProcess({
    configFile: installed.configFile,
    args: [],
    env: installed.env,
  });

  expect(installed.host.port).toBe(port);
  await installed.host.waitForLog(/is still showing the kiosk: its page reconnects by itself/);
  expect(installed.browser.launches()).toHaveLength(1);

  await typeBookingCode(page, 'TRN7K4P9Q');
  await expect(page.getByTestId('turn-number')).toHaveText('E-001');
  expect(await page.evaluate(() => 'openedBeforeTheRestart' in window)).toBe(true);
  expect(page.url()).toBe(`http://127.0.0.1:${port}/`);
});

test('the launch address works once and leaves no usable secret behind', async ({
  page,
  browser,
}) => {
  const installed = await installKiosk('launch', 'stay-up');
  const secret = readFileSync(join(installed.dataDir, 'web-host', 'secret'), 'utf8').trim();
  const launch = await launchAddress(installed.browser);
  expect(installed.browser.launches()[0]?.join(' ')).not.toContain(secret);

  const response = await page.goto(launch);
  expect(response?.status()).toBe(200);
  expect(response?.request().redirectedFrom()?.url()).toBe(launch);
  expect(page.url()).toBe(`http://127.0.0.1:${installed.host.port}/`);
  await expect(page.getByTestId('site-name')).toHaveText(SITE_NAME);
  // The page's scripts cannot read the secret either.
  expect(await page.evaluate(() => document.cookie)).toBe('');
  expect(await page.context().cookies()).toEqual([
    expect.objectContaining({ name: 'turnero-session', httpOnly: true, sameSite: 'Strict' }),
  ]);

  // Whoever finds the launch address later (history, process list) gets nothing from it.
  const stranger = await browser.newPage();
  try {
    const again = await stranger.goto(launch);
    expect(again?.status()).toBe(403);
    expect(await stranger.context().cookies()).toEqual([]);
    await stranger.goto(`http://127.0.0.1:${installed.host.port}/`);
    await installed.host.waitForLog(/refused a WebSocket: a wrong or missing token/);
    await expect(stranger.getByTestId('site-name')).not.toHaveText(SITE_NAME);
  } finally {
    await stranger.close();
  }
});

test('a browser that refuses to start is reported in one line, and the host keeps serving', async ({
  page,
}) => {
  const installed = await installKiosk('root', 'refuse-as-root');
  await installed.host.waitForLog(/Chromium exited at once/);
  expect(installed.host.log()).toContain(
    `Chromium exited at once (code 1): chromium: some warning first / ${ROOT_REFUSAL} ` +
      'Run the kiosk as an unprivileged user, or pass Chromium switches in TURNERO_CHROMIUM_FLAGS.\n',
  );
  await page.goto(installed.host.url);
  await expect(page.getByTestId('site-name')).toHaveText(SITE_NAME);
});
