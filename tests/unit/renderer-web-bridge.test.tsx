// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { webSocketUrl } from '../../src-renderer/bridge/get-bridge';
import {
  createWebBridge,
  type SocketLike,
  type WebBridge,
} from '../../src-renderer/bridge/web-bridge';
import type { KioskState, WsServerFrame } from '../../src-shared/contract/ipc';
import { kioskStateFixture } from '../support/kiosk-state-fixture';

/** A FAKE WebSocket: the test opens, closes and answers it by hand. */
class FakeSocket implements SocketLike {
  readyState = 0;
  readonly sent: { id: number; channel: string; payload: unknown }[] = [];
  onopen: ((event: Event) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;

  constructor(readonly url: string) {}

  send(data: string): void {
    this.sent.push(JSON.parse(data));
  }
  close(): void {
    this.drop();
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }
  drop(): void {
    this.readyState = 3;
    this.onclose?.(new CloseEvent('close'));
  }
  receive(frame: WsServerFrame | string): void {
    const data = typeof frame === 'string' ? frame : JSON.stringify(frame);
    this.onmessage?.(new MessageEvent('message', { data }));
  }
}

const STATE: KioskState = kioskStateFixture();

let sockets: FakeSocket[];
let bridge: WebBridge;

function latest(): FakeSocket {
  const socket = sockets.at(-1);
  if (!socket) throw new Error('no socket yet');
  return socket;
}

beforeEach(() => {
  vi.useFakeTimers();
  sockets = [];
  bridge = createWebBridge({
    url: 'ws://127.0.0.1:4000/ws?token=T',
    createSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
    connectWaitMs: 1_000,
    responseTimeoutMs: 2_000,
    backoffInitialMs: 100,
    backoffMaxMs: 800,
  });
});

afterEach(() => {
  bridge.close();
  vi.useRealTimers();
});

describe('web bridge', () => {
  it('builds the WebSocket address from the page address and its token', () => {
    expect(webSocketUrl({ host: '127.0.0.1:4000', search: '?token=a+b/c' })).toBe(
      'ws://127.0.0.1:4000/ws?token=a%20b%2Fc',
    );
    expect(latest().url).toBe('ws://127.0.0.1:4000/ws?token=T');
  });

  it('leaves the token out when the page has none: the session cookie proves the page', () => {
    expect(webSocketUrl({ host: '127.0.0.1:4000', search: '' })).toBe('ws://127.0.0.1:4000/ws');
    expect(webSocketUrl({ host: '127.0.0.1:4000', search: '?lang=es' })).toBe(
      'ws://127.0.0.1:4000/ws',
    );
  });

  it('queues a request until the socket opens and resolves it from the matching response', async () => {
    const answer = bridge.invoke('checkin:submit', { input: 'TRN-7K4P9Q', source: 'touch' });
    expect(latest().sent).toEqual([]);
    latest().open();
    const [frame] = latest().sent;
    expect(frame).toEqual({
      id: expect.any(Number),
      channel: 'checkin:submit',
      payload: { input: 'TRN-7K4P9Q', source: 'touch' },
    });
    latest().receive({ kind: 'response', id: 999, result: { ok: true, value: 'not ours' } });
    latest().receive({
      kind: 'response',
      id: frame?.id ?? -1,
      result: { ok: false, error: { code: 'booking-not-found' } },
    });
    await expect(answer).resolves.toEqual({ ok: false, error: { code: 'booking-not-found' } });
  });

  it('fails a request with "internal" when no connection comes in time', async () => {
    const answer = bridge.invoke('kiosk:get-state', {});
    vi.advanceTimersByTime(1_001);
    await expect(answer).resolves.toEqual({ ok: false, error: { code: 'internal' } });
  });

  it('fails a sent request with "internal" when the socket drops or main never answers', async () => {
    latest().open();
    const dropped = bridge.invoke('kiosk:get-state', {});
    latest().drop();
    await expect(dropped).resolves.toEqual({ ok: false, error: { code: 'internal' } });

    vi.advanceTimersByTime(200);
    latest().open();
    const unanswered = bridge.invoke('kiosk:get-state', {});
    vi.advanceTimersByTime(2_001);
    await expect(unanswered).resolves.toEqual({ ok: false, error: { code: 'internal' } });
  });

  it('dispatches events to listeners until they unsubscribe, ignoring junk frames', () => {
    latest().open();
    const seen: string[] = [];
    const off = bridge.on('printer:ticket-rendered', ({ ticketId }) => seen.push(ticketId));
    latest().receive('not json');
    latest().receive({
      kind: 'event',
      event: 'printer:ticket-rendered',
      payload: { ticketId: 't1', text: 'x' },
    });
    off();
    latest().receive({
      kind: 'event',
      event: 'printer:ticket-rendered',
      payload: { ticketId: 't2', text: 'x' },
    });
    expect(seen).toEqual(['t1']);
  });

  it('reconnects with growing backoff and refreshes the kiosk state afterwards', async () => {
    latest().open();
    const states: KioskState[] = [];
    bridge.on('kiosk:state-changed', (state) => states.push(state));

    latest().drop();
    vi.advanceTimersByTime(130); // first retry after ~100 ms (+ jitter)
    expect(sockets).toHaveLength(2);
    latest().drop();
    vi.advanceTimersByTime(130);
    expect(sockets).toHaveLength(2); // the second waits ~200 ms
    vi.advanceTimersByTime(120);
    expect(sockets).toHaveLength(3);

    latest().open();
    const refresh = latest().sent.find((frame) => frame.channel === 'kiosk:get-state');
    expect(refresh).toBeDefined();
    latest().receive({
      kind: 'response',
      id: refresh?.id ?? -1,
      result: { ok: true, value: STATE },
    });
    await vi.waitFor(() => expect(states).toEqual([STATE]));
  });

  it('stops for good on close', async () => {
    bridge.close();
    await expect(bridge.invoke('kiosk:get-state', {})).resolves.toEqual({
      ok: false,
      error: { code: 'internal' },
    });
    vi.advanceTimersByTime(10_000);
    expect(sockets).toHaveLength(1);
  });
});
