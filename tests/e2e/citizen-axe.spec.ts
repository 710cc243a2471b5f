/**
 * axe on every kind of citizen screen — home, the accessibility panel, code and ID entry, the
 * walk-in screen (a middle page of its services too) and its priority question, each shape of
 * result and of refusal — in Spanish, English, French and German, in the usual mode
 * and with every accessibility choice on (high contrast included), in the BUILT renderer against
 * the FAKE web host. Every axe rule runs (best practices too) and none may fail; with high
 * contrast on, so does the AAA contrast rule (7:1 for text).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import type { Language } from '../../src-shared/domain/language';
import type { AccessibilityChoices } from '../../src-renderer/accessibility/accessibility-store';
import { CHROMIUM_ARGS, chromiumLaunchOptions } from './support/browser';
import {
  CitizenKiosk,
  ENTRY_SCREENS,
  HOME_VARIANTS,
  OUTCOMES,
  VIEWPORTS,
} from './support/citizen-screens';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const RENDERER_DIR = path.join(ROOT, 'dist/renderer');
const LANGUAGES: Language[] = ['es', 'en', 'fr', 'de'];

const EVERYTHING_ON: AccessibilityChoices = {
  spokenGuidance: true,
  largeText: true,
  highContrast: true,
  lowReach: true,
};

/** One outcome of each shape: what differs between the others is only their text. */
const OUTCOME_SHAPES = [
  'issued with ticket preview',
  'already issued, print failed',
  'unconfirmed',
  'error booking-not-found',
  'error id-document-letter',
].map((name) => {
  const outcome = OUTCOMES.find((candidate) => candidate.name === name);
  if (!outcome) throw new Error(`no outcome "${name}"`);
  return outcome;
});

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

async function violations(highContrast: boolean): Promise<string[]> {
  // Legacy mode runs axe in the page itself: the page has no frames, and the default mode
  // opens a second page for every analysis, which costs seconds each.
  let axe = new AxeBuilder({ page }).setLegacyMode(true);
  if (highContrast) axe = axe.options({ rules: { 'color-contrast-enhanced': { enabled: true } } });
  const results = await axe.analyze();
  return results.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
  );
}

for (const [mode, choices] of [
  ['usual mode', {}],
  ['every accessibility choice on', EVERYTHING_ON],
] as const) {
  test(`no axe violation on any citizen screen, ${mode}`, async () => {
    test.setTimeout(300_000);
    const highContrast = 'highContrast' in choices;
    const found: string[] = [];
    const check = async (screen: string) => {
      await kiosk.touch();
      const problems = await violations(highContrast);
      found.push(...problems.map((problem) => `${kiosk.language} · ${screen}: ${problem}`));
    };
    for (const language of LANGUAGES) {
      await kiosk.restart();
      await kiosk.chooseLanguage(language);
      await kiosk.choose(choices);
      await check('home');
      for (const variant of HOME_VARIANTS) {
        const shown = await kiosk.showHome(variant);
        await check(variant.name);
        await shown.undo();
      }
      await kiosk.openAccessibilityPanel();
      await check('accessibility panel');
      await kiosk.closeAccessibilityPanel();
      for (const screen of ENTRY_SCREENS) {
        await screen.open(kiosk);
        await page.getByTestId(screen.testId).waitFor();
        await check(screen.name);
        // A middle page: "previous" and "more" both shown.
        if (await screen.nextPage?.(kiosk)) await check(`${screen.name}, page 2`);
        await kiosk.leave(screen);
      }
      for (const outcome of OUTCOME_SHAPES) {
        await kiosk.show(outcome);
        await check(outcome.name);
      }
    }
    expect(found).toEqual([]);
  });
}
