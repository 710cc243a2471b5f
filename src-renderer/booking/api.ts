/**
 * The booking API (`/book/api/*`, docs/booking.md) as the page uses it. Every refusal becomes a
 * `BookingApiError` with the contract's code (the page has a text for each), and a request that
 * never got an answer one with the code `network`.
 */
import type {
  BookingConfirmation,
  BookingErrorCode,
  BookingRequest,
  BookingSite,
  BookingView,
  FreeDays,
  FreeSlots,
} from '../../src-shared/contract/booking';

export type PageErrorCode = BookingErrorCode | 'network';

export class BookingApiError extends Error {
  constructor(readonly code: PageErrorCode) {
    super(code);
  }
}

/**
 * The contract's error codes, spelled out here because importing its zod enum would put zod in
 * the page's bundle; a Record so that a code added to the contract fails to compile until the
 * page knows it too.
 */
const KNOWN_ERROR_CODES: Record<BookingErrorCode, true> = {
  'bad-request': true,
  'not-found': true,
  'slot-taken': true,
  'slot-unavailable': true,
  'contact-limit': true,
  'citizen-id-invalid': true,
  'proof-failed': true,
  'rate-limited': true,
  'already-cancelled': true,
  internal: true,
};
const ERROR_CODES = Object.keys(KNOWN_ERROR_CODES) as BookingErrorCode[];

async function refusalCode(response: Response): Promise<PageErrorCode> {
  if (response.status === 429) return 'rate-limited';
  try {
    const body = (await response.json()) as { error?: { code?: unknown } };
    const code = ERROR_CODES.find((known) => known === body.error?.code);
    if (code) return code;
  } catch {
    // Not JSON (a proxy's error page): judged by its status below.
  }
  if (response.status === 404) return 'not-found';
  return response.status >= 500 ? 'internal' : 'bad-request';
}

async function call<Answer>(path: string, init: RequestInit = {}): Promise<Answer> {
  let response: Response;
  try {
    response = await fetch(path, {
      ...init,
      headers: {
        accept: 'application/json',
        ...(init.body ? { 'content-type': 'application/json' } : {}),
      },
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    throw new BookingApiError('network');
  }
  if (!response.ok) throw new BookingApiError(await refusalCode(response));
  return (await response.json()) as Answer;
}

const post = <Answer>(path: string, body: unknown) =>
  call<Answer>(path, { method: 'POST', body: JSON.stringify(body) });

const e = encodeURIComponent;
const sitePath = (siteId: string) => `/book/api/sites/${e(siteId)}`;
const bookingPath = (manageToken: string) => `/book/api/bookings/${e(manageToken)}`;

export const bookingApi = {
  site: (siteId: string) => call<BookingSite>(sitePath(siteId)),
  days: (siteId: string, serviceId: string) =>
    call<FreeDays>(`${sitePath(siteId)}/services/${e(serviceId)}/days`),
  slots: (siteId: string, serviceId: string, day: string) =>
    call<FreeSlots>(`${sitePath(siteId)}/services/${e(serviceId)}/days/${e(day)}/slots`),
  challenge: () => call<unknown>('/book/api/challenge'),
  book: (siteId: string, request: BookingRequest) =>
    post<BookingConfirmation>(`${sitePath(siteId)}/bookings`, request),
  booking: (manageToken: string) => call<BookingView>(bookingPath(manageToken)),
  cancel: (manageToken: string) => post<BookingView>(`${bookingPath(manageToken)}/cancel`, {}),
  move: (manageToken: string, startsAt: string) =>
    post<BookingView>(`${bookingPath(manageToken)}/move`, { startsAt }),
};

/** The booking's calendar file (booking-page-routes.ts): a plain link, the browser downloads it. */
export const calendarFileUrl = (manageToken: string) => `${bookingPath(manageToken)}/calendar.ics`;
export const manageUrl = (manageToken: string) =>
  new URL(`/book/m/${e(manageToken)}`, window.location.origin).toString();
