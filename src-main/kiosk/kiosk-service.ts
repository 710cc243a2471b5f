/**
 * One check-in, start to end: parse the scan, then in ONE SQLite transaction find the
 * appointment, apply the policy, allocate the number, insert the ticket and its outbox row;
 * then print. A committed ticket stays valid whatever the printer does.
 */
import { randomUUID } from 'node:crypto';
import type {
  CheckInResult,
  IpcErrorCode,
  IpcResult,
  TicketView,
} from '../../src-shared/contract/ipc';
import type { CheckInRequest, Language } from '../../src-shared/contract/townhall-api';
import { parseScan } from '../../src-shared/domain/booking-code';
import { decideCheckIn, type CheckInWindow } from '../../src-shared/domain/checkin-policy';
import { localDayOf } from '../../src-shared/domain/site-time';
import type { TicketPrinter } from '../printer/ticket-printer';
import type { Store } from '../store/store';
import {
  DailyLimitReachedError,
  MAX_REPRINTS,
  type TicketRecord,
} from '../store/ticket-repository';

export interface KioskServiceOptions {
  store: Store;
  printer: TicketPrinter;
  kioskId: string;
  timeZone: string;
  language: Language;
  checkInWindow: CheckInWindow;
  /** URL template printed as the ticket's QR code (`{number}`, `{ticketId}`); null for none. */
  ticketQrUrl?: string | null;
  now?: () => Date;
  /** Told after every committed ticket, so the sync engine can push the outbox at once. */
  onTicketCommitted?: (ticketId: string) => void;
  log?: (line: string) => void;
}

class CheckInRefused extends Error {
  constructor(
    readonly code: IpcErrorCode,
    readonly params?: Record<string, string>,
  ) {
    super(code);
  }
}

type Committed = { outcome: 'issued' | 'already-issued'; ticket: TicketRecord };

export class KioskService {
  private readonly now: () => Date;
  private readonly log: (line: string) => void;

  constructor(private readonly options: KioskServiceOptions) {
    this.now = options.now ?? (() => new Date());
    this.log = options.log ?? (() => undefined);
  }

  /** Never throws: a refusal or a fault is an error result with a code the renderer translates. */
  async checkIn(rawInput: string, language?: Language): Promise<IpcResult<CheckInResult>> {
    const parsed = parseScan(rawInput);
    if (parsed.kind === 'invalid') return refusal('unrecognised-code');

    let committed: Committed;
    try {
      committed = this.commit(parsed.code);
    } catch (error) {
      if (error instanceof CheckInRefused) return refusal(error.code, error.params);
      if (error instanceof DailyLimitReachedError) return refusal('daily-limit-reached');
      this.log(`check-in failed: ${error instanceof Error ? error.message : String(error)}`);
      return refusal('internal');
    }

    if (committed.outcome === 'issued') {
      this.options.onTicketCommitted?.(committed.ticket.id);
      await this.print(committed.ticket, language ?? this.options.language);
    }
    const ticket = this.options.store.tickets.get(committed.ticket.id) ?? committed.ticket;
    return { ok: true, value: { outcome: committed.outcome, ticket: this.view(ticket) } };
  }

  private commit(code: string): Committed {
    const { store, timeZone, kioskId } = this.options;
    const now = this.now();
    const today = localDayOf(now, timeZone);
    return store.transaction(() => {
      const appointment = store.catalog.findAppointmentByCode(code, today);
      if (!appointment) {
        const otherDay = store.catalog.findAppointmentByCodeAnyDay(code);
        if (otherDay && otherDay.status !== 'cancelled') {
          throw new CheckInRefused('booking-not-today', { day: otherDay.localDay });
        }
        throw new CheckInRefused(otherDay ? 'booking-cancelled' : 'booking-not-found');
      }
      const existing = store.tickets.findByAppointment(appointment.id);
      if (existing) return { outcome: 'already-issued', ticket: existing };

      const decision = decideCheckIn(appointment, now, timeZone, this.options.checkInWindow);
      if (!decision.allowed) throw new CheckInRefused(decision.reason, decision.params);

      const service = store.catalog.getService(appointment.serviceId);
      if (!service) throw new Error(`appointment ${appointment.id} names an unknown service`);

      const ticket = store.tickets.insertWithNextNumber({
        id: randomUUID(),
        localDay: today,
        serviceId: service.id,
        servicePrefix: service.prefix,
        appointmentId: appointment.id,
        appointmentTime: appointment.localTime,
        issuedAt: now,
      });
      const report: CheckInRequest = {
        ticketId: ticket.id,
        appointmentId: appointment.id,
        kioskId,
        ticketNumber: ticket.number,
        issuedAt: ticket.issuedAt,
      };
      store.outbox.add(ticket.id, 'check-in', report, now);
      store.catalog.markAppointmentCheckedIn(appointment.id, now);
      return { outcome: 'issued', ticket };
    });
  }

