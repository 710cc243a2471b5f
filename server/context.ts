/**
 * What every route of the reference server gets: the server's state (databases, clock, keys,
 * the called-turns hub) and, per request, an `ApiContext` (path parameters, the site, the
 * authenticated device, the body read once). Routes return a `Reply` instead of writing to the
 * socket, so the fault injector can process a request twice or drop its answer.
 */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { BookingKey } from '../src-shared/contract/townhall-api';
import type { SigningKey } from './booking-tokens';
import type { ServerDatabase } from './database';
import type { DevicesRepository } from './devices-repository';
import { HttpError } from './http-util';
import type { TicketsRepository } from './tickets-repository';
import type { CalledTurnsHub } from './turns-hub';

export type AuthMode = 'required' | 'optional';

export interface ServerState {
  db: ServerDatabase;
  devices: DevicesRepository;
  tickets: TicketsRepository;
  hub: CalledTurnsHub;
  now: () => Date;
  maxBodyBytes: number;
  activeKey: SigningKey;
  bookingKeys: BookingKey[];
  openApiDocument: unknown;
  auth: AuthMode;
  sseKeepAliveMs: number;
}

export interface Reply {
  status: number;
  body: unknown;
}

export interface ApiContext {
  state: ServerState;
  request: IncomingMessage;
  headers: IncomingHttpHeaders;
  url: URL;
  params: Record<string, string>;
  /** The site of the path, validated and known (site routes only; '' elsewhere). */
  siteId: string;
  /** The device whose credential came with the request; null when auth is optional. */
  device: { siteId: string; kioskId: string } | null;
  /** The JSON body, read (bounded) at the first call and kept for a second processing. */
  body(): Promise<unknown>;
}

export interface ApiRoute {
  method: 'GET' | 'POST';
  /** Under /api/v1, with `:name` parameters: `/sites/:siteId/walk-ins`. */
  path: string;
  /** 'device': a device credential of the site when auth is required. */
  auth: 'none' | 'device';
  /** Streams its answer itself (SSE): no duplicate processing, no Reply. */
  stream?: (context: ApiContext, response: ServerResponse) => void;
  handle?: (context: ApiContext) => Reply | Promise<Reply>;
}

/**
 * With auth required, the kiosk named in a path or body must be the credential's own device:
 * a kiosk cannot report, lease or fetch configuration for another one.
 */
export function requireKiosk(context: ApiContext, kioskId: string): void {
  if (context.device && context.device.kioskId !== kioskId) {
    throw new HttpError(
      403,
      'unauthorized',
      `this credential belongs to kiosk ${context.device.kioskId}, not ${kioskId}`,
    );
  }
}

/** The site-local day (YYYY-MM-DD) of an instant, in the site's time zone. */
export function siteTimeZone(state: ServerState, siteId: string): string {
  return state.db.getSite(siteId)?.timeZone ?? 'Europe/Madrid';
}
