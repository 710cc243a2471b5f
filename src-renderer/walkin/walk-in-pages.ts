/**
 * How the walk-in screen pages its services. A town hall offers up to ten or so walk-in services,
 * some with names of eighty characters in French or German: with large text, or with low reach
 * (every control in the bottom part of a portrait screen), they cannot all be large buttons on
 * one screen. Rather than shrink them, the screen shows a few at a time with "more" and
 * "previous" buttons. How many fit is decided by the screen's shape and the accessibility
 * choices, never by the language, so that a page's services do not change with it.
 */

/** What decides how many services fit on a page. */
export interface PagingRoom {
  width: number;
  height: number;
  largeText: boolean;
  lowReach: boolean;
}

/** Portrait screens up to this height are the small panels (800×1280). */
const SMALL_PANEL_HEIGHT = 1400;

/**
 * Services per page for each shape of screen, in the usual mode and in an accessibility mode
 * (large text, or low reach in portrait, which leaves the controls a little over half of the
 * screen). Measured with the longest names of every language (tests/e2e/citizen-layout.spec.ts).
 */
const PER_PAGE = {
  landscape: { usual: 4, accessible: 2 },
  portrait: { usual: 4, accessible: 2 },
  smallPanel: { usual: 3, accessible: 2 },
} as const;

export function servicesPerPage(room: PagingRoom): number {
  const portrait = room.height > room.width;
  const shape = !portrait
    ? 'landscape'
    : room.height <= SMALL_PANEL_HEIGHT
      ? 'smallPanel'
      : 'portrait';
  // Low reach moves the controls down on portrait screens only (styles/accessibility.css).
  const accessible = room.largeText || (portrait && room.lowReach);
  return PER_PAGE[shape][accessible ? 'accessible' : 'usual'];
}

export interface Page<T> {
  items: T[];
  /** From 0. */
  index: number;
  count: number;
}

/**
 * Page `wanted` of `items`, `perPage` at a time; a page past the end (the list got shorter, or
 * the screen larger) is the last one. No items: one empty page.
 */
export function pageOf<T>(items: readonly T[], perPage: number, wanted: number): Page<T> {
  const size = Math.max(1, Math.floor(perPage));
  const count = Math.max(1, Math.ceil(items.length / size));
  const index = Math.min(Math.max(0, Math.floor(wanted)), count - 1);
  return { items: items.slice(index * size, (index + 1) * size), index, count };
}
