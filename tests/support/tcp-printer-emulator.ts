/**
 * A network receipt printer on 127.0.0.1 (raw port protocol, like TCP 9100). Like a TM printer it
 * reads each connection until the client closes it, then closes its side; it answers DLE EOT
 * status queries on the same connection from a script the test can change at any time (see
 * printer-status-script.ts). In 'black-hole' mode it accepts connections and never reads them,
 * like a printer whose network stack has stalled. unplug() drops every connection and stops
 * listening (the cable is pulled); replug() listens again on the same port.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { TicketCapture, type CapturedTicket } from './escpos-capture';
import { PrinterStatusScript, type ScriptedPrinterStatus } from './printer-status-script';

export type TcpPrinterMode = 'print' | 'black-hole';

export interface TcpPrinterEmulator {
  readonly host: string;
  readonly port: number;
  /** `tcp://127.0.0.1:<port>`, the kiosk's printer.transport setting. */
  readonly uri: string;
  /** Applies to connections accepted from now on. */
  mode: TcpPrinterMode;
  /** The status it reports; set `script.status` to change it. */
  readonly script: PrinterStatusScript;
  /** Print bytes received (status queries taken out), one entry per connection. */
  readonly connections: readonly Buffer[];
  readonly tickets: readonly CapturedTicket[];
  waitForTicket(timeoutMs?: number): Promise<CapturedTicket>;
  /** Sends bytes nobody asked for (XOFF 0x13, automatic status back…) on every open connection. */
  sendUnsolicited(bytes: Buffer): void;
  /** Drops every connection and stops listening. */
  unplug(): Promise<void>;
  /** Listens again on the same port. */
  replug(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpPrinterEmulator(
  options: { mode?: TcpPrinterMode; status?: ScriptedPrinterStatus } = {},
): Promise<TcpPrinterEmulator> {
  const capture = new TicketCapture();
  const script = new PrinterStatusScript(options.status);
  const connections: Buffer[] = [];
  const sockets = new Set<Socket>();

  const accept = (socket: Socket): void => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    // Paused on accept: in black-hole mode not a byte is read, so the client's FIN is never seen.
    if (emulator.mode === 'black-hole') return;
    const index = connections.push(Buffer.alloc(0)) - 1;
    const feed = capture.stream();
    const parse = script.stream();
    socket.on('data', (chunk: Buffer) => {
      const { data, reply } = parse(chunk);
      if (data.length > 0) {
        connections[index] = Buffer.concat([connections[index] as Buffer, data]);
        feed(data);
      }
      if (reply.length > 0 && !socket.destroyed) socket.write(reply);
    });
    socket.resume();
  };

  let server: Server | null = null;
  const listen = async (port: number): Promise<number> => {
    const next = createServer({ pauseOnConnect: true }, accept);
    await new Promise<void>((resolve, reject) => {
      next.once('error', reject);
      next.listen(port, '127.0.0.1', () => resolve());
    });
    server = next;
    const address = next.address();
    if (address === null || typeof address === 'string') throw new Error('emulator has no port');
    return address.port;
  };
  const unplug = async (): Promise<void> => {
    const current = server;
    server = null;
    for (const socket of sockets) socket.destroy();
    if (current) await new Promise<void>((resolve) => current.close(() => resolve()));
  };

  const port = await listen(0);
  const emulator: TcpPrinterEmulator = {
    host: '127.0.0.1',
    port,
    uri: `tcp://127.0.0.1:${port}`,
    mode: options.mode ?? 'print',
    script,
    connections,
    tickets: capture.tickets,
    waitForTicket: (timeoutMs) => capture.waitForTicket(timeoutMs),
    sendUnsolicited: (bytes) => {
      for (const socket of sockets) if (!socket.destroyed) socket.write(bytes);
    },
    unplug,
    replug: async () => {
      if (!server) await listen(port);
    },
    close: unplug,
  };
  return emulator;
}
