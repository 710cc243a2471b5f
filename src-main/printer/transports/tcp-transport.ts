/**
 * A network printer on the raw port (9100, "JetDirect").
 *
 * EPSON TM and most ESC/POS network printers answer `DLE EOT` on the same socket, so the
 * connection is kept open between jobs (with TCP keep-alive) and the status is polled over it; a
 * drop or an error just means the next poll or job connects again, which also covers printer
 * reboots and DHCP renewals. With such a printer a job is "handed over" once the kernel took its
 * bytes; the printer layer then confirms delivery by reading the status after the job (the reply
 * can only come once the printer has read everything before it).
 *
 * Some boxes (print servers, cheap interfaces) never answer status. For them a job goes the CUPS
 * socket-backend way: send the ticket, half-close, and wait for the printer to close its side,
 * which it does once it has taken every byte. That last wait is what tells a printer that is
 * printing from one that accepted the connection and then stalled (paper out, or a dead network
 * stack). The next poll or job connects afresh.
 */
import { connect, type Socket } from 'node:net';
import { processIdRequest, statusRequest, type StatusQuery } from '../escpos/commands';
import { withDeadline } from './deadline';
import { PrinterReplies } from './printer-replies';
import type { PrinterTransport, ProcessIdWait, StatusQueryOptions } from './transport';
import { beforeAnyByte, PrinterTransportError, toPrintFailure } from './transport-error';

export interface TcpTransportOptions {
  host: string;
  port: number;
  /** Longest wait for the TCP handshake (also bounded by each operation's own timeout). */
  connectTimeoutMs?: number;
  /** Idle time before the kernel starts keep-alive probes on the kept-open connection. */
  keepAliveMs?: number;
}

const DEFAULT_CONNECT_TIMEOUT_MS = 3000;
const DEFAULT_KEEPALIVE_MS = 10_000;

export class TcpTransport implements PrinterTransport {
  readonly kind = 'tcp' as const;
  private socket: Socket | null = null;
  private connecting: Promise<Socket> | null = null;
  private readonly replies = new PrinterReplies();
  /** The printer has answered a status query: jobs use the kept-open connection. */
  private answersStatus = false;

  constructor(private readonly options: TcpTransportOptions) {}

  private get address(): string {
    return `${this.options.host}:${this.options.port}`;
  }

  async write(data: Buffer, timeoutMs: number): Promise<void> {
    if (this.answersStatus) await this.writeKeptOpen(data, timeoutMs);
    else await this.writeAndClose(data, timeoutMs);
  }

  async probe(timeoutMs: number): Promise<void> {
    await this.connect(timeoutMs);
  }

  async queryStatus(
    n: StatusQuery,
    timeoutMs: number,
    options: StatusQueryOptions = {},
  ): Promise<number | null> {
    if (options.reopen === false && !this.isConnected()) {
      throw new PrinterTransportError(
        'disconnected',
        `printer at ${this.address}: the connection dropped after the ticket was sent`,
      );
    }
    const socket = await this.connect(timeoutMs);
    const reply = this.replies.expectStatus(timeoutMs);
    socket.write(statusRequest(n));
    const byte = await reply;
    if (byte !== null) {
      this.answersStatus = true;
    } else {
      // Silence: the far end may be gone without a word (cable pulled, printer switched off).
      // Connecting again next time is what finds out.
      this.drop(socket);
    }
    return byte;
  }

  async requestProcessId(id: string, timeoutMs: number): Promise<ProcessIdWait> {
    const socket = this.socket;
    if (!socket || !this.isConnected()) {
      throw new PrinterTransportError(
        'disconnected',
        `printer at ${this.address}: the connection dropped after the ticket was sent`,
      );
    }
    const wait = this.replies.expectProcessId(id, timeoutMs);
    socket.write(processIdRequest(id));
    return wait;
  }

  async close(): Promise<void> {
    const socket = this.socket;
    if (socket) this.drop(socket);
    this.replies.fail(new PrinterTransportError('error', `printer at ${this.address}: closed`));
  }

  private isConnected(): boolean {
    return this.socket !== null && !this.socket.connecting && !this.socket.destroyed;
  }

