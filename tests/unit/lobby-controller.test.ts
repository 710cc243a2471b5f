import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Emitter } from '../../src-shared/common/emitter';
import type { LobbyCall, LobbyEvent, LobbySnapshot } from '../../src-shared/contract/lobby';
import { connectLobby, SNAPSHOT_RETRY_MS } from '../../src-renderer/lobby/lobby-controller';
import {
  UnknownFeedError,
  type FeedConnection,
  type LobbyFeed,
} from '../../src-renderer/lobby/lobby-feed';
import { createLobbyStore } from '../../src-renderer/lobby/lobby-store';
import { lobbyCall, lobbySnapshot } from '../support/lobby-fixtures';

/** A LobbyFeed the test drives: it opens, drops and answers snapshot requests when told to. */
function scriptedFeed() {
  const events = new Emitter<LobbyEvent>();
  const connection = new Emitter<FeedConnection>();
  const requests: { resolve: (snapshot: LobbySnapshot) => void; reject: (e: Error) => void }[] = [];
  const feed: LobbyFeed = {
    events: events.event,
    connection: connection.event,
    fetchSnapshot: () =>
      new Promise<LobbySnapshot>((resolve, reject) => requests.push({ resolve, reject })),
    start: () => connection.fire('connecting'),
    close: () => undefined,
  };
  return { feed, events, connection, requests };
}

const T0 = '2025-11-27T09:30:00.000Z';
const at = (offsetMs: number) => new Date(Date.parse(T0) + offsetMs).toISOString();
const E013 = lobbyCall('E-013', 'Mesa 2', at(-120_000));
const E014 = lobbyCall('E-014', 'Mesa 3', at(5_000));

let script: ReturnType<typeof scriptedFeed>;
let store: ReturnType<typeof createLobbyStore>;
let enqueued: LobbyCall[];
let logs: string[];

beforeEach(() => {
  vi.useFakeTimers();
  script = scriptedFeed();
  store = createLobbyStore();
  enqueued = [];
  logs = [];
  connectLobby({
    feed: script.feed,
    store,
    announcer: { enqueue: (call) => enqueued.push(call) },
    log: (line) => logs.push(line),
    now: () => Date.parse(T0),
  });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('the lobby controller', () => {
  it('fetches a snapshot each time the feed opens, keeping the calls while offline', async () => {
    expect(store.api.getState().connection).toBe('connecting');
    script.connection.fire('open');
    expect(script.requests).toHaveLength(1);
    script.requests[0]?.resolve(lobbySnapshot(T0, [E013]));
    await vi.advanceTimersByTimeAsync(0);
    expect(store.api.getState().connection).toBe('online');

    script.events.fire({ type: 'call', call: E014 });
    expect(enqueued).toEqual([E014]);

    script.connection.fire('offline');
    const offline = store.api.getState();
    expect(offline.connection).toBe('offline');
    expect(offline.snapshot?.calls).toEqual([E014, E013]);

    // Reconnected: the screen trusts none of what it saw and asks again.
    script.connection.fire('open');
    expect(script.requests).toHaveLength(2);
    expect(store.api.getState().connection).toBe('offline');
    const missed = lobbyCall('R-002', 'Mesa 1', at(20_000));
    script.requests[1]?.resolve(lobbySnapshot(at(30_000), [missed, E014, E013]));
    await vi.advanceTimersByTimeAsync(0);
    expect(store.api.getState().connection).toBe('online');
    expect(store.api.getState().snapshot?.calls[0]).toEqual(missed);
    expect(enqueued).toEqual([E014, missed]);
  });

  it('retries a failed snapshot while the feed stays open', async () => {
    script.connection.fire('open');
    script.requests[0]?.reject(new Error('snapshot answered HTTP 503'));
    await vi.advanceTimersByTimeAsync(SNAPSHOT_RETRY_MS - 1);
    expect(script.requests).toHaveLength(1);
    expect(logs).toEqual(['lobby: no snapshot (snapshot answered HTTP 503)']);
    await vi.advanceTimersByTimeAsync(1);
    expect(script.requests).toHaveLength(2);
    script.requests[1]?.resolve(lobbySnapshot(T0, [E013]));
    await vi.advanceTimersByTimeAsync(0);
    expect(store.api.getState().connection).toBe('online');
  });

  it('ignores a snapshot answered after the connection dropped again', async () => {
    script.connection.fire('open');
    script.requests[0]?.resolve(lobbySnapshot(T0, [E013]));
    await vi.advanceTimersByTimeAsync(0);
    script.connection.fire('offline');
    script.connection.fire('open');
    script.connection.fire('offline');
    script.connection.fire('open');
    // The older request answers last, with an older picture: it must not win.
    script.requests[2]?.resolve(lobbySnapshot(at(60_000), [E014, E013]));
    script.requests[1]?.resolve(lobbySnapshot(at(1_000), [E013]));
    await vi.advanceTimersByTimeAsync(0);
    expect(store.api.getState().snapshot?.calls).toEqual([E014, E013]);
    expect(store.api.getState().connection).toBe('online');
  });

  it('says when the server does not know the screen, and starts once it does', async () => {
    script.connection.fire('open');
    script.requests[0]?.reject(new UnknownFeedError());
    await vi.advanceTimersByTimeAsync(0);
    expect(store.api.getState().connection).toBe('unknown-screen');
    // Still asking: an administrator may add the screen at any moment.
    await vi.advanceTimersByTimeAsync(SNAPSHOT_RETRY_MS);
    expect(script.requests).toHaveLength(2);
    script.requests[1]?.resolve(lobbySnapshot(T0, [E013]));
    await vi.advanceTimersByTimeAsync(0);
    expect(store.api.getState().connection).toBe('online');
  });

  it('does not take another failure for an unknown screen', async () => {
    script.connection.fire('open');
    script.requests[0]?.reject(new Error('snapshot answered HTTP 503'));
    await vi.advanceTimersByTimeAsync(0);
    expect(store.api.getState().connection).toBe('connecting');
  });
});
