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
import type {
  BookingKey,
  CheckInRequest,
  WalkInRequest,
} from '../../src-shared/contract/townhall-api';
import type { Language } from '../../src-shared/domain/language';
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
import { citizenIdHash } from '../../src-shared/domain/citizen-id-hash';
import {
  DailyLimitReachedError,
  NoLeaseError,
  MAX_REPRINTS,
  type TicketRecord,
} from '../store/ticket-repository';
import {
  LOCAL_NUMBERING,
  type NumberingPolicy,
  type ReservedRange,
} from '../store/number-repository';
import { errorText } from '../logging/error-text';

/**
 * Settings the town hall may change remotely (docs/sync.md): the kiosk app mutates this object
 * when a remote configuration is applied; every check-in reads it afresh.
 */
export interface KioskSettings {
  checkInWindow: CheckInWindow;
  /** URL template printed as the ticket's QR code (`{number}`, `{ticketId}`); null for none. */
  ticketQrUrl: string | null;
}

/** Refusals of a walk-in beyond the IPC contract's codes (the walk-in screen is not built yet). */
export type WalkInRefusalCode = IpcErrorCode | 'unknown-service' | 'walk-ins-not-allowed';
export type WalkInResult =
  | IpcResult<CheckInResult>
  | { ok: false; error: { code: 'unknown-service' | 'walk-ins-not-allowed' } };

export interface KioskNumbering {
  /** This kiosk's own counters above the site's lease ceiling (config numbering.reservedRange). */
  reservedRange: ReservedRange | null;
  /**
   * Asked when the lease of (service, day) is spent, before falling back to the reserved range:
   * the sync engine's `ensureLease` (which answers false at once when the town hall is out of
   * reach). Without it the reserved range is used straight away.
   */
  ensureLease?: (serviceId: string, day: string) => Promise<boolean>;
}

export interface CheckInServiceOptions {
  store: Store;
  printer: TicketPrinter;
  kioskId: string;
  timeZone: string;
  language: Language;
  checkInWindow: CheckInWindow;
  /** URL template printed as the ticket's QR code (`{number}`, `{ticketId}`); null for none. */
  ticketQrUrl?: string | null;
  /**
   * The mutable settings object (check-in window, QR URL) to read at each check-in; made from
   * `checkInWindow` and `ticketQrUrl` when not given.
   */
  settings?: KioskSettings;
  /**
   * Where numbers come from: leases and the reserved range when the town hall leases numbers,
   * local counting 1..999 when it leases none. Without it the kiosk always counts locally.
   */
  numbering?: KioskNumbering;
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

export class CheckInService {
  private readonly now: () => Date;
  private readonly log: (line: string) => void;

  private readonly tokens: BookingTokenVerifier;

  /** Read at every check-in; the kiosk app changes it when a remote configuration arrives. */
  readonly settings: KioskSettings;

  constructor(private readonly options: CheckInServiceOptions) {
    this.settings = options.settings ?? {
      checkInWindow: { ...options.checkInWindow },
      ticketQrUrl: options.ticketQrUrl ?? null,
    };
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
      const target = this.identify(rawInput, mode);
      committed = await this.withNumbers((allowReserved) => this.commit(target, allowReserved));
    } catch (error) {
      if (error instanceof CheckInRefused) return refusal(error.code, error.params);
      if (error instanceof DailyLimitReachedError) return refusal('daily-limit-reached');
      this.log(`check-in failed: ${errorText(error)}`);
      return refusal('internal');
    }

    // From here on the ticket is committed: whatever fails, the citizen is given its number.
    let ticket = committed.ticket;
    try {
      if (committed.outcome === 'issued') {
        this.options.onTicketCommitted?.(committed.ticket.id);
        await this.print(committed.ticket, language ?? this.options.language);
      }
      ticket = this.options.store.tickets.get(committed.ticket.id) ?? committed.ticket;
    } catch (error) {
      this.log(`ticket ${committed.ticket.number} committed, then: ${errorText(error)}`);
    }
    return { ok: true, value: { outcome: committed.outcome, ticket: this.view(ticket) } };
  }

