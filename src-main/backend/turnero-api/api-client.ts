/**
 * The kiosk's client of the Town Hall API v1: the reference back end, with every capability.
 * Every answer is validated against the contract before it is returned; a malformed answer is a
 * BackendError, never a partly-trusted object.
 */
import type { z } from 'zod';
import {
  AppointmentsPageSchema,
  apiPaths,
  AUTHORIZATION_HEADER,
  CheckInRecordSchema,
  EnrolmentResponseSchema,
  HealthResponseSchema,
  HeartbeatResponseSchema,
  IDEMPOTENCY_KEY_HEADER,
  NumberLeaseSchema,
  RemoteConfigSchema,
  SiteInfoResponseSchema,
  WalkInRecordSchema,
  type EnrolmentRequest,
  type EnrolmentResponse,
} from '../../../src-shared/contract/townhall-api';
import { LobbySnapshotSchema } from '../../../src-shared/contract/lobby';
import type { BackendCapabilities, BackendEssentials } from '../backend';
import { BackendError } from '../backend-error';
import { createHttpClient, DEFAULT_MAX_RESPONSE_BYTES, type HttpResponse } from '../http-client';
import { followLobbyEvents } from './lobby-stream';

export interface TurneroApiClientOptions {
  /** http(s) base URL; the API lives under its `/api/v1` path. */
  baseUrl: string;
  siteId: string;
  timeoutMs: number;
  /** Largest answer accepted, in bytes (default `DEFAULT_MAX_RESPONSE_BYTES`). */
  maxResponseBytes?: number;
  /** For tests and embedding; the global fetch otherwise. */
  fetch?: typeof fetch;
  /** Clock used to estimate the server's clock offset. */
  now?: () => Date;
  /**
   * The device credential (from enrolment), sent as `Authorization: Bearer …` on every request
   * when there is one. A function, so a credential obtained later is used at once.
   */
  credential?: () => string | null;
  /** Where the lobby event stream says why it reconnects. */
  log?: (line: string) => void;
}

/** A back end with every capability, and enrolment (used by the enrol CLI and at start). */
export interface TurneroApiClient extends BackendEssentials, BackendCapabilities {
  /** Trades a one-time enrolment code for this device's credential (shown once). */
  enrol(request: EnrolmentRequest): Promise<EnrolmentResponse>;
}

