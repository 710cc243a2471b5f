import { afterEach, describe, expect, it, vi } from 'vitest';
import type {
  EventChannel,
  IpcResult,
  RequestChannel,
  TurneroBridge,
} from '../../src-shared/contract/ipc';
import type { LobbyConnection, LobbyEvent } from '../../src-shared/contract/lobby';
import { bridgeLobbyFeed } from '../../src-renderer/lobby/bridge-feed';
import { lobbyCall, lobbySnapshot } from '../support/lobby-fixtures';

const T0 = '2026-03-02T09:00:00.000Z';

function fakeBridge(answers: Partial<Record<RequestChannel, () => IpcResult<unknown>>>) {
  const listeners = new Map<EventChannel, Set<(payload: unknown) => void>>();
  const asked: RequestChannel[] = [];
  const bridge: TurneroBridge = {
    invoke: (async (channel: RequestChannel) => {
      asked.push(channel);
      return answers[channel]?.() ?? { ok: false, error: { code: 'unknown-channel' } };
    }) as TurneroBridge['invoke'],
    on: ((event: EventChannel, listener: (payload: unknown) => void) => {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => set.delete(listener);
    }) as TurneroBridge['on'],
  };
  const emit = (event: EventChannel, payload: unknown) =>
    listeners.get(event)?.forEach((listener) => listener(payload));
  return {
    bridge,
    emit,
    asked,
    listenerCount: () => [...listeners.values()].reduce((n, s) => n + s.size, 0),
  };
}

afterEach(() => vi.useRealTimers());

describe('the lobby feed over the kiosk bridge', () => {
  it('reports main’s connection, relays valid events and fetches snapshots over the bridge', async () => {
    const snapshot = lobbySnapshot(T0, [lobbyCall('E-001', 'Mesa 1', T0)]);
    const fake = fakeBridge({
      'lobby:get-connection': () => ({ ok: true, value: { connection: 'open' } }),
      'lobby:get-snapshot': () => ({ ok: true, value: snapshot }),
    });
    const logs: string[] = [];
    const feed = bridgeLobbyFeed(fake.bridge, { log: (line) => logs.push(line) });
    const connections: LobbyConnection[] = [];
    const events: LobbyEvent[] = [];
    feed.connection((state) => connections.push(state));
    feed.events((event) => events.push(event));
    feed.start();
    await vi.waitFor(() => expect(connections).toEqual(['connecting', 'open']));

    const call = lobbyCall('E-002', 'Mesa 2', T0);
    fake.emit('lobby:event', { type: 'call', call });
    fake.emit('lobby:event', { type: 'call', call: { ...call, ticketNumber: 'Juan Pérez' } });
    fake.emit('lobby:connection', 'offline');
    expect(events).toEqual([{ type: 'call', call }]);
    expect(logs).toEqual(['lobby feed: ignored an invalid event from the kiosk']);
    expect(connections.at(-1)).toBe('offline');
    await expect(feed.fetchSnapshot()).resolves.toEqual(snapshot);

    feed.close();
    expect(fake.listenerCount()).toBe(0);
  });

  it('reports offline and asks again while the kiosk has no feed; a failed snapshot rejects', async () => {
    vi.useFakeTimers();
    let ready = false;
    const fake = fakeBridge({
      'lobby:get-connection': () =>
        ready
          ? { ok: true, value: { connection: 'open' } }
          : { ok: false, error: { code: 'kiosk-not-ready' } },
      'lobby:get-snapshot': () => ({ ok: false, error: { code: 'internal' } }),
    });
    const feed = bridgeLobbyFeed(fake.bridge, { log: () => undefined });
    const connections: LobbyConnection[] = [];
    feed.connection((state) => connections.push(state));
    feed.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(connections).toEqual(['connecting', 'offline']);
    ready = true;
    await vi.advanceTimersByTimeAsync(5_000);
    expect(connections).toEqual(['connecting', 'offline', 'open']);
    expect(fake.asked.filter((channel) => channel === 'lobby:get-connection')).toHaveLength(2);
    await expect(feed.fetchSnapshot()).rejects.toThrow('the kiosk answered internal');
    feed.close();
  });
});
