/**
 * Server-Sent Events for called turns: one set of open streams per site. Each event is
 * `id: <sequence>` / `event: called-turn` / `data: <CalledTurn JSON>`; a client that reconnects
 * with `Last-Event-ID` first gets the turns it missed. Comment lines keep idle connections (and
 * proxies) alive; a closed connection is forgotten at once.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SequencedTurn } from './tickets-repository';

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

interface Stream {
  response: ServerResponse;
  timer: NodeJS.Timeout;
}

export class CalledTurnsHub {
  private readonly streams = new Map<string, Set<Stream>>();

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
    const stream: Stream = {
      response,
      timer: setInterval(() => response.write(': keep-alive\n\n'), this.keepAliveMs),
    };
    stream.timer.unref();
    let set = this.streams.get(siteId);
    if (!set) {
      set = new Set();
      this.streams.set(siteId, set);
    }
    set.add(stream);
    const forget = () => {
      clearInterval(stream.timer);
      const current = this.streams.get(siteId);
      current?.delete(stream);
      if (current?.size === 0) this.streams.delete(siteId);
    };
    response.once('close', forget);
    response.once('error', forget);
  }

  publish(siteId: string, turn: SequencedTurn): void {
    const text = formatTurnEvent(turn);
    for (const stream of this.streams.get(siteId) ?? []) stream.response.write(text);
  }

  /** Open streams of a site (or of all sites). */
  count(siteId?: string): number {
    if (siteId !== undefined) return this.streams.get(siteId)?.size ?? 0;
    let total = 0;
    for (const set of this.streams.values()) total += set.size;
    return total;
  }

  closeAll(): void {
    for (const set of this.streams.values()) {
      for (const stream of set) {
        clearInterval(stream.timer);
        stream.response.end();
      }
    }
    this.streams.clear();
  }
}
