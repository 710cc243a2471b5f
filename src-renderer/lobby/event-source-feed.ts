/**
 * The lobby feed over HTTP: Server-Sent Events at `<feed>/events` (each `message` event's data is
 * one LobbyEvent as JSON) and the snapshot at `<feed>/snapshot` (a LobbySnapshot as JSON). The
 * feed address comes from the page's query, `lobby.html?feed=/lobby/sede-centro`, and must be
 * on the page's own origin: a query string never points the screen at another host (and the
 * Content-Security-Policy's `connect-src 'self'` would refuse it anyway).
 *
 * EventSource retries a dropped stream by itself (after the server's `retry:` hint); a stream
 * the server refused (an HTTP error, a wrong content type) is closed for good, so this feed opens
 * a new one after a growing pause.
 */
import { Emitter } from '../../src-shared/common/emitter';
import {
  LobbyEventSchema,
  LobbySnapshotSchema,
  type LobbyEvent,
} from '../../src-shared/contract/lobby';
import { UnknownFeedError, type FeedConnection, type LobbyFeed } from './lobby-feed';

/** Pauses before reopening a refused stream: quick at first, then once every 30 s. */
export const REOPEN_DELAYS_MS: readonly number[] = [1_000, 2_000, 5_000, 10_000, 30_000];

/**
 * The feed's base address from `?feed=`, or null when absent or not on `location`'s origin. Its
 * own query (a TV's options, `highContrast=1&volume=0.5`) is kept for the snapshot and events.
 */
export function feedAddressFromQuery(location: { href: string; origin: string }): URL | null {
  const feed = new URL(location.href).searchParams.get('feed');
  if (!feed) return null;
  let address: URL;
  try {
    address = new URL(feed, location.href);
  } catch {
    return null;
  }
  if (address.origin !== location.origin) return null;
  address.pathname = address.pathname.replace(/\/+$/, '');
  address.hash = '';
  return address;
}

/** `<feed path>/<leaf>` with the feed's query. */
function feedResource(address: URL, leaf: 'events' | 'snapshot'): string {
  const resource = new URL(address.href);
  resource.pathname = `${resource.pathname}/${leaf}`;
  return resource.href;
}

export interface EventSourceFeedDeps {
  log(line: string): void;
  createSource?: (url: string) => EventSource;
  fetchJson?: (url: string) => Promise<unknown>;
}

async function fetchJsonNoStore(url: string): Promise<unknown> {
  const response = await fetch(url, { cache: 'no-store', credentials: 'same-origin' });
  if (response.status === 404) throw new UnknownFeedError();
  if (!response.ok) throw new Error(`snapshot answered HTTP ${response.status}`);
  return response.json();
}

export function eventSourceFeed(address: URL, deps: EventSourceFeedDeps): LobbyFeed {
  const eventsUrl = feedResource(address, 'events');
  const snapshotUrl = feedResource(address, 'snapshot');
  const createSource = deps.createSource ?? ((url: string) => new EventSource(url));
  const fetchJson = deps.fetchJson ?? fetchJsonNoStore;
  const events = new Emitter<LobbyEvent>();
  const connection = new Emitter<FeedConnection>();
  let source: EventSource | null = null;
  let reopenTimer: ReturnType<typeof setTimeout> | undefined;
  let refusals = 0;
  let closed = false;

  const open = (): void => {
    connection.fire('connecting');
    const current = createSource(eventsUrl);
    source = current;
    current.onopen = () => {
      refusals = 0;
      connection.fire('open');
    };
    current.onmessage = (message: MessageEvent) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(String(message.data));
      } catch {
        deps.log('lobby feed: ignored an event that is not JSON');
        return;
      }
      const event = LobbyEventSchema.safeParse(parsed);
      if (event.success) events.fire(event.data);
      else deps.log(`lobby feed: ignored an invalid event: ${event.error.issues[0]?.message}`);
    };
    current.onerror = () => {
      connection.fire('offline');
      if (current.readyState !== EventSource.CLOSED || closed) return;
      const delay = REOPEN_DELAYS_MS[Math.min(refusals, REOPEN_DELAYS_MS.length - 1)] ?? 30_000;
      refusals += 1;
      deps.log(`lobby feed: the event stream was refused; trying again in ${delay} ms`);
      reopenTimer = setTimeout(open, delay);
    };
  };

  return {
    events: events.event,
    connection: connection.event,
    async fetchSnapshot() {
      return LobbySnapshotSchema.parse(await fetchJson(snapshotUrl));
    },
    start() {
      if (!source && !closed) open();
    },
    close() {
      closed = true;
      clearTimeout(reopenTimer);
      source?.close();
      events.dispose();
      connection.dispose();
    },
  };
}
