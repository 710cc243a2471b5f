/**
 * Server-Sent Events for called turns: one emitter of open streams per site. Each event is
 * `id: <sequence>` / `event: called-turn` / `data: <CalledTurn JSON>`; a client that reconnects
 * with `Last-Event-ID` first gets the turns it missed. Comment lines keep idle connections (and
 * proxies) alive; a closed connection is forgotten at once.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Emitter } from '../src-shared/common/emitter';
import type { SequencedTurn } from './store/called-turns-repository';

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
  /** Per site, the event text to write to each of its open streams. */
  private readonly sites = new Map<string, Emitter<string>>();
  /** Fired once at shutdown: every stream forgets itself and ends. */
  private readonly closing = new Emitter<void>();

  constructor(private readonly keepAliveMs: number) {}

  /** Opens a stream: headers, the retry hint, the missed turns, then live events. */
  open(siteId: string, response: ServerResponse, missed: SequencedTurn[]): void {
    // A client gone before the stream opens (e.g. during injected latency) would never fire
    // 'close' again: registering it would leak its keep-alive timer.
    if (response.destroyed || response.socket?.destroyed) return;
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      // Tells nginx-like proxies not to buffer the stream.
      'x-accel-buffering': 'no',
    });
    response.write('retry: 3000\n\n');
    for (const turn of missed) response.write(formatTurnEvent(turn));
    const timer = setInterval(() => response.write(': keep-alive\n\n'), this.keepAliveMs);
    timer.unref();
    let events = this.sites.get(siteId);
    if (!events) {
      events = new Emitter<string>();
      this.sites.set(siteId, events);
    }
    const siteEvents = events;
    const stopEvents = siteEvents.event((text) => response.write(text));
    const stopClosing = this.closing.event(() => {
      forget();
      response.end();
    });
    const forget = () => {
      clearInterval(timer);
      stopEvents();
      stopClosing();
      if (siteEvents.listenerCount === 0 && this.sites.get(siteId) === siteEvents) {
        this.sites.delete(siteId);
      }
    };
    response.once('close', forget);
    response.once('error', forget);
  }

  publish(siteId: string, turn: SequencedTurn): void {
    this.sites.get(siteId)?.fire(formatTurnEvent(turn));
  }

  /** Open streams of a site (or of all sites). */
  count(siteId?: string): number {
    if (siteId !== undefined) return this.sites.get(siteId)?.listenerCount ?? 0;
    let total = 0;
    for (const events of this.sites.values()) total += events.listenerCount;
    return total;
  }

  closeAll(): void {
    this.closing.fire();
  }
}
