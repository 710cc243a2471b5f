/**
 * The printer the technician picked in the wizard, held open while they try it: its real-time
 * status (DLE EOT, read on demand, as the screen polls it), a test page, and the logo for its NV
 * memory, all through the transport the kiosk will use. Reads and jobs take turns, so their
 * bytes never interleave on the line. Closed before the kiosk starts and opens it itself.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PrinterState } from '../../src-shared/contract/ipc';
import type { PrinterTransportConfig } from '../config/schema';
import { createPrinterTransport } from '../printer/create-ticket-printer';
import { readPrinterStatus, StatusInterpreter } from '../printer/status/status-reader';
import type { PrinterTransport } from '../printer/transports/transport';
import { toPrintFailure } from '../printer/transports/transport-error';

/** One DLE EOT reply; the kiosk's own default between jobs. */
const STATUS_TIMEOUT_MS = 1000;
/** Silent reads in a row before a printer that answered before counts as off-line. */
const SILENT_READS_BEFORE_OFFLINE = 2;

export interface StatusReport {
  state: PrinterState;
  detail: string;
}

export type SendResult = { ok: true } | { ok: false; detail: string };

export class SetupPrinter {
  private readonly transport: PrinterTransport | null;
  private readonly interpreter: StatusInterpreter | null;
  private state: PrinterState = 'unknown';
  private turn: Promise<unknown> = Promise.resolve();

  constructor(
    readonly config: PrinterTransportConfig,
    /** The virtual printer writes its pages under `<dataDir>/tickets`. */
    private readonly dataDir: string,
  ) {
    this.transport = config.kind === 'virtual' ? null : createPrinterTransport(config);
    this.interpreter = this.transport
      ? new StatusInterpreter(this.transport.kind, SILENT_READS_BEFORE_OFFLINE)
      : null;
  }

  /** Reads the status now (after any job in progress). Never throws. */
  readStatus(): Promise<StatusReport> {
    return this.exclusive(async () => {
      if (!this.transport || !this.interpreter) {
        return { state: 'ready', detail: 'virtual printer: pages are kept on screen and disk' };
      }
      const reading = await readPrinterStatus(this.transport, STATUS_TIMEOUT_MS);
      this.state = this.interpreter.next(reading, this.state);
      const detail =
        reading.kind === 'silent' && this.state === 'offline'
          ? this.interpreter.silenceDetail()
          : reading.detail;
      return { state: this.state, detail: detail.slice(0, 300) };
    });
  }

  /** Sends one job's bytes (`name` names the virtual printer's file). Never throws. */
  send(bytes: Buffer, timeoutMs: number, name: string): Promise<SendResult> {
    return this.exclusive(async () => {
      try {
        if (!this.transport) {
          const dir = join(this.dataDir, 'tickets');
          await mkdir(dir, { recursive: true });
          await writeFile(join(dir, `${name}.bin`), bytes);
        } else {
          await this.transport.write(bytes, timeoutMs);
        }
        return { ok: true };
      } catch (error) {
        return { ok: false, detail: toPrintFailure(error).detail.slice(0, 300) };
      }
    });
  }

  /** Waits for what is in progress and releases the port or connection. */
  async close(): Promise<void> {
    // A port that already vanished has nothing left to release.
    await this.exclusive(async () => this.transport?.close().catch(() => undefined));
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const next = this.turn.then(work, work);
    this.turn = next.catch(() => undefined);
    return next;
  }
}
