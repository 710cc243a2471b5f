/**
 * The paper estimate: a ticket's length measured from what it prints, and what is left of the
 * roll after what was printed since the paper change.
 */
import { describe, expect, it } from 'vitest';
import {
  paperStatus,
  ticketLengthMm,
  typicalTicketMm,
} from '../../src-main/diagnostics/paper-estimate';
import type { TicketPrintData } from '../../src-main/printer/ticket-printer';
import type { TicketTemplateOptions } from '../../src-main/printer/ticket-template';

const TEMPLATE: TicketTemplateOptions = { paperWidth: 80, codePage: 'PC858', profile: 'epson' };

const TICKET: TicketPrintData = {
  ticketId: 't-1',
  townHallName: 'Ayuntamiento de Villanueva de la Peña',
  ticketNumber: 'E-014',
  serviceName: 'Empadronamiento',
  appointmentTime: '10:30',
  issuedAt: new Date('2025-03-10T09:15:00Z'),
  timeZone: 'Europe/Madrid',
  kioskId: 'kiosk-1',
  language: 'es',
};

describe('the paper a ticket feeds', () => {
  it('is in the range of a real turn ticket (a few centimetres, cut feed included)', () => {
    const mm = ticketLengthMm(TICKET, TEMPLATE);
    expect(mm).toBeGreaterThan(40);
    expect(mm).toBeLessThan(200);
  });

  it('grows with what the ticket prints: a QR code, a longer name that wraps', () => {
    const plain = ticketLengthMm(TICKET, TEMPLATE);
    const withQr = ticketLengthMm(
      { ...TICKET, qrUrl: 'https://cita.example.es/t/E-014' },
      TEMPLATE,
    );
    const longName = ticketLengthMm(
      { ...TICKET, serviceName: 'Solicitud de certificado '.repeat(6) },
      TEMPLATE,
    );
    expect(withQr).toBeGreaterThan(plain + 15);
    expect(longName).toBeGreaterThan(plain);
  });

  it('takes the typical ticket with the kiosk’s own QR setting', () => {
    const sample = { townHallName: 'Ayto', kioskId: 'k-1', timeZone: 'Europe/Madrid' };
    const withoutQr = typicalTicketMm(TEMPLATE, { ...sample, qrUrl: null });
    const withQr = typicalTicketMm(TEMPLATE, { ...sample, qrUrl: 'https://x.example/{number}' });
    expect(withQr).toBeGreaterThan(withoutQr);
  });
});

describe('the paper left on the roll', () => {
  it('is the roll less what was used, in mm, per cent and tickets', () => {
    const status = paperStatus(
      { changedAt: '2025-03-01T08:00:00.000Z', tickets: 200, usedMm: 20_000 },
      80_000,
      100,
    );
    expect(status).toEqual({
      changedAt: '2025-03-01T08:00:00.000Z',
      ticketsSinceChange: 200,
      usedMm: 20_000,
      rollLengthMm: 80_000,
      leftMm: 60_000,
      leftPercent: 75,
      ticketsLeft: 600,
    });
  });

  it('never goes below empty when more was printed than the roll holds (a longer roll)', () => {
    const status = paperStatus({ changedAt: null, tickets: 900, usedMm: 91_234.56 }, 80_000, 100);
    expect(status.leftMm).toBe(0);
    expect(status.leftPercent).toBe(0);
    expect(status.ticketsLeft).toBe(0);
    expect(status.usedMm).toBe(91_234.6);
  });

  it('counts whole tickets only', () => {
    expect(
      paperStatus({ changedAt: null, tickets: 0, usedMm: 79_950 }, 80_000, 60).ticketsLeft,
    ).toBe(0);
    expect(
      paperStatus({ changedAt: null, tickets: 0, usedMm: 79_880 }, 80_000, 60).ticketsLeft,
    ).toBe(2);
  });
});
