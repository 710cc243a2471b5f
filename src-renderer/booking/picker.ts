/**
 * Choosing a slot: the day (a calendar of the days with a free slot) and then the time (the
 * free slots of that day). The booking and the manage page's "change the time" both use it.
 */
import type { FreeDays, FreeSlots } from '../../src-shared/contract/booking';
import { formatLocalDay } from '../../src-shared/domain/booking-texts';
import { bookingApi, type PageErrorCode } from './api';
import { calendar, type CalendarState } from './calendar';
import { button, h, heading } from './dom';
import { loader, type Loaded } from './load';
import { errorMessage, stepLine, type Page, type View } from './page';

export type FreeSlot = FreeSlots['slots'][number];

export interface PickerOptions {
  siteId: string;
  serviceId: string;
  /** Step numbers of the day and time views, or none (the manage page). */
  steps?: { day: number; time: number; total: number };
  onBack(): void;
  onPicked(day: string, slot: FreeSlot): void;
}

export function dayView(options: PickerOptions): View {
  const calendarState: CalendarState = { month: null };
  let days: (() => Loaded<FreeDays>) | null = null;
  const view: View = (page) => {
    days ??= loader(page, () => bookingApi.days(options.siteId, options.serviceId));
    const loaded = days();
    const body =
      loaded.state === 'loading'
        ? h('p', { role: 'status' }, page.t('loading'))
        : loaded.state === 'failed'
          ? errorMessage(page, loaded.code)
          : loaded.value.days.length === 0
            ? h('p', { role: 'status' }, page.t('noDays'))
            : calendar(
                page,
                loaded.value.days,
                calendarState,
                (day) => page.show(timeView(options, day)),
                () => page.redraw(),
              );
    return h(
      'section',
      {},
      options.steps ? stepLine(page, options.steps.day, options.steps.total) : null,
      heading(page.t('dayTitle')),
      h('p', {}, page.t('dayHint')),
      body,
      button(page.t('back'), options.onBack, { class: 'booking-secondary' }),
    );
  };
  return view;
}

/** `notice`: why the citizen is back at the times (the slot they chose was just taken). */
export function timeView(options: PickerOptions, day: string, notice?: PageErrorCode): View {
  let slots: (() => Loaded<FreeSlots>) | null = null;
  return (page: Page) => {
    slots ??= loader(page, () => bookingApi.slots(options.siteId, options.serviceId, day));
    const loaded = slots();
    const body =
      loaded.state === 'loading'
        ? h('p', { role: 'status' }, page.t('loading'))
        : loaded.state === 'failed'
          ? errorMessage(page, loaded.code)
          : loaded.value.slots.length === 0
            ? h('p', { role: 'status' }, page.t('noTimes'))
            : h(
                'ul',
                { class: 'booking-times' },
                loaded.value.slots.map((slot) =>
                  h(
                    'li',
                    {},
                    button(slot.localTime, () => options.onPicked(day, slot), {
                      class: 'booking-time',
                      'aria-label': page.t('timeFree', { time: slot.localTime, count: slot.free }),
                    }),
                  ),
                ),
              );
    return h(
      'section',
      {},
      options.steps ? stepLine(page, options.steps.time, options.steps.total) : null,
      heading(page.t('timeTitle')),
      h('p', { class: 'booking-chosen' }, formatLocalDay(day, page.language)),
      notice ? errorMessage(page, notice) : null,
      body,
      button(page.t('back'), () => page.show(dayView(options)), { class: 'booking-secondary' }),
    );
  };
}
