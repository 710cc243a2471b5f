/**
 * What several end-to-end specs do on the kiosk page: tap the on-screen keyboard, type a booking
 * code, run axe.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** Taps each character on the on-screen keyboard ("Teclado"), as a citizen would. */
export async function tapOnScreenKeys(page: Page, text: string): Promise<void> {
  const keyboard = page.getByRole('group', { name: 'Teclado' });
  for (const character of text) {
    await keyboard.getByRole('button', { name: character, exact: true }).click();
  }
}

/** "Tengo cita", the code on the on-screen keyboard, "Aceptar". */
export async function typeBookingCode(page: Page, code: string): Promise<void> {
  await page.getByRole('button', { name: 'Tengo cita' }).click();
  await tapOnScreenKeys(page, code);
  await page.getByRole('button', { name: 'Aceptar' }).click();
}

/** WCAG 2.1 A/AA scan of the page as it is now: no serious or critical violation. */
export async function expectNoSeriousA11yViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const serious = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(', ')}`,
    );
  expect(serious).toEqual([]);
}
