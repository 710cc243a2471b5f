/**
 * What the citizen-flow specs check on every screen: the three screen shapes, zero axe
 * violations, the primary action inside the viewport, a turn number on one line, and a QR code
 * on screen decoded from its pixels (ZXing over a screenshot, as a phone would read it).
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';
import { decodeQrPng } from '../../support/qr-png';
import { LANDSCAPE, PORTRAIT } from './browser';

/** A smaller portrait tablet kiosk. */
export const SMALL_PORTRAIT = { width: 800, height: 1280 } as const;

export const SCREEN_SHAPES = [
  ['1080×1920', PORTRAIT],
  ['1920×1080', LANDSCAPE],
  ['800×1280', SMALL_PORTRAIT],
] as const;

/** What the specs tap and read, in the two languages they run in. */
export const LABELS = {
  es: {
    language: 'Español',
    walkIn: 'Sin cita',
    walkInTitle: '¿Para qué trámite viene?',
    back: 'Volver',
    priorityNo: 'No, turno normal',
    priorityYes: 'Sí, turno preferente',
    confirm: 'Ya tengo mi número',
    done: 'Terminar',
    takeTicket: 'Sacar turno sin cita',
    chooseService: 'Elegir otro trámite',
    extend: 'Sí, necesito más tiempo',
    moreTime: '¿Necesita más tiempo?',
    haveAppointment: 'Tengo cita',
    idDocument: 'Con mi DNI / NIE',
    keyboard: 'Teclado',
    accept: 'Aceptar',
    typeDocument: 'Escribir el documento',
    typeCode: 'Escribir el código',
  },
  en: {
    language: 'English',
    walkIn: 'No appointment',
    walkInTitle: 'What do you need today?',
    back: 'Back',
    priorityNo: 'No, normal ticket',
    priorityYes: 'Yes, priority ticket',
    confirm: 'I have my number',
    done: 'Finish',
    takeTicket: 'Take a ticket without appointment',
    chooseService: 'Choose another service',
    extend: 'Yes, I need more time',
    moreTime: 'Do you need more time?',
    haveAppointment: 'I have an appointment',
    idDocument: 'With my DNI / NIE',
    keyboard: 'Keyboard',
    accept: 'OK',
    typeDocument: 'Type the document',
    typeCode: 'Type the code',
  },
} as const;

export type SpecLanguage = keyof typeof LABELS;
export const SPEC_LANGUAGES: readonly SpecLanguage[] = ['es', 'en'];

/**
 * WCAG 2.2 A/AA scan of the page as it is now: no violation at all, whatever its impact. In one
 * pass in the page (axe's legacy mode: the page has no frames, and it is twice as fast). axe
 * waits on timers between its checks: on a page whose clock the spec has paused, the clock is
 * moved on by a few milliseconds at a time until the scan is done.
 */
export async function expectNoA11yViolations(
  page: Page,
  options: { pausedClock?: boolean } = {},
): Promise<void> {
  const scan = new AxeBuilder({ page })
    .setLegacyMode(true)
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  if (options.pausedClock) {
    let done = false;
    void scan.finally(() => {
      done = true;
    });
    while (!done) await page.clock.runFor(10);
  }
  const results = await scan;
  const violations = results.violations.map(
    (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(', ')}`,
  );
  expect(violations).toEqual([]);
}

/** The element is wholly on screen, with no scrolling. */
export async function expectInViewport(page: Page, locator: Locator): Promise<void> {
  await expect(locator).toBeVisible();
  const box = await locator.boundingBox();
  const viewport = page.viewportSize();
  if (!box || !viewport) throw new Error('no box or viewport');
  expect(box.y, 'top inside the viewport').toBeGreaterThanOrEqual(0);
  expect(box.x, 'left inside the viewport').toBeGreaterThanOrEqual(0);
  expect(box.y + box.height, 'bottom inside the viewport').toBeLessThanOrEqual(viewport.height);
  expect(box.x + box.width, 'right inside the viewport').toBeLessThanOrEqual(viewport.width);
}

/**
 * How many lines a turn number takes when its box is squeezed to nothing: one, if it never
 * breaks at its hyphen ("R-" / "001") however little room a screen shape, a language or a larger
 * text size leaves it.
 */
export function linesWhenSqueezed(locator: Locator): Promise<number> {
  return locator.evaluate((element) => {
    const box = element as HTMLElement;
    const width = box.style.width;
    box.style.width = '1px';
    const range = document.createRange();
    range.selectNodeContents(box);
    const tops = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
    box.style.width = width;
    return tops.size;
  });
}

/** Reads the QR code shown by `locator` from a screenshot of it. */
export async function decodeQr(locator: Locator): Promise<string> {
  await expect(locator).toHaveAttribute('data-ready', 'true');
  return decodeQrPng(await locator.screenshot());
}

/** Opens the kiosk at `url` in `language`, at one screen shape, and waits for its home screen. */
export async function openKiosk(
  page: Page,
  url: string,
  size: { width: number; height: number },
  language: SpecLanguage,
): Promise<void> {
  await page.setViewportSize(size);
  await page.goto(url);
  // The site name comes from the kiosk state: once it shows, the page is connected.
  await expect(page.getByTestId('site-name')).toHaveText(/Villanueva/);
  await page.getByRole('button', { name: LABELS[language].language }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', language);
}

/** Taps `text` on the on-screen keyboard, in the language on screen. */
export async function tapKeys(page: Page, text: string, language: SpecLanguage): Promise<void> {
  const keyboard = page.getByRole('group', { name: LABELS[language].keyboard });
  for (const character of text) {
    await keyboard.getByRole('button', { name: character, exact: true }).click();
  }
}
