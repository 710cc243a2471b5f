/**
 * The kiosk's ticket printer: the template plus a transport, behind a queue that runs one job at
 * a time (two check-ins a second apart must not interleave their bytes on the wire) and bounds
 * each job in time (./job-deadline.ts: the response budget plus the job's line and paper time),
 * so a stalled printer costs a citizen seconds, not the kiosk.
 *
 * It also keeps the printer's state: the real-time status (DLE EOT) is read on an interval
 * between jobs, right before each job (a printer out of paper gets no bytes: the job fails at
 * once and the citizen is told), and after each job, to confirm it (./job-confirmation.ts: a
 * fault during the job, or no confirmation, leaves it unconfirmed). Status reads and jobs share
 * the queue, so their bytes never interleave either.
 */
import type { PrinterState } from '../../src-shared/contract/ipc';
import type { PrinterTransportConfig } from '../config/schema';
import {
  readPrinterStatus,
  StatusInterpreter,
  type ReadStatusOptions,
  type StatusReading,
} from './status/status-reader';
import type {
  PagePrinter,
  PrintOutcome,
  PrintPage,
  TicketPrintData,
  TicketPrinter,
} from './ticket-printer';
import { confirmJob, ProcessIdSupport, type JobConfirmationDeps } from './job-confirmation';
import { deadlineForJob, pacedLine, type LineSettings } from './job-deadline';
import { PrinterStateChanges } from './printer-state-changes';
import { printerProfile } from './profiles';
import { renderTicket, type TicketTemplateOptions } from './ticket-template';
import { withDeadline } from './transports/deadline';
import { SerialTransport } from './transports/serial-transport';
import { TcpTransport } from './transports/tcp-transport';
import type { PrinterTransport } from './transports/transport';
import { nothingWasSent, toPrintFailure } from './transports/transport-error';
import { UsblpTransport } from './transports/usblp-transport';
import { createVirtualPrinter } from './virtual-printer';
import { errorText } from '../logging/error-text';

/** The template's options (paper width, code page, profile, logo) plus the printer's own. */
export interface CreateTicketPrinterOptions extends TicketTemplateOptions {
  transport: PrinterTransportConfig;
  /**
   * The printer's own response budget (printer.timeoutMs). A job's deadline adds the time its
   * bytes need on a serial line and its paper needs to come out (see ./job-deadline.ts).
   */
  timeoutMs: number;
  /** The virtual printer keeps its tickets under `<dataDir>/tickets`. */
  dataDir: string;
  /** Called by the virtual printer with each ticket's decoded text, for the on-screen preview. */
  onTicketRendered?: (ticketId: string, text: string) => void;
  /** Interval of the status reads between jobs once start() was called (statusPollSeconds). */
  statusPollMs?: number;
  /** Longest wait for one DLE EOT reply (and for opening the link for a status read). */
  statusTimeoutMs?: number;
  /** Unanswered status reads in a row after which a printer that answers status is 'offline'. */
  silentReadsBeforeOffline?: number;
  /** Where a failing state listener is reported. */
  log?: (line: string) => void;
}

/** Extra time the queue grants a transport to honour its own deadline before giving up on it. */
const WATCHDOG_GRACE_MS = 1000;
const DEFAULT_STATUS_POLL_MS = 5000;
const DEFAULT_STATUS_TIMEOUT_MS = 1000;
const DEFAULT_SILENT_READS_BEFORE_OFFLINE = 2;

/** States in which a job is not even sent. */
const BLOCKING = new Set<PrinterState>([
  'paper-out',
  'cover-open',
  'offline',
  'error',
  'disconnected',
]);

/** States in which the printer can be asked whether it answers GS ( H. */
const IDLE_AND_FINE = new Set<PrinterState>(['ready', 'paper-near-end']);

type BlockingState = 'paper-out' | 'cover-open' | 'offline' | 'error' | 'disconnected';

export function createPrinterTransport(
  config: Exclude<PrinterTransportConfig, { kind: 'virtual' }>,
): PrinterTransport {
  switch (config.kind) {
    case 'serial':
      return new SerialTransport(config);
    case 'tcp':
      return new TcpTransport({ host: config.host, port: config.port });
    case 'usblp':
      return new UsblpTransport({ path: config.path });
  }
}

