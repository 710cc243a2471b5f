/**
 * The minimum data and the privacy notice (step 4): name; an e-mail or a phone; the DNI/NIE only
 * where the service asks for it, checked with its letter here too. The notice says who is
 * responsible, why, how long the data is kept and where to exercise the rights (from the site
 * info), and the booking needs its explicit acceptance. Field errors are written next to each
 * field (aria-describedby) and the first wrong field takes the focus.
 */
import type { BookingSite } from '../../src-shared/contract/booking';
import { parseIdDocument } from '../../src-shared/domain/id-document';
import { h } from './dom';
import type { Page } from './page';
import type { BookingTextKey } from './texts';

export interface DetailsState {
  name: string;
  email: string;
  phone: string;
  citizenId: string;
  privacyAccepted: boolean;
  errors: Partial<Record<DetailsField, BookingTextKey>>;
}

export type DetailsField = 'name' | 'email' | 'phone' | 'citizenId' | 'privacyAccepted';

export const emptyDetails = (): DetailsState => ({
  name: '',
  email: '',
  phone: '',
  citizenId: '',
  privacyAccepted: false,
  errors: {},
});

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 ]{9,20}$/;

/** The errors of the form as it is (none: it may be sent). */
export function checkDetails(
  state: DetailsState,
  requiresCitizenId: boolean,
): DetailsState['errors'] {
  const errors: DetailsState['errors'] = {};
  if (!state.name.trim()) errors.name = 'nameMissing';
  const email = state.email.trim();
  const phone = state.phone.trim();
  if (!email && !phone) errors.email = 'contactMissing';
  if (email && !EMAIL.test(email)) errors.email = 'emailInvalid';
  if (phone && !PHONE.test(phone)) errors.phone = 'phoneInvalid';
  if (requiresCitizenId) {
    const id = parseIdDocument(state.citizenId);
    if (!id.ok || id.type === 'passport') errors.citizenId = 'citizenIdInvalid';
  }
  if (!state.privacyAccepted) errors.privacyAccepted = 'privacyMissing';
  return errors;
}

function field(
  page: Page,
  state: DetailsState,
  name: 'name' | 'email' | 'phone' | 'citizenId',
  label: BookingTextKey,
  input: { type: string; autocomplete: string; required?: boolean; hint?: string },
): HTMLElement {
  const id = `booking-${name}`;
  const error = state.errors[name];
  const described = [input.hint ? `${id}-hint` : '', error ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  const element = h('input', {
    id,
    name,
    type: input.type,
    autocomplete: input.autocomplete,
    value: state[name],
    required: input.required,
    'aria-invalid': error ? 'true' : undefined,
    'aria-describedby': described || undefined,
  });
  element.value = state[name];
  element.addEventListener('input', () => {
    state[name] = element.value;
  });
  return h(
    'div',
    { class: 'booking-field' },
    h('label', { for: id }, page.t(label), input.required ? ` ${page.t('requiredMark')}` : ''),
    input.hint ? h('p', { id: `${id}-hint`, class: 'booking-hint' }, input.hint) : null,
    element,
    error ? h('p', { id: `${id}-error`, class: 'booking-field-error' }, page.t(error)) : null,
  );
}

export function detailsFields(
  page: Page,
  state: DetailsState,
  site: BookingSite,
  requiresCitizenId: boolean,
): HTMLElement[] {
  const accept = h('input', {
    id: 'booking-privacy',
    type: 'checkbox',
    required: true,
    'aria-invalid': state.errors.privacyAccepted ? 'true' : undefined,
    'aria-describedby': state.errors.privacyAccepted ? 'booking-privacy-error' : undefined,
  });
  accept.checked = state.privacyAccepted;
  accept.addEventListener('change', () => {
    state.privacyAccepted = accept.checked;
  });
  const contactHint = page.t('contactHint');
  return [
    field(page, state, 'name', 'nameLabel', { type: 'text', autocomplete: 'name', required: true }),
    h('p', { class: 'booking-hint', id: 'booking-contact-hint' }, contactHint),
    field(page, state, 'email', 'emailLabel', { type: 'email', autocomplete: 'email' }),
    field(page, state, 'phone', 'phoneLabel', { type: 'tel', autocomplete: 'tel' }),
    requiresCitizenId
      ? field(page, state, 'citizenId', 'citizenIdLabel', {
          type: 'text',
          autocomplete: 'off',
          required: true,
          hint: page.t('citizenIdHint'),
        })
      : h('span', { hidden: true }),
    h(
      'section',
      { class: 'booking-privacy', 'aria-labelledby': 'booking-privacy-title' },
      h('h2', { id: 'booking-privacy-title' }, page.t('privacyTitle')),
      h('p', {}, page.t('privacyPurpose')),
      h('p', {}, page.t('privacyController', { controller: site.privacy.controllerName })),
      h('p', {}, page.t('privacyRetention', { days: site.privacy.purgeAfterDays })),
      h('p', {}, page.t('privacyRights', { contact: site.privacy.rightsContact })),
      h(
        'div',
        { class: 'booking-accept' },
        accept,
        h('label', { for: 'booking-privacy' }, page.t('privacyAccept')),
      ),
      state.errors.privacyAccepted
        ? h(
            'p',
            { id: 'booking-privacy-error', class: 'booking-field-error' },
            page.t(state.errors.privacyAccepted),
          )
        : null,
    ),
  ];
}
