import { describe, expect, it } from 'vitest';
import { MAX_LOBBY_CALLS } from '../../src-shared/contract/lobby';
import {
  announcerSettings,
  createLobbyStore,
  MISSED_CALL_WINDOW_MS,
  serverNow,
} from '../../src-renderer/lobby/lobby-store';
import { lobbyCall, lobbySnapshot, SERVICE_NAMES } from '../support/lobby-fixtures';

const T0 = '2025-11-27T09:30:00.000Z';
const at = (offsetMs: number) => new Date(Date.parse(T0) + offsetMs).toISOString();
const E013 = lobbyCall('E-013', 'Mesa 2', at(-120_000));
const E014 = lobbyCall('E-014', 'Mesa 3', at(-10_000));

describe('the lobby store', () => {
  it('starts from the first snapshot without announcing anything in it', () => {
    const store = createLobbyStore();
    const local = Date.parse(T0) - 5_000;
    expect(store.replaceSnapshot(lobbySnapshot(T0, [E014, E013]), local)).toEqual([]);
    const state = store.api.getState();
    expect(state.snapshot?.calls.map((call) => call.ticketNumber)).toEqual(['E-014', 'E-013']);
    expect(state.clockOffsetMs).toBe(5_000);
    expect(serverNow(state, local + 1_000).toISOString()).toBe(at(1_000));
  });

  it('puts a new call first and announces it once; a replayed event is ignored', () => {
    const store = createLobbyStore();
    store.replaceSnapshot(lobbySnapshot(T0, [E013]), 0);
    const waiting = [{ serviceId: 'padron', serviceNames: SERVICE_NAMES.padron, count: 3 }];
    expect(store.applyEvent({ type: 'call', call: E014, waiting }, 1)).toEqual([E014]);
    expect(store.applyEvent({ type: 'call', call: E014 }, 2)).toEqual([]);
    const state = store.api.getState();
    expect(state.snapshot?.calls).toEqual([E014, E013]);
    expect(state.snapshot?.waiting).toEqual(waiting);
    expect(state.updatedAt).toBe(1);
  });

  it('shows and announces a repeat as a call of its own', () => {
    const store = createLobbyStore();
    store.replaceSnapshot(lobbySnapshot(T0, [E014]), 0);
    const repeat = lobbyCall('E-014', 'Mesa 3', at(0), { repeat: true });
    expect(store.applyEvent({ type: 'repeat', call: repeat }, 1)).toEqual([repeat]);
    expect(store.api.getState().snapshot?.calls.map((call) => call.repeat)).toEqual([true, false]);
  });

  it('ignores calls before the first snapshot: that snapshot holds them', () => {
    const store = createLobbyStore();
    expect(store.applyEvent({ type: 'call', call: E014 }, 0)).toEqual([]);
    expect(store.api.getState().snapshot).toBeNull();
    expect(store.replaceSnapshot(lobbySnapshot(T0, [E014]), 1)).toEqual([]);
  });

  it('after a reconnect, announces only the recent calls it missed, oldest first', () => {
    const store = createLobbyStore();
    store.replaceSnapshot(lobbySnapshot(T0, [E013]), 0);
    const later = Date.parse(T0) + 30_000;
    const stale = lobbyCall('E-015', 'Mesa 1', at(30_000 - MISSED_CALL_WINDOW_MS - 1));
    const missedFirst = lobbyCall('E-016', 'Mesa 2', at(30_000 - MISSED_CALL_WINDOW_MS));
    const missedLast = lobbyCall('R-002', 'Mesa 1', at(25_000));
    const snapshot = lobbySnapshot(at(30_000), [missedLast, missedFirst, stale, E013]);
    expect(store.replaceSnapshot(snapshot, later)).toEqual([missedFirst, missedLast]);
    expect(store.api.getState().snapshot?.calls).toHaveLength(4);
    // A snapshot event is the same replacement: nothing new in it now.
    expect(store.applyEvent({ type: 'snapshot', snapshot }, later + 1)).toEqual([]);
  });

  it(`keeps at most ${MAX_LOBBY_CALLS} calls`, () => {
    const store = createLobbyStore();
    store.replaceSnapshot(lobbySnapshot(T0, []), 0);
    for (let counter = 1; counter <= MAX_LOBBY_CALLS + 3; counter += 1) {
      const number = `E-${String(counter).padStart(3, '0')}`;
      store.applyEvent({ type: 'call', call: lobbyCall(number, 'Mesa 1', at(counter)) }, counter);
    }
    const calls = store.api.getState().snapshot?.calls ?? [];
    expect(calls).toHaveLength(MAX_LOBBY_CALLS);
    expect(calls[0]?.ticketNumber).toBe(`E-0${MAX_LOBBY_CALLS + 3}`);
  });

  it('gives the announcer the snapshot options, and silence before any snapshot', () => {
    const store = createLobbyStore();
    expect(announcerSettings(store.api.getState()).volume).toBe(0);
    store.replaceSnapshot(
      lobbySnapshot(T0, [], {
        options: { volume: 0.4, chime: false, quietHours: { sun: ['00:00-24:00'] } },
      }),
      0,
    );
    expect(announcerSettings(store.api.getState())).toEqual({
      chime: false,
      volume: 0.4,
      quietHours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: ['00:00-24:00'] },
      speakTicketLanguage: true,
      timeZone: 'Europe/Madrid',
    });
  });
});
