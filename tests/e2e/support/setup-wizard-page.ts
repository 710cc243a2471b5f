/**
 * What the first-run wizard specs do on the page: check a step with axe (no violation at all,
 * whatever its impact), and take the step's picture for docs/technician.md (the diagnostics
 * spec takes its panels' pictures with it too).
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, type TestInfo } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** Where the documentation's pictures live; written only when asked (they change every run). */
const DOC_SCREENSHOTS = 'docs/screenshots';

/** WCAG 2.1 A/AA scan of the page as it is now: no violation, of any impact. */
export async function expectNoA11yViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  const violations = results.violations.map(
    (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(', ')}`,
  );
  expect(violations).toEqual([]);
}

/**
 * The step's picture: into docs/screenshots/ with TURNERO_DOC_SCREENSHOTS=1 (how the docs'
 * pictures are made), else beside the test's other output.
 */
export async function screenshotStep(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const dir = process.env.TURNERO_DOC_SCREENSHOTS === '1' ? DOC_SCREENSHOTS : testInfo.outputDir;
  mkdirSync(dir, { recursive: true });
  // The step scrolls inside the kiosk's main area: the window is made tall enough for all of it.
  const viewport = page.viewportSize();
  const overflow = await page.evaluate(() => {
    const main = document.querySelector('.kiosk-main');
    if (!main) return 0;
    main.scrollTop = 0;
    return main.scrollHeight - main.clientHeight;
  });
  if (viewport && overflow > 0) {
    await page.setViewportSize({ width: viewport.width, height: viewport.height + overflow });
  }
  await page.screenshot({ path: join(dir, `${name}.png`) });
  if (viewport && overflow > 0) await page.setViewportSize(viewport);
}
