/**
 * A ticket for a citizen without appointment, for a service that takes walk-ins: number, ticket
 * and outbox row ('walk-in', pushed to the town hall's walk-ins) in one transaction. The
 * service's daily cap is the town hall's to enforce (a refusal is recorded for staff; the ticket
 * stays valid).
 */
import type { CheckInResult, IpcErrorCode, IpcResult } from '../../src-shared/contract/ipc';
import type { Service, WalkInRequest } from '../../src-shared/contract/townhall-api';
import { localDayOf } from '../../src-shared/domain/site-time';
import type { TicketRecord } from '../store/ticket-repository';
import type { CheckInContext } from './check-in-context';
import { insertNumberedTicket, type NumberRules } from './number-allocation';

/** Refusals of a walk-in beyond the IPC contract's codes (the walk-in screen is not built yet). */
export type WalkInRefusal = 'unknown-service' | 'walk-ins-not-allowed';
export type WalkInRefusalCode = IpcErrorCode | WalkInRefusal;
export type WalkInResult = IpcResult<CheckInResult> | { ok: false; error: { code: WalkInRefusal } };

/** The service a walk-in asks for, or why it takes none. */
export function walkInService(
  context: CheckInContext,
  serviceId: string,
): { ok: true; service: Service } | { ok: false; error: { code: WalkInRefusal } } {
  const service = context.store.catalog.getService(serviceId);
  if (!service) return { ok: false, error: { code: 'unknown-service' } };
  if (!service.walkInsAllowed) return { ok: false, error: { code: 'walk-ins-not-allowed' } };
  return { ok: true, service };
}

export function commitWalkIn(
  context: CheckInContext,
  service: Service,
  rules: NumberRules,
): TicketRecord {
  const { store, timeZone, kioskId } = context;
  const now = context.now();
  const today = localDayOf(now, timeZone);
  return store.transaction(() => {
    const issued = insertNumberedTicket(context, rules, { service, appointment: null, now, today });
    const report: WalkInRequest = {
      ticketId: issued.id,
      serviceId: service.id,
      kioskId,
      ticketNumber: issued.number,
      issuedAt: issued.issuedAt,
    };
    store.outbox.add(issued.id, 'walk-in', report, now);
    return issued;
  });
}
