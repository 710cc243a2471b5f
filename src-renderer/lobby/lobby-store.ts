/**
 * What the lobby screen shows: the last known snapshot with the events applied since, the feed's
 * connection, and the offset between the server's clock and this screen's. Applying a snapshot
 * or an event also answers which calls are new to this screen, for the announcer; the rules:
 *
 * - the first snapshot is the state the screen starts in: nothing in it is announced (a screen
 *   that restarts must not call the last ticket again);
 * - a call event is announced once, by its id (a replayed event is ignored);
 * - a later snapshot (after a reconnect) announces the calls it has that this screen never saw,
 *   if they were made within MISSED_CALL_WINDOW_MS of the snapshot — older ones are only shown.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import {
  MAX_LOBBY_CALLS,
  type LobbyCall,
  type LobbyEvent,
  type LobbySnapshot,
} from '../../src-shared/contract/lobby';
import { emptyWeek } from '../../src-shared/domain/weekly-hours';
import type { AnnouncerSettings } from './announcer';

/** A call missed while the screen was offline is still worth announcing for this long. */
export const MISSED_CALL_WINDOW_MS = 60_000;

/** Ids remembered as seen: far more than a snapshot holds, so a replay is always recognised. */
const SEEN_LIMIT = 500;

/**
 * connecting: no data yet; online: the feed is open and the snapshot fetched since;
 * offline: the feed dropped (the last known calls stay on screen); no-feed: the page was opened
 * without a feed address; unknown-screen: the server does not know the screen the page asks for
 * (its `/lobby?screen=` id), and the screen says so while it keeps asking.
 */
export type LobbyConnection = 'connecting' | 'online' | 'offline' | 'no-feed' | 'unknown-screen';

export interface LobbyState {
  snapshot: LobbySnapshot | null;
  connection: LobbyConnection;
  /** Server clock minus this screen's clock, from the last snapshot. */
  clockOffsetMs: number;
  /** This screen's clock (ms) when the last snapshot or event arrived. */
  updatedAt: number | null;
}

export interface LobbyStore {
  api: StoreApi<LobbyState>;
  /** Replaces everything; answers the calls to announce, oldest first. */
  replaceSnapshot(snapshot: LobbySnapshot, receivedAt: number): LobbyCall[];
  /** Applies one event; answers the calls to announce. */
  applyEvent(event: LobbyEvent, receivedAt: number): LobbyCall[];
  setConnection(connection: LobbyConnection): void;
}

export function createLobbyStore(): LobbyStore {
  const api = createStore<LobbyState>(() => ({
    snapshot: null,
    connection: 'connecting',
    clockOffsetMs: 0,
    updatedAt: null,
  }));
  const seen = new Set<string>();
  const remember = (id: string) => {
    seen.add(id);
    // A Set iterates in insertion order: the first entries are the oldest.
    for (const old of seen) {
      if (seen.size <= SEEN_LIMIT) break;
      seen.delete(old);
    }
  };

  const replaceSnapshot = (snapshot: LobbySnapshot, receivedAt: number): LobbyCall[] => {
    const first = api.getState().snapshot === null;
    const serverNow = Date.parse(snapshot.serverTime);
    const missed = first
      ? []
      : snapshot.calls
          .filter((call) => !seen.has(call.id))
          .filter((call) => serverNow - Date.parse(call.calledAt) <= MISSED_CALL_WINDOW_MS)
          .reverse();
    for (const call of [...snapshot.calls].reverse()) remember(call.id);
    api.setState({ snapshot, clockOffsetMs: serverNow - receivedAt, updatedAt: receivedAt });
    return missed;
  };

  const applyEvent = (event: LobbyEvent, receivedAt: number): LobbyCall[] => {
    if (event.type === 'snapshot') return replaceSnapshot(event.snapshot, receivedAt);
    const { snapshot } = api.getState();
    // Before the first snapshot there is nothing to add to; that snapshot will hold this call.
    if (!snapshot || seen.has(event.call.id)) return [];
    remember(event.call.id);
    const calls = [event.call, ...snapshot.calls].slice(0, MAX_LOBBY_CALLS);
    api.setState({
      snapshot: { ...snapshot, calls, waiting: event.waiting ?? snapshot.waiting },
      updatedAt: receivedAt,
    });
    return [event.call];
  };

  return {
    api,
    replaceSnapshot,
    applyEvent,
    setConnection: (connection) => api.setState({ connection }),
  };
}

/** The announcer's settings from the snapshot's options; silent until a snapshot arrives. */
export function announcerSettings(state: LobbyState): AnnouncerSettings {
  const snapshot = state.snapshot;
  if (!snapshot) {
    return {
      chime: false,
      volume: 0,
      quietHours: emptyWeek(),
      speakTicketLanguage: false,
      timeZone: 'UTC',
    };
  }
  const { chime, volume, quietHours, speakTicketLanguage } = snapshot.options;
  return { chime, volume, quietHours, speakTicketLanguage, timeZone: snapshot.timeZone };
}

/** Now, by the server's clock as of the last snapshot. */
export function serverNow(state: LobbyState, localNow: number = Date.now()): Date {
  return new Date(localNow + state.clockOffsetMs);
}
