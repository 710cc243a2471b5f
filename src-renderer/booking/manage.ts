/**
 * The manage page (`/book/m/{manageToken}`): the booking as it stands, "change the time" (the
 * same day and time picker, then the new time is taken or refused) and "cancel" behind a
 * confirmation step.
 */
import type { BookingView } from '../../src-shared/contract/booking';
import { bookingApi, BookingApiError, type PageErrorCode } from './api';
import { bookingCard } from './booking-card';
import { button, h, heading } from './dom';
import { errorMessage, type Page, type View } from './page';
import { dayView, timeView, type PickerOptions } from './picker';

type Mode = 'view' | 'confirm-cancel';

/** `bookingLanguage`: open in the language the booking was made in (no `?lang=` given). */
export function startManaging(page: Page, manageToken: string, bookingLanguage: boolean): void {
  let code: PageErrorCode = 'internal';
  const failed: View = (current) =>
    h('section', {}, heading(current.t('manageTitle')), errorMessage(current, code));
  page.show((current) =>
    h(
      'section',
      {},
      heading(current.t('manageTitle')),
      h('p', { role: 'status' }, current.t('loading')),
    ),
  );
  bookingApi.booking(manageToken).then(
    (booking) => {
      if (bookingLanguage) page.setLanguage(booking.language);
      page.setOffice(booking.siteName);
      page.show(managedView(booking, manageToken));
    },
    (error: unknown) => {
      code = error instanceof BookingApiError ? error.code : 'internal';
      page.show(failed);
    },
  );
}

function managedView(
  booking: BookingView,
  manageToken: string,
  title?: 'movedTitle' | 'cancelledTitle',
): View {
  let mode: Mode = 'view';
  let refusal: PageErrorCode | null = null;
  let busy = false;

  const act = (
    page: Page,
    action: () => Promise<BookingView>,
    after: 'movedTitle' | 'cancelledTitle',
  ) => {
    busy = true;
    refusal = null;
    page.redraw();
    action().then(
      (changed) => page.show(managedView(changed, manageToken, after)),
      (error: unknown) => {
        busy = false;
        mode = 'view';
        refusal = error instanceof BookingApiError ? error.code : 'internal';
        page.redraw();
      },
    );
  };

  const view: View = (page) => {
    const picker: PickerOptions = {
      siteId: booking.siteId,
      serviceId: booking.serviceId,
      onBack: () => page.show(view),
      onPicked: (day, slot) =>
        act(
          page,
          () =>
            bookingApi.move(manageToken, slot.startsAt).catch((error: unknown) => {
              if (
                error instanceof BookingApiError &&
                (error.code === 'slot-taken' || error.code === 'slot-unavailable')
              ) {
                page.show(timeView(picker, day, error.code));
              }
              throw error;
            }),
          'movedTitle',
        ),
    };
    const actions =
      booking.status !== 'booked'
        ? null
        : mode === 'confirm-cancel'
          ? h(
              'div',
              {
                class: 'booking-confirm',
                role: 'group',
                'aria-labelledby': 'booking-cancel-title',
              },
              h('h2', { id: 'booking-cancel-title' }, page.t('cancelConfirmTitle')),
              h('p', {}, page.t('cancelConfirmText')),
              button(
                page.t('cancelYes'),
                () => act(page, () => bookingApi.cancel(manageToken), 'cancelledTitle'),
                {
                  class: 'booking-danger',
                  disabled: busy,
                },
              ),
              button(
                page.t('cancelNo'),
                () => {
                  mode = 'view';
                  page.redraw();
                },
                { class: 'booking-secondary' },
              ),
            )
          : h(
              'div',
              { class: 'booking-actions' },
              button(page.t('changeTime'), () => page.show(dayView(picker)), {
                class: 'booking-primary',
                disabled: busy,
              }),
              button(
                page.t('cancelBooking'),
                () => {
                  mode = 'confirm-cancel';
                  page.redraw();
                  document.getElementById('booking-cancel-title')?.setAttribute('tabindex', '-1');
                  document.getElementById('booking-cancel-title')?.focus();
                },
                { class: 'booking-secondary', disabled: busy },
              ),
            );
    return h(
      'section',
      {},
      heading(page.t(title ?? 'manageTitle')),
      booking.status === 'cancelled' ? h('p', { role: 'status' }, page.t('cancelledText')) : null,
      refusal ? errorMessage(page, refusal) : null,
      bookingCard(page, booking, manageToken),
      actions,
      booking.status === 'cancelled'
        ? h(
            'p',
            {},
            h(
              'a',
              { class: 'booking-link', href: `/book?site=${encodeURIComponent(booking.siteId)}` },
              page.t('bookAgain'),
            ),
          )
        : null,
    );
  };
  return view;
}
