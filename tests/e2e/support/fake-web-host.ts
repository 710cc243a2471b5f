/**
 * A FAKE web host for renderer tests: it serves the built renderer and speaks the contract's
 * WebSocket frames (token and Origin checked, like the real one), but answers check-ins (and,
 * when scripted, walk-ins and reprints) with scripted functions instead of the kiosk services.
 * The real host is exercised by checkin-serial-scan.spec.ts, printer-fault.spec.ts and
 * citizen-flows-real-host.spec.ts.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  requestChannels,
  WsClientFrameSchema,
  type CheckInResult,
  type EventChannel,
  type IpcResult,
  type KioskState,
  type ResponseOf,
  type WalkInOptions,
  type WsServerFrame,
} from '../../../src-shared/contract/ipc';
import { readStaticFile } from '../../../src-main/hosts/web/static-files';

export type Submission = ReturnType<(typeof requestChannels)['checkin:submit']['request']['parse']>;
export type WalkInRequest = ReturnType<
  (typeof requestChannels)['walkin:issue']['request']['parse']
>;

export interface FakeWebHostOptions {
  rendererDir: string;
  state: KioskState;
  /** The scripted answer to the `seq`-th check-in. */
  checkIn(request: Submission, seq: number): IpcResult<CheckInResult>;
  /** Runs after each answer, e.g. to push the virtual printer's preview. */
  afterCheckIn?(result: IpcResult<CheckInResult>, host: FakeWebHost): void;
  /** What the walk-in screen is offered; none by default. */
  walkInOptions?: WalkInOptions;
  /** The scripted answer to a walk-in; refused (`walk-ins-not-allowed`) by default. */
  walkIn?(request: WalkInRequest): IpcResult<CheckInResult>;
  /** The scripted answer to a reprint; refused by default. */
  reprint?(ticketId: string): IpcResult<ResponseOf<'ticket:reprint'>>;
}

export interface FakeWebHost {
  /** The renderer's address with the launch token; `query` is appended. */
  url(query?: string): string;
  /** Check-in requests as the page sent them (without the schema's defaults). */
  readonly submissions: Submission[];
  /** Walk-in requests as the page sent them. */
  readonly walkIns: WalkInRequest[];
  emit(event: EventChannel, payload: unknown): void;
  /** Changes the kiosk state and tells the page, as main does. */
  setState(patch: Partial<KioskState>): void;
  close(): Promise<void>;
}

const TOKEN = 'fake-launch-token-for-renderer-tests';

export async function startFakeWebHost(options: FakeWebHostOptions): Promise<FakeWebHost> {
  let state = options.state;
  let seq = 0;
  const submissions: Submission[] = [];
  const walkIns: WalkInRequest[] = [];
  let origin = '';

  const server: Server = createServer((request, response) => {
    void readStaticFile(options.rendererDir, request.url ?? '/').then((file) => {
      if (!file) response.writeHead(404).end();
      else response.writeHead(200, { 'Content-Type': file.contentType }).end(file.body);
    });
  });

  const sockets = new WebSocketServer({ noServer: true });
  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const allowed =
      url.pathname === '/ws' &&
      url.searchParams.get('token') === TOKEN &&
      request.headers.origin === origin;
    if (!allowed) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => serve(ws));
  });

  const send = (ws: WebSocket, frame: WsServerFrame) => ws.send(JSON.stringify(frame));
  const emit = (event: EventChannel, payload: unknown) => {
    for (const client of sockets.clients) send(client, { kind: 'event', event, payload });
  };

  const answer = (channel: string, payload: unknown): IpcResult<unknown> => {
    if (channel === 'kiosk:get-state') return { ok: true, value: state };
    if (channel === 'session:set-language') {
      const request = requestChannels['session:set-language'].request.safeParse(payload);
      if (!request.success) return { ok: false, error: { code: 'invalid-payload' } };
      return { ok: true, value: { language: request.data.language ?? state.defaultLanguage } };
    }
    if (channel === 'walkin:get-options') {
      const none = { services: [], priorityEnabled: false, showRemainingBelow: 10 };
      return { ok: true, value: options.walkInOptions ?? none };
    }
    if (channel === 'walkin:issue') {
      const request = requestChannels['walkin:issue'].request.safeParse(payload);
      if (!request.success) return { ok: false, error: { code: 'invalid-payload' } };
      walkIns.push(payload as WalkInRequest);
      return (
        options.walkIn?.(request.data) ?? { ok: false, error: { code: 'walk-ins-not-allowed' } }
      );
    }
    if (channel === 'ticket:reprint') {
      const request = requestChannels['ticket:reprint'].request.safeParse(payload);
      if (!request.success) return { ok: false, error: { code: 'invalid-payload' } };
      return (
        options.reprint?.(request.data.ticketId) ?? {
          ok: false,
          error: { code: 'reprint-not-allowed' },
        }
      );
    }
    if (channel !== 'checkin:submit') return { ok: false, error: { code: 'unknown-channel' } };
    const request = requestChannels['checkin:submit'].request.safeParse(payload);
    if (!request.success) return { ok: false, error: { code: 'invalid-payload' } };
    submissions.push(payload as Submission);
    seq += 1;
    const result = options.checkIn(request.data, seq);
    queueMicrotask(() => options.afterCheckIn?.(result, host));
    return result;
  };

  const serve = (ws: WebSocket) => {
    ws.on('message', (data) => {
      const frame = WsClientFrameSchema.safeParse(JSON.parse(String(data)));
      if (!frame.success) return;
      const { id, channel, payload } = frame.data;
      send(ws, { kind: 'response', id, result: answer(channel, payload) });
    });
  };

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const host: FakeWebHost = {
    url: (query = '') => `${origin}/?token=${TOKEN}${query ? `&${query}` : ''}`,
    submissions,
    walkIns,
    emit,
    setState(patch) {
      state = { ...state, ...patch };
      emit('kiosk:state-changed', state);
    },
    async close() {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return host;
}
