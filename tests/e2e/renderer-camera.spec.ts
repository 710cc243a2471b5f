/**
 * Camera QR scanning in the BUILT renderer, with Chromium's fake camera playing a Y4M video of a
 * booking QR code (support/fake-camera.ts), against the FAKE web host of
 * support/identification-host.ts. The camera is off unless the kiosk state (the technician setting) turns it on.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import type { Browser, Page } from 'playwright-core';
import {
  CHROMIUM_ARGS,
  chromiumLaunchOptions,
  launchChromium,
  LANDSCAPE,
  PORTRAIT,
} from './support/browser';
import { writeQrY4m } from './support/fake-camera';
import { startIdentificationHost, type IdentificationHost } from './support/identification-host';
import { expectNoSeriousA11yViolations } from './support/kiosk-page';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const RENDERER_DIR = path.join(ROOT, 'dist/renderer');
const SCREENSHOT_DIR = path.join(ROOT, 'test-results/screenshots');
const BOOKING_URL = 'https://cita.villanueva.es/c/TRN-7K4P9Q';

// The videos must exist before the browser starts, so they are written when this file loads.
const VIDEO_DIR = path.join(ROOT, 'test-results/fake-camera');
const QR_VIDEO = path.join(VIDEO_DIR, 'booking-qr.y4m');
const BLANK_VIDEO = path.join(VIDEO_DIR, 'nobody.y4m');
mkdirSync(VIDEO_DIR, { recursive: true });
writeQrY4m(QR_VIDEO, BOOKING_URL);
writeQrY4m(BLANK_VIDEO, null);

const fakeCameraArgs = (video: string) => [
  '--use-fake-device-for-media-stream',
  `--use-file-for-fake-video-capture=${video}`,
];

test.use({
  launchOptions: {
    ...chromiumLaunchOptions,
    args: [...CHROMIUM_ARGS, ...fakeCameraArgs(QR_VIDEO)],
  },
  permissions: ['camera'],
});

let host: IdentificationHost;
let problems: string[];

test.beforeAll(() => {
  if (!existsSync(path.join(RENDERER_DIR, 'index.html'))) {
    execFileSync('npx', ['vite', 'build'], { cwd: ROOT, stdio: 'inherit' });
  }
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
});

test.beforeEach(async ({ page }) => {
  host = await startIdentificationHost(RENDERER_DIR);
  problems = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
});

test.afterEach(async () => {
  await host.close();
  expect(problems).toEqual([]);
});

test.describe('a QR code in front of the camera', () => {
  test('with the camera off there is no camera and the decoder is not loaded', async ({ page }) => {
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
    });
    await page.goto(host.url());
    await expect(page.getByTestId('screen-home')).toBeVisible();
    await page.waitForTimeout(1_000);
    await expect(page.getByTestId('camera')).toHaveCount(0);
    expect(scripts.some((script) => script.includes('qr-camera'))).toBe(false);
    expect(host.submissions).toEqual([]);
  });

  test('with the camera on it is decoded and checked in with source "camera"', async ({ page }) => {
    host.setCamera(true);
    await page.goto(host.url());
    await expect(page.getByTestId('turn-number')).toHaveText('C-014', { timeout: 20_000 });
    expect(host.submissions).toEqual([{ input: BOOKING_URL, source: 'camera', language: 'es' }]);
  });
});

test.describe('nobody in front of the camera', () => {
  // Its own browser, whose fake camera plays blank frames, so the preview stays on screen.
  let browser: Browser;
  let page: Page;

  test.beforeEach(async () => {
    browser = await launchChromium({ args: fakeCameraArgs(BLANK_VIDEO) });
    const context = await browser.newContext({
      viewport: PORTRAIT,
      locale: 'es-ES',
      permissions: ['camera'],
    });
    page = await context.newPage();
    page.on('pageerror', (error) => problems.push(error.message));
  });

  test.afterEach(async () => {
    await browser.close();
  });

  test('the live preview on home is accessible and looks the part', async () => {
    host.setCamera(true);
    await page.goto(host.url());
    await expect(page.getByTestId('camera')).toHaveAttribute('data-status', 'scanning');
    await expect(page.getByText('Cámara: acerque aquí su código QR')).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'kiosk-home-camera.png') });
    await page.setViewportSize(LANDSCAPE);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'kiosk-home-camera-landscape.png') });
    expect(host.submissions).toEqual([]);
  });
});
