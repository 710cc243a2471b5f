/**
 * A printer on a serial line (RS-232 or USB-serial adapter). The port is opened on first use (a
 * job or a status poll) with the configured line settings and kept open; it also carries the
 * printer's DLE EOT replies back. An unplug closes it (serialport reports the disconnect), any
 * error drops it, and the next poll or job opens it again, so a printer that is plugged back in
 * works without restarting the kiosk.
 */
import { stat } from 'node:fs/promises';
import { SerialPort } from 'serialport';
import type { SerialLineOptions } from '../../config/schema';
import { processIdRequest, statusRequest, type StatusQuery } from '../escpos/commands';
import { withDeadline } from './deadline';
import { PrinterReplies } from './printer-replies';
import type { PrinterTransport, ProcessIdWait, StatusQueryOptions } from './transport';
import { beforeAnyByte, PrinterTransportError } from './transport-error';
import { errorText } from '../../logging/error-text';

export type SerialTransportOptions = { path: string } & Partial<SerialLineOptions> &
  Pick<SerialLineOptions, 'baud'>;

/** serialport errors carry only a message ("Error: Permission denied, cannot open …"). */
function classify(error: unknown, path: string): PrinterTransportError {
  if (error instanceof PrinterTransportError) return error;
  const message = errorText(error);
  const cause = { cause: error };
  // A vanished USB-serial adapter or pty fails writes with EIO; a missing one opens with ENOENT.
  const code = error instanceof Error && 'code' in error ? String(error.code) : '';
  if (
    ['ENOENT', 'ENODEV', 'ENXIO', 'EIO'].includes(code) ||
    /No such file or directory|No such device|Input\/output error|i\/o error|Port is not open|bad file descriptor/i.test(
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
  private readonly replies = new PrinterReplies();

  constructor(private readonly options: SerialTransportOptions) {}

  async write(data: Buffer, timeoutMs: number): Promise<void> {
    const { path } = this.options;
    let opened = false;
    const sent = this.open().then((port) => {
      opened = true;
      return this.sendOn(port, data);
    });
    try {
      await withDeadline(sent, timeoutMs, `serial printer ${path}`, () => this.drop());
    } catch (error) {
      this.drop();
      const failure = classify(error, path);
      throw opened ? failure : beforeAnyByte(failure);
    }
  }

  async probe(timeoutMs: number): Promise<void> {
    const { path } = this.options;
    try {
      await withDeadline(this.open(), timeoutMs, `serial printer ${path}`, () => this.drop());
    } catch (error) {
      this.drop();
      throw classify(error, path);
    }
  }

  async queryStatus(
    n: StatusQuery,
    timeoutMs: number,
    options: StatusQueryOptions = {},
  ): Promise<number | null> {
    const { path } = this.options;
    try {
      if (options.reopen === false && !this.port?.isOpen) {
        throw new PrinterTransportError(
          'disconnected',
          `serial printer ${path}: the port closed after the ticket was sent`,
        );
      }
      await withDeadline(this.open(), timeoutMs, `serial printer ${path}`, () => this.drop());
      const reply = this.replies.expectStatus(timeoutMs);
      await this.send(statusRequest(n)).catch((error: unknown) => this.replies.fail(error));
      const byte = await reply;
      // Silence: a USB-serial adapter that was pulled out may not have closed the port yet, but
      // its device node is gone.
      if (byte === null) await stat(path);
      return byte;
    } catch (error) {
      this.drop();
      throw classify(error, path);
    }
  }

  async requestProcessId(id: string, timeoutMs: number): Promise<ProcessIdWait> {
    const { path } = this.options;
    const port = this.port;
    if (!port?.isOpen) {
      throw new PrinterTransportError(
        'disconnected',
        `serial printer ${path}: the port closed after the ticket was sent`,
      );
    }
    const wait = this.replies.expectProcessId(id, timeoutMs);
    try {
      await withDeadline(
        this.sendOn(port, processIdRequest(id)),
        timeoutMs,
        `serial printer ${path}`,
        () => this.drop(),
      );
      return wait;
    } catch (error) {
      wait.cancel();
      this.drop();
      throw classify(error, path);
    }
  }

  async close(): Promise<void> {
    const port = this.port;
    this.port = null;
    this.replies.fail(new PrinterTransportError('error', 'serial printer closed'));
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  private async send(data: Buffer): Promise<void> {
    await this.sendOn(await this.open(), data);
  }

  private async sendOn(port: SerialPort, data: Buffer): Promise<void> {
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
    const { path, baud, dataBits = 8, parity = 'none', stopBits = 1 } = this.options;
    const flow = this.options.flow ?? 'none';
    const port = new SerialPort({
      path,
      baudRate: baud,
      dataBits,
      parity,
      stopBits,
      rtscts: flow === 'rtscts',
      // XON/XOFF in both directions: the kernel then pauses on the printer's XOFF (0x13) and
      // never hands those bytes to us.
      xon: flow === 'xonxoff',
      xoff: flow === 'xonxoff',
      autoOpen: false,
    });
    // Without a listener an 'error' event would crash the process; failures surface via callbacks.
    port.on('error', () => undefined);
    port.on('data', (chunk: Buffer) => this.replies.feed(chunk));
    // An unplugged USB-serial adapter closes the port with a disconnect error: reopen next time.
    port.on('close', () => {
      if (this.port !== port) return;
      this.port = null;
      this.replies.fail(
        new PrinterTransportError('disconnected', `serial printer ${path}: the port was closed`),
      );
    });
    this.port = port;
    await new Promise<void>((resolve, reject) =>
      port.open((error) => (error ? reject(error) : resolve())),
    );
    if (this.port !== port) {
      // The job timed out while the port was opening: release it, or its lock blocks the next job.
      port.close(() => undefined);
      throw new PrinterTransportError('timeout', `serial printer ${path}: open timed out`);
    }
    // DTR on open: printers wired for DTR/DSR handshake wait for it. A pseudo-terminal has no
    // modem lines (ENOTTY), and a line without them still prints, so a refusal is not an error.
    await new Promise<void>((resolve) =>
      port.set({ dtr: (this.options.dtr ?? 'on') === 'on', rts: true }, () => resolve()),
    );
    return port;
  }

  /** Forgets the port after an error or timeout, closing it if it is still open. */
  private drop(): void {
    const port = this.port;
    this.port = null;
    if (port?.isOpen) port.close(() => undefined);
  }
}
