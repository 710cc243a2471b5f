/**
 * Whether the kiosk's cached bookings may lack some made lately, so that a code it does not know
 * is told as "not found on this kiosk, which is offline" rather than "no such booking": the
 * kiosk is offline, or its last complete pull is older than STALE_AFTER_POLLS poll intervals
 * (and at least STALE_FLOOR_MS, so a short poll does not flag every brief hiccup).
 */
import type { Connectivity } from '../sync/connectivity';

export const STALE_AFTER_POLLS = 3;
export const STALE_FLOOR_MS = 5 * 60_000;

export interface CacheFacts {
  connectivity: Connectivity;
  /** When the cache was last brought up to date (ISO 8601); null: never. */
  lastSuccessAt: string | null;
  pollSeconds: number;
  now: Date;
}

export function cacheMayBeStale(facts: CacheFacts): boolean {
  if (facts.connectivity === 'offline' || facts.lastSuccessAt === null) return true;
  const limitMs = Math.max(STALE_FLOOR_MS, STALE_AFTER_POLLS * facts.pollSeconds * 1000);
  return facts.now.getTime() - new Date(facts.lastSuccessAt).getTime() > limitMs;
}
