/** The byte pipe under a ticket printer: serial line, TCP socket or USB printer-class device. */
import type { StatusQuery } from '../escpos/commands';
import type { PrinterTransportKind } from '../ticket-printer';
import type { ProcessIdWait } from './printer-replies';

export type { ProcessIdWait } from './printer-replies';

export interface StatusQueryOptions {
  /** Open or reconnect the link if it is down (default true). */
  reopen?: boolean;
}

export interface PrinterTransport {
  readonly kind: Exclude<PrinterTransportKind, 'virtual'>;
  /**
   * Delivers one job's bytes, opening or reconnecting as needed. Rejects with a
   * PrinterTransportError when the bytes could not be handed over within `timeoutMs`, with
   * `nothingSent` set when it failed before a byte went out (the link could not be opened, the
   * device took nothing); after a rejection the next write starts from a fresh connection.
   */
  write(data: Buffer, timeoutMs: number): Promise<void>;
  /**
   * Makes sure the link is there, opening it if need be (and, for a device file, that it has not
   * vanished). Rejects with a PrinterTransportError ('disconnected', 'error', …) when it is not.
   */
  probe(timeoutMs: number): Promise<void>;
  /**
   * Present on bidirectional transports only (serial, TCP). Sends `DLE EOT n` and resolves with the
   * first byte back that has the status-reply pattern (other bytes are ignored), or null when no
   * reply came within `timeoutMs`. Rejects with a PrinterTransportError when the link cannot be
   * opened or drops while waiting. With `reopen: false` the query only goes down the link that is
   * open now (the one a job's bytes just went down), and a link that dropped is 'disconnected'.
   */
  queryStatus?(
    n: StatusQuery,
    timeoutMs: number,
    options?: StatusQueryOptions,
  ): Promise<number | null>;
  /**
   * Present on bidirectional transports only (serial, TCP). Sends `GS ( H` fn 48 with `id` down
   * the link that is open now (never a new one: it follows the job just sent on it) and resolves
   * once it is sent. The printer sends the ID back once it has processed everything sent before
   * the request, which for a ticket means printed; `answered` says whether it did within
   * `timeoutMs`. Rejects with a PrinterTransportError when the link is down.
   */
  requestProcessId?(id: string, timeoutMs: number): Promise<ProcessIdWait>;
  close(): Promise<void>;
}
