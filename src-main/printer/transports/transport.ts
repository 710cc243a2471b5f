/** The byte pipe under a ticket printer: serial line, TCP socket or USB printer-class device. */
import type { PrinterTransportKind } from '../ticket-printer';

export interface PrinterTransport {
  readonly kind: Exclude<PrinterTransportKind, 'virtual'>;
  /**
   * Delivers one job's bytes, opening or reconnecting as needed. Rejects with a
   * PrinterTransportError when the bytes could not be handed over within `timeoutMs`; after a
   * rejection the next write starts from a fresh connection.
   */
  write(data: Buffer, timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}