  /**
   * How numbers are allocated now: leases and the reserved range when the town hall publishes
   * a numbering (site info), local counting otherwise.
   */
  private numberingPolicy(): NumberingPolicy {
    // A service not told how this kiosk numbers counts on its own (single kiosk, tests).
    if (!this.options.numbering) return LOCAL_NUMBERING;
    const numbering = this.options.store.catalog.getNumbering();
    return {
      // Before the site's numbering is known (a new or reset kiosk), counting 1..999 alone
      // would collide with numbers leased to the other kiosks: only the reserved range is safe.
      leaseCeiling: numbering?.leaseCeiling ?? 0,
      reserved: this.options.numbering?.reservedRange ?? null,
    };
  }

  /**
   * Runs a commit; when the lease is spent, asks for a new one once (the sync engine answers at
   * once when the town hall is out of reach) and commits again, then allowing the reserved range.
   */
  private async withNumbers<T>(commit: (allowReserved: boolean) => T): Promise<T> {
    const ensureLease = this.options.numbering?.ensureLease;
    try {
      return commit(!ensureLease);
    } catch (error) {
      if (!(error instanceof NoLeaseError) || !ensureLease) throw error;
      try {
        await ensureLease(error.serviceId, error.localDay);
      } catch (leaseError) {
        this.log(`no lease: ${errorText(leaseError)}`);
      }
      return commit(true);
    }
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
    const { store, timeZone } = this.options;
    const { checkInWindow } = this.settings;
    const all = store.catalog.findAppointmentsByCitizen(idHash, today);
    if (all.length === 0) throw new CheckInRefused('id-document-not-found');
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

  private commit(target: Target, allowReserved: boolean): Committed {
    const { store, timeZone, kioskId } = this.options;
    const now = this.now();
    const today = localDayOf(now, timeZone);
    return store.transaction(() => {
      const appointment = this.findAppointment(target, now, today);
      const existing = store.tickets.findByAppointment(appointment.id);
      if (existing) return { outcome: 'already-issued', ticket: existing };
      if (appointment.status === 'checked-in') {
        // Checked in at another kiosk of the office: never a second number for one booking.
        throw appointment.ticketNumber
          ? new CheckInRefused('already-checked-in', { number: appointment.ticketNumber })
          : new CheckInRefused('already-checked-in-elsewhere');
      }

      const decision = decideCheckIn(appointment, now, timeZone, this.settings.checkInWindow);
      if (!decision.allowed) throw new CheckInRefused(decision.reason, decision.params);

      const service = store.catalog.getService(appointment.serviceId);
      if (!service) throw new Error(`appointment ${appointment.id} names an unknown service`);

      const ticket = store.tickets.insertWithNextNumber(
        {
          id: randomUUID(),
          localDay: today,
          serviceId: service.id,
          servicePrefix: service.prefix,
          appointmentId: appointment.id,
          appointmentTime: appointment.localTime,
          issuedAt: now,
        },
        this.numberingPolicy(),
        allowReserved,
      );
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

  /**
   * A ticket for a citizen without appointment, for a service that takes walk-ins: number,
   * ticket and outbox row ('walk-in', pushed to the town hall's walk-ins) in one transaction,
   * then print. The service's daily cap is the town hall's to enforce (a refusal is recorded
   * for staff; the ticket stays valid).
   */
  async issueWalkIn(serviceId: string, language?: Language): Promise<WalkInResult> {
    const { store, timeZone, kioskId } = this.options;
    const service = store.catalog.getService(serviceId);
    if (!service) return { ok: false, error: { code: 'unknown-service' } };
    if (!service.walkInsAllowed) return { ok: false, error: { code: 'walk-ins-not-allowed' } };
    let ticket: TicketRecord;
    try {
      ticket = await this.withNumbers((allowReserved) => {
        const now = this.now();
        const today = localDayOf(now, timeZone);
        return store.transaction(() => {
          const issued = store.tickets.insertWithNextNumber(
            {
              id: randomUUID(),
              localDay: today,
              serviceId: service.id,
              servicePrefix: service.prefix,
              appointmentId: null,
              appointmentTime: null,
              issuedAt: now,
            },
            this.numberingPolicy(),
            allowReserved,
          );
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
      });
    } catch (error) {
      if (error instanceof DailyLimitReachedError) return refusal('daily-limit-reached');
      this.log(`walk-in failed: ${errorText(error)}`);
      return refusal('internal');
    }
    this.options.onTicketCommitted?.(ticket.id);
    await this.print(ticket, language ?? this.options.language);
    const printed = store.tickets.get(ticket.id) ?? ticket;
    return { ok: true, value: { outcome: 'issued', ticket: this.view(printed) } };
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
      qrUrl: ticketQrUrl(this.settings.ticketQrUrl, ticket),
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