  /** The kept-open connection, connecting first if there is none. */
  private connect(timeoutMs: number): Promise<Socket> {
    if (this.socket && this.isConnected()) return Promise.resolve(this.socket);
    this.connecting ??= this.openSocket(timeoutMs).finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async openSocket(timeoutMs: number): Promise<Socket> {
    const { host, port } = this.options;
    const address = this.address;
    const limit = Math.min(timeoutMs, this.options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS);
    const socket = connect({ host, port });
    socket.setNoDelay(true);
    socket.setKeepAlive(true, this.options.keepAliveMs ?? DEFAULT_KEEPALIVE_MS);
    // Status replies; anything else the printer sends (automatic status back) is dropped there.
    socket.on('data', (chunk: Buffer) => {
      if (this.socket === socket) this.replies.feed(chunk);
    });
    let lastError: Error | null = null;
    socket.on('error', (error) => {
      lastError = error;
    });
    socket.once('close', () => {
      if (this.socket !== socket) return;
      this.socket = null;
      const detail = lastError ? lastError.message : 'the printer closed the connection';
      this.replies.fail(
        new PrinterTransportError('disconnected', `printer at ${address}: ${detail}`),
      );
    });
    const connected = new Promise<Socket>((resolve, reject) => {
      socket.once('connect', () => resolve(socket));
      socket.once('error', (error) => {
        const { failure } = toPrintFailure(error);
        reject(
          new PrinterTransportError(failure, `printer at ${address}: ${error.message}`, {
            cause: error,
          }),
        );
      });
    });
    try {
      await withDeadline(connected, limit, `printer at ${address}`, () => socket.destroy());
    } catch (error) {
      socket.destroy();
      if (error instanceof PrinterTransportError && error.failure === 'timeout') {
        throw new PrinterTransportError(
          'disconnected',
          `printer at ${address} did not accept a connection within ${limit} ms`,
        );
      }
      throw error;
    }
    this.socket = socket;
    return socket;
  }

  /** The connection a job goes down; failing to get one, not a byte of the job went out. */
  private async connectForJob(timeoutMs: number): Promise<Socket> {
    try {
      return await this.connect(timeoutMs);
    } catch (error) {
      throw beforeAnyByte(error);
    }
  }

  private drop(socket: Socket): void {
    if (this.socket === socket) this.socket = null;
    socket.destroy();
  }

  /** For a printer that answers status: the bytes go down the kept-open connection. */
  private async writeKeptOpen(data: Buffer, timeoutMs: number): Promise<void> {
    const address = this.address;
    const started = Date.now();
    const socket = await this.connectForJob(timeoutMs);
    const written = new Promise<void>((resolve, reject) => {
      const onClose = (): void =>
        reject(
          new PrinterTransportError(
            'disconnected',
            `printer at ${address} closed the connection before taking the ticket`,
          ),
        );
      socket.once('close', onClose);
      socket.write(data, (error) => {
        socket.off('close', onClose);
        if (!error) resolve();
        else {
          const { failure } = toPrintFailure(error);
          reject(
            new PrinterTransportError(failure, `printer at ${address}: ${error.message}`, {
              cause: error,
            }),
          );
        }
      });
    });
    try {
      const left = Math.max(1, timeoutMs - (Date.now() - started));
      await withDeadline(written, left, `printer at ${address}`, () => this.drop(socket));
    } catch (error) {
      this.drop(socket);
      if (error instanceof PrinterTransportError && error.failure === 'timeout') {
        throw new PrinterTransportError(
          'timeout',
          `printer at ${address} accepted the connection but did not take the ticket within ${timeoutMs} ms`,
        );
      }
      throw error;
    }
  }

  /** For a box that never answers status: send, half-close, wait for the printer to close. */
  private async writeAndClose(data: Buffer, timeoutMs: number): Promise<void> {
    const address = this.address;
    const started = Date.now();
    const socket = await this.connectForJob(timeoutMs);
    // From here on this socket belongs to the job: polls connect afresh.
    if (this.socket === socket) this.socket = null;
    let handedOver = false;
    const delivered = new Promise<void>((resolve, reject) => {
      if (socket.destroyed) {
        reject(
          new PrinterTransportError('disconnected', `printer at ${address} closed the connection`, {
            nothingSent: true,
          }),
        );
        return;
      }
      socket.once('error', (error) => {
        const { failure } = toPrintFailure(error);
        reject(
          new PrinterTransportError(failure, `printer at ${address}: ${error.message}`, {
            cause: error,
          }),
        );
      });
      // 'finish': every byte and our FIN went to the kernel.
      socket.once('finish', () => {
        handedOver = true;
      });
      socket.once('close', (hadError) => {
        if (hadError) return;
        if (handedOver) resolve();
        else
          reject(
            new PrinterTransportError(
              'disconnected',
              `printer at ${address} closed the connection before taking the ticket`,
            ),
          );
      });
      socket.end(data);
    });
    try {
      const left = Math.max(1, timeoutMs - (Date.now() - started));
      await withDeadline(delivered, left, `printer at ${address}`, () => socket.destroy());
    } catch (error) {
      if (error instanceof PrinterTransportError && error.failure === 'timeout') {
        throw new PrinterTransportError(
          'timeout',
          `printer at ${address} accepted the connection but did not take the ticket within ${timeoutMs} ms`,
        );
      }
      throw error;
    } finally {
      socket.destroy();
    }
  }
}
