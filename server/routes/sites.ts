/** Site info, the appointments delta feed and booking tokens. */
import {
  AppointmentsQuerySchema,
  type Appointment,
  type AppointmentsQuery,
  type AppointmentsPage,
  type BookingTokenResponse,
  type SiteInfoResponse,
} from '../../src-shared/contract/townhall-api';
import { addDays, fromLocalDateTime } from '../../src-shared/domain/site-time';
import { signBookingToken, type SigningKey } from '../booking-tokens';
import { siteToday, type ApiRoute, type ServerState } from '../context';
import { MAX_LEASE_BLOCK } from './number-leases';
import { siteWaitEstimates } from '../queue/site-wait';
import { checkCursor, encodeCursor } from '../cursor';
import {
  publicAppointment,
  type AppointmentsRepository,
  type StoredAppointment,
} from '../store/appointments-repository';
import type { ServerStore } from '../store/store';
import { describeIssues, HttpError } from '../http-util';

/**
 * The site and its services, and the tickets each service has given today (so kiosks keep the
 * daily caps together). The ID-hash salt goes only to an enrolled device: with it, anyone could
 * test candidate ID numbers against the hashes (there are only so many DNI numbers).
 */
async function siteInfo(
  state: ServerState,
  siteId: string,
  enrolled: boolean,
): Promise<SiteInfoResponse> {
  const stored = await state.store.sites.getSite(siteId);
  if (!stored) throw new HttpError(404, 'not-found', `site ${siteId} is not known`);
  const { idHashSalt, numbering, ...site } = stored;
  const today = await siteToday(state, siteId);
  return {
    site: {
      ...site,
      ...(enrolled ? { idHashSalt } : {}),
      bookingKeys: state.bookingKeys,
      // What a lease really gives: kiosks size their top-ups by it.
      numbering: {
        ...numbering,
        defaultBlockSize: Math.min(numbering.defaultBlockSize, MAX_LEASE_BLOCK),
      },
    },
    services: await state.store.sites.listServices(siteId),
    issuedToday: { day: today, services: await state.store.tickets.countsOfDay(siteId, today) },
    waitEstimates: await siteWaitEstimates(state, siteId),
  };
}

/** An appointment as the API shows it; its citizen's ID hash only to an enrolled device. */
const appointmentFor =
  (enrolled: boolean) =>
  (appointment: StoredAppointment): Appointment =>
    publicAppointment(enrolled ? appointment : { ...appointment, citizenIdHash: null });

async function getAppointments(
  store: ServerStore,
  siteId: string,
  url: URL,
  enrolled: boolean,
): Promise<AppointmentsPage> {
  // First value of each parameter: repeated parameters are not part of the API.
  const raw: Record<string, string> = {};
  for (const [key, value] of url.searchParams) raw[key] ??= value;
  const parsed = AppointmentsQuerySchema.safeParse(raw);
  if (!parsed.success) throw new HttpError(400, 'bad-request', describeIssues(parsed.error));
  const query = parsed.data;
  // One transaction that no appointment write of the site is in flight for (on SQLite: none at
  // all; on PostgreSQL: the site's row locked for share): every change up to the sequence read
  // is visible to the rows read, so the cursor never passes one the kiosk did not get.
  return store.transaction(
    ({ appointments }) => appointmentsPage(appointments, siteId, query, enrolled),
    siteId,
    'share',
  );
}

async function appointmentsPage(
  appointments: AppointmentsRepository,
  siteId: string,
  query: AppointmentsQuery,
  enrolled: boolean,
): Promise<AppointmentsPage> {
  const currentSeq = await appointments.currentSequence();
  const epoch = await appointments.epoch();
  let baseSeq = currentSeq;
  let position = 0;
  if (query.cursor !== undefined) {
    const check = checkCursor(query.cursor, {
      epoch,
      siteId,
      from: query.from,
      days: query.days,
      currentSeq,
    });
    if (!check.ok) throw new HttpError(400, 'invalid-cursor', check.reason);
    baseSeq = check.state.baseSeq;
    position = check.state.position;
  }
  // One row more than asked tells whether another page follows.
  const rows = await appointments.changedInWindow({
    siteId,
    fromDay: query.from,
    toDay: addDays(query.from, query.days - 1),
    baseSeq,
    afterSeq: position,
    limit: query.limit + 1,
  });
  const hasMore = rows.length > query.limit;
  const page = rows.slice(0, query.limit);
  // The last page's cursor is the current sequence, so the next delta starts after every change
  // that exists now, in this window or not (the transaction above: nothing of the site can be
  // written between reading the sequence and reading the rows).
  const nextPosition = hasMore ? (page.at(-1)?.changeSeq ?? position) : currentSeq;
  const cursor = encodeCursor({
    epoch,
    siteId,
    from: query.from,
    days: query.days,
    baseSeq: hasMore ? baseSeq : currentSeq,
    position: nextPosition,
  });
  return { appointments: page.map(appointmentFor(enrolled)), cursor, hasMore };
}

/** Seconds since the epoch, as JWT NumericDate. */
const seconds = (date: Date): number => Math.floor(date.getTime() / 1000);

/**
 * Signs a token for one of the site's appointments. It expires at the end of the appointment's
 * site-local day: it can do nothing after that.
 */
export async function issueToken(
  store: ServerStore,
  key: SigningKey,
  siteId: string,
  appointmentId: string,
  now: Date,
): Promise<BookingTokenResponse> {
  const appointment = await store.appointments.get(appointmentId);
  if (!appointment || appointment.siteId !== siteId) {
    throw new HttpError(404, 'not-found', `appointment ${appointmentId} is not known here`);
  }
  if (appointment.status === 'cancelled') {
    throw new HttpError(409, 'conflict', `appointment ${appointment.id} is cancelled`);
  }
  const site = await store.sites.getSite(siteId);
  const expiresAt = fromLocalDateTime(
    addDays(appointment.localDay, 1),
    '00:00',
    site?.timeZone ?? 'Europe/Madrid',
  );
  const token = signBookingToken(key, {
    bid: appointment.id,
    code: appointment.code,
    site: siteId,
    svc: appointment.serviceId,
    start: appointment.startsAt,
    exp: seconds(expiresAt),
    iat: seconds(now),
  });
  return { token, kid: key.kid, expiresAt: expiresAt.toISOString() };
}

export const siteRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: '/sites/:siteId',
    auth: 'device',
    handle: async ({ state, siteId, enrolledDevice }) => ({
      status: 200,
      body: await siteInfo(state, siteId, enrolledDevice !== null),
    }),
  },
  {
    method: 'GET',
    path: '/sites/:siteId/appointments',
    auth: 'device',
    handle: async ({ state, siteId, url, enrolledDevice }) => ({
      status: 200,
      body: await getAppointments(state.store, siteId, url, enrolledDevice !== null),
    }),
  },
  {
    method: 'GET',
    path: '/sites/:siteId/appointments/:appointmentId/token',
    auth: 'device',
    handle: async ({ state, siteId, params }) => ({
      status: 200,
      body: await issueToken(
        state.store,
        state.activeKey,
        siteId,
        params.appointmentId as string,
        state.now(),
      ),
    }),
  },
];
