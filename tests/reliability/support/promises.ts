/**
 * "Nothing lost, no number twice", asserted on a run's ledger and on the kiosk's database file.
 * One place, so the kill tests cannot drift apart in what they promise.
 */
import { expect } from 'vitest';
import type { KioskDatabaseReport } from './kiosk-database';
import { LEASE_CEILING } from './booking-seed';
import type { LedgerReport } from './ledger';

export function expectPromisesKept(ledger: LedgerReport, database: KioskDatabaseReport): void {
  expect(database.integrity, 'PRAGMA integrity_check of the kiosk database').toBe('ok');
  expect(ledger.unreadable, 'cut papers without a readable number and ticket id').toBe(0);
  expect(ledger.duplicateNumbers, 'numbers printed for two different tickets').toEqual([]);
  expect(ledger.bookingsWithTwoNumbers, 'bookings given two numbers').toEqual([]);
  expect(ledger.lostAcknowledged, 'printed tickets the town hall never received').toEqual([]);
  expect(ledger.numberChanged, 'printed numbers the town hall holds differently').toEqual([]);
  expect(ledger.deliveredTwice, 'tickets or bookings the town hall holds twice').toEqual([]);
  expect(ledger.unconfirmed, 'bookings a final rescan did not answer with a number').toEqual([]);
  expect(ledger.undelivered, 'kiosk tickets the town hall never received').toEqual([]);
  expect(database.pendingOutbox, 'outbox rows still pending at the end').toBe(0);
  expect(database.setAside, 'tickets the kiosk closed without delivering').toEqual([]);
}

/** The figures every kill test reports. */
export function ledgerFigures(ledger: LedgerReport, database: KioskDatabaseReport) {
  return {
    'papers printed': ledger.papers,
    'acknowledged (printed)': ledger.acknowledged,
    'reprints of a ticket': ledger.reprinted.length,
    'kiosk tickets': ledger.kioskTickets,
    'delivered to the town hall': ledger.delivered,
    'lost acknowledged': ledger.lostAcknowledged.length,
    'undelivered kiosk tickets': ledger.undelivered.length,
    'duplicate numbers': ledger.duplicateNumbers.length,
    'bookings with two numbers': ledger.bookingsWithTwoNumbers.length,
    'delivered twice': ledger.deliveredTwice.length,
    'numbers from reserved range': database.tickets.filter(
      (ticket) => Number(ticket.number.split('-')[1]) > LEASE_CEILING,
    ).length,
    'most failed pushes of a row': `${database.mostFailedPushes.attempts} (${database.mostFailedPushes.answered} answered)`,
    'set aside by the kiosk': database.setAside.length,
    'kiosk integrity_check': database.integrity,
  };
}
