/**
 * A network receipt printer on 127.0.0.1 (raw port protocol, like TCP 9100): it reads each
 * connection to its end, then closes it, as a TM printer does. In 'black-hole' mode it accepts
 * connections and never reads them, like a printer whose network stack has stalled.
 */
import { createServer, type Socket } from 'node:net';
import { TicketCapture, type CapturedTicket } from './escpos-capture';

export type TcpPrinterMode = 'print' | 'black-hole';

export interface TcpPrinterEmulator {
  readonly host: string;
  readonly port: number;
  /** `tcp://127.0.0.1:<port>`, the kiosk's printer.transport setting. */
  readonly uri: string;
  /** Applies to connections accepted from now on. */
  mode: TcpPrinterMode;
  /** Raw bytes received, one entry per connection (growing while it is open). */
  readonly connections: readonly Buffer[];
  readonly tickets: readonly CapturedTicket[];
  waitForTicket(timeoutMs?: number): Promise<CapturedTicket>;
  close(): Promise<void>;
}

export async function startTcpPrinterEmulator(
  options: { mode?: TcpPrinterMode } = {},
): Promise<TcpPrinterEmulator> {
  const capture = new TicketCapture();
  const connections: Buffer[] = [];
  const sockets = new Set<Socket>();
  // Paused on accept: in black-hole mode not a byte is read, so the client's FIN is never seen.
  const server = createServer({ pauseOnConnect: true }, (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    if (emulator.mode === 'black-hole') return;
    const index = connections.push(Buffer.alloc(0)) - 1;
    const feed = capture.stream();
    socket.on('data', (chunk: Buffer) => {
      connections[index] = Buffer.concat([connections[index] as Buffer, chunk]);
      feed(chunk);
    });
    socket.resume();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('emulator has no TCP port');
  const emulator: TcpPrinterEmulator = {
    host: '127.0.0.1',
    port: address.port,
    uri: `tcp://127.0.0.1:${address.port}`,
    mode: options.mode ?? 'print',
    connections,
    tickets: capture.tickets,
    waitForTicket: (timeoutMs) => capture.waitForTicket(timeoutMs),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return emulator;
}
