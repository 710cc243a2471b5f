/**
 * The public booking page (docs/booking.md, "The booking page"): the BUILT
 * `dist/renderer/booking.html` (src-renderer/booking/) at `/book/` (booking; `?site=` picks the
 * office, the first one otherwise) and at `/book/m/{manageToken}` (see, move or cancel one
 * booking: the page reads the token from its own path and asks the API), their assets, and the
 * booking's calendar file. The page talks only to `/book/api/*` (booking-core's routes).
 *
 * Every answer carries the pages' strict CSP, with one difference: a town hall may show the
 * page inside its own website, so `frame-ancestors` names the origins the administrator gave
 * (`--booking-embed-origin`), and only when there are none is framing refused outright.
 */
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import { ManageTokenSchema } from '../../src-shared/contract/booking';
import type { ServerState } from '../context';
import type { Endpoints } from '../http/endpoints';
import { HttpError } from '../http-util';
import { ASSET_NAME, sendBuiltFile } from '../routes/lobby';
import { pageSite, type PageHandler } from '../routes/page-kit';
import { BookingHttpError, sendBookingError } from './booking-errors';
import { bookingByManageToken } from './booking-service';
import { bookingView } from './booking-view';
import { bookingIcs } from './notify/booking-ics';

/** `https://www.ayto.example` from what the administrator typed: an http(s) origin, nothing more. */
export function embedOrigin(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`invalid --booking-embed-origin ${text} (an origin: https://www.ayto.example)`);
  }
  if (
    (url.protocol !== 'https:' && url.protocol !== 'http:') ||
    url.pathname.length > 1 ||
    url.search ||
    url.hash
  ) {
    throw new Error(`invalid --booking-embed-origin ${text} (an origin: https://www.ayto.example)`);
  }
  return url.origin;
}

export function bookingPageCsp(embedOrigins: readonly string[]): string {
  const ancestors = embedOrigins.length === 0 ? "'none'" : ["'self'", ...embedOrigins].join(' ');
  return (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; " +
    `frame-ancestors ${ancestors}`
  );
}

const sendBookingFile = async (
  state: ServerState,
  relative: string,
  reply: Parameters<PageHandler>[2],
): Promise<void> => {
  await sendBuiltFile(
    state.lobbyPageDir,
    relative,
    reply,
    bookingPageCsp(state.bookingEmbedOrigins),
  );
};

/** `/book` and `/book/` without a site: to the page of the site (the first one by default). */
const serveBookingPage: PageHandler = async (state, _request, reply, url) => {
  const siteId = await pageSite(state, url);
  if (url.pathname !== '/book/' || url.searchParams.get('site') !== siteId) {
    const target = new URLSearchParams(url.searchParams);
    target.set('site', siteId);
    reply.redirect(`/book/?${target.toString()}`, 302);
    return;
  }
  await sendBookingFile(state, 'booking.html', reply);
};

const serveManagePage: PageHandler = async (state, _request, reply) => {
  // The page's address carries the manage token: never indexed, never previewed.
  reply.header('x-robots-tag', 'noindex, nofollow');
  await sendBookingFile(state, 'booking.html', reply);
};

const serveAsset: PageHandler = async (state, request, reply) => {
  const { file } = request.params as { file?: string };
  if (!file || !ASSET_NAME.test(file)) throw new HttpError(404, 'not-found', 'no such file');
  await sendBookingFile(state, `assets/${file}`, reply);
};

const ROUTES: readonly { path: string; handle: PageHandler }[] = [
  { path: '/book', handle: serveBookingPage },
  { path: '/book/', handle: serveBookingPage },
  { path: '/book/assets/:file', handle: serveAsset },
  { path: '/book/m/assets/:file', handle: serveAsset },
  { path: '/book/m/:manageToken', handle: serveManagePage },
];

/** The path of a booking's calendar file (the page's "add to calendar"). */
export const CALENDAR_PATH = '/book/api/bookings/:manageToken/calendar.ics';

/**
 * The booking as an iCalendar file, by its manage token: refused like the rest of the booking
 * API (its JSON error shape, 404 for a token that names no booking or is malformed).
 */
async function calendarFile(state: ServerState, manageToken: string): Promise<string> {
  if (!ManageTokenSchema.safeParse(manageToken).success) {
    throw new BookingHttpError(404, 'not-found', 'no such booking');
  }
  const booked = await bookingByManageToken(state, manageToken);
  const view = await bookingView(state, booked.appointment, booked.booking);
  return bookingIcs(view, { now: state.now() });
}

export function bookingPages(state: ServerState, endpoints: Endpoints) {
  return async (app: FastifyInstance): Promise<void> => {
    await app.register(helmet, {
      contentSecurityPolicy: false,
      // X-Frame-Options cannot name origins: frame-ancestors (CSP) says who may frame the page.
      frameguard: state.bookingEmbedOrigins.length === 0 ? { action: 'deny' } : false,
      referrerPolicy: { policy: 'no-referrer' },
      strictTransportSecurity: false,
    });
    for (const route of ROUTES) {
      endpoints.add('GET', route.path);
      app.get(route.path, async (request, reply) => {
        const url = new URL(request.raw.url ?? '/', 'http://townhall.invalid');
        await route.handle(state, request, reply, url);
        // Returned: an async onSend hook (the staff session's) must be waited for.
        return reply;
      });
    }
    endpoints.add('GET', CALENDAR_PATH);
    await app.register(async (calendar) => {
      calendar.setErrorHandler(sendBookingError);
      calendar.get(CALENDAR_PATH, async (request, reply) => {
        const { manageToken } = request.params as { manageToken: string };
        const ics = await calendarFile(state, manageToken);
        reply
          .code(200)
          .header('content-type', 'text/calendar; charset=utf-8')
          .header('content-disposition', 'attachment; filename="cita.ics"')
          .header('cache-control', 'no-store')
          .header('x-robots-tag', 'noindex, nofollow')
          .send(ics);
        return reply;
      });
    });
  };
}
