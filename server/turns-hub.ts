/**
 * Server-Sent Events for called turns: one emitter of open streams per stream key (a site's id
 * for the API's called-turn streams; `lobbyStreamKey(site)` for the lobby screen's, whose events
 * carry more than the turn). Each event is
 * `id: <sequence>` / `event: called-turn` / `data: <CalledTurn JSON>`; a client that reconnects
 * with `Last-Event-ID` first gets the turns it missed. Comment lines keep idle connections (and
 * proxies) alive; a closed connection is forgotten at once.
 *
 * Every stream holds a socket (a file descriptor) for as long as the client likes, so their
 * number is capped, in all and per client address: past a cap a new stream is refused with
 * 503 and Retry-After, and kiosks' requests keep their descriptors.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Emitter } from '../src-shared/common/emitter';
import { retryLater } from './http-util';
import type { SequencedTurn } from './store/called-turns-repository';

export interface StreamLimits {
  keepAliveMs: number;
  /** Open streams in all. */
  maxStreams: number;
  /** Open streams of one client address. */
  maxStreamsPerClient: number;
  log: (line: string) => void;
}

/** Seconds a refused client is told to wait. */
const RETRY_AFTER_MS = 10_000;
/** At most one log line per cap in this time, with the refusals since the last one. */
const LOG_EVERY_MS = 10_000;

/** At most this many missed turns are replayed to a resuming client. */
export const MAX_REPLAY = 100;

export const formatTurnEvent = ({ seq, turn }: SequencedTurn): string =>
  `id: ${seq}\nevent: called-turn\ndata: ${JSON.stringify(turn)}\n\n`;

/** The Last-Event-ID of a reconnecting client (header, or `lastEventId` query for tools). */
export function lastEventId(request: IncomingMessage, url: URL): number | null {
  const raw = request.headers['last-event-id'] ?? url.searchParams.get('lastEventId') ?? '';
  const text = Array.isArray(raw) ? (raw[0] ?? '') : raw;
  if (!/^\d{1,15}$/.test(text.trim())) return null;
  return Number(text.trim());
}

export class CalledTurnsHub {
  /** Per stream key, the event text to write to each of its open streams. */
  private readonly sites = new Map<string, Emitter<string>>();
  /** Fired once at shutdown: every stream forgets itself and ends. */
  private readonly closing = new Emitter<void>();
  /** Per stream key: ends its streams (closeStreams). */
  private readonly streamClosers = new Map<string, Emitter<void>>();
  /** Open streams per client address. */
  private readonly perClient = new Map<string, number>();
  private total = 0;
  /** Per cap: when it was last logged, and the refusals not logged since. */
  private readonly refusals = new Map<'client' | 'total', { loggedAt: number; unlogged: number }>();

  constructor(private readonly limits: StreamLimits) {}

  /**
   * Opens a stream of `client`: headers, the retry hint, the missed events (already formatted),
   * then live events. Throws a 503 HttpError (nothing written yet) when a cap is reached.
   * `alsoClosedBy`: further keys whose closeStreams ends it too (one lobby screen's changed
   * options end that screen's stream only, though it carries the site's events).
   */
  open(
    siteId: string,
    response: ServerResponse,
    missed: readonly string[],
    client: string,
    alsoClosedBy: readonly string[] = [],
  ): void {
    // A client gone before the stream opens (e.g. during injected latency) would never fire
    // 'close' again: registering it would leak its keep-alive timer.
    if (response.destroyed || response.socket?.destroyed) return;
    this.admit(client);
    this.total += 1;
    this.perClient.set(client, (this.perClient.get(client) ?? 0) + 1);
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      // Tells nginx-like proxies not to buffer the stream.
      'x-accel-buffering': 'no',
    });
    response.write('retry: 3000\n\n');
    for (const text of missed) response.write(text);
    const timer = setInterval(() => response.write(': keep-alive\n\n'), this.limits.keepAliveMs);
    timer.unref();
    let events = this.sites.get(siteId);
    if (!events) {
      events = new Emitter<string>();
      this.sites.set(siteId, events);
    }
    const siteEvents = events;
    const stopEvents = siteEvents.event((text) => response.write(text));
    const end = () => {
      forget();
      response.end();
    };
    const stopClosing = this.closing.event(end);
    const stopKeyClosing = [siteId, ...alsoClosedBy].map((key) => this.closedBy(key, end));
    let forgotten = false;
    const forget = () => {
      if (forgotten) return;
      forgotten = true;
      this.total -= 1;
      const left = (this.perClient.get(client) ?? 1) - 1;
      if (left > 0) this.perClient.set(client, left);
      else this.perClient.delete(client);
      clearInterval(timer);
      stopEvents();
      stopClosing();
      for (const stop of stopKeyClosing) stop();
      if (siteEvents.listenerCount === 0 && this.sites.get(siteId) === siteEvents) {
        this.sites.delete(siteId);
      }
    };
    response.once('close', forget);
    response.once('error', forget);
  }

  /** Calls `end` on closeStreams(key); the answer unsubscribes (and forgets an idle key). */
  private closedBy(key: string, end: () => void): () => void {
    let closers = this.streamClosers.get(key);
    if (!closers) {
      closers = new Emitter<void>();
      this.streamClosers.set(key, closers);
    }
    const keyClosers = closers;
    const stop = keyClosers.event(end);
    return () => {
      stop();
      if (keyClosers.listenerCount === 0 && this.streamClosers.get(key) === keyClosers) {
        this.streamClosers.delete(key);
      }
    };
  }

  publish(siteId: string, turn: SequencedTurn): void {
    this.publishText(siteId, formatTurnEvent(turn));
  }

  /** Writes an already formatted event to every open stream of a key. */
  publishText(streamKey: string, text: string): void {
    this.sites.get(streamKey)?.fire(text);
  }

  /** Open streams of a site (or of all sites: the health endpoint's gauge). */
  count(siteId?: string): number {
    if (siteId !== undefined) return this.sites.get(siteId)?.listenerCount ?? 0;
    let total = 0;
    for (const events of this.sites.values()) total += events.listenerCount;
    return total;
  }

  closeAll(): void {
    this.closing.fire();
  }

  /**
   * Ends every open stream of a key. Their pages reconnect (the stream's retry hint) and read
   * the whole state again: how a change that is not an event reaches them.
   */
  closeStreams(streamKey: string): void {
    this.streamClosers.get(streamKey)?.fire();
  }

  /** Refuses a new stream past either cap, and says so in the log (not more than every 10 s). */
  private admit(client: string): void {
    const { maxStreams, maxStreamsPerClient } = this.limits;
    const own = this.perClient.get(client) ?? 0;
    if (own >= maxStreamsPerClient) {
      this.refused(
        'client',
        `from ${client}: ${own} open for it (per client cap ${maxStreamsPerClient})`,
      );
    }
    if (this.total >= maxStreams) {
      this.refused('total', `from ${client}: ${this.total} open (cap ${maxStreams})`);
    }
  }

  private refused(cap: 'client' | 'total', detail: string): never {
    const now = Date.now();
    const record = this.refusals.get(cap) ?? { loggedAt: -Infinity, unlogged: 0 };
    record.unlogged += 1;
    if (now - record.loggedAt >= LOG_EVERY_MS) {
      this.limits.log(
        `townhall-api: refused an event stream ${detail}; ` +
          `${record.unlogged} refused at this cap since the last notice`,
      );
      record.loggedAt = now;
      record.unlogged = 0;
    }
    this.refusals.set(cap, record);
    throw retryLater(
      503,
      'internal',
      'too many event streams are open; try again later',
      RETRY_AFTER_MS,
    );
  }
}
