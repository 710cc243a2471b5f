/**
 * Every citizen screen fits every screen a kiosk is installed with, in the BUILT renderer against
 * the FAKE web host: home, code and ID entry, every page of the walk-in screen (ten services,
 * long French and German names) and its priority question, every result and every refusal
 * (support/citizen-screens.ts), the accessibility panel, × portrait 1080×1920, landscape
 * 1920×1080 and a 800×1280 panel × Spanish, English, French and German × the usual mode and
 * the accessibility mode (large text + low reach). Nothing may scroll, the primary action and
 * every button must be inside the viewport and 64 px at least, and in low reach on a portrait
 * screen no button may start above the reach line.
 *
 * One browser and one page for everything: each screen is brought up once per language and mode,
 * and measured at the three sizes by resizing the viewport.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import type { Language } from '../../src-shared/domain/language';
import {
  CitizenKiosk,
  ENTRY_SCREENS,
  HOME_VARIANTS,
  MODES,
  OUTCOMES,
  REACH_LINES,
  VIEWPORTS,
  type EntryScreenCase,
  type ModeName,
  type ViewportName,
} from './support/citizen-screens';
import { CHROMIUM_ARGS, chromiumLaunchOptions } from './support/browser';
import { checkLayout } from './support/layout-check';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const RENDERER_DIR = path.join(ROOT, 'dist/renderer');
const FAILURE_DIR = path.join(ROOT, 'test-results/layout');

const LANGUAGES: Language[] = ['es', 'en', 'fr', 'de'];
const PANEL = 'accessibility panel';

test.describe.configure({ mode: 'serial' });
// Chromium's own fake camera, for the home screen with the camera on.
test.use({
  launchOptions: {
    ...chromiumLaunchOptions,
    args: [
      ...CHROMIUM_ARGS,
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
    ],
  },
});

let page: Page;
let kiosk: CitizenKiosk;

test.beforeAll(async ({ browser }) => {
  if (!existsSync(path.join(RENDERER_DIR, 'index.html'))) {
    execFileSync('npx', ['vite', 'build'], { cwd: ROOT, stdio: 'inherit' });
  }
  mkdirSync(FAILURE_DIR, { recursive: true });
  // A page of its own context: axe's builder asks for one.
  const context = await browser.newContext({
    viewport: VIEWPORTS.portrait,
    permissions: ['camera'],
  });
  page = await context.newPage();
  kiosk = await CitizenKiosk.start(page, RENDERER_DIR);
});

test.afterAll(async () => {
  await kiosk.host.close();
  await page.context().close();
});

for (const mode of Object.keys(MODES) as ModeName[]) {
  test(`every citizen screen fits, ${mode} mode`, async () => {
    test.setTimeout(360_000);
    const started = Date.now();
    const problems: string[] = [];
    let measured = 0;

    const measureEverywhere = async (screen: string, paged?: EntryScreenCase) => {
      await kiosk.touch();
      for (const [name, viewport] of Object.entries(VIEWPORTS)) {
        // Resizing may change how many pages a paged screen has: each is measured at each size.
        await kiosk.resize(viewport);
        for (let pageNumber = 1; ; pageNumber += 1) {
          // The panel is where low reach is turned on: it must be within reach before it is.
          const reachable = MODES[mode].lowReach === true || screen === PANEL;
          const reachLine = reachable ? (REACH_LINES[name as ViewportName] ?? null) : null;
          const facts = await checkLayout(page, { reachLine });
          measured += 1;
          if (facts.problems.length > 0) {
            const shown = paged?.nextPage ? `${screen}, page ${pageNumber}` : screen;
            const where = `${kiosk.language} · ${mode} · ${name} · ${shown}`;
            problems.push(...facts.problems.map((problem) => `${where}: ${problem}`));
            await page.screenshot({
              path: path.join(FAILURE_DIR, `${where.replace(/[^\w-]+/g, '_')}.png`),
            });
          }
          if (!(await paged?.nextPage?.(kiosk))) break;
        }
        await paged?.firstPage?.(kiosk);
      }
    };

    for (const language of LANGUAGES) {
      await kiosk.restart();
      await kiosk.chooseLanguage(language);
      await kiosk.choose(MODES[mode]);
      await measureEverywhere('home');
      for (const variant of HOME_VARIANTS) {
        const shown = await kiosk.showHome(variant);
        await measureEverywhere(variant.name);
        await shown.undo();
      }
      await kiosk.openAccessibilityPanel();
      await measureEverywhere(PANEL);
      await kiosk.closeAccessibilityPanel();
      for (const screen of ENTRY_SCREENS) {
        await screen.open(kiosk);
        await page.getByTestId(screen.testId).waitFor();
        await measureEverywhere(screen.name, screen);
        await kiosk.leave(screen);
      }
      for (const outcome of OUTCOMES) {
        await kiosk.show(outcome);
        await measureEverywhere(outcome.name);
      }
    }

    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`${mode} mode: ${measured} layouts measured in ${seconds} s`);
    expect(problems).toEqual([]);
  });
}