export function createTurneroApiClient(options: TurneroApiClientOptions): TurneroApiClient {
  const base = new URL(options.baseUrl);
  if (base.protocol !== 'http:' && base.protocol !== 'https:') {
    throw new Error(`Town hall base URL must be http(s): ${options.baseUrl}`);
  }
  const basePath = base.pathname.replace(/\/+$/, '');
  const urlOf = (path: string, query?: Record<string, string>): URL => {
    const url = new URL(base.origin + basePath + path);
    for (const [key, value] of Object.entries(query ?? {})) url.searchParams.set(key, value);
    return url;
  };
  const now = options.now ?? (() => new Date());
  const http = createHttpClient({
    timeoutMs: options.timeoutMs,
    maxResponseBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  let offsetMs: number | null = null;
  // A pull without a cursor is the whole window (docs/townhall-api.md), and the pages that
  // follow it by cursor are the rest of it: the cursor of such a page, while more follow.
  let snapshotCursor: string | null = null;
  // A millisecond-precise offset (heartbeat's serverTime) is kept over the Date header's
  // one-second one for a while.
  let preciseUntil = 0;

  const observe = <T>(response: HttpResponse<T>): T => {
    if (response.serverDate && now().getTime() > preciseUntil) {
      offsetMs = response.serverDate.getTime() - now().getTime();
    }
    return response.data;
  };
  const auth = (): Record<string, string> => {
    const credential = options.credential?.() ?? null;
    return credential ? { [AUTHORIZATION_HEADER]: `Bearer ${credential}` } : {};
  };
  const post = async <T>(
    path: string,
    body: unknown,
    schema: z.ZodType<T>,
    idempotencyKey?: string,
  ) =>
    http.request({
      method: 'POST',
      url: urlOf(path),
      headers: {
        ...auth(),
        ...(idempotencyKey ? { [IDEMPOTENCY_KEY_HEADER]: idempotencyKey } : {}),
      },
      body,
      okStatuses: [200, 201],
      schema,
    });
  const get = async <T>(path: string, schema: z.ZodType<T>, query?: Record<string, string>) =>
    http.request({
      method: 'GET',
      url: urlOf(path, query),
      headers: auth(),
      okStatuses: [200],
      schema,
    });

  return {
    siteId: options.siteId,

    health: async () => observe(await get(apiPaths.health, HealthResponseSchema)),

    getSiteInfo: async () =>
      observe(await get(apiPaths.siteInfo(options.siteId), SiteInfoResponseSchema)),

    getAppointments: async (query) => {
      const inSnapshot = query.cursor === undefined || query.cursor === snapshotCursor;
      const page = observe(
        await get(apiPaths.appointments(options.siteId), AppointmentsPageSchema, {
          from: query.from,
          days: String(query.days),
          ...(query.cursor !== undefined ? { cursor: query.cursor } : {}),
          ...(query.limit !== undefined ? { limit: String(query.limit) } : {}),
        }),
      );
      snapshotCursor = inSnapshot && page.hasMore ? page.cursor : null;
      // The server does not say so on its pages (yet): the contract does. Its word wins.
      return inSnapshot && page.complete === undefined ? { ...page, complete: true } : page;
    },

    postCheckIn: async (request) => {
      const response = await post(
        apiPaths.checkIns(options.siteId),
        request,
        CheckInRecordSchema,
        request.ticketId,
      );
      if (response.data.ticketId !== request.ticketId) {
        throw new BackendError('malformed', 'check-in answer is for another ticket');
      }
      return { record: observe(response), replayed: response.status === 200 };
    },

    postWalkIn: async (request) => {
      const response = await post(
        apiPaths.walkIns(options.siteId),
        request,
        WalkInRecordSchema,
        request.ticketId,
      );
      if (response.data.ticketId !== request.ticketId) {
        throw new BackendError('malformed', 'walk-in answer is for another ticket');
      }
      return { record: observe(response), replayed: response.status === 200 };
    },

    leaseNumbers: async (request) => {
      const lease = observe(
        await post(apiPaths.numberLeases(options.siteId), request, NumberLeaseSchema),
      );
      if (
        lease.serviceId !== request.serviceId ||
        lease.day !== request.day ||
        lease.first > lease.last
      ) {
        throw new BackendError('malformed', 'number lease answer is for another service or day');
      }
      return lease;
    },

    enrol: async (request) => {
      const answer = observe(
        await post(apiPaths.enrol(options.siteId), request, EnrolmentResponseSchema),
      );
      if (answer.siteId !== options.siteId || answer.kioskId !== request.kioskId) {
        throw new BackendError('malformed', 'enrolment answer is for another site or kiosk');
      }
      return answer;
    },

    heartbeat: async (heartbeat) => {
      const sentAt = now().getTime();
      const response = await post(
        apiPaths.heartbeat(options.siteId, heartbeat.kioskId),
        heartbeat,
        HeartbeatResponseSchema,
      );
      const receivedAt = now().getTime();
      // The server's clock at the midpoint of the exchange, to the millisecond.
      offsetMs = Date.parse(response.data.serverTime) - (sentAt + receivedAt) / 2;
      preciseUntil = receivedAt + 5 * 60_000;
      return response.data;
    },

    remoteConfig: async (kioskId) =>
      observe(await get(apiPaths.remoteConfig(options.siteId, kioskId), RemoteConfigSchema)),

    lobbySnapshot: async () =>
      observe(await get(apiPaths.lobbySnapshot(options.siteId), LobbySnapshotSchema)),

    followLobby: (listener) =>
      followLobbyEvents(
        {
          url: urlOf(apiPaths.lobbyEvents(options.siteId)),
          headers: auth,
          fetch: options.fetch ?? fetch,
          log: options.log ?? (() => undefined),
        },
        listener,
      ),

    clockOffsetMs: () => offsetMs,
  };
}
