/**
 * The check-in itself, in ONE SQLite transaction: find today's appointment, apply the policy and
 * the service's daily cap, allocate the number, insert the ticket and its outbox row, mark the
 * appointment checked in.
 * Any refusal or fault rolls all of it back; once it commits, the ticket is valid whatever the
 * printer does.
 */
import type { CheckInRequest } from '../../src-shared/contract/townhall-api';
import { decideCheckIn, type CheckInWindow } from '../../src-shared/domain/checkin-policy';
import type { Language } from '../../src-shared/domain/language';
import { localDayOf } from '../../src-shared/domain/site-time';
import type { TicketRecord } from '../store/ticket-repository';
import type { CheckInContext } from './check-in-context';
import { refuseAtDailyCap } from './daily-cap';
import { findAppointment } from './find-appointment';
import type { ScanTarget } from './identify';
import { insertNumberedTicket, type NumberRules } from './number-allocation';
import { CheckInRefused } from './refusal';

export type CommittedCheckIn = { outcome: 'issued' | 'already-issued'; ticket: TicketRecord };

export function commitCheckIn(
  context: CheckInContext,
  target: ScanTarget,
  checkInWindow: CheckInWindow,
  rules: NumberRules,
  /** The citizen's language, reported so the lobby screen can say the call in it. */
  language?: Language,
): CommittedCheckIn {
  const { store, timeZone, kioskId } = context;
  const now = context.now();
  const today = localDayOf(now, timeZone);
  return store.transaction(() => {
    const appointment = findAppointment(context, target, { now, today }, checkInWindow);
    const existing = store.tickets.findByAppointment(appointment.id);
    if (existing) return { outcome: 'already-issued', ticket: existing };
    if (appointment.status === 'checked-in') {
      // Checked in at another kiosk of the office: never a second number for one booking. The
      // number the town hall published for it, when it did, is the one to wait for.
      throw new CheckInRefused(
        'already-checked-in-elsewhere',
        appointment.ticketNumber ? { number: appointment.ticketNumber } : undefined,
      );
    }

    const decision = decideCheckIn(appointment, now, timeZone, checkInWindow);
    if (!decision.allowed) throw new CheckInRefused(decision.reason, decision.params);

    const service = store.catalog.getService(appointment.serviceId);
    if (!service) throw new Error(`appointment ${appointment.id} names an unknown service`);
    // Counted in this transaction, with the number: two check-ins at once cannot both pass.
    refuseAtDailyCap(context, service, today);

    const ticket = insertNumberedTicket(context, rules, { service, appointment, now, today });
    const report: CheckInRequest = {
      ticketId: ticket.id,
      appointmentId: appointment.id,
      kioskId,
      ticketNumber: ticket.number,
      issuedAt: ticket.issuedAt,
      identifiedBy: identifiedBy(target),
      // A booking known only from its token travels with it, so the town hall can reconcile.
      ...(target.by === 'token' && appointment.source === 'token'
        ? { bookingToken: target.token }
        : {}),
      ...(language ? { language } : {}),
      ...(ticket.followToken ? { followToken: ticket.followToken } : {}),
    };
    store.outbox.add(ticket.id, 'check-in', report, now);
    store.catalog.markAppointmentCheckedIn(appointment.id, now);
    return { outcome: 'issued', ticket };
  });
}

function identifiedBy(target: ScanTarget): CheckInRequest['identifiedBy'] {
  switch (target.by) {
    case 'citizen':
      return 'id-document';
    case 'token':
      return 'token';
    case 'code':
      return target.identifiedBy;
  }
}
