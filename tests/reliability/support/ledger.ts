/**
 * The books of a run: what came out of the printer, what the kiosk said when each booking was
 * scanned again, what the kiosk's database holds and what the town hall received. Every list in
 * the report is a broken promise and must be empty; the counts say what was measured.
 *
 * "Acknowledged" = a ticket reached the printer (the citizen holds a number). The promises:
 * no (day, number) printed for two tickets; every acknowledged ticket at the town hall exactly
 * once, with the printed number; no booking with two numbers anywhere; nothing the kiosk issued
 * left undelivered.
 */
import type { CheckInRecord } from '../../../src-shared/contract/townhall-api';
import { localDayOf } from '../../../src-shared/domain/site-time';
import type { CapturedTicket } from '../../support/escpos-capture';
import type { Bookings } from './booking-seed';
import { TIME_ZONE } from './booking-seed';
import type { KioskTicketRow } from './kiosk-database';
import type { ScanOutcome } from './kiosk-process';
import { readPrintedTicket, type PrintedTicket } from './printed-tickets';

export interface LedgerInput {
  bookings: Bookings;
  /** Every cut ticket the printer received. */
  papers: readonly CapturedTicket[];
  /** The kiosk's answer when each code was scanned once more at the end. */
  confirmed: ReadonlyMap<string, ScanOutcome>;
  kioskTickets: readonly KioskTicketRow[];
  /** The town hall's check-ins (admin.checkIns()). */
  serverCheckIns: readonly CheckInRecord[];
}

export interface LedgerReport {
  papers: number;
  /** Papers without a readable number and ticket id. */
  unreadable: number;
  /** Distinct tickets printed. */
  acknowledged: number;
  /** Ticket ids printed more than once (the same number again: not a duplicate, but counted). */
  reprinted: string[];
  /** `day number` printed for two different tickets. */
  duplicateNumbers: string[];
  /** Acknowledged tickets the town hall does not have. */
  lostAcknowledged: string[];
  /** Acknowledged tickets the town hall has with another number. */
  numberChanged: string[];
  /** Tickets or bookings the town hall has more than once. */
  deliveredTwice: string[];
  /** Bookings with more than one number (printed, answered on a rescan, kiosk or town hall). */
  bookingsWithTwoNumbers: string[];
  kioskTickets: number;
  /** Tickets in the kiosk's database the town hall does not have. */
  undelivered: string[];
  /** Codes the final rescan did not answer with a number (refused, or no answer). */
  unconfirmed: string[];
  /** Check-ins the town hall holds. */
  delivered: number;
}

function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key) ?? new Set<V>();
  set.add(value);
  map.set(key, set);
}

const repeated = <T>(values: readonly T[]): T[] => [
  ...new Set(values.filter((value, index) => values.indexOf(value) !== index)),
];

export function auditLedger(input: LedgerInput): LedgerReport {
  const printed = input.papers.map(readPrintedTicket);
  const readable = printed.filter((ticket): ticket is PrintedTicket => ticket !== null);
  const byTicket = new Map(readable.map((ticket) => [ticket.ticketId, ticket]));
  const kioskById = new Map(input.kioskTickets.map((ticket) => [ticket.id, ticket]));
  const serverById = new Map<string, CheckInRecord>();
  for (const record of input.serverCheckIns) serverById.set(record.ticketId, record);

  const dayOf = (ticketId: string): string => {
    const kept = kioskById.get(ticketId)?.localDay;
    const issuedAt = serverById.get(ticketId)?.issuedAt;
    return kept ?? (issuedAt ? localDayOf(new Date(issuedAt), TIME_ZONE) : 'unknown-day');
  };
  const appointmentOf = (ticketId: string): string | null =>
    kioskById.get(ticketId)?.appointmentId ?? serverById.get(ticketId)?.appointmentId ?? null;

  const ticketsOfNumber = new Map<string, Set<string>>();
  for (const ticket of byTicket.values()) {
    addTo(ticketsOfNumber, `${dayOf(ticket.ticketId)} ${ticket.number}`, ticket.ticketId);
  }

  const numbersOfBooking = new Map<string, Set<string>>();
  for (const ticket of byTicket.values()) {
    const appointment = appointmentOf(ticket.ticketId);
    if (appointment) addTo(numbersOfBooking, appointment, ticket.number);
  }
  for (const [code, answer] of input.confirmed) {
    if (answer.number) addTo(numbersOfBooking, input.bookings.appointmentIdOf(code), answer.number);
  }
  for (const ticket of input.kioskTickets) {
    if (ticket.appointmentId) addTo(numbersOfBooking, ticket.appointmentId, ticket.number);
  }
  for (const record of input.serverCheckIns) {
    addTo(numbersOfBooking, record.appointmentId, record.ticketNumber);
  }

  const confirmedCodes = input.bookings.codes.filter((code) => {
    const answer = input.confirmed.get(code);
    return answer?.number && ['issued', 'already-issued'].includes(answer.outcome);
  });

  return {
    papers: input.papers.length,
    unreadable: printed.length - readable.length,
    acknowledged: byTicket.size,
    reprinted: repeated(readable.map((ticket) => ticket.ticketId)),
    duplicateNumbers: [...ticketsOfNumber]
      .filter(([, tickets]) => tickets.size > 1)
      .map(([number]) => number),
    lostAcknowledged: [...byTicket.values()]
      .filter((ticket) => !serverById.has(ticket.ticketId))
      .map((ticket) => `${ticket.number} (ticket ${ticket.ticketId})`),
    numberChanged: [...byTicket.values()]
      .filter((ticket) => {
        const record = serverById.get(ticket.ticketId);
        return record !== undefined && record.ticketNumber !== ticket.number;
      })
      .map((ticket) => `${ticket.number} → ${serverById.get(ticket.ticketId)?.ticketNumber}`),
    deliveredTwice: [
      ...repeated(input.serverCheckIns.map((record) => record.ticketId)),
      ...repeated(input.serverCheckIns.map((record) => record.appointmentId)),
    ],
    bookingsWithTwoNumbers: [...numbersOfBooking]
      .filter(([, numbers]) => numbers.size > 1)
      .map(([appointment, numbers]) => `${appointment}: ${[...numbers].join(', ')}`),
    kioskTickets: input.kioskTickets.length,
    undelivered: input.kioskTickets
      .filter((ticket) => !serverById.has(ticket.id))
      .map((ticket) => ticket.number),
    unconfirmed: input.bookings.codes.filter((code) => !confirmedCodes.includes(code)),
    delivered: input.serverCheckIns.length,
  };
}
