/**
 * How much paper is left on the roll: the configured roll length minus what was printed since
 * the technician last changed the paper, each job measured from its own ESC/POS bytes (the text
 * lines, images, QR symbols and cut feed it prints: printer/job-deadline.ts). An estimate, on the
 * long side (a 180 dpi head), so the panel warns a little early rather than late.
 */
import type { PaperStatus } from '../../src-shared/contract/diagnostics';
import { paperLengthMm } from '../printer/job-deadline';
import { renderTicket, type TicketTemplateOptions } from '../printer/ticket-template';
import type { TicketPrintData } from '../printer/ticket-printer';
import type { PaperRoll } from '../store/paper-roll-repository';

/** The paper one ticket feeds with this template and these data. */
export function ticketLengthMm(ticket: TicketPrintData, template: TicketTemplateOptions): number {
  return paperLengthMm(renderTicket(ticket, template));
}

/**
 * A ticket as they usually are (a service name of two words, an appointment time, the QR when
 * the kiosk prints one): the unit of "tickets left".
 */
export function typicalTicketMm(
  template: TicketTemplateOptions,
  sample: Pick<TicketPrintData, 'townHallName' | 'kioskId' | 'timeZone' | 'qrUrl'>,
): number {
  return ticketLengthMm(
    {
      ...sample,
      ticketId: 'paper-estimate',
      ticketNumber: 'A-000',
      serviceName: 'Padrón municipal',
      appointmentTime: '10:00',
      issuedAt: new Date(0),
      language: 'es',
    },
    template,
  );
}

const round1 = (value: number): number => Math.round(value * 10) / 10;

export function paperStatus(roll: PaperRoll, rollLengthMm: number, ticketMm: number): PaperStatus {
  const usedMm = Math.max(0, roll.usedMm);
  const leftMm = Math.max(0, rollLengthMm - usedMm);
  return {
    changedAt: roll.changedAt,
    ticketsSinceChange: roll.tickets,
    usedMm: round1(usedMm),
    rollLengthMm,
    leftMm: round1(leftMm),
    leftPercent: round1((leftMm / rollLengthMm) * 100),
    ticketsLeft: ticketMm > 0 ? Math.floor(leftMm / ticketMm) : 0,
  };
}
