/**
 * The kiosk's client of the Town Hall API v1. Every answer is validated against the contract
 * before it is returned; a malformed answer is a TownhallError, never a partly-trusted object.
 */
import {
  AppointmentsPageSchema,
  apiPaths,
  CheckInRecordSchema,
  HealthResponseSchema,
  IDEMPOTENCY_KEY_HEADER,
  SiteInfoResponseSchema,
  type AppointmentsPage,
  type CheckInRecord,
  type CheckInRequest,
  type HealthResponse,
  type SiteInfoResponse,
} from '../../src-shared/contract/townhall-api';
import { createHttpClient, TownhallError, type HttpResponse } from './http-client';

export { TownhallError, type TownhallErrorKind } from './http-client';

export interface TownhallClientOptions {
  /** http(s) base URL; the API lives under its `/api/v1` path. */
  baseUrl: string;
  siteId: string;
  timeoutMs: number;
  /** Largest answer accepted, in bytes (default 4 MiB: 5000 appointments fit comfortably). */
  maxResponseBytes?: number;
  /** For tests and embedding; the global fetch otherwise. */
  fetch?: typeof fetch;
  /** Clock used to estimate the server's clock offset. */
  now?: () => Date;
}

export interface AppointmentsRequest {
  from: string;
  days: number;
  cursor?: string;
  limit?: number;
}

export interface CheckInOutcome {
  record: CheckInRecord;
  /** True when the server already had this check-in (200): a retry of a delivered push. */
  replayed: boolean;
}

export interface TownhallClient {
  readonly siteId: string;
  health(): Promise<HealthResponse>;
  getSiteInfo(): Promise<SiteInfoResponse>;
  getAppointments(query: AppointmentsRequest): Promise<AppointmentsPage>;
  postCheckIn(request: CheckInRequest): Promise<CheckInOutcome>;
  /**
   * Server clock minus local clock, in ms, from the Date header of the last answer (1 s
   * resolution); null before any answer. For diagnostics: the kiosk never syncs on it.
   */
  clockOffsetMs(): number | null;
}

const DEFAULT_MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

export function createTownhallClient(options: TownhallClientOptions): TownhallClient {
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

  const observe = <T>(response: HttpResponse<T>): T => {
    if (response.serverDate) offsetMs = response.serverDate.getTime() - now().getTime();
    return response.data;
  };

  return {
    siteId: options.siteId,

    health: async () =>
      observe(
        await http.request({
          method: 'GET',
          url: urlOf(apiPaths.health),
          okStatuses: [200],
          schema: HealthResponseSchema,
        }),
      ),

    getSiteInfo: async () =>
      observe(
        await http.request({
          method: 'GET',
          url: urlOf(apiPaths.siteInfo(options.siteId)),
          okStatuses: [200],
          schema: SiteInfoResponseSchema,
        }),
      ),

    getAppointments: async (query) =>
      observe(
        await http.request({
          method: 'GET',
          url: urlOf(apiPaths.appointments(options.siteId), {
            from: query.from,
            days: String(query.days),
            ...(query.cursor !== undefined ? { cursor: query.cursor } : {}),
            ...(query.limit !== undefined ? { limit: String(query.limit) } : {}),
          }),
          okStatuses: [200],
          schema: AppointmentsPageSchema,
        }),
      ),

    postCheckIn: async (request) => {
      const response = await http.request({
        method: 'POST',
        url: urlOf(apiPaths.checkIns(options.siteId)),
        headers: { [IDEMPOTENCY_KEY_HEADER]: request.ticketId },
        body: request,
        okStatuses: [200, 201],
        schema: CheckInRecordSchema,
      });
      if (response.data.ticketId !== request.ticketId) {
        throw new TownhallError('malformed', 'check-in answer is for another ticket');
      }
      return { record: observe(response), replayed: response.status === 200 };
    },

    clockOffsetMs: () => offsetMs,
  };
}
