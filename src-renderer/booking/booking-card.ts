/**
 * A booking as its holder sees it, on the confirmation page and the manage page: the code, the
 * QR the kiosk verifies offline (drawn here from the signed booking token, as an SVG path), the
 * details, and "add to calendar".
 */
import type { BookingView } from '../../src-shared/contract/booking';
import { formatLocalDay } from '../../src-shared/domain/booking-texts';
import { qrPath } from '../qr/qr-path';
import { calendarFileUrl } from './api';
import { h } from './dom';
import type { Page } from './page';
import type { BookingTextKey } from './texts';

const SVG = 'http://www.w3.org/2000/svg';

const STATUS: Record<BookingView['status'], BookingTextKey> = {
  booked: 'statusBooked',
  cancelled: 'statusCancelled',
  'checked-in': 'statusCheckedIn',
};

function qrImage(page: Page, token: string): HTMLElement {
  const box = h('div', { class: 'booking-qr', 'data-ready': 'false' });
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', page.t('qrAlt'));
  box.append(svg);
  void qrPath(token).then(({ size, d }) => {
    svg.setAttribute('viewBox', `0 0 ${size} ${size}`);
    const background = document.createElementNS(SVG, 'rect');
    background.setAttribute('width', String(size));
    background.setAttribute('height', String(size));
    background.setAttribute('fill', '#ffffff');
    const modules = document.createElementNS(SVG, 'path');
    modules.setAttribute('d', d);
    modules.setAttribute('fill', '#000000');
    svg.append(background, modules);
    box.dataset.ready = 'true';
  });
  return box;
}

export function bookingCard(page: Page, booking: BookingView, manageToken: string): HTMLElement {
  const language = page.language;
  const service = booking.serviceNames[language] ?? booking.serviceNames.es;
  const row = (label: BookingTextKey, value: string) =>
    h('div', {}, h('dt', {}, page.t(label)), h('dd', {}, value));
  const active = booking.status === 'booked';
  return h(
    'div',
    { class: 'booking-card' },
    h('p', { class: 'booking-code-label' }, page.t('codeLabel')),
    h('p', { class: 'booking-code', 'data-testid': 'booking-code' }, booking.code),
    active && booking.bookingToken ? qrImage(page, booking.bookingToken) : null,
    active && booking.bookingToken ? h('p', {}, page.t('qrHelp')) : null,
    h(
      'dl',
      { class: 'booking-details' },
      row('officeLabel', booking.siteName),
      row('serviceLabel', service),
      row('dayLabel', formatLocalDay(booking.localDay, language)),
      row('timeLabel', booking.localTime),
      row('statusLabel', page.t(STATUS[booking.status])),
    ),
    active
      ? h(
          'a',
          { class: 'booking-link', href: calendarFileUrl(manageToken), download: 'cita.ics' },
          page.t('addToCalendar'),
        )
      : null,
  );
}
