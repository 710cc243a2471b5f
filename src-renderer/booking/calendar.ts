/**
 * The month calendar of the day step: a grid of one month (Monday first) where only the days
 * with a free slot are buttons; the others are plain numbers, so they cannot be chosen or even
 * reached. Previous/next move between the months that have free days. Keyboard: Tab reaches
 * the buttons, and the arrow keys move between free days (left/right one, up/down a week on).
 */
import type { FreeDays } from '../../src-shared/contract/booking';
import { formatLocalDay } from '../../src-shared/domain/booking-texts';
import { button, h } from './dom';
import type { Page } from './page';

type FreeDay = FreeDays['days'][number];

const monthOf = (day: string) => day.slice(0, 7);

function monthDays(month: string): string[] {
  const [year = 0, monthNumber = 1] = month.split('-').map(Number);
  const count = new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
  return Array.from(
    { length: count },
    (_unused, index) => `${month}-${String(index + 1).padStart(2, '0')}`,
  );
}

/** ISO weekday of a date, 1 = Monday … 7 = Sunday. */
const weekday = (day: string) => ((new Date(`${day}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;

function weekdayNames(page: Page): { short: string; long: string }[] {
  // 2024-01-01 was a Monday.
  return Array.from({ length: 7 }, (_unused, index) => {
    const date = new Date(Date.UTC(2024, 0, 1 + index, 12));
    const name = (style: 'short' | 'long') =>
      new Intl.DateTimeFormat(page.language, { weekday: style, timeZone: 'UTC' }).format(date);
    return { short: name('short'), long: name('long') };
  });
}

export interface CalendarState {
  month: string | null;
}

export function calendar(
  page: Page,
  days: readonly FreeDay[],
  state: CalendarState,
  onPick: (day: string) => void,
  redraw: () => void,
): HTMLElement {
  const months = [...new Set(days.map((free) => monthOf(free.day)))].sort();
  const month = state.month && months.includes(state.month) ? state.month : (months[0] ?? '');
  const index = months.indexOf(month);
  const free = new Map(days.map((each) => [each.day, each.freeSlots]));
  const monthName = new Intl.DateTimeFormat(page.language, {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${month}-15T12:00:00Z`));
  // "febrero de 2026" → "Febrero de 2026" (CSS capitalize would make it "Febrero De 2026").
  const monthTitle = monthName.charAt(0).toLocaleUpperCase(page.language) + monthName.slice(1);
  const go = (to: string | undefined) => () => {
    if (!to) return;
    state.month = to;
    redraw();
  };
  const titleId = 'booking-month-title';

  const cells: HTMLElement[] = [];
  const list = monthDays(month);
  const lead = weekday(list[0] ?? `${month}-01`) - 1;
  for (let blank = 0; blank < lead; blank += 1) cells.push(h('td', {}));
  for (const day of list) {
    const count = free.get(day);
    const number = String(Number(day.slice(8)));
    cells.push(
      h(
        'td',
        {},
        count
          ? button(number, () => onPick(day), {
              class: 'booking-day',
              'data-day': day,
              'aria-label': page.t('dayFree', { day: formatLocalDay(day, page.language), count }),
            })
          : h('span', { class: 'booking-day-closed' }, number),
      ),
    );
  }
  const rows: HTMLElement[] = [];
  for (let start = 0; start < cells.length; start += 7) {
    rows.push(h('tr', {}, cells.slice(start, start + 7)));
  }
  const names = weekdayNames(page);
  const grid = h(
    'table',
    { class: 'booking-calendar', 'aria-labelledby': titleId },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        names.map((name) => h('th', { scope: 'col', abbr: name.long }, name.short)),
      ),
    ),
    h('tbody', {}, rows),
  );
  grid.addEventListener('keydown', (event) => moveFocus(grid, event));

  return h(
    'div',
    { class: 'booking-calendar-box' },
    h(
      'div',
      { class: 'booking-month-bar' },
      button('‹', go(months[index - 1]), {
        'aria-label': page.t('previousMonth'),
        disabled: index <= 0,
      }),
      h('h2', { id: titleId, class: 'booking-month' }, monthTitle),
      button('›', go(months[index + 1]), {
        'aria-label': page.t('nextMonth'),
        disabled: index >= months.length - 1,
      }),
    ),
    grid,
  );
}

const STEPS: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 };

function moveFocus(grid: HTMLElement, event: KeyboardEvent): void {
  const step = STEPS[event.key];
  const from = (event.target as HTMLElement).closest<HTMLButtonElement>('button.booking-day');
  if (!step || !from) return;
  const buttons = [...grid.querySelectorAll<HTMLButtonElement>('button.booking-day')];
  const target = new Date(`${from.dataset.day}T12:00:00Z`);
  target.setUTCDate(target.getUTCDate() + step);
  const wanted = target.toISOString().slice(0, 10);
  // The free day nearest to the one the key points at, in the key's direction.
  const next =
    step > 0
      ? buttons.find((candidate) => (candidate.dataset.day ?? '') >= wanted)
      : [...buttons].reverse().find((candidate) => (candidate.dataset.day ?? '') <= wanted);
  if (next) {
    event.preventDefault();
    next.focus();
  }
}
