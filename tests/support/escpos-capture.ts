/**
 * Collects what a printer emulator receives and cuts it into tickets (one per paper cut), decoded
 * with the kiosk's own ESC/POS decoder. Free of vitest so Playwright tests can use it too.
 */
import type { DecodedEscPos } from '../../src-main/printer/preview/decoded-ticket';
import { decodeEscPos, splitAtCuts } from '../../src-main/printer/preview/escpos-decoder';

export interface CapturedTicket extends DecodedEscPos {
  /** The ticket's raw bytes, up to and including its cut command. */
  bytes: Buffer;
}

export class TicketCapture {
  readonly tickets: CapturedTicket[] = [];
  private taken = 0;
  private waiters: Array<() => void> = [];

  /** A byte stream (one TCP connection, one serial line) feeding this capture. */
  stream(): (chunk: Buffer) => void {
    let pending: Buffer = Buffer.alloc(0);
    return (chunk) => {
      pending = Buffer.concat([pending, chunk]);
      const { tickets, rest } = splitAtCuts(pending);
      pending = rest;
      for (const bytes of tickets) this.tickets.push({ ...decodeEscPos(bytes), bytes });
      if (tickets.length > 0) for (const wake of this.waiters.splice(0)) wake();
    };
  }

  /**
   * The next ticket not yet returned by this method, waiting for its cut if need be. Rejects after
   * `timeoutMs` so a test fails with a message rather than hanging.
   */
  async waitForTicket(timeoutMs = 5000): Promise<CapturedTicket> {
    const deadline = Date.now() + timeoutMs;
    while (this.taken >= this.tickets.length) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`No printed ticket (cut) arrived within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.tickets[this.taken++] as CapturedTicket;
  }
}
