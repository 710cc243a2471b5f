/**
 * Wires a feed to the store and the announcer. Each time the feed opens it fetches a snapshot
 * (the first time, and after every reconnect: events sent meanwhile are lost); a failed fetch is
 * retried while the feed stays open. Only the newest fetch counts, so a slow answer from before
 * a reconnect cannot overwrite a newer one.
 */
import type { LobbyCall } from '../../src-shared/contract/lobby';
import type { Announcer } from './announcer';
import { UnknownFeedError, type LobbyFeed } from './lobby-feed';
import type { LobbyStore } from './lobby-store';

export const SNAPSHOT_RETRY_MS = 5_000;

export interface LobbyControllerDeps {
  feed: LobbyFeed;
  store: LobbyStore;
  announcer: Pick<Announcer, 'enqueue'>;
  log(line: string): void;
  /** This screen's clock in ms (tests pass a fake one). */
  now?: () => number;
}

/** Starts the feed; the answer stops everything. */
export function connectLobby(deps: LobbyControllerDeps): () => void {
  const { feed, store, announcer, log } = deps;
  const now = deps.now ?? Date.now;
  let generation = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let isOpen = false;

  const announce = (calls: LobbyCall[]) => calls.forEach((call) => announcer.enqueue(call));

  const refresh = async (): Promise<void> => {
    clearTimeout(retryTimer);
    const mine = ++generation;
    try {
      const snapshot = await feed.fetchSnapshot();
      if (mine !== generation || !isOpen) return;
      announce(store.replaceSnapshot(snapshot, now()));
      store.setConnection('online');
    } catch (error) {
      if (mine !== generation || !isOpen) return;
      log(`lobby: no snapshot (${error instanceof Error ? error.message : String(error)})`);
      // Asked again all the same: an administrator may add the screen at any moment.
      if (error instanceof UnknownFeedError) store.setConnection('unknown-screen');
      retryTimer = setTimeout(() => void refresh(), SNAPSHOT_RETRY_MS);
    }
  };

  const stopEvents = feed.events((event) => announce(store.applyEvent(event, now())));
  const stopConnection = feed.connection((connection) => {
    isOpen = connection === 'open';
    if (isOpen) {
      void refresh();
      return;
    }
    generation += 1;
    clearTimeout(retryTimer);
    // Calls already on screen stay: they are the last known, marked as such by the badge.
    if (store.api.getState().snapshot) store.setConnection('offline');
  });
  feed.start();

  return () => {
    generation += 1;
    clearTimeout(retryTimer);
    stopEvents();
    stopConnection();
    feed.close();
  };
}
