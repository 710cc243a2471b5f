/**
 * The web host: serves the built renderer on 127.0.0.1 and carries the IPC contract over a
 * WebSocket guarded by the installation's secret (web-access.ts) and an Origin check. Same
 * services, same contract as the Electron host; used for tests (Playwright in Chromium) and for
 * Chromium-kiosk deployments.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { WsClientFrameSchema, type WsServerFrame } from '../../../src-shared/contract/ipc';
import type { Kiosk } from '../../app/kiosk';
import { DOWNLOAD_PATH_PREFIX } from '../../diagnostics/downloads';
import { answerDownload } from './download-route';
import { readStaticFile } from './static-files';
import { LaunchTokens, sessionCookie, upgradeRefusal } from './web-access';

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
  /** The installation's secret (host-files.ts): what a page must prove. */
  secret: string;
  /** Serve on exactly this port (0: any free one). */
  port?: number;
  /** Serve on this port when it is free, else on any. Ignored when `port` is given. */
  preferredPort?: number;
  log?: (line: string) => void;
  /** For tests: the lifetime of launch addresses and the clock that measures it. */
  launchTokenTtlMs?: number;
  now?: () => number;
}

export interface WebHost {
  /** The page's address with `?token=<secret>`: what the CLI prints, a secret itself. */
  readonly url: string;
  readonly port: number;
  /**
   * A one-time address for the browser the host opens: it sets the session cookie and redirects
   * to `/`, so neither the command line nor the history keeps a usable secret.
   */
  launchUrl(): string;
  /** Closes every page's socket: they reconnect and read the state afresh (after a restart). */
  dropConnections(): void;
  close(): Promise<void>;
}

function refuseUpgrade(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function listenOn(server: Server, port: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const fail = (error: Error) => reject(error);
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', fail);
      resolve();
    });
  });
}

async function listen(
  server: Server,
  options: WebHostOptions,
  log: (line: string) => void,
): Promise<void> {
  if (options.port !== undefined || !options.preferredPort) {
    await listenOn(server, options.port ?? 0);
    return;
  }
  try {
    await listenOn(server, options.preferredPort);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EADDRINUSE' && code !== 'EACCES') throw error;
    log(`web host: port ${options.preferredPort} is taken (${code}); serving on another one`);
    await listenOn(server, 0);
  }
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const { app, rendererDir, secret } = options;
  const log = options.log ?? (() => undefined);
  const launchTokens = new LaunchTokens(options.launchTokenTtlMs, options.now);
  let allowedOrigins: string[] = [];

  /** `/?launch=…`: trades a one-time token for the session cookie, once. */
  const answerLaunch = (token: string, response: ServerResponse): void => {
    const headers = { 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' };
    if (!launchTokens.consume(token)) {
      log('web host: refused a launch address that was used already or expired');
      response
        .writeHead(403, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' })
        .end('This launch address was used already or has expired.');
      return;
    }
    response.writeHead(303, { ...headers, Location: '/', 'Set-Cookie': sessionCookie(secret) });
    response.end();
  };

  const server: Server = createServer((request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const launch = url.searchParams.get('launch');
    if (launch !== null) {
      answerLaunch(launch, response);
      return;
    }
    if (url.pathname.startsWith(DOWNLOAD_PATH_PREFIX)) {
      answerDownload(app, request, url.pathname.slice(DOWNLOAD_PATH_PREFIX.length), response, {
        secret,
        log,
      });
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
    const refusal = upgradeRefusal(request, secret, allowedOrigins);
    if (refusal) {
      log(`web host: refused a WebSocket: ${refusal}`);
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

  await listen(server, options, log);
  const unsubscribe = app.onEvent(({ event, payload }) => {
    for (const client of sockets.clients) send(client, { kind: 'event', event, payload });
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  allowedOrigins = [origin, `http://localhost:${port}`];

  return {
    url: `${origin}/?token=${secret}`,
    port,
    launchUrl: () => `${origin}/?launch=${launchTokens.issue()}`,
    dropConnections: () => {
      for (const client of sockets.clients) client.terminate();
    },
    close: async () => {
      unsubscribe();
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
