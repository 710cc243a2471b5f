/**
 * What every route of the reference server gets: the server's state (store, clock, keys, the
 * called-turns hub) and, per request, an `ApiContext` (path parameters, the site, the
 * authenticated device) and its body, validated against the route's schema. Routes return a
 * `Reply` instead of writing to the socket, so the fault injector can process a request twice or
 * drop its answer. `http/` mounts them on Fastify.
 */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import type { BookingKey } from '../src-shared/contract/townhall-api';
import { localDayOf } from '../src-shared/domain/site-time';
import type { SigningKey } from './booking-tokens';
import type { FailureThrottle } from './failure-throttle';
import type { HostPolicy } from './host-policy';
import type { WaitEstimateSettings } from './queue/wait-estimate';
import type { ServerStore } from './store/store';
import type { CalledTurnsHub } from './turns-hub';

export type AuthMode = 'required' | 'optional';

export interface ServerState {
  store: ServerStore;
  hub: CalledTurnsHub;
  /** The public follow page's streams: caps of their own, for many phones (follow-feed.ts). */
  followHub: CalledTurnsHub;
  now: () => Date;
  maxBodyBytes: number;
  activeKey: SigningKey;
  bookingKeys: BookingKey[];
  openApiDocument: unknown;
  auth: AuthMode;
  /** Failed enrolment attempts per client address. */
  enrolmentThrottle: FailureThrottle;
  /** The Host names it answers to; set once the server listens (it needs the port). */
  hosts: HostPolicy;
  /** Leased numbers a kiosk may hold above its reported tickets, per service and day. */
  maxUnusedLeased: number;
  /** The built renderer (dist/renderer) whose lobby.html the server serves to TVs. */
  lobbyPageDir: string;
  /** Days a site-local day's records are kept. */
  retentionDays: number;
  /** How the estimated wait is worked out (queue/wait-estimate.ts). */
  waitEstimate: WaitEstimateSettings;
  /** Requests a client may make to the public follow page per minute (http/follow-routes.ts). */
  followRequestsPerMinute: number;
  /**
   * Origins (`https://www.ayto.example`) whose pages may show the booking page in an iframe
   * (CLI `--booking-embed-origin`); none: it may not be framed (booking/booking-page-routes.ts).
   */
  bookingEmbedOrigins: readonly string[];
  log: (line: string) => void;
}

export interface Reply {
  status: number;
  body: unknown;
  headers?: Readonly<Record<string, string>>;
}

/** The device whose credential came with a request. */
export interface AuthenticatedDevice {
  siteId: string;
  kioskId: string;
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
  device: AuthenticatedDevice | null;
  /**
   * The enrolled device a valid credential of the site names, whatever the auth mode (with auth
   * optional a request may still carry one); null for an anonymous client. Only such a device
   * gets the ID-hash salt and the citizens' ID hashes.
   */
  enrolledDevice: AuthenticatedDevice | null;
}

export interface ApiRoute<Body = unknown> {
  method: 'GET' | 'POST';
  /** Under /api/v1, with `:name` parameters: `/sites/:siteId/walk-ins`. */
  path: string;
  /** 'device': a device credential of the site when auth is required. */
  auth: 'none' | 'device';
  /**
   * The JSON body's schema (POST routes): the body is read (bounded) and validated by Fastify
   * through the zod type provider, after the site, the credential and `beforeBody` are checked.
   */
  body?: z.ZodType<Body>;
  /** Checks made before the body is read (a throttle, the path's kiosk, a required header). */
  beforeBody?(context: ApiContext): void;
  /** Streams its answer itself (SSE): no duplicate processing, no Reply. */
  stream?(context: ApiContext, response: ServerResponse): Promise<void>;
  /** `body` is the validated body of a route with a `body` schema (undefined otherwise). */
  handle?(context: ApiContext, body: Body): Reply | Promise<Reply>;
}

/** A route with a typed body, listed among the others (whose bodies differ). */
export const apiRoute = <Body>(route: ApiRoute<Body>): ApiRoute => route as ApiRoute;

/** The site's IANA time zone (Europe/Madrid for a site not known). */
export async function siteTimeZone(state: ServerState, siteId: string): Promise<string> {
  return (await state.store.sites.getSite(siteId))?.timeZone ?? 'Europe/Madrid';
}

/** Today's date at the site, by the server's clock. */
export const siteToday = async (state: ServerState, siteId: string): Promise<string> =>
  localDayOf(state.now(), await siteTimeZone(state, siteId));
