/**
 * A town hall that delays its answer as long as the test wants: an HTTP proxy in front of the
 * reference server that holds every request until `open()`, then forwards them (and all later
 * ones) as they are. Start-up tests use it to show the kiosk serves its screen before its first
 * sync has any answer, without measuring time. Free of vitest so Playwright can use it.
 */
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GatedProxy {
  readonly url: string;
  /** Requests waiting at the gate now. */
  held(): number;
  /** Lets the held requests through, and every later one at once. */
  open(): void;
  /** The paths (with their query) of the requests answered so far, in order. */
  answered(): readonly string[];
  close(): Promise<void>;
}

export async function startGatedProxy(target: string): Promise<GatedProxy> {
  const upstream = new URL(target);
  let opened = false;
  const waiting: Array<() => void> = [];
  const answered: string[] = [];

  const forward = (incoming: IncomingMessage, outgoing: ServerResponse) => {
    const proxied = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: incoming.method,
        path: incoming.url,
        headers: { ...incoming.headers, host: upstream.host },
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.on('end', () => answered.push(incoming.url ?? ''));
        answer.pipe(outgoing);
      },
    );
    proxied.on('error', () => outgoing.destroy());
    incoming.pipe(proxied);
  };

  const server = createServer((incoming, outgoing) => {
    if (opened) forward(incoming, outgoing);
    else {
      incoming.pause();
      waiting.push(() => forward(incoming, outgoing));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    held: () => waiting.length,
    answered: () => answered,
    open: () => {
      opened = true;
      for (const release of waiting.splice(0)) release();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
