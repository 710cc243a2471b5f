/**
 * What "the screen fits" means, measured in the page in one round trip: nothing scrolls (neither
 * the document nor any box in it, the ticket preview's own scroll box apart), the primary action
 * (`data-primary`) and every other button lie inside the viewport, and — in low reach on a
 * portrait screen — no button starts above the reach line.
 */
import type { Page } from 'playwright-core';

export interface LayoutCheck {
  /** Fraction of the viewport's height no button may start above; null: not checked. */
  reachLine: number | null;
}

export interface LayoutFacts {
  problems: string[];
  /** The highest top of any button, in px (for the report). */
  highestButtonTop: number;
}

export function checkLayout(page: Page, check: LayoutCheck): Promise<LayoutFacts> {
  return page.evaluate(({ reachLine }) => {
    const problems: string[] = [];
    const width = window.innerWidth;
    const height = window.innerHeight;
    const root = document.documentElement;
    if (root.scrollHeight > height || root.scrollWidth > width) {
      problems.push(`the page scrolls (${root.scrollWidth}×${root.scrollHeight})`);
    }
    for (const element of document.querySelectorAll<HTMLElement>('body *')) {
      // The preview scrolls by design; the visually hidden helper clips by design.
      if (element.closest('[data-testid="ticket-preview"], .visually-hidden')) continue;
      if (element.clientHeight === 0 && element.clientWidth === 0) continue;
      const overflowing =
        element.scrollHeight > element.clientHeight + 2 ||
        element.scrollWidth > element.clientWidth + 2;
      if (!overflowing) continue;
      const style = getComputedStyle(element);
      const scrolls = /(auto|scroll)/.test(style.overflowY + style.overflowX);
      const name = String(element.className || element.tagName);
      const sizes = `${element.scrollWidth}×${element.scrollHeight} in ${element.clientWidth}×${element.clientHeight}`;
      problems.push(scrolls ? `${name} scrolls (${sizes})` : `${name} spills out (${sizes})`);
    }
    // The open dialog is what the citizen sees; otherwise the page.
    const scope: ParentNode = document.querySelector('dialog[open]') ?? document;
    const describe = (element: Element) => `"${(element.textContent ?? '').trim().slice(0, 30)}"`;
    const inside = (box: DOMRect) =>
      box.top >= 0 && box.left >= 0 && box.bottom <= height + 0.5 && box.right <= width + 0.5;
    const primaries = [...scope.querySelectorAll('[data-primary]')];
    if (primaries.length !== 1) problems.push(`${primaries.length} primary actions`);
    for (const primary of primaries) {
      const box = primary.getBoundingClientRect();
      if (!inside(box)) {
        problems.push(
          `primary ${describe(primary)} outside the viewport (${box.top}–${box.bottom})`,
        );
      }
    }
    let highestButtonTop = height;
    const outside: string[] = [];
    const small: string[] = [];
    const unreachable: string[] = [];
    for (const button of scope.querySelectorAll('button')) {
      const box = button.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      highestButtonTop = Math.min(highestButtonTop, box.top);
      if (!inside(box))
        outside.push(`${describe(button)} ${Math.round(box.top)}–${Math.round(box.bottom)}`);
      if (box.height < 63.5 || box.width < 63.5) {
        small.push(`${describe(button)} ${Math.round(box.width)}×${Math.round(box.height)}`);
      }
      if (reachLine !== null && box.top < reachLine * height - 0.5) {
        unreachable.push(`${describe(button)} top ${Math.round(box.top)}`);
      }
    }
    const boxes = [...scope.querySelectorAll('button')]
      .map((button) => ({ button, box: button.getBoundingClientRect() }))
      .filter(({ box }) => box.width > 0 && box.height > 0);
    const overlapping: string[] = [];
    boxes.forEach((a, index) => {
      for (const b of boxes.slice(index + 1)) {
        const apart =
          a.box.right <= b.box.left + 0.5 ||
          b.box.right <= a.box.left + 0.5 ||
          a.box.bottom <= b.box.top + 0.5 ||
          b.box.bottom <= a.box.top + 0.5;
        if (!apart) overlapping.push(`${describe(a.button)} and ${describe(b.button)}`);
      }
    });
    const list = (what: string, items: string[]) => {
      if (items.length > 0)
        problems.push(`${items.length} ${what}: ${items.slice(0, 3).join(', ')}`);
    };
    list('buttons outside the viewport', outside);
    list('buttons under 64 px', small);
    list('pairs of buttons overlapping', overlapping);
    list(`buttons above the reach line (${Math.round((reachLine ?? 0) * height)} px)`, unreachable);
    return { problems, highestButtonTop };
  }, check);
}
