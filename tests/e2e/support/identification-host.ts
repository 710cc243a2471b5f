/**
 * A FAKE web host for the identification specs: it serves the built renderer and speaks the web
 * host's protocol (`/ws?token=T` with an Origin check, frames `{id, channel, payload}` and
 * `{kind, …}`), answering check-ins with canned outcomes instead of the real kiosk services:
 *
 * - a booking code or URL containing `TRN-7K4P9Q` (with its dash) → turn C-014;
 * - ID document `12345678Z` → turn C-015; `12345678A` → wrong letter (Z); any other → not found.
 *
 * Every request is checked against the real contract's schema, as the real host does.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  requestChannels,
  WsClientFrameSchema,
  type CheckInResult,
  type IpcResult,
  type KioskState,
  type RequestOf,
  type WsServerFrame,
} from '../../../src-shared/contract/ipc';
import { kioskStateFixture } from '../../support/kiosk-state-fixture';

export type Submission = ReturnType<(typeof requestChannels)['checkin:submit']['request']['parse']>;

export interface IdentificationHost {
  /** The renderer's address; `query` is appended. */
  url(query?: string): string;
  /** Turns the camera on or off in the kiosk state this host reports (a technician setting). */
  setCamera(enabled: boolean): void;
  submissions: Submission[];
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export const HOST_STATE: KioskState = kioskStateFixture({
  kioskId: 'totem-entrada-1',
  lastSyncAt: '2025-11-27T09:58:00+01:00',
});

function ticket(number: string, id: string): CheckInResult {
  return {
    outcome: 'issued',
    ticket: {
      id,
      number,
      serviceName: { es: 'Padrón municipal', en: 'Census register' },
      appointmentTime: '10:30',
      issuedAt: '2025-11-27T10:21:00+01:00',
      printStatus: 'printed',
      canReprint: false,
    },
  };
}

function answer(request: Submission, seq: number): IpcResult<CheckInResult> {
  const id = `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`;
  if (request.mode === 'id-document') {
    if (request.input === '12345678Z') return { ok: true, value: ticket('C-015', id) };
    if (request.input === '12345678A') {
      return { ok: false, error: { code: 'id-document-letter', params: { letter: 'Z' } } };
    }
    return { ok: false, error: { code: 'id-document-not-found' } };
  }
  return /TRN-7K4P9Q/i.test(request.input)
    ? { ok: true, value: ticket('C-014', id) }
    : { ok: false, error: { code: 'booking-not-found' } };
}

export async function startIdentificationHost(rendererDir: string): Promise<IdentificationHost> {
  let state: KioskState = HOST_STATE;
  const token = 'fake-identification-token-0123';
  const submissions: Submission[] = [];
  let seq = 0;

  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const relative = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname);
    const file = path.resolve(rendererDir, `.${path.posix.normalize(`/${relative}`)}`);
    if (!file.startsWith(rendererDir + path.sep)) {
      response.writeHead(404).end();
      return;
    }
    readFile(file).then(
      (body) => {
        const type = CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream';
        response.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store' }).end(body);
      },
      () => response.writeHead(404).end(),
    );
  });

  const sockets = new WebSocketServer({ noServer: true });
  let origin = '';
  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const allowed =
      url.pathname === '/ws' &&
      url.searchParams.get('token') === token &&
      request.headers.origin === origin;
    if (!allowed) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => serve(ws));
  });

  const send = (ws: WebSocket, frame: WsServerFrame) => ws.send(JSON.stringify(frame));

  const serve = (ws: WebSocket) => {
    ws.on('message', (data) => {
      const frame = WsClientFrameSchema.safeParse(JSON.parse(String(data)));
      if (!frame.success) return;
      const { id, channel, payload } = frame.data;
      if (channel === 'kiosk:get-state') {
        send(ws, { kind: 'response', id, result: { ok: true, value: state } });
        return;
      }
      if (channel !== 'checkin:submit') {
        send(ws, {
          kind: 'response',
          id,
          result: { ok: false, error: { code: 'unknown-channel' } },
        });
        return;
      }
      const request = requestChannels['checkin:submit'].request.safeParse(
        payload as RequestOf<'checkin:submit'>,
      );
      if (!request.success) {
        send(ws, {
          kind: 'response',
          id,
          result: { ok: false, error: { code: 'invalid-payload' } },
        });
        return;
      }
      // Recorded as the page sent it (the schema's default `mode` is not added).
      submissions.push(payload as Submission);
      seq += 1;
      send(ws, { kind: 'response', id, result: answer(request.data, seq) });
    });
  };

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;

  return {
    url: (query = '') => `${origin}/?token=${token}${query ? `&${query}` : ''}`,
    setCamera: (enabled) => {
      state = { ...state, scanner: { ...state.scanner, camera: enabled } };
    },
    submissions,
    async close() {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
