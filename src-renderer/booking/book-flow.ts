/**
 * Booking, step by step: service → day → time → details and privacy → confirmation. The proof
 * of work is solved in the background from the moment the form is shown. A slot taken by
 * someone else in the meantime sends the citizen back to that day's times with the message.
 */
import type {
  BookableService,
  BookingConfirmation,
  BookingSite,
} from '../../src-shared/contract/booking';
import { formatLocalDay } from '../../src-shared/domain/booking-texts';
import { bookingApi, BookingApiError, manageUrl, type PageErrorCode } from './api';
import { bookingCard } from './booking-card';
import { checkDetails, detailsFields, emptyDetails, type DetailsField } from './details-form';
import { button, h, heading } from './dom';
import { loader, type Loaded } from './load';
import { errorMessage, stepLine, type Page, type View } from './page';
import { dayView, timeView, type FreeSlot, type PickerOptions } from './picker';
import { solveProof } from './proof';

const TOTAL_STEPS = 5;
const FIELD_ORDER: readonly DetailsField[] = [
  'name',
  'email',
  'phone',
  'citizenId',
  'privacyAccepted',
];
const FIELD_IDS: Record<DetailsField, string> = {
  name: 'booking-name',
  email: 'booking-email',
  phone: 'booking-phone',
  citizenId: 'booking-citizenId',
  privacyAccepted: 'booking-privacy',
};

export function startBooking(page: Page, siteId: string): void {
  let site: (() => Loaded<BookingSite>) | null = null;
  const services: View = (current) => {
    site ??= loader(current, async () => {
      const found = await bookingApi.site(siteId);
      current.setOffice(found.name);
      return found;
    });
    const loaded = site();
    return h(
      'section',
      {},
      stepLine(current, 1, TOTAL_STEPS),
      heading(current.t('serviceTitle')),
      loaded.state === 'loading'
        ? h('p', { role: 'status' }, current.t('loading'))
        : loaded.state === 'failed'
          ? errorMessage(current, loaded.code)
          : loaded.value.services.length === 0
            ? h('p', { role: 'status' }, current.t('noServices'))
            : h(
                'ul',
                { class: 'booking-services' },
                loaded.value.services.map((service) =>
                  h(
                    'li',
                    {},
                    button(
                      [
                        h(
                          'span',
                          { class: 'booking-service-name' },
                          service.names[current.language] ?? service.names.es,
                        ),
                        h(
                          'span',
                          { class: 'booking-service-minutes' },
                          current.t('serviceMinutes', { minutes: service.slotMinutes }),
                        ),
                      ],
                      () => page.show(dayView(pickerFor(loaded.value, service))),
                      { class: 'booking-service' },
                    ),
                  ),
                ),
              ),
    );
  };
  const pickerFor = (found: BookingSite, service: BookableService): PickerOptions => {
    const options: PickerOptions = {
      siteId,
      serviceId: service.id,
      steps: { day: 2, time: 3, total: TOTAL_STEPS },
      onBack: () => page.show(services),
      onPicked: (day, slot) => page.show(detailsView(found, service, options, day, slot)),
    };
    return options;
  };
  page.show(services);
}

function detailsView(
  site: BookingSite,
  service: BookableService,
  picker: PickerOptions,
  day: string,
  slot: FreeSlot,
): View {
  const state = emptyDetails();
  let proof: Promise<string> | null = null;
  let sending = false;
  let refusal: PageErrorCode | null = null;

  return (page) => {
    // Solved while the citizen types; a failed attempt is tried again on submit.
    proof ??= solveProof();
    proof.catch(() => undefined);
    const form = h(
      'form',
      { class: 'booking-form', novalidate: true, 'aria-busy': sending ? 'true' : 'false' },
      ...detailsFields(page, state, site, service.requiresCitizenId),
      refusal ? errorMessage(page, refusal) : null,
      sending ? h('p', { role: 'status' }, page.t('working')) : null,
      h(
        'button',
        { type: 'submit', class: 'booking-primary', disabled: sending },
        page.t('submit'),
      ),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      state.errors = checkDetails(state, service.requiresCitizenId);
      const firstWrong = FIELD_ORDER.find((name) => state.errors[name]);
      if (firstWrong) {
        refusal = null;
        page.redraw();
        document.getElementById(FIELD_IDS[firstWrong])?.focus();
        return;
      }
      sending = true;
      refusal = null;
      page.redraw();
      void submit(page);
    });

    const submit = async (current: Page) => {
      try {
        const solved = await (proof ?? solveProof()).catch(() => {
          proof = solveProof();
          return proof;
        });
        const confirmation = await bookingApi.book(site.siteId, {
          serviceId: service.id,
          startsAt: slot.startsAt,
          name: state.name.trim(),
          ...(state.email.trim() ? { email: state.email.trim() } : {}),
          ...(state.phone.trim() ? { phone: state.phone.trim() } : {}),
          ...(service.requiresCitizenId ? { citizenId: state.citizenId.trim() } : {}),
          language: current.language,
          privacyAccepted: true,
          proof: solved,
        });
        current.show(confirmationView(confirmation, Boolean(state.email.trim())));
      } catch (error) {
        const code = error instanceof BookingApiError ? error.code : 'internal';
        sending = false;
        // A proof is good once: the next attempt needs a fresh one.
        proof = null;
        if (code === 'slot-taken' || code === 'slot-unavailable') {
          current.show(timeView(picker, day, code));
          return;
        }
        refusal = code;
        // Drawn with role="alert": announced without moving the focus off the form.
        current.redraw();
      }
    };

    return h(
      'section',
      {},
      stepLine(page, 4, TOTAL_STEPS),
      heading(page.t('dataTitle')),
      h(
        'p',
        { class: 'booking-chosen' },
        page.t('chosenSlot', {
          service: service.names[page.language] ?? service.names.es,
          day: formatLocalDay(day, page.language),
          time: slot.localTime,
        }),
      ),
      form,
      button(page.t('back'), () => page.show(timeView(picker, day)), {
        class: 'booking-secondary',
      }),
    );
  };
}

function confirmationView(confirmation: BookingConfirmation, mailed: boolean): View {
  return (page) => {
    const link = manageUrl(confirmation.manageToken);
    return h(
      'section',
      {},
      stepLine(page, 5, TOTAL_STEPS),
      heading(page.t('confirmedTitle')),
      mailed ? h('p', { role: 'status' }, page.t('mailSent')) : null,
      bookingCard(page, confirmation.booking, confirmation.manageToken),
      h(
        'p',
        {},
        h(
          'a',
          { class: 'booking-link', href: link, 'data-testid': 'manage-link' },
          page.t('manageLink'),
        ),
      ),
      h('p', { class: 'booking-hint' }, page.t('manageHint')),
    );
  };
}
