/**
 * The kiosk's ticket printer: the template plus a transport, behind a queue that runs one job at
 * a time (two check-ins a second apart must not interleave their bytes on the wire) and bounds
 * each job in time, so a stalled printer costs a citizen seconds, not the kiosk.
 */
import type { PrinterTransportConfig } from '../config/schema';
import type { PrintOutcome, TicketPrintData, TicketPrinter } from './ticket-printer';
import { renderTicket, type PaperWidth, type TicketCodePage } from './ticket-template';
import { withDeadline } from './transports/deadline';
import { SerialTransport } from './transports/serial-transport';
import { TcpTransport } from './transports/tcp-transport';
import type { PrinterTransport } from './transports/transport';
import { toPrintFailure } from './transports/transport-error';
import { UsblpTransport } from './transports/usblp-transport';
import { createVirtualPrinter } from './virtual-printer';

export interface CreateTicketPrinterOptions {
  transport: PrinterTransportConfig;
  paperWidth: PaperWidth;
  codePage: TicketCodePage;
  /** Longest a job may take once it reaches the printer, connection included. */
  timeoutMs: number;
  /** The virtual printer keeps its tickets under `<dataDir>/tickets`. */
  dataDir: string;
  /** Called by the virtual printer with each ticket's decoded text, for the on-screen preview. */
  onTicketRendered?: (ticketId: string, text: string) => void;
}

/** Extra time the queue grants a transport to honour its own deadline before giving up on it. */
const WATCHDOG_GRACE_MS = 1000;

export function createPrinterTransport(
  config: Exclude<PrinterTransportConfig, { kind: 'virtual' }>,
): PrinterTransport {
  switch (config.kind) {
    case 'serial':
      return new SerialTransport({ path: config.path, baud: config.baud });
    case 'tcp':
      return new TcpTransport({ host: config.host, port: config.port });
    case 'usblp':
      return new UsblpTransport({ path: config.path });
  }
}

class QueuedTicketPrinter implements TicketPrinter {
  readonly transportKind: PrinterTransport['kind'];
  private tail: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly transport: PrinterTransport,
    private readonly options: CreateTicketPrinterOptions,
  ) {
    this.transportKind = transport.kind;
  }

  print(ticket: TicketPrintData): Promise<PrintOutcome> {
    const job = this.tail.then(() => this.run(ticket));
    this.tail = job;
    return job;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.tail;
    await this.transport.close();
  }

  /** One job; never throws. */
  private async run(ticket: TicketPrintData): Promise<PrintOutcome> {
    if (this.closed) return { status: 'failed', failure: 'error', detail: 'printer is closed' };
    let bytes: Buffer;
    try {
      bytes = renderTicket(ticket, this.options);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      return {
        status: 'failed',
        failure: 'error',
        detail: `ticket could not be rendered: ${detail}`,
      };
    }
    const { timeoutMs } = this.options;
    try {
      // The transports keep their own deadline; this watchdog only catches one that does not.
      await withDeadline(
        this.transport.write(bytes, timeoutMs),
        timeoutMs + WATCHDOG_GRACE_MS,
        `${this.transportKind} printer`,
        () => void this.transport.close().catch(() => undefined),
      );
      return { status: 'printed' };
    } catch (error) {
      return { status: 'failed', ...toPrintFailure(error) };
    }
  }
}

export function createTicketPrinter(options: CreateTicketPrinterOptions): TicketPrinter {
  const { transport } = options;
  if (transport.kind === 'virtual') {
    return createVirtualPrinter({
      paperWidth: options.paperWidth,
      codePage: options.codePage,
      dataDir: options.dataDir,
      onTicketRendered: options.onTicketRendered,
    });
  }
  return new QueuedTicketPrinter(createPrinterTransport(transport), options);
}
