/**
 * What the public follow-your-turn page (docs/follow.md) reads for one ticket, by its token:
 * `GET /t/{token}/state`, and `GET /t/{token}/events` (Server-Sent Events saying only "the queue
 * moved": the page then reads the state again). No personal data: a number, a service, a desk.
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

/** The one event the follow stream sends (after a call at the site). */
export interface FollowEvent {
  type: 'moved';
}

/** The follow page's paths, from its token. */
export const followPaths = {
  page: (token: string) => `/t/${encodeURIComponent(token)}`,
  state: (token: string) => `/t/${encodeURIComponent(token)}/state`,
  events: (token: string) => `/t/${encodeURIComponent(token)}/events`,
} as const;
