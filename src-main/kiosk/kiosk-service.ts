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
import type { BookingKey, CheckInRequest, Language } from '../../src-shared/contract/townhall-api';
import type { BookingTokenClaims } from '../../src-shared/domain/booking-token';
import {
  decideCheckIn,
  type CheckInDecision,
  type CheckInWindow,
} from '../../src-shared/domain/checkin-policy';
import { parseScanPayload, type ScanMode } from '../../src-shared/domain/scan-payload';
import { localDayOf } from '../../src-shared/domain/site-time';
import type { TicketPrinter } from '../printer/ticket-printer';
import type { CachedAppointment } from '../store/catalog-repository';
import type { Store } from '../store/store';
import { BookingTokenVerifier, mergeBookingKeys } from './booking-token';
import { citizenIdHash } from './id-hash';
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
  /** The kiosk's site (signed tokens must name it); the cached site's id when not given. */
  siteId?: string;
  /**
   * Booking-token public keys from the configuration. Keys the town hall publishes in its site
   * info are used too; a configured key wins over a published one with the same kid.
   */
  bookingKeys?: readonly BookingKey[];
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

/** What a parsed and (for tokens) verified scan points at, before the cache is read. */
type Target =
  | { by: 'code'; code: string; identifiedBy: 'code' | 'external-booking' }
  | { by: 'token'; claims: BookingTokenClaims; startsAt: Date; token: string }
  | { by: 'citizen'; idHash: string };

export class KioskService {
  private readonly now: () => Date;
  private readonly log: (line: string) => void;

  private readonly tokens: BookingTokenVerifier;

  constructor(private readonly options: KioskServiceOptions) {
    this.now = options.now ?? (() => new Date());
    this.log = options.log ?? (() => undefined);
    this.tokens = new BookingTokenVerifier(() =>
      mergeBookingKeys(options.bookingKeys ?? [], options.store.catalog.getPublishedBookingKeys()),
    );
  }

  /**
   * Never throws: a refusal or a fault is an error result with a code the renderer translates.
   * `mode` says what the citizen was asked for: a booking (code, QR, link) or an ID document.
   */
  async checkIn(
    rawInput: string,
    language?: Language,
    mode: ScanMode = 'code',
  ): Promise<IpcResult<CheckInResult>> {
    let committed: Committed;
    try {
      committed = this.commit(this.identify(rawInput, mode));
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

  /** Parses the scan and, for a token, verifies it: pure work, before any transaction. */
  private identify(rawInput: string, mode: ScanMode): Target {
    const parsed = parseScanPayload(rawInput, mode);
    switch (parsed.kind) {
      case 'invalid':
        if (parsed.reason === 'id-document-letter') {
          throw new CheckInRefused('id-document-letter', { letter: parsed.expectedLetter });
        }
        if (parsed.reason === 'id-document-format') throw new CheckInRefused('id-document-format');
        if (mode === 'id-document' && parsed.reason !== 'unrecognised') {
          throw new CheckInRefused('id-document-format');
        }
        throw new CheckInRefused('unrecognised-code');
      case 'booking-code':
        return { by: 'code', code: parsed.code, identifiedBy: 'code' };
      case 'external-booking':
        // An Easy!Appointments-backed town hall publishes the booking hash as the code.
        return { by: 'code', code: parsed.hash, identifiedBy: 'external-booking' };
      case 'booking-token': {
        const siteId = this.options.siteId ?? this.options.store.catalog.getSite()?.id ?? '';
        const verified = this.tokens.verify(parsed.token, { siteId, now: this.now() });
        if (!verified.ok) throw new CheckInRefused(verified.reason);
        return {
          by: 'token',
          claims: verified.claims,
          startsAt: verified.startsAt,
          token: parsed.token,
        };
      }
      case 'id-document': {
        const salt = this.options.store.catalog.getIdHashSalt();
        // Without the town hall's salt no booking can be matched to an ID number.
        if (!salt) throw new CheckInRefused('id-document-not-found');
        return { by: 'citizen', idHash: citizenIdHash(salt, parsed.normalised) };
      }
    }
  }

  /** Today's appointment the target names, or the refusal that explains why there is none. */
  private findAppointment(target: Target, now: Date, today: string): CachedAppointment {
    const { store, timeZone } = this.options;
    switch (target.by) {
      case 'code': {
        const appointment = store.catalog.findAppointmentByCode(target.code, today);
        if (appointment) return appointment;
        const otherDay = store.catalog.findAppointmentByCodeAnyDay(target.code);
        if (otherDay && otherDay.status !== 'cancelled') {
          throw new CheckInRefused('booking-not-today', { day: otherDay.localDay });
        }
        throw new CheckInRefused(otherDay ? 'booking-cancelled' : 'booking-not-found');
      }
      case 'token': {
        const cached = store.catalog.getAppointment(target.claims.bid);
        if (cached) return cached;
        // Not in the cache (not pulled yet, or the town hall is out of reach): the signed token
        // is the town hall's word for it. Cached here for this transaction and reconciliation.
        const day = localDayOf(target.startsAt, timeZone);
        if (day !== today) throw new CheckInRefused('booking-not-today', { day });
        if (!store.catalog.getService(target.claims.svc)) {
          throw new CheckInRefused('booking-not-found');
        }
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
      case 'citizen':
        return this.chooseCitizenAppointment(target.idHash, now, today);
    }
  }

  /**
   * One ID, several bookings today: the earliest one without a ticket whose check-in window is
   * open now; else, when one of them already has its ticket, that one (so a second scan shows
   * the same ticket); else the refusal of the next upcoming one (too early), or of the last.
   */
  private chooseCitizenAppointment(idHash: string, now: Date, today: string): CachedAppointment {
    const { store, timeZone, checkInWindow } = this.options;
    const all = store.catalog.findAppointmentsByCitizen(idHash, today);
    if (all.length === 0) throw new CheckInRefused('id-document-not-found');
    const withTicket = all.filter((a) => store.tickets.findByAppointment(a.id) !== undefined);
    const pending = all.filter(
      (a) => !withTicket.includes(a) && a.status !== 'cancelled' && a.status !== 'no-show',
    );
    const decisions = pending.map((a) => ({
      appointment: a,
      decision: decideCheckIn(a, now, timeZone, checkInWindow),
    }));
    const open = decisions.find((entry) => entry.decision.allowed);
    if (open) return open.appointment;
    const lastWithTicket = withTicket.at(-1);
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

  private commit(target: Target): Committed {
    const { store, timeZone, kioskId } = this.options;
    const now = this.now();
    const today = localDayOf(now, timeZone);
    return store.transaction(() => {
      const appointment = this.findAppointment(target, now, today);
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
        identifiedBy:
          target.by === 'citizen'
            ? 'id-document'
            : target.by === 'token'
              ? 'token'
              : target.identifiedBy,
        // A booking known only from its token travels with it, so the town hall can reconcile.
        ...(target.by === 'token' && appointment.source === 'token'
          ? { bookingToken: target.token }
          : {}),
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
