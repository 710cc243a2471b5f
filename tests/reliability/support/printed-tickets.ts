/**
 * What came out of the printer, read as a citizen and as staff would: the turn number in the
 * ticket's text, and the ticket id in its QR code (the kiosk is set to print TICKET_QR_URL).
 * A ticket counts only when its paper was cut: a job cut short by a kill is no ticket.
 */
import type { CapturedTicket } from '../../support/escpos-capture';

export interface PrintedTicket {
  ticketId: string;
  /** `E-014`, as printed. */
  number: string;
}

/** The printed ticket, or null for paper that is not a whole, readable ticket. */
export function readPrintedTicket(ticket: CapturedTicket): PrintedTicket | null {
  const number = /\b([A-Z]{1,3}-\d{3})\b/.exec(ticket.text)?.[1];
  const qr = ticket.qrCodes[0];
  if (!number || !qr || !URL.canParse(qr)) return null;
  const url = new URL(qr);
  const ticketId = url.searchParams.get('id');
  // The QR repeats the number: a ticket whose two copies disagree is garbled, not a ticket.
  if (!ticketId || url.searchParams.get('n') !== number) return null;
  return { ticketId, number };
}

/** Waits until a ticket with `number` has been printed (after `from` tickets); null on timeout. */
export async function waitForPrinted(
  tickets: readonly CapturedTicket[],
  from: number,
  number: string,
  timeoutMs: number,
): Promise<PrintedTicket | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const ticket of tickets.slice(from)) {
      const printed = readPrintedTicket(ticket);
      if (printed?.number === number) return printed;
    }
    if (Date.now() > deadline) return null;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