class QueuedTicketPrinter implements TicketPrinter, PagePrinter {
  readonly transportKind: PrinterTransport['kind'];
  private tail: Promise<unknown> = Promise.resolve();
  private closed = false;
  private pendingJobs = 0;
  private printing = false;
  /** The state from the last status reading (getState() says 'printing' during a job). */
  private status: PrinterState = 'unknown';
  private statusDetail = 'the printer status has not been read yet';
  private readonly stateChanges: PrinterStateChanges;
  private readonly interpreter: StatusInterpreter;
  private readonly pollMs: number;
  private readonly statusTimeoutMs: number;
  /** The serial line that paces jobs; null on TCP and USB. */
  private readonly line: LineSettings | null;
  /** Whether the printer answers GS ( H, and what a job's confirmation needs. */
  private readonly processIds: ProcessIdSupport;
  private readonly confirmation: JobConfirmationDeps;
  private started: Promise<void> | null = null;
  private pollTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly transport: PrinterTransport,
    private readonly options: CreateTicketPrinterOptions,
  ) {
    this.transportKind = transport.kind;
    const log = options.log ?? (() => undefined);
    this.stateChanges = new PrinterStateChanges(this.status, log);
    this.pollMs = options.statusPollMs ?? DEFAULT_STATUS_POLL_MS;
    this.statusTimeoutMs = options.statusTimeoutMs ?? DEFAULT_STATUS_TIMEOUT_MS;
    this.line = pacedLine(options.transport);
    this.processIds = new ProcessIdSupport(printerProfile(options.profile).processIdResponse, log);
    this.confirmation = {
      transport,
      processIds: this.processIds,
      statusTimeoutMs: this.statusTimeoutMs,
      readStatus: (timeoutMs) => this.readStatusAfterJob(timeoutMs),
    };
    this.interpreter = new StatusInterpreter(
      transport.kind,
      options.silentReadsBeforeOffline ?? DEFAULT_SILENT_READS_BEFORE_OFFLINE,
    );
  }

  getState(): PrinterState {
    return this.printing ? 'printing' : this.status;
  }

  onStateChange(listener: (state: PrinterState) => void): () => void {
    return this.stateChanges.event(listener);
  }

  start(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.started ??= this.exclusive(() => this.refreshStatus()).then(() => this.schedulePoll());
    return this.started;
  }

  print(ticket: TicketPrintData): Promise<PrintOutcome> {
    return this.enqueue(() => renderTicket(ticket, this.options), 'ticket');
  }

  printPage(page: PrintPage): Promise<PrintOutcome> {
    return this.enqueue(() => page.bytes, page.name);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.pollTimer = null;
    await this.tail;
    await this.transport.close();
  }

  private enqueue(render: () => Buffer, what: string): Promise<PrintOutcome> {
    this.pendingJobs += 1;
    return this.exclusive(() => this.run(render, what)).finally(() => {
      this.pendingJobs -= 1;
    });
  }

  /** Runs `work` after everything queued before it: jobs and status reads never overlap. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work);
    this.tail = result.catch(() => undefined);
    return result;
  }

  private schedulePoll(): void {
    if (this.closed) return;
    this.pollTimer = setTimeout(() => {
      this.pollTimer = null;
      // A queued job reads the status itself, right before and after sending.
      const poll = this.pendingJobs > 0 ? Promise.resolve() : this.exclusive(() => this.poll());
      void poll.finally(() => this.schedulePoll());
    }, this.pollMs);
    this.pollTimer.unref();
  }

  private async poll(): Promise<void> {
    if (!this.closed) await this.refreshStatus();
  }

  /** Tells the listeners when getState() changed. */
  private setState(): void {
    this.stateChanges.report(this.getState());
  }

  /** One status read (bounded by a watchdog), folded into the state. */
  private async refreshStatus(options: ReadStatusOptions = {}): Promise<StatusReading> {
    const limit = this.statusTimeoutMs * 5 + WATCHDOG_GRACE_MS;
    const reading = await withDeadline(
      readPrinterStatus(this.transport, this.statusTimeoutMs, options),
      limit,
      'printer status',
      () => undefined,
    ).catch((): StatusReading => ({ kind: 'silent', detail: `no status within ${limit} ms` }));
    this.applyReading(reading);
    if (reading.kind === 'status' && IDLE_AND_FINE.has(reading.state)) {
      // An idle printer answers GS ( H at once: learn here whether jobs can be confirmed by it.
      await withDeadline(
        this.processIds.probe(this.transport, this.statusTimeoutMs),
        this.statusTimeoutMs + WATCHDOG_GRACE_MS,
        'printer process ID',
        () => undefined,
      ).catch(() => undefined);
    }
    return reading;
  }

  private applyReading(reading: StatusReading): void {
    this.status = this.interpreter.next(reading, this.status);
    this.statusDetail =
      reading.kind === 'silent' && this.status === 'offline'
        ? this.interpreter.silenceDetail()
        : reading.detail;
    this.setState();
  }

  /** One job; never throws. */
  private async run(render: () => Buffer, what: string): Promise<PrintOutcome> {
    if (this.closed) return { status: 'failed', failure: 'error', detail: 'printer is closed' };
    let bytes: Buffer;
    try {
      bytes = render();
    } catch (error) {
      const detail = errorText(error);
      return {
        status: 'failed',
        failure: 'error',
        detail: `${what} could not be rendered: ${detail}`,
      };
    }

    // Right before sending: a printer that cannot print gets no bytes.
    await this.refreshStatus({ probeOnly: this.interpreter.knownMute });
    if (BLOCKING.has(this.status)) {
      return {
        status: 'failed',
        failure: this.status as BlockingState,
        detail: `printer ${this.status}: ${this.statusDetail}; the ${what} was not sent`,
      };
    }

    const deadlineMs = deadlineForJob(bytes, this.options.timeoutMs, this.line);
    const deadlineAt = Date.now() + deadlineMs;
    this.printing = true;
    this.setState();
    try {
      try {
        // The transports keep their own deadline; this watchdog only catches one that does not.
        await withDeadline(
          this.transport.write(bytes, deadlineMs),
          deadlineMs + WATCHDOG_GRACE_MS,
          `${this.transportKind} printer`,
          () => void this.transport.close().catch(() => undefined),
        );
      } catch (error) {
        const { failure, detail } = toPrintFailure(error);
        // What is the printer like now? (Disconnected, reconnectable, out of paper…)
        this.printing = false;
        await this.refreshStatus({ probeOnly: this.interpreter.knownMute });
        if (nothingWasSent(error)) return { status: 'failed', failure, detail };
        return {
          status: 'unconfirmed',
          failure,
          detail: `${detail}; part or all of the ticket may have been sent`,
        };
      }
      if (!this.confirmsByStatus()) {
        // No status to confirm with (USB printer class, a TCP box that never answers): the
        // device or the box took every byte, which says nothing of paper or cover. Never
        // "printed" on that alone: the citizen looks in the tray before any reprint.
        this.printing = false;
        await this.refreshStatus({ probeOnly: true });
        return {
          status: 'unconfirmed',
          failure: null,
          detail: `the ${this.transportKind} printer took every byte but cannot report whether it printed`,
        };
      }
      return await confirmJob(this.confirmation, deadlineAt);
    } finally {
      this.printing = false;
      this.setState();
    }
  }

  /**
   * A serial printer always answers status (so silence after a job is doubt, not a hand-over);
   * a TCP box only once it has answered.
   */
  private confirmsByStatus(): boolean {
    if (!this.transport.queryStatus) return false;
    return this.transportKind === 'serial' || this.interpreter.answersStatus;
  }

  /** A status read over the link the job just went down, folded into the state. */
  private async readStatusAfterJob(timeoutMs: number): Promise<StatusReading> {
    const reading = await withDeadline(
      readPrinterStatus(this.transport, timeoutMs, { sameLink: true }),
      timeoutMs * 5 + WATCHDOG_GRACE_MS,
      'printer status',
      () => undefined,
    ).catch((): StatusReading => ({ kind: 'silent', detail: 'no status after the job' }));
    this.applyReading(reading);
    return reading;
  }
}

export function createTicketPrinter(
  options: CreateTicketPrinterOptions,
): TicketPrinter & PagePrinter {
  const { transport } = options;
  if (transport.kind === 'virtual') {
    // Always 'ready' (or 'printing'): a virtual printer cannot run out of paper.
    return createVirtualPrinter(options);
  }
  return new QueuedTicketPrinter(createPrinterTransport(transport), options);
}
