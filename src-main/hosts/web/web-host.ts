/**
 * The web host: serves the built renderer on 127.0.0.1 and carries the IPC contract over a
 * WebSocket guarded by a per-launch token and an Origin check. Same services, same contract as
 * the Electron host; used for tests (Playwright in Chromium) and for Chromium-kiosk deployments.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { WsClientFrameSchema, type WsServerFrame } from '../../../src-shared/contract/ipc';
import type { Kiosk } from '../../app/kiosk';
import { readStaticFile } from './static-files';

export const WEB_HOST_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self' ws://127.0.0.1:* ws://localhost:*",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/** Largest WebSocket frame accepted from the page: far above any valid request. */
const MAX_FRAME_BYTES = 64 * 1024;

export interface WebHostOptions {
  app: Kiosk;
  rendererDir: string;
  port?: number;
  log?: (line: string) => void;
}

export interface WebHost {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function refuseUpgrade(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const { app, rendererDir } = options;
  const log = options.log ?? (() => undefined);
  const token = randomBytes(24).toString('base64url');
  let allowedOrigins: string[] = [];

  const server: Server = createServer((request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    void readStaticFile(rendererDir, request.url ?? '/').then((file) => {
      if (!file) {
        response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
        return;
      }
      response.writeHead(200, {
        'Content-Type': file.contentType,
        'Content-Security-Policy': WEB_HOST_CSP,
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
        'Cache-Control': 'no-store',
      });
      response.end(request.method === 'HEAD' ? undefined : file.body);
    });
  });

  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/ws') return refuseUpgrade(socket, '404 Not Found');
    if (!sameSecret(url.searchParams.get('token') ?? '', token)) {
      log('web host: refused a WebSocket with a wrong token');
      return refuseUpgrade(socket, '403 Forbidden');
    }
    if (!allowedOrigins.includes(request.headers.origin ?? '')) {
      log(`web host: refused a WebSocket from origin ${request.headers.origin ?? '(none)'}`);
      return refuseUpgrade(socket, '403 Forbidden');
    }
    sockets.handleUpgrade(request, socket, head, (ws) => serve(ws));
  });

  const send = (ws: WebSocket, frame: WsServerFrame): void => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  };

  const serve = (ws: WebSocket): void => {
    // An over-long or malformed frame is an error on this socket only, never on the kiosk.
    ws.on('error', (error) => {
      log(`web host: closed a WebSocket: ${error.message}`);
      ws.terminate();
    });
    ws.on('message', (data, isBinary) => {
      if (isBinary) return;
      let json: unknown;
      try {
        json = JSON.parse(data.toString());
      } catch {
        log('web host: ignored a frame that is not JSON');
        return;
      }
      const frame = WsClientFrameSchema.safeParse(json);
      if (!frame.success) {
        const id = (json as { id?: unknown } | null)?.id;
        if (typeof id === 'number' && Number.isInteger(id) && id >= 0) {
          send(ws, {
            kind: 'response',
            id,
            result: { ok: false, error: { code: 'invalid-payload' } },
          });
        }
        return;
      }
      void app
        .dispatch(frame.data.channel, frame.data.payload)
        .then((result) => send(ws, { kind: 'response', id: frame.data.id, result }));
    });
  };

  const unsubscribe = app.onEvent(({ event, payload }) => {
    for (const client of sockets.clients) send(client, { kind: 'event', event, payload });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  allowedOrigins = [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
  const url = `http://127.0.0.1:${port}/?token=${token}`;

  return {
    url,
    port,
    token,
    close: async () => {
      unsubscribe();
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
