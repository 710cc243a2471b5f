/**
 * The day's conflicts from kiosks, as the supervisor page shows them: each ticket report the
 * server refused for good (the kiosk keeps the ticket, records its own conflict and goes on —
 * docs/sync.md), with the kind that tells staff what to do. Ticket numbers, services and kiosks
 * only: never a name, an ID hash or a booking code.
 */
import { z } from 'zod';

/**
 * Why a kiosk's ticket was refused. The names are the kiosk's own `sync_conflicts` kinds where
 * the kiosk has one, so a technician reading both sees the same word.
 */
export const KioskConflictKindSchema = z.enum([
  /** The booking was already checked in (usually on another kiosk, both offline). */
  'checked-in-elsewhere',
  /** The booking was cancelled before the kiosk's check-in arrived. */
  'booking-cancelled',
  /** A booking token for an appointment this server does not have. */
  'unknown-appointment',
  /** Another ticket of the service already has the number that day. */
  'number-taken',
  /** The service had given all its tickets for the day. */
  'daily-cap-reached',
  /** A walk-in ticket for a service that takes none. */
  'no-walk-ins',
]);
export type KioskConflictKind = z.infer<typeof KioskConflictKindSchema>;

export const KioskConflictSchema = z.object({
  /** The refused ticket's id (one row per ticket: a replay adds nothing). */
  ticketId: z.string(),
  kioskId: z.string(),
  kind: KioskConflictKindSchema,
  /** The refused ticket's number, which the citizen holds. */
  ticketNumber: z.string(),
  /** The other ticket involved (the booking's first ticket), when there is one. */
  otherTicketNumber: z.string().nullable(),
  serviceId: z.string().nullable(),
  /** When the kiosk issued the refused ticket (epoch ms, the kiosk's clock). */
  issuedAtMs: z.number(),
  /** When the server refused it (epoch ms). */
  refusedAtMs: z.number(),
});
export type KioskConflict = z.infer<typeof KioskConflictSchema>;
