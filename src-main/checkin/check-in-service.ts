/**
 * The check-in service, the front the IPC handlers and the scanner call: each public method
 * runs the named steps of this folder in order. A check-in identifies the scan (./identify.ts),
 * commits the ticket in ONE SQLite transaction (./commit-check-in.ts, finding the appointment
 * with ./find-appointment.ts and numbering with ./number-allocation.ts), then prints it
 * (./print-ticket.ts). A committed ticket stays valid whatever the printer does.
 */
import type {
  CheckInResult,
  IpcErrorCode,
  IpcResult,
  TicketView,
  WalkInOptions,
} from '../../src-shared/contract/ipc';
import type { BookingKey } from '../../src-shared/contract/townhall-api';
import type { Language } from '../../src-shared/domain/language';
import type { ScanMode } from '../../src-shared/domain/scan-payload';
import type { TicketPrinter } from '../printer/ticket-printer';
import type { Store } from '../store/store';
import { DailyLimitReachedError, type TicketRecord } from '../store/ticket-repository';
import { errorText } from '../logging/error-text';
import { BookingTokenVerifier, mergeBookingKeys } from './booking-token';
import {
  DEFAULT_WALK_IN_SETTINGS,
  type CheckInSettings,
  type WalkInSettings,
} from './check-in-context';
import { commitCheckIn, type CommittedCheckIn } from './commit-check-in';
import { identify, type IdentificationKeys } from './identify';
import { NumberAllocation, type KioskNumbering } from './number-allocation';
import { printTicket, type PrintContext } from './print-ticket';
import { CheckInRefused, refusal } from './refusal';
import { claimReprint } from './reprint';
import { claimTechnicianReprint } from './technician-reprint';
import { ticketView } from './ticket-view';
import { chooseWalkIn, commitWalkIn } from './walk-in';
import { walkInOptions } from './walk-in-options';

export interface CheckInServiceOptions {
  store: Store;
  printer: TicketPrinter;
  kioskId: string;
  timeZone: string;
  language: Language;
  /**
   * The check-in window and ticket QR URL in force: asked afresh at every check-in, so a remote
   * configuration applies from the next one on.
   */
  settings: () => CheckInSettings;
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
  /**
   * Whether the cache may lack bookings made lately (offline, or an old last pull; see
   * ./cache-freshness.ts). Never, when not given.
   */
  cacheMayBeStale?: () => boolean;
  /** Told the reason of every refused check-in (the technician's statistics count them). */
  onRefused?: (code: IpcErrorCode) => void;
  log?: (line: string) => void;
}

export class CheckInService {
  private readonly context: PrintContext;
  private readonly numbers: NumberAllocation;
  private readonly keys: IdentificationKeys;

  constructor(private readonly options: CheckInServiceOptions) {
    const { store } = options;
    const now = options.now ?? (() => new Date());
    this.context = {
      store,
      printer: options.printer,
      kioskId: options.kioskId,
      timeZone: options.timeZone,
      now,
      log: options.log ?? (() => undefined),
      cacheMayBeStale: options.cacheMayBeStale ?? (() => false),
    };
    this.numbers = new NumberAllocation(this.context, options.numbering);
    const tokens = new BookingTokenVerifier(() =>
      mergeBookingKeys(options.bookingKeys ?? [], store.catalog.getPublishedBookingKeys()),
    );
    this.keys = {
      verifyToken: (token) =>
        tokens.verify(token, {
          siteId: options.siteId ?? store.catalog.getSite()?.id ?? '',
          now: now(),
        }),
      idHashSalt: () => store.catalog.getIdHashSalt(),
    };
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
    let committed: CommittedCheckIn;
    let settings: CheckInSettings;
    try {
      settings = this.options.settings();
      const { checkInWindow } = settings;
      const target = identify(rawInput, mode, this.keys);
      committed = await this.numbers.withNumbers((rules) =>
        commitCheckIn(this.context, target, checkInWindow, rules, language),
      );
    } catch (error) {
      return this.refused(error, 'check-in');
    }

    // An already-issued ticket is shown as it stands: its print status is the one it got then
    // (nothing is printed now), its one reprint still there if it did not print.
    return {
      ok: true,
      value: {
        outcome: committed.outcome,
        ticket: await this.printIfIssued(committed, language, settings),
      },
    };
  }

  /** What the walk-in screen offers (see ./walk-in-options.ts). */
  walkInOptions(): WalkInOptions {
    return walkInOptions(this.context, this.walkInSettings(this.options.settings()));
  }

