/**
 * The Town Hall API's lobby events (`GET …/lobby/events`, Server-Sent Events) followed from the
 * kiosk's main process over fetch, so that the lobby page on the second display loads nothing
 * remote. Each `message` event's data is validated as a LobbyEvent; an invalid one is logged and
 * skipped. A dropped or refused stream is reopened after a growing pause (1, 2, 5, 10, then every
 * 30 s), resuming from the last event id; a stream silent for longer than the server's keep-alive
 * allows is taken for dead and reopened.
 */
import { LobbyEventSchema } from '../../../src-shared/contract/lobby';
import { errorText } from '../../logging/error-text';
import type { LobbyStream, LobbyStreamListener } from '../backend';

export interface LobbyStreamOptions {
  url: URL;
  headers: () => Record<string, string>;
  fetch: typeof fetch;
  log: (line: string) => void;
  /** Nothing at all (not even a keep-alive comment) for this long: reconnect. */
  silenceMs?: number;
  reopenDelaysMs?: readonly number[];
}

export const LOBBY_REOPEN_DELAYS_MS: readonly number[] = [1_000, 2_000, 5_000, 10_000, 30_000];
/** Three of the server's 15 s keep-alives missed. */
const DEFAULT_SILENCE_MS = 45_000;
/** One event's text; the server's are a few kilobytes at most. */
const MAX_EVENT_CHARS = 256 * 1024;

/** Splits an SSE byte stream into events (`id`, `data`), as the EventSource parser does. */
export class SseParser {
  private buffer = '';
  private data: string[] = [];
  private id: string | null = null;

  constructor(private readonly onEvent: (event: { id: string | null; data: string }) => void) {}

  push(text: string): void {
    this.buffer += text;
    if (this.buffer.length > MAX_EVENT_CHARS) throw new Error('an event stream line is too long');
    let end: number;
    while ((end = this.buffer.search(/\r\n|\r|\n/)) >= 0) {
      const line = this.buffer.slice(0, end);
      const newline = this.buffer.startsWith('\r\n', end) ? 2 : 1;
      this.buffer = this.buffer.slice(end + newline);
      this.line(line);
    }
  }

  private line(line: string): void {
    if (line === '') {
      if (this.data.length > 0) this.onEvent({ id: this.id, data: this.data.join('\n') });
      this.data = [];
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'data') this.data.push(value);
    else if (field === 'id' && !value.includes('\0')) this.id = value;
  }
}

export function followLobbyEvents(
  options: LobbyStreamOptions,
  listener: LobbyStreamListener,
): LobbyStream {
  const delays = options.reopenDelaysMs ?? LOBBY_REOPEN_DELAYS_MS;
  const silenceMs = options.silenceMs ?? DEFAULT_SILENCE_MS;
  let lastEventId: string | null = null;
  let failures = 0;
  let closed = false;
  let abort: AbortController | null = null;
  let reopenTimer: ReturnType<typeof setTimeout> | undefined;

  const scheduleReopen = (reason: string): void => {
    if (closed) return;
    listener.connection('offline');
    const delay = delays[Math.min(failures, delays.length - 1)] ?? 30_000;
    failures += 1;
    options.log(`lobby feed: ${reason}; trying again in ${delay} ms`);
    reopenTimer = setTimeout(() => void open(), delay);
  };

  const open = async (): Promise<void> => {
    if (closed) return;
    listener.connection('connecting');
    const controller = new AbortController();
    abort = controller;
    let silence: ReturnType<typeof setTimeout> | undefined;
    const heard = (): void => {
      clearTimeout(silence);
      silence = setTimeout(() => controller.abort(new Error('the stream went silent')), silenceMs);
    };
    try {
      heard();
      const response = await options.fetch(options.url, {
        headers: {
          accept: 'text/event-stream',
          ...options.headers(),
          ...(lastEventId !== null ? { 'last-event-id': lastEventId } : {}),
        },
        signal: controller.signal,
      });
      const type = response.headers.get('content-type') ?? '';
      if (response.status !== 200 || !type.startsWith('text/event-stream') || !response.body) {
        await response.body?.cancel();
        throw new Error(`the server answered HTTP ${response.status} (${type || 'no type'})`);
      }
      failures = 0;
      listener.connection('open');
      const parser = new SseParser(({ id, data }) => {
        if (id !== null) lastEventId = id;
        let parsed: unknown;
        try {
          parsed = JSON.parse(data);
        } catch {
          options.log('lobby feed: ignored an event that is not JSON');
          return;
        }
        const event = LobbyEventSchema.safeParse(parsed);
        if (event.success) listener.event(event.data);
        else options.log(`lobby feed: ignored an invalid event: ${event.error.issues[0]?.message}`);
      });
      const decoder = new TextDecoder();
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        heard();
        parser.push(decoder.decode(value, { stream: true }));
      }
      throw new Error('the server ended the stream');
    } catch (error) {
      if (!closed) scheduleReopen(errorText(error));
    } finally {
      clearTimeout(silence);
    }
  };

  void open();
  return {
    close() {
      closed = true;
      clearTimeout(reopenTimer);
      abort?.abort();
    },
  };
}
