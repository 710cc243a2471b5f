/**
 * What the sync engine needs from a town hall back end, whatever speaks for it: our own Town Hall
 * API v1 (`createTurneroApiClient`) or an adapter for another booking system
 * (`adapters/easy-appointments`). Optional capabilities of the full client (enrolment, heartbeat,
 * number leases, walk-ins, …) are not part of it: a back end without them simply lacks them, and
 * the kiosk falls back to its local behaviour (its own reserved number range, no remote
 * heartbeat). See docs/townhall-adapters.md.
 *
 * Every method validates what it returns against the contract in
 * `src-shared/contract/townhall-api.ts` and fails with a `BackendError` (kind `network`,
 * `timeout`, `http` with `status`/`code`, `malformed`, `too-large`), so the engine decides on
 * retries from data and never applies half an answer.
 */
import type { TurneroApiClient } from './turnero-api/api-client';

export type Backend = Pick<
  TurneroApiClient,
  'siteId' | 'health' | 'getSiteInfo' | 'getAppointments' | 'postCheckIn' | 'clockOffsetMs'
>;
