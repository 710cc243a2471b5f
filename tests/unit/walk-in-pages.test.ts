/**
 * How the walk-in screen pages its services: how many a page holds on each screen a kiosk is
 * installed with, in the usual and the accessibility modes, and which services each page shows.
 */
import { describe, expect, it } from 'vitest';
import { pageOf, servicesPerPage } from '../../src-renderer/walkin/walk-in-pages';

const PORTRAIT = { width: 1080, height: 1920 };
const LANDSCAPE = { width: 1920, height: 1080 };
const SMALL_PANEL = { width: 800, height: 1280 };
const USUAL = { largeText: false, lowReach: false };

describe('services per page', () => {
  it('holds fewer services with large text or low reach than in the usual mode', () => {
    for (const size of [PORTRAIT, LANDSCAPE, SMALL_PANEL]) {
      const usual = servicesPerPage({ ...size, ...USUAL });
      expect(servicesPerPage({ ...size, largeText: true, lowReach: false })).toBeLessThan(usual);
    }
    expect(servicesPerPage({ ...PORTRAIT, largeText: false, lowReach: true })).toBeLessThan(
      servicesPerPage({ ...PORTRAIT, ...USUAL }),
    );
  });

  it('ignores low reach on a landscape screen, where it moves nothing', () => {
    expect(servicesPerPage({ ...LANDSCAPE, largeText: false, lowReach: true })).toBe(
      servicesPerPage({ ...LANDSCAPE, ...USUAL }),
    );
  });

  it('holds fewer services on the small panel than on the portrait totem', () => {
    expect(servicesPerPage({ ...SMALL_PANEL, ...USUAL })).toBeLessThan(
      servicesPerPage({ ...PORTRAIT, ...USUAL }),
    );
  });

  it('holds at least two services in every mode on every screen', () => {
    for (const size of [PORTRAIT, LANDSCAPE, SMALL_PANEL]) {
      for (const largeText of [false, true]) {
        for (const lowReach of [false, true]) {
          expect(servicesPerPage({ ...size, largeText, lowReach })).toBeGreaterThanOrEqual(2);
        }
      }
    }
  });
});

describe('a page of services', () => {
  const ten = Array.from({ length: 10 }, (_, index) => `s${index + 1}`);

  it('splits the services into pages of the size given, the last one shorter', () => {
    expect(pageOf(ten, 4, 0)).toEqual({ items: ['s1', 's2', 's3', 's4'], index: 0, count: 3 });
    expect(pageOf(ten, 4, 1)).toEqual({ items: ['s5', 's6', 's7', 's8'], index: 1, count: 3 });
    expect(pageOf(ten, 4, 2)).toEqual({ items: ['s9', 's10'], index: 2, count: 3 });
  });

  it('shows the last page for a page past the end (the screen grew, pages got fewer)', () => {
    expect(pageOf(ten, 5, 3)).toEqual({
      items: ['s6', 's7', 's8', 's9', 's10'],
      index: 1,
      count: 2,
    });
    expect(pageOf(ten, 4, -1).index).toBe(0);
  });

  it('is one page when everything fits, and one empty page when there is nothing', () => {
    expect(pageOf(ten.slice(0, 3), 4, 0)).toEqual({
      items: ['s1', 's2', 's3'],
      index: 0,
      count: 1,
    });
    expect(pageOf([], 4, 0)).toEqual({ items: [], index: 0, count: 1 });
  });
});
