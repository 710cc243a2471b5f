/**
 * Where a new ticket's number comes from: the leases the town hall granted and this kiosk's
 * reserved range when the town hall leases numbers, local counting 1..999 when it leases none.
 * A spent lease is renewed once (the sync engine answers at once when the town hall is out of
 * reach) before the reserved range is used.
 */
import { randomUUID } from 'node:crypto';
import type { Service } from '../../src-shared/contract/townhall-api';
import type { CachedAppointment } from '../store/catalog-repository';
import {
  LOCAL_NUMBERING,
  NoLeaseError,
  type NumberingPolicy,
  type ReservedRange,
} from '../store/number-repository';
import type { TicketRecord } from '../store/ticket-repository';
import { errorText } from '../logging/error-text';
import type { CheckInContext } from './check-in-context';
import { newFollowToken } from './follow-token';

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

/** How one attempt at a commit may number its ticket. */
export interface NumberRules {
  policy: NumberingPolicy;
  allowReserved: boolean;
}

export class NumberAllocation {
  /** Without `numbering` the kiosk counts on its own (a single kiosk, tests). */
  constructor(
    private readonly context: CheckInContext,
    private readonly numbering: KioskNumbering | undefined,
  ) {}

  /**
   * Runs a commit; when the lease is spent, asks for a new one once and commits again, then
   * allowing the reserved range.
   */
  async withNumbers<T>(commit: (rules: NumberRules) => T): Promise<T> {
    const ensureLease = this.numbering?.ensureLease;
    try {
      return commit({ policy: this.policy(), allowReserved: !ensureLease });
    } catch (error) {
      if (!(error instanceof NoLeaseError) || !ensureLease) throw error;
      try {
        await ensureLease(error.serviceId, error.localDay);
      } catch (leaseError) {
        this.context.log(`no lease: ${errorText(leaseError)}`);
      }
      return commit({ policy: this.policy(), allowReserved: true });
    }
  }

  /** Leases and the reserved range when the town hall publishes a numbering, local otherwise. */
  private policy(): NumberingPolicy {
    if (!this.numbering) return LOCAL_NUMBERING;
    const numbering = this.context.store.catalog.getNumbering();
    return {
      // Before the site's numbering is known (a new or reset kiosk), counting 1..999 alone
      // would collide with numbers leased to the other kiosks: only the reserved range is safe.
      leaseCeiling: numbering?.leaseCeiling ?? 0,
      reserved: this.numbering.reservedRange,
    };
  }
}

/** Inserts a ticket with the next number of its service and day, inside the caller's transaction. */
export function insertNumberedTicket(
  context: CheckInContext,
  rules: NumberRules,
  ticket: {
    service: Service;
    appointment: CachedAppointment | null;
    priority?: boolean;
    now: Date;
    today: string;
  },
): TicketRecord {
  return context.store.tickets.insertWithNextNumber(
    {
      id: randomUUID(),
      localDay: ticket.today,
      serviceId: ticket.service.id,
      servicePrefix: ticket.service.prefix,
      appointmentId: ticket.appointment?.id ?? null,
      appointmentTime: ticket.appointment?.localTime ?? null,
      priority: ticket.priority ?? false,
      issuedAt: ticket.now,
      followToken: newFollowToken(),
    },
    rules.policy,
    rules.allowReserved,
  );
}
