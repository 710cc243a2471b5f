/**
 * Where the lobby screen's data comes from, whatever carries it: the Turnero server over
 * Server-Sent Events (event-source-feed.ts), or later the kiosk's main process for the totem's
 * second display (the kiosk never loads remote content). A feed only carries; the screen decides
 * what to believe: each time the connection opens (the first time and after every drop) it
 * fetches a whole snapshot, because events sent while it was away are lost.
 */
import type { Event } from '../../src-shared/common/emitter';
import type { LobbyConnection, LobbyEvent, LobbySnapshot } from '../../src-shared/contract/lobby';

/**
 * connecting: not open yet, or the transport is retrying by itself; open: events flow (fetch a
 * snapshot now); offline: the connection dropped, and the feed keeps trying.
 */
export type FeedConnection = LobbyConnection;

export interface LobbyFeed {
  /** Validated events, in the order they arrived. */
  readonly events: Event<LobbyEvent>;
  /** Every change of the connection; `open` again after each reconnect. */
  readonly connection: Event<FeedConnection>;
  /** The whole current picture; rejects when it cannot be had or is not valid. */
  fetchSnapshot(): Promise<LobbySnapshot>;
  /** Starts connecting (subscribe first, so no change is missed). */
  start(): void;
  close(): void;
}

/**
 * What `fetchSnapshot` rejects with when the feed's source says it does not exist (an HTTP 404:
 * a screen id the server does not know, or no longer). The screen says so instead of waiting.
 */
export class UnknownFeedError extends Error {
  constructor(message = 'the server does not know this screen') {
    super(message);
    this.name = 'UnknownFeedError';
  }
}