  /**
   * A walk-in ticket (see ./walk-in.ts), printed. Never throws: refused `service-unknown`,
   * `walk-ins-not-allowed`, `service-cap-reached`, or `invalid-payload` for a priority ticket
   * where the office gives none.
   */
  async issueWalkIn(
    serviceId: string,
    request: { priority?: boolean; language?: Language } = {},
  ): Promise<IpcResult<CheckInResult>> {
    let settings: CheckInSettings;
    let ticket: TicketRecord;
    try {
      settings = this.options.settings();
      const choice = chooseWalkIn(
        this.context,
        { serviceId, priority: request.priority ?? false },
        this.walkInSettings(settings),
      );
      if (!choice.ok) return this.counted(choice.error.code);
      ticket = await this.numbers.withNumbers((rules) =>
        commitWalkIn(this.context, choice, rules, request.language),
      );
    } catch (error) {
      return this.refused(error, 'walk-in');
    }
    const committed: CommittedCheckIn = { outcome: 'issued', ticket };
    return {
      ok: true,
      value: {
        outcome: 'issued',
        ticket: await this.printIfIssued(committed, request.language, settings),
      },
    };
  }

  /** The one reprint of today's ticket that did not print (see ./reprint.ts). */
  async reprint(ticketId: string, language?: Language): Promise<IpcResult<{ ticket: TicketView }>> {
    const claim = claimReprint(this.context, ticketId);
    if (!claim.ok) return claim;
    const settings = this.options.settings();
    await this.print(claim.ticket, language, settings.ticketQrUrl);
    return {
      ok: true,
      value: { ticket: this.view(this.reread(claim.ticket), language, settings) },
    };
  }

  /**
   * After the commit: a new ticket is announced (push) and printed; either way the ticket as
   * stored now. The ticket is committed: whatever fails here, the citizen is given its number.
   */
  private async printIfIssued(
    committed: CommittedCheckIn,
    language: Language | undefined,
    settings: CheckInSettings,
  ): Promise<TicketView> {
    let ticket = committed.ticket;
    try {
      if (committed.outcome === 'issued') {
        this.options.onTicketCommitted?.(ticket.id);
        await this.print(ticket, language, settings.ticketQrUrl);
      }
      ticket = this.reread(ticket);
    } catch (error) {
      this.context.log(`ticket ${ticket.number} committed, then: ${errorText(error)}`);
    }
    return this.view(ticket, language, settings);
  }

  /** A refusal the steps threw, or a fault (logged) the citizen is told about plainly. */
  private refused(error: unknown, what: string): IpcResult<CheckInResult> {
    if (error instanceof CheckInRefused) return this.counted(error.code, error.params);
    if (error instanceof DailyLimitReachedError) return this.counted('daily-limit-reached');
    this.context.log(`${what} failed: ${errorText(error)}`);
    return this.counted('internal');
  }

  private walkInSettings(settings: CheckInSettings): WalkInSettings {
    return settings.walkIn ?? DEFAULT_WALK_IN_SETTINGS;
  }

  /**
   * The technician's audited reprint of today's last ticket with its own number (see
   * ./technician-reprint.ts); undefined when no ticket was issued today.
   */
  async reprintLastForTechnician(language?: Language): Promise<TicketRecord | undefined> {
    const ticket = claimTechnicianReprint(this.context);
    if (!ticket) return undefined;
    await this.print(ticket, language, this.options.settings().ticketQrUrl);
    return this.reread(ticket);
  }

  /** A refused check-in: counted by reason (never with what was scanned), then answered. */
  private counted(code: IpcErrorCode, params?: Record<string, string>): IpcResult<CheckInResult> {
    try {
      this.options.onRefused?.(code);
    } catch (error) {
      this.context.log(`refusal not counted: ${errorText(error)}`);
    }
    return refusal(code, params);
  }

  private print(
    ticket: TicketRecord,
    language: Language | undefined,
    qrUrlTemplate: string | null,
  ): Promise<void> {
    return printTicket(this.context, ticket, language ?? this.options.language, qrUrlTemplate);
  }

  /** The ticket as stored now (its print outcome recorded). */
  private reread(ticket: TicketRecord): TicketRecord {
    return this.context.store.tickets.get(ticket.id) ?? ticket;
  }

  private view(
    ticket: TicketRecord,
    language: Language | undefined,
    settings: CheckInSettings,
  ): TicketView {
    return ticketView(this.context, ticket, {
      qrUrlTemplate: settings.ticketQrUrl,
      language: language ?? this.options.language,
    });
  }
}
