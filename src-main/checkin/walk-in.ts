/**
 * A ticket for a citizen without appointment, for a service that takes walk-ins: the daily cap,
 * the number, the ticket and its outbox row ('walk-in', pushed to the town hall's walk-ins) in
 * one transaction. A priority ticket is one only where the office gives them (config
 * `walkIn.priorityEnabled`); a request for one otherwise is `invalid-payload`, since the screen
 * never offers it.
 */
import type { IpcErrorCode } from '../../src-shared/contract/ipc';
import type { Service, WalkInRequest } from '../../src-shared/contract/townhall-api';
import type { Language } from '../../src-shared/domain/language';
import { localDayOf } from '../../src-shared/domain/site-time';
import type { TicketRecord } from '../store/ticket-repository';
import type { CheckInContext, WalkInSettings } from './check-in-context';
import { refuseAtDailyCap } from './daily-cap';
import { insertNumberedTicket, type NumberRules } from './number-allocation';

export type WalkInChoice =
  | { ok: true; service: Service; priority: boolean }
  | {
      ok: false;
      error: {
        code: Extract<IpcErrorCode, 'service-unknown' | 'walk-ins-not-allowed' | 'invalid-payload'>;
      };
    };

/** The service a walk-in asks for and whether it may be a priority ticket, or why not. */
export function chooseWalkIn(
  context: CheckInContext,
  request: { serviceId: string; priority: boolean },
  settings: WalkInSettings,
): WalkInChoice {
  const service = context.store.catalog.getService(request.serviceId);
  if (!service) return { ok: false, error: { code: 'service-unknown' } };
  if (!service.walkInsAllowed) return { ok: false, error: { code: 'walk-ins-not-allowed' } };
  if (request.priority && !settings.priorityEnabled) {
    return { ok: false, error: { code: 'invalid-payload' } };
  }
  return { ok: true, service, priority: request.priority };
}

export function commitWalkIn(
  context: CheckInContext,
  choice: { service: Service; priority: boolean },
  rules: NumberRules,
  /** The citizen's language, reported so the lobby screen can say the call in it. */
  language?: Language,
): TicketRecord {
  const { store, timeZone, kioskId } = context;
  const { service, priority } = choice;
  const now = context.now();
  const today = localDayOf(now, timeZone);
  return store.transaction(() => {
    refuseAtDailyCap(context, service, today);
    const issued = insertNumberedTicket(context, rules, {
      service,
      appointment: null,
      priority,
      now,
      today,
    });
    const report: WalkInRequest = {
      ticketId: issued.id,
      serviceId: service.id,
      kioskId,
      ticketNumber: issued.number,
      issuedAt: issued.issuedAt,
      // Only when set: a town hall that does not know the field gets the report as before.
      ...(priority ? { priority: true } : {}),
      ...(language ? { language } : {}),
      ...(issued.followToken ? { followToken: issued.followToken } : {}),
    };
    store.outbox.add(issued.id, 'walk-in', report, now);
    return issued;
  });
}