  private async print(ticket: TicketRecord, language: Language): Promise<void> {
    const { store, printer, timeZone, kioskId } = this.options;
    const service = store.catalog.getService(ticket.serviceId);
    const outcome = await printer.print({
      ticketId: ticket.id,
      townHallName: store.catalog.getSite()?.name ?? '',
      ticketNumber: ticket.number,
      serviceName: service?.names[language] ?? service?.names.es ?? '',
      appointmentTime: ticket.appointmentTime,
      issuedAt: new Date(ticket.issuedAt),
      timeZone,
      kioskId,
      language,
      qrUrl: ticketQrUrl(this.options.ticketQrUrl ?? null, ticket),
    });
    if (outcome.status === 'printed') {
      store.tickets.recordPrintOutcome(ticket.id, 'printed', null);
    } else {
      this.log(`ticket ${ticket.number} not printed: ${outcome.failure} (${outcome.detail})`);
      store.transaction(() => {
        store.tickets.recordPrintOutcome(ticket.id, 'failed', outcome.failure);
        store.tickets.recordPrintFailure(ticket.id, outcome.failure, outcome.detail, this.now());
      });
    }
  }

  /**
   * The one reprint of today's ticket that did not print. The claim is taken before printing, so
   * a double tap cannot print the number twice; a reprint that fails too is not given back.
   */
  async reprint(ticketId: string, language?: Language): Promise<IpcResult<{ ticket: TicketView }>> {
    const { store, timeZone } = this.options;
    const ticket = store.tickets.get(ticketId);
    if (!ticket) return { ok: false, error: { code: 'ticket-not-found' } };
    const today = localDayOf(this.now(), timeZone);
    if (ticket.localDay !== today || !store.tickets.claimReprint(ticket.id)) {
      return { ok: false, error: { code: 'reprint-not-allowed' } };
    }
    await this.print(ticket, language ?? this.options.language);
    const updated = store.tickets.get(ticket.id) ?? ticket;
    return { ok: true, value: { ticket: this.view(updated) } };
  }

  private view(ticket: TicketRecord): TicketView {
    const service = this.options.store.catalog.getService(ticket.serviceId);
    return {
      id: ticket.id,
      number: ticket.number,
      serviceName: service?.names ?? { es: ticket.serviceId },
      appointmentTime: ticket.appointmentTime,
      issuedAt: ticket.issuedAt,
      printStatus: ticket.printStatus,
      ...(ticket.printFailure ? { printFailure: ticket.printFailure } : {}),
      canReprint:
        ticket.printStatus === 'failed' &&
        ticket.reprints < MAX_REPRINTS &&
        ticket.localDay === localDayOf(this.now(), this.options.timeZone),
    };
  }
}

function ticketQrUrl(template: string | null, ticket: TicketRecord): string | null {
  if (!template) return null;
  return template
    .replaceAll('{number}', encodeURIComponent(ticket.number))
    .replaceAll('{ticketId}', encodeURIComponent(ticket.id));
}

function refusal(code: IpcErrorCode, params?: Record<string, string>): IpcResult<CheckInResult> {
  const hasParams = params !== undefined && Object.keys(params).length > 0;
  return { ok: false, error: hasParams ? { code, params } : { code } };
}
