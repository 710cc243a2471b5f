import { describe, expect, it, vi } from 'vitest';
import type { LobbyConnection, LobbyEvent, LobbySnapshot } from '../../src-shared/contract/lobby';
import { LobbyOptionsSchema } from '../../src-shared/contract/lobby';
import type { LobbyStreamListener } from '../../src-main/backend/backend';
import { lobbyHandlers } from '../../src-main/ipc/lobby-handlers';
import { LobbyRelay, type LobbySource } from '../../src-main/lobby/lobby-relay';
import { lobbyCall, lobbySnapshot } from '../support/lobby-fixtures';

const T0 = '2026-03-02T09:00:00.000Z';

function fakeSource(snapshot: LobbySnapshot) {
  const listeners: LobbyStreamListener[] = [];
  let closed = 0;
  const source: LobbySource = {
    lobbySnapshot: vi.fn(async () => snapshot),
    followLobby: vi.fn((listener: LobbyStreamListener) => {
      listeners.push(listener);
      listener.connection('connecting');
      return { close: () => (closed += 1) };
    }),
  };
  return { source, listeners, closed: () => closed };
}

function record(relay: LobbyRelay) {
  const events: LobbyEvent[] = [];
  const connections: LobbyConnection[] = [];
  relay.onEvent((event) => events.push(event));
  relay.onConnection((state) => connections.push(state));
  return { events, connections };
}

describe('the lobby relay in the kiosk main process', () => {
  it('opens the server feed only when a screen first asks, and only once', async () => {
    const fake = fakeSource(lobbySnapshot(T0, []));
    const relay = new LobbyRelay({ source: fake.source, log: () => undefined });
    expect(fake.source.followLobby).not.toHaveBeenCalled();
    expect(relay.connection()).toBe('connecting');
    await relay.snapshot();
    relay.connection();
    expect(fake.source.followLobby).toHaveBeenCalledTimes(1);
    relay.stop();
    expect(fake.closed()).toBe(1);
  });

  it('passes on the server’s events and connection changes', () => {
    const fake = fakeSource(lobbySnapshot(T0, []));
    const relay = new LobbyRelay({ source: fake.source, log: () => undefined });
    const seen = record(relay);
    relay.connection();
    const [listener] = fake.listeners;
    const call = lobbyCall('E-014', 'Mesa 3', T0);
    listener?.connection('open');
    listener?.event({ type: 'call', call });
    expect(seen.connections).toEqual(['connecting', 'open']);
    expect(relay.connection()).toBe('open');
    expect(seen.events).toEqual([{ type: 'call', call }]);
  });

  it('puts the kiosk’s screen options in every snapshot, and sends a new one when they change', async () => {
    const fake = fakeSource(lobbySnapshot(T0, [lobbyCall('E-001', 'Mesa 1', T0)]));
    let options = LobbyOptionsSchema.parse({ highContrast: true, volume: 0.3 });
    const relay = new LobbyRelay({
      source: fake.source,
      screenOptions: () => options,
      log: () => undefined,
    });
    const seen = record(relay);
    expect((await relay.snapshot()).options).toEqual(options);
    fake.listeners[0]?.event({ type: 'snapshot', snapshot: lobbySnapshot(T0, []) });
    expect(seen.events.at(-1)).toMatchObject({ type: 'snapshot', snapshot: { options } });

    options = LobbyOptionsSchema.parse({ chime: false });
    await relay.optionsChanged();
    expect(seen.events.at(-1)).toMatchObject({
      type: 'snapshot',
      snapshot: {
        options: { chime: false, highContrast: false },
        calls: [{ ticketNumber: 'E-001' }],
      },
    });
  });

  it('answers the channels: not ready without a feed, internal when the server fails', async () => {
    const none = new LobbyRelay({ source: null, log: () => undefined });
    const logs: string[] = [];
    expect(await lobbyHandlers(none, (line) => logs.push(line))['lobby:get-snapshot']({})).toEqual({
      ok: false,
      error: { code: 'kiosk-not-ready' },
    });
    expect(await lobbyHandlers(none, () => undefined)['lobby:get-connection']({})).toEqual({
      ok: false,
      error: { code: 'kiosk-not-ready' },
    });
    const failing = new LobbyRelay({
      source: {
        lobbySnapshot: async () => {
          throw new Error('HTTP 503');
        },
        followLobby: () => ({ close: () => undefined }),
      },
      log: () => undefined,
    });
    expect(
      await lobbyHandlers(failing, (line) => logs.push(line))['lobby:get-snapshot']({}),
    ).toEqual({
      ok: false,
      error: { code: 'internal' },
    });
    expect(logs).toEqual(['lobby: no snapshot from the server: HTTP 503']);
  });
});
