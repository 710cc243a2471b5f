/**
 * `npm run screenshots`: the README's pictures of the citizen screens, at the portrait totem's
 * size (1080×1920), taken from the renderer as built (`npm run build:renderer`, which the npm
 * script runs first) in Chromium against the end-to-end tests' fake web host. Writes
 * docs/screenshots/: home, a result whose ticket printed, a paperless result (the ticket did not
 * print: the number on screen and as a QR), the walk-in screen, the accessibility panel, and the
 * accessibility mode (large text, high contrast, low reach) on the ID entry screen (group
 * `citizen`); the office's desk app (office-desk.png, 1366×768) through a real Turnero server, the
 * office statistics page at 1366×768, whole, over the tests' seeded office day (served by the
 * statistics routes behind an allow-all stand-in for the supervisor guard), and the public follow
 * page on a phone (follow-screenshot.ts), and the booking page's calendar and confirmation on a
 * phone (booking-screenshot.ts) (group `office`).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, PORTRAIT } from '../tests/e2e/support/browser';
import { CitizenKiosk, OUTCOMES } from '../tests/e2e/support/citizen-screens';
import { startStatisticsServer } from '../tests/e2e/support/statistics-server';
import { OFFICE_DAY, OFFICE_SITE } from '../tests/support/office-day';
import { shootFollowPage } from './follow-screenshot';
import { shootBookingPage } from './booking-screenshot';
import {
  issueWalkIn,
  OFFICE_VIEWPORT,
  signInOnPage,
  startOfficeServer,
} from '../tests/e2e/support/office-server';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RENDERER_DIR = path.join(ROOT, 'dist/renderer');
const OUT_DIR = path.join(ROOT, 'docs/screenshots');

async function shoot(page: Page, name: string, fullPage = false): Promise<void> {
  const file = path.join(OUT_DIR, `${name}.png`);
  await page.screenshot({ path: file, animations: 'disabled', caret: 'hide', fullPage });
  console.log(path.relative(ROOT, file));
}

function outcome(name: string) {
  const found = OUTCOMES.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no outcome "${name}"`);
  return found;
}

/** A desk at work: a ticket called, others waiting (one transferred from another service). */
async function shootOfficeDesk(browser: Browser): Promise<void> {
  const server = await startOfficeServer();
  const context = await browser.newContext({ viewport: OFFICE_VIEWPORT, locale: 'es-ES' });
  const page = await context.newPage();
  try {
    await issueWalkIn(server, 'E-012', 'empadronamiento', 25);
    await issueWalkIn(server, 'R-004', 'registro', 18);
    await issueWalkIn(server, 'E-013', 'empadronamiento', 12);
    await issueWalkIn(server, 'E-014', 'empadronamiento', 4);
    await page.goto(`${server.url}/office/desk`);
    await signInOnPage(page, 'mesa');
    await page.getByRole('button', { name: 'Empezar a atender' }).click();
    await page.getByRole('button', { name: 'Llamar siguiente' }).click();
    await page.getByTestId('current-number').waitFor();
    await page.getByRole('status').filter({ hasText: 'E-012' }).waitFor();
    await shoot(page, 'office-desk');
  } finally {
    await page.context().close();
    await server.close();
  }
}

/** `npm run screenshots -- office` (or `citizen`) takes only that group; none: every group. */
async function main(groups: readonly string[]): Promise<void> {
  mkdirSync(OUT_DIR, { recursive: true });
  const browser = await launchChromium();
  const wanted = (group: string) => groups.length === 0 || groups.includes(group);
  try {
    if (wanted('citizen')) await shootCitizenScreens(browser);
    if (wanted('office')) {
      await shootOfficeDesk(browser);
      await shootStatisticsPage(browser);
      await shootFollowPage(browser, RENDERER_DIR, shoot);
      await shootBookingPage(browser, RENDERER_DIR, shoot);
    }
  } finally {
    await browser.close();
  }
}

async function shootCitizenScreens(browser: Browser): Promise<void> {
  const page = await (await browser.newContext({ viewport: PORTRAIT })).newPage();
  const kiosk = await CitizenKiosk.start(page, RENDERER_DIR);
  try {
    await shoot(page, 'home');

    await kiosk.show(outcome('issued'));
    await shoot(page, 'result');

    await kiosk.restart();
    await kiosk.show(outcome('print failed (cover-open)'));
    await shoot(page, 'result-paperless');

    await kiosk.restart();
    await kiosk.page.getByTestId('start-walk-in').click();
    await kiosk.page.getByTestId('walk-in-registro').waitFor();
    await shoot(page, 'walk-in');

    await kiosk.restart();
    await kiosk.choose({ largeText: true, lowReach: true });
    await kiosk.openAccessibilityPanel();
    await shoot(page, 'accessibility');
    await kiosk.closeAccessibilityPanel();

    await kiosk.choose({ highContrast: true });
    await kiosk.page.getByTestId('start-id-entry').click();
    await kiosk.tapKeys('12345678Z');
    await shoot(page, 'accessibility-id-entry');
  } finally {
    await kiosk.host.close();
    await page.context().close();
  }
}

async function shootStatisticsPage(browser: Browser): Promise<void> {
  const statistics = await startStatisticsServer(async () => undefined);
  try {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    const range = `site=${OFFICE_SITE}&from=${OFFICE_DAY}&to=${OFFICE_DAY}`;
    await page.goto(`${statistics.url}/office/statistics/statistics.html?${range}`);
    await page.getByTestId('table-by-desk').waitFor();
    await shoot(page, 'office-statistics', true);
    await context.close();
  } finally {
    await statistics.close();
  }
}

await main(process.argv.slice(2));
