/**
 * A printer on a serial line (RS-232 or USB-serial adapter). The port is opened on the first job
 * and kept open; any error or an unplug drops it, and the next job opens it again, so a printer
 * that is plugged back in works without restarting the kiosk.
 */
import { SerialPort } from 'serialport';
import { withDeadline } from './deadline';
import type { PrinterTransport } from './transport';
import { PrinterTransportError } from './transport-error';

export interface SerialTransportOptions {
  path: string;
  baud: number;
}

/** serialport errors carry only a message ("Error: Permission denied, cannot open …"). */
function classify(error: unknown, path: string): PrinterTransportError {
  if (error instanceof PrinterTransportError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const cause = { cause: error };
  // A vanished USB-serial adapter or pty fails writes with EIO; a missing one opens with ENOENT.
  const code = error instanceof Error && 'code' in error ? String(error.code) : '';
  if (
    ['ENOENT', 'ENODEV', 'ENXIO', 'EIO'].includes(code) ||
    /No such file or directory|No such device|Input\/output error|i\/o error|Port is not open/i.test(
      message,
    )
  ) {
    return new PrinterTransportError('disconnected', `serial printer ${path}: ${message}`, cause);
  }
  if (/Permission denied/i.test(message)) {
    return new PrinterTransportError(
      'error',
      `serial printer ${path}: permission denied; add the kiosk user to the "dialout" group`,
      cause,
    );
  }
  if (/Cannot lock port|Resource temporarily unavailable/i.test(message)) {
    return new PrinterTransportError(
      'error',
      `serial printer ${path} is in use by another program`,
      cause,
    );
  }
  return new PrinterTransportError('error', `serial printer ${path}: ${message}`, cause);
}

export class SerialTransport implements PrinterTransport {
  readonly kind = 'serial' as const;
  private port: SerialPort | null = null;

  constructor(private readonly options: SerialTransportOptions) {}

  async write(data: Buffer, timeoutMs: number): Promise<void> {
    const { path } = this.options;
    try {
      await withDeadline(this.send(data), timeoutMs, `serial printer ${path}`, () => this.drop());
    } catch (error) {
      this.drop();
      throw classify(error, path);
    }
  }

  async close(): Promise<void> {
    const port = this.port;
    this.port = null;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  private async send(data: Buffer): Promise<void> {
    const port = await this.open();
    await new Promise<void>((resolve, reject) => {
      port.write(data, (error) => {
        if (error) reject(error);
      });
      // drain() waits for tcdrain: the bytes have left the UART, not merely our buffers.
      port.drain((error) => (error ? reject(error) : resolve()));
    });
  }

  private async open(): Promise<SerialPort> {
    if (this.port?.isOpen) return this.port;
    const port = new SerialPort({
      path: this.options.path,
      baudRate: this.options.baud,
      autoOpen: false,
    });
    // Without a listener an 'error' event would crash the process; failures surface via callbacks.
    port.on('error', () => undefined);
    // An unplugged USB-serial adapter closes the port with a disconnect error: reopen next job.
    port.on('close', () => {
      if (this.port === port) this.port = null;
    });
    this.port = port;
    await new Promise<void>((resolve, reject) =>
      port.open((error) => (error ? reject(error) : resolve())),
    );
    if (this.port !== port) {
      // The job timed out while the port was opening: release it, or its lock blocks the next job.
      port.close(() => undefined);
      throw new PrinterTransportError(
        'timeout',
        `serial printer ${this.options.path}: open timed out`,
      );
    }
    return port;
  }

  /** Forgets the port after an error or timeout, closing it if it is still open. */
  private drop(): void {
    const port = this.port;
    this.port = null;
    if (port?.isOpen) port.close(() => undefined);
  }
}
