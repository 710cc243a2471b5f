/**
 * Keeps one ticket's state fresh: reads `/t/{token}/state`, then again after every event of
 * `/t/{token}/events` ("moved" after a call, "finished" after a desk finished a turn) and after
 * every (re)connection of that stream, never trusting that it saw every event (a server
 * restart, a phone that slept). A slow poll covers the time without a stream.
 */
import { followPaths, type FollowState } from '../../../src-shared/contract/follow';

export type FollowView =
  | { kind: 'loading' }
  | { kind: 'not-found' }
  | { kind: 'ticket'; state: FollowState; online: boolean };

const POLL_MS = 60_000;
/** A refused stream is opened again after 3 s, doubling up to a minute while it is refused. */
const FIRST_REOPEN_MS = 3_000;
const LAST_REOPEN_MS = 60_000;

export function followTicket(token: string, onView: (view: FollowView) => void): () => void {
  let last: FollowState | null = null;
  let online = false;
  let stopped = false;
  let events: EventSource | null = null;
  let reopenTimer: ReturnType<typeof setTimeout> | undefined;
  let reopenMs = FIRST_REOPEN_MS;

  const show = () => {
    if (last) onView({ kind: 'ticket', state: last, online });
  };

  const load = async (): Promise<void> => {
    try {
      const response = await fetch(followPaths.state(token), { cache: 'no-store' });
      if (stopped) return;
      if (response.status === 404) {
        onView({ kind: 'not-found' });
        stop();
        return;
      }
      if (!response.ok) throw new Error(`state answered ${response.status}`);
      last = (await response.json()) as FollowState;
      show();
    } catch {
      online = false;
      show();
    }
  };

  const open = () => {
    if (stopped) return;
    events = new EventSource(followPaths.events(token));
    events.onopen = () => {
      online = true;
      reopenMs = FIRST_REOPEN_MS;
      void load();
    };
    events.onmessage = () => void load();
    events.onerror = () => {
      online = false;
      show();
      // A refused stream (the server restarting, a 404, a 429, the stream caps' 503) is not
      // retried by EventSource; many phones behind one address must not hammer the server.
      if (events?.readyState === EventSource.CLOSED) {
        events = null;
        clearTimeout(reopenTimer);
        reopenTimer = setTimeout(open, reopenMs);
        reopenMs = Math.min(LAST_REOPEN_MS, reopenMs * 2);
      }
    };
  };

  const poll = setInterval(() => void load(), POLL_MS);

  function stop() {
    stopped = true;
    clearInterval(poll);
    clearTimeout(reopenTimer);
    events?.close();
  }

  void load();
  open();
  return stop;
}
