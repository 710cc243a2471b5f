/**
 * A network printer on the raw port (9100, "JetDirect"). One connection per job, like CUPS's
 * socket backend: connect, send the ticket, half-close, and wait for the printer to close its
 * side, which it does once it has taken every byte. That last wait is what tells a printer that
 * is printing from one that accepted the connection and then stalled (paper out, or a dead
 * network stack). A fresh connection per job also survives printer reboots and DHCP renewals
 * with no reconnection logic, so TCP keep-alive has nothing to guard and is not used.
 */
import { connect, type Socket } from 'node:net';
import { withDeadline } from './deadline';
import type { PrinterTransport } from './transport';
import { PrinterTransportError, toPrintFailure } from './transport-error';

export interface TcpTransportOptions {
  host: string;
  port: number;
}

export class TcpTransport implements PrinterTransport {
  readonly kind = 'tcp' as const;
  private readonly sockets = new Set<Socket>();

  constructor(private readonly options: TcpTransportOptions) {}

  async write(data: Buffer, timeoutMs: number): Promise<void> {
    const address = `${this.options.host}:${this.options.port}`;
    const socket = connect({ host: this.options.host, port: this.options.port });
    this.sockets.add(socket);
    let connected = false;
    let handedOver = false;
    const delivered = new Promise<void>((resolve, reject) => {
      socket.once('connect', () => {
        connected = true;
        socket.setNoDelay(true);
        socket.end(data);
      });
      // Printers may send status bytes (automatic status back); read and ignore them so the
      // socket reaches end-of-stream.
      socket.on('data', () => undefined);
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
    });
    try {
      await withDeadline(delivered, timeoutMs, `printer at ${address}`, () => socket.destroy());
    } catch (error) {
      if (error instanceof PrinterTransportError && error.failure === 'timeout') {
        throw new PrinterTransportError(
          'timeout',
          connected
            ? `printer at ${address} accepted the connection but did not take the ticket within ${timeoutMs} ms`
            : `printer at ${address} did not answer within ${timeoutMs} ms`,
        );
      }
      throw error;
    } finally {
      socket.destroy();
      this.sockets.delete(socket);
    }
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }
}
