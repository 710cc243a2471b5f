/**
 * Finding the appointment: today's booking a scan target names, looked up in the cache by code,
 * by token (cached from the token itself when the cache does not know it yet) or by the hash of
 * a citizen's ID, choosing among that citizen's bookings of the day. Runs inside the check-in's
 * transaction.
 */
import {
  bookingNotTodayParams,
  decideCheckIn,
  type CheckInDecision,
  type CheckInWindow,
} from '../../src-shared/domain/checkin-policy';
import { toLocalDateTime } from '../../src-shared/domain/site-time';
import type { CachedAppointment } from '../store/catalog-repository';
import type { CheckInContext } from './check-in-context';
import type { ScanTarget } from './identify';
import { CheckInRefused } from './refusal';

/** The moment of the check-in, and its site-local day. */
export interface CheckInMoment {
  now: Date;
  today: string;
}

/**
 * A booking the cache does not know: not found — unless the cache was never filled (a new kiosk
 * that has not reached the town hall yet), where the honest answer is that it cannot tell. When
 * the cache may be behind (offline, or an old last pull), `booking-not-found` says so
 * (`offline: 'true'`): a booking made lately may exist all the same.
 */
function notInCache(
  context: CheckInContext,
  code: 'booking-not-found' | 'id-document-not-found',
): CheckInRefused {
  if (!context.store.syncState.everUpToDate()) return new CheckInRefused('kiosk-not-ready');
  if (code === 'booking-not-found' && context.cacheMayBeStale()) {
    return new CheckInRefused(code, { offline: 'true' });
  }
  return new CheckInRefused(code);
}

/** Today's appointment the target names, or the refusal that explains why there is none. */
export function findAppointment(
  context: CheckInContext,
  target: ScanTarget,
  moment: CheckInMoment,
  checkInWindow: CheckInWindow,
): CachedAppointment {
  switch (target.by) {
    case 'code':
      return findByCode(context, target.code, moment.today);
    case 'token':
      return findByToken(context, target, moment);
    case 'citizen':
      return chooseCitizenAppointment(context, target.idHash, moment, checkInWindow);
  }
}

function findByCode(context: CheckInContext, code: string, today: string): CachedAppointment {
  const { catalog } = context.store;
  const appointment = catalog.findAppointmentByCode(code, today);
  if (appointment) return appointment;
  const otherDay = catalog.findAppointmentByCodeAnyDay(code);
  if (otherDay && otherDay.status !== 'cancelled') {
    throw new CheckInRefused('booking-not-today', bookingNotTodayParams(otherDay, today));
  }
  if (otherDay) throw new CheckInRefused('booking-cancelled');
  throw notInCache(context, 'booking-not-found');
}

function findByToken(
  context: CheckInContext,
  target: Extract<ScanTarget, { by: 'token' }>,
  { now, today }: CheckInMoment,
): CachedAppointment {
  const { store, timeZone } = context;
  const cached = store.catalog.getAppointment(target.claims.bid);
  if (cached) return cached;
  // Not in the cache (not pulled yet, or the town hall is out of reach): the signed token
  // is the town hall's word for it. Cached here for this transaction and reconciliation.
  const local = toLocalDateTime(target.startsAt, timeZone);
  if (local.day !== today) {
    throw new CheckInRefused(
      'booking-not-today',
      bookingNotTodayParams({ localDay: local.day, localTime: local.time }, today),
    );
  }
  if (!store.catalog.getService(target.claims.svc)) throw notInCache(context, 'booking-not-found');
  store.catalog.insertTokenAppointment(
    {
      id: target.claims.bid,
      code: target.claims.code,
      serviceId: target.claims.svc,
      startsAt: target.startsAt.toISOString(),
    },
    timeZone,
    now,
  );
  const inserted = store.catalog.getAppointment(target.claims.bid);
  if (!inserted) throw new Error('token appointment was not cached');
  return inserted;
}

/**
 * One ID, several bookings today: the earliest one without a ticket whose check-in window is
 * open now; else, when one of them already has its ticket, that one (so a second scan shows
 * the same ticket); else the refusal of the next upcoming one (too early), or of the last.
 */
function chooseCitizenAppointment(
  context: CheckInContext,
  idHash: string,
  { now, today }: CheckInMoment,
  checkInWindow: CheckInWindow,
): CachedAppointment {
  const { store, timeZone } = context;
  const all = store.catalog.findAppointmentsByCitizen(idHash, today);
  if (all.length === 0) throw notInCache(context, 'id-document-not-found');
  const withTicket = all.filter((a) => store.tickets.findByAppointment(a.id) !== undefined);
  // Checked in at another kiosk: the town hall says so, this kiosk has no ticket for it.
  const elsewhere = all.filter((a) => !withTicket.includes(a) && a.status === 'checked-in');
  const pending = all.filter(
    (a) => !withTicket.includes(a) && !elsewhere.includes(a) && a.status !== 'cancelled',
  );
  const decisions = pending.map((a) => ({
    appointment: a,
    decision: decideCheckIn(a, now, timeZone, checkInWindow),
  }));
  const open = decisions.find((entry) => entry.decision.allowed);
  if (open) return open.appointment;
  const lastWithTicket = withTicket.at(-1) ?? elsewhere.at(-1);
  if (lastWithTicket) return lastWithTicket;
  const refused = (entry: { decision: CheckInDecision }) =>
    entry.decision.allowed ? null : entry.decision;
  const next =
    decisions.find((entry) => refused(entry)?.reason === 'too-early') ?? decisions.at(-1);
  const decision = next ? refused(next) : null;
  if (decision) throw new CheckInRefused(decision.reason, decision.params);
  // Only cancelled bookings today.
  throw new CheckInRefused('booking-cancelled');
}
