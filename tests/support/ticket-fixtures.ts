/** A ticket as the kiosk service would pass it to the printer, for printer tests. */
import type { TicketPrintData } from '../../src-main/printer/ticket-printer';

export function sampleTicket(overrides: Partial<TicketPrintData> = {}): TicketPrintData {
  return {
    ticketId: '3f1c9a52-7d4e-4b1a-9c2e-5a8b7d6e1f00',
    townHallName: 'Ayuntamiento de Villanueva de la Peña',
    ticketNumber: 'C-014',
    serviceName: 'Certificado de empadronamiento',
    appointmentTime: '10:30',
    // 09:02 UTC on a winter day is 10:02 in Madrid.
    issuedAt: new Date('2025-03-14T09:02:00Z'),
    timeZone: 'Europe/Madrid',
    kioskId: 'kiosk-1',
    language: 'es',
    ...overrides,
  };
}
