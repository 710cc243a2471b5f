/**
 * What the public follow-your-turn page (docs/follow.md) reads for one ticket, by its token:
 * `GET /t/{token}/state`, and `GET /t/{token}/events` (Server-Sent Events saying only "the queue
 * moved" or "a turn was finished": the page then reads the state again). No personal data: a number, a service, a desk.
 */
import type { LocalizedText } from '../domain/language';

export type FollowStatus = 'waiting' | 'called' | 'finished';

export interface FollowState {
  ticketNumber: string;
  serviceNames: LocalizedText;
  status: FollowStatus;
  /** While waiting: tickets of the service called before it, and the minutes that makes. */
  peopleAhead?: number;
  estimatedWaitMinutes?: number;
  /** Once called: the desk it was called to (its latest call). */
  desk?: string;
  /** Server clock when this state was read. */
  serverTime: string;
}

/**
 * What the follow stream sends: `moved` after a call at the site (the people ahead changed),
 * `finished` after a desk finished a turn of the site (served, no-show, transferred: that
 * ticket's page must say so now, not at its next poll). Either way the page reads its state
 * again; a page that knows only `moved` does the same for any event.
 */
export interface FollowEvent {
  type: 'moved' | 'finished';
}

/** The follow page's paths, from its token. */
export const followPaths = {
  page: (token: string) => `/t/${encodeURIComponent(token)}`,
  state: (token: string) => `/t/${encodeURIComponent(token)}/state`,
  events: (token: string) => `/t/${encodeURIComponent(token)}/events`,
} as const;
