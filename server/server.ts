/**
 * The reference Town Hall API server (API v1): what a real town hall backend must offer a
 * Turnero kiosk, small enough to run in tests, in the demo and embedded in the kiosk itself.
 * node:http only; every request is validated with the contract's zod schemas.
 *
 * Layout: `routes/*.ts` hold the endpoints by group (sites, tickets, devices, turns, pages),
 * `*-repository.ts` and `database.ts` the SQL, `faults.ts` the fault injector, `turns-hub.ts`
 * the Server-Sent Events. This file wires them: routing, authentication, faults, admin.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  API_BASE_PATH,
  RemoteConfigSchema,
  type ApiError,
  type Appointment,
  type BookingTokenResponse,
  type CalledTurn,
  type CheckInRecord,
  type HealthResponse,
  type NumberLease,
  type RemoteConfig,
  type WalkInRecord,
} from '../src-shared/contract/townhall-api';
import { SiteIdSchema } from '../src-shared/domain/site-id';
import { type AppointmentStatus } from '../src-shared/domain/appointment-status';
import { parseIdDocument } from '../src-shared/domain/id-document';
import {
  generateSigningKey,
  loadOrCreateSigningKeys,
  publicBookingKey,
  type SigningKey,
} from './booking-tokens';
import type { ApiContext, ApiRoute, AuthMode, Reply, ServerState } from './context';
import { publicAppointment, publicCheckIn, ServerDatabase } from './database';
import {
  DevicesRepository,
  newEnrolmentCode,
  type DeviceHealth,
  type RemoteSettings,
} from './devices-repository';
import { FaultInjector, type FaultCounters, type FaultOptions } from './faults';
import { HttpError, readJsonBody, sendError, sendJson } from './http-util';
import { buildOpenApiDocument } from './openapi';
import { deviceRoutes } from './routes/devices';
import { handlePage } from './routes/pages';
import { issueToken, siteRoutes } from './routes/sites';
import { ticketRoutes } from './routes/tickets';
import { callNext, RECENT_TURNS, siteToday, turnRoutes } from './routes/turns';
import { resolveSeed, type SeedDocument } from './seed';
import { TicketsRepository, walkInRecord, type IssuedTicket } from './tickets-repository';
import { CalledTurnsHub } from './turns-hub';

export type { AuthMode } from './context';
export type { DeviceHealth, RemoteSettings } from './devices-repository';
export type { FaultCounters, FaultOptions } from './faults';
export type { IssuedTicket } from './tickets-repository';

export interface TurneroServerOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** SQLite file of the server's data; ':memory:' (the default) forgets everything on close. */
  dbFile?: string;
  /** Loaded at start into an empty database (a site that already exists is kept as it is). */
  seed?: SeedDocument;
  now?: () => Date;
  /** Largest accepted request body, in bytes. */
  maxBodyBytes?: number;
  /**
   * Booking-token signing keys: the first signs, all are published in site info. Default: the
   * keys of `signingKeyFile` (created when missing), or one fresh key per start.
   */
  signingKeys?: SigningKey[];
  signingKeyFile?: string;
  /**
   * 'required': every `/sites/**` endpoint but enrolment needs `Authorization: Bearer
   * <credential>` of a device of that site (401 otherwise; 403 when a path or body names another
   * kiosk). 'optional' (the default): the header is not looked at.
   */
  auth?: AuthMode;
  /** Fault injection on `/sites/**` (tests); off by default; see `admin.setFaults`. */
  faults?: FaultOptions | null;
  /** Interval of the keep-alive comments on called-turn streams; 15 s by default. */
  sseKeepAliveMs?: number;
}

export interface NewAppointmentInput {
  id?: string;
  code: string;
  serviceId: string;
  startsAt: Date | string;
  status?: AppointmentStatus;
  /** The citizen's DNI/NIE/passport: hashed with the site's salt at once, never stored. */
  citizenId?: string;
}

/**
 * In-process administration, standing in for the town hall's back office in tests and demos.
 * Methods with an optional `siteId` default to the seed's site (else the first site).
 */
export interface ServerAdmin {
  addAppointment(siteId: string, input: NewAppointmentInput): Appointment;
  cancelAppointment(id: string): Appointment;
  updateAppointment(
    id: string,
    change: { startsAt?: Date | string; status?: AppointmentStatus },
  ): Appointment;
  getAppointment(id: string): Appointment | undefined;
  listAppointments(siteId: string): Appointment[];
  checkIns(): CheckInRecord[];
  /** A signed booking token for an appointment, as the town hall would put in its QR. */
  issueToken(siteId: string, appointmentId: string): BookingTokenResponse;
  /** The salted hash the site gives this ID number (for tests and demos). */
  citizenIdHash(siteId: string, citizenId: string): string;
  /** The server-wide change sequence (grows with every appointment write). */
  currentSequence(): number;

  /** A new one-time enrolment code (random XXXX-XXXX-XXXX unless `code` is given). */
  createEnrolmentCode(siteId?: string, code?: string): string;
  /** Every device of a site that enrolled or sent a heartbeat, with its last heartbeat. */
  devices(siteId?: string): DeviceHealth[];
  /**
   * Replaces the remote settings of one kiosk, or of every kiosk ('*'); bumps the version the
   * kiosks see in heartbeat answers. Returns what `kioskId` now gets ('*': the site-wide part).
   */
  setRemoteConfig(kioskId: string, settings: RemoteSettings, siteId?: string): RemoteConfig;
  /** What a kiosk gets from GET …/config. */
  remoteConfig(kioskId: string, siteId?: string): RemoteConfig;
  walkIns(): WalkInRecord[];
  /** Every ticket (check-ins and walk-ins) of a site-local day, in issue order. */
  ticketsOfDay(day: string, siteId?: string): IssuedTicket[];
  /** Today's tickets not called yet, in call order. */
  waiting(siteId?: string): IssuedTicket[];
  numberLeases(siteId?: string): (NumberLease & { kioskId: string })[];
  /** As POST call-next: null when nobody waits. */
  callNext(
    desk: string,
    options?: { serviceIds?: readonly string[]; siteId?: string },
  ): CalledTurn | null;
  /** The last 20 called turns, newest first. */
  calledTurns(siteId?: string): CalledTurn[];
  /** Open called-turn streams (SSE), e.g. to check that closed ones are forgotten. */
  openStreams(siteId?: string): number;
  /** Replaces the fault settings (null: off) and resets the counters. */
  setFaults(faults: FaultOptions | null): void;
  faults(): FaultOptions | null;
  /** What the injector decided since the last setFaults. */
  faultStats(): FaultCounters;
  setAuth(mode: AuthMode): void;
}

export interface TurneroServer {
  url: string;
  port: number;
  admin: ServerAdmin;
  close(): Promise<void>;
}

const DEFAULT_MAX_BODY_BYTES = 16 * 1024;
const DEFAULT_SSE_KEEP_ALIVE_MS = 15_000;

interface CompiledRoute {
  route: ApiRoute;
  pattern: RegExp;
  names: string[];
}

function compile(route: ApiRoute): CompiledRoute {
  const names: string[] = [];
  const source = route.path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { route, pattern: new RegExp(`^${API_BASE_PATH}${source}$`), names };
}

const ROUTES: CompiledRoute[] = [
  {
    method: 'GET',
    path: '/health',
    auth: 'none',
    handle: ({ state }) => {
      const body: HealthResponse = {
        status: 'ok',
        apiVersion: 'v1',
        time: state.now().toISOString(),
      };
      return { status: 200, body };
    },
  } satisfies ApiRoute,
  {
    method: 'GET',
    path: '/openapi.json',
    auth: 'none',
    handle: ({ state }) => ({ status: 200, body: state.openApiDocument }),
  } satisfies ApiRoute,
  ...siteRoutes,
  ...ticketRoutes,
  ...deviceRoutes,
  ...turnRoutes,
].map(compile);

const SITES_PREFIX = `${API_BASE_PATH}/sites/`;

function matchRoute(
  method: string,
  pathname: string,
): { route: ApiRoute; params: Record<string, string> } {
  const matching = ROUTES.filter((entry) => entry.pattern.test(pathname));
  if (matching.length === 0) throw new HttpError(404, 'not-found', `no such endpoint: ${pathname}`);
  const entry = matching.find((candidate) => candidate.route.method === method);
  if (!entry) {
    const allowed = [...new Set(matching.map((candidate) => candidate.route.method))].join(', ');
    throw Object.assign(new HttpError(405, 'method-not-allowed', `use ${allowed}`), { allowed });
  }
  const values = entry.pattern.exec(pathname)?.slice(1) ?? [];
  const params: Record<string, string> = {};
  entry.names.forEach((name, index) => {
    try {
      params[name] = decodeURIComponent(values[index] ?? '');
    } catch {
      throw new HttpError(404, 'not-found', `no such endpoint: ${pathname}`);
    }
  });
  return { route: entry.route, params };
}

function requireSite(state: ServerState, rawSiteId: string): string {
  const parsed = SiteIdSchema.safeParse(rawSiteId);
  if (!parsed.success) throw new HttpError(400, 'bad-request', 'siteId: invalid site identifier');
  if (!state.db.hasSite(parsed.data)) {
    throw new HttpError(404, 'not-found', `site ${parsed.data} is not known`);
  }
  return parsed.data;
}

/** The device of a bearer credential, which must belong to the site (auth required). */
function authenticate(
  state: ServerState,
  request: IncomingMessage,
  response: ServerResponse,
  siteId: string,
): { siteId: string; kioskId: string } {
  const header = request.headers.authorization ?? '';
  const match = /^Bearer\s+(\S{1,512})\s*$/i.exec(header);
  const device = match ? state.devices.authenticate(match[1] as string) : undefined;
  if (!device || device.siteId !== siteId) {
    response.setHeader('www-authenticate', 'Bearer realm="turnero"');
    throw new HttpError(
      401,
      'unauthorized',
      match
        ? 'the credential is not valid for this site; enrol the device again'
        : 'Authorization: Bearer <device credential> is required',
    );
  }
  return device;
}

const errorReply = (error: HttpError): Reply => {
  const body: ApiError = { error: { code: error.code, message: error.message.slice(0, 500) } };
  return { status: error.status, body };
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Destroys the connection without an answer: what a dropped network looks like to the client. */
const dropConnection = (request: IncomingMessage, response: ServerResponse): void => {
  response.socket?.destroy();
  request.socket.destroy();
};

export async function startTurneroServer(
  options: TurneroServerOptions = {},
): Promise<TurneroServer> {
  const now = options.now ?? (() => new Date());
  const db = new ServerDatabase(options.dbFile ?? ':memory:');
  const devices = new DevicesRepository(db.db);
  const tickets = new TicketsRepository(db.db);
  let seedSiteId: string | undefined;
  if (options.seed) {
    const resolved = resolveSeed(options.seed, now());
    seedSiteId = resolved.site.id;
    db.db.transaction(() => {
      if (!db.loadSeed(resolved)) return;
      const at = now();
      for (const code of resolved.enrolmentCodes)
        devices.addEnrolmentCode(resolved.site.id, code, at);
    })();
  }
  const signingKeys =
    options.signingKeys ??
    (options.signingKeyFile
      ? loadOrCreateSigningKeys(options.signingKeyFile)
      : [generateSigningKey()]);
  const [firstKey] = signingKeys;
  if (!firstKey) throw new Error('at least one booking-token signing key is needed');
  const state: ServerState = {
    db,
    devices,
    tickets,
    hub: new CalledTurnsHub(options.sseKeepAliveMs ?? DEFAULT_SSE_KEEP_ALIVE_MS),
    now,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    activeKey: firstKey,
    bookingKeys: signingKeys.map(publicBookingKey),
    openApiDocument: buildOpenApiDocument(),
    auth: options.auth ?? 'optional',
    sseKeepAliveMs: options.sseKeepAliveMs ?? DEFAULT_SSE_KEEP_ALIVE_MS,
  };
  const faults = new FaultInjector(options.faults ?? null);

  async function handleApi(
    request: IncomingMessage,
    response: ServerResponse,
    url: URL,
  ): Promise<void> {
    const method = request.method ?? 'GET';
    // Faults first, as a network or an overloaded server would: before anything is looked at.
    const decision = url.pathname.startsWith(SITES_PREFIX)
      ? faults.decide(method === 'POST')
      : null;
    if (decision && decision.delayMs > 0) await sleep(decision.delayMs);
    if (decision?.error) {
      response.setHeader('retry-after', '1');
      throw new HttpError(503, 'internal', 'service unavailable (injected fault)');
    }
    if (decision?.drop === 'before') return dropConnection(request, response);

    const { route, params } = matchRoute(method, url.pathname);
    let bodyPromise: Promise<unknown> | undefined;
    const context: ApiContext = {
      state,
      request,
      headers: request.headers,
      url,
      params,
      siteId: '',
      device: null,
      body: () => (bodyPromise ??= readJsonBody(request, state.maxBodyBytes)),
    };
    const prepare = () => {
      if (params.siteId !== undefined) context.siteId = requireSite(state, params.siteId);
      if (route.auth === 'device' && state.auth === 'required') {
        context.device = authenticate(state, request, response, context.siteId);
      }
    };
    if (route.stream) {
      prepare();
      return route.stream(context, response);
    }
    const handle = route.handle as NonNullable<ApiRoute['handle']>;
    const process = async (): Promise<Reply> => {
      try {
        prepare();
        return await handle(context);
      } catch (error) {
        if (error instanceof HttpError) return errorReply(error);
        throw error;
      }
    };
    let reply = await process();
    if (decision?.duplicate) reply = await process();
    if (decision?.drop === 'after') return dropConnection(request, response);
    // An unread request body is not worth draining: answer and close the connection.
    if (!request.complete) response.setHeader('connection', 'close');
    sendJson(response, reply.status, reply.body);
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://townhall.invalid');
    if (await handlePage(state, request, response, url)) return;
    await handleApi(request, response, url);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      const httpError =
        error instanceof HttpError
          ? error
          : new HttpError(500, 'internal', 'internal error; see the server log');
      if (!(error instanceof HttpError)) console.error('townhall-api:', error);
      if (error instanceof HttpError && 'allowed' in error) {
        response.setHeader('allow', String(error.allowed));
      }
      // An unread request body is not worth draining: answer and close the connection.
      if (!request.complete) response.setHeader('connection', 'close');
      if (!response.headersSent) sendError(response, httpError);
      else response.destroy();
    });
  });
  // Keep-alive sockets would otherwise hold close() open for their idle timeout.
  server.keepAliveTimeout = 2000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port, address, family } = server.address() as AddressInfo;
  const hostForUrl = family === 'IPv6' ? `[${address}]` : address;

  const defaultSite = (siteId?: string): string => {
    const id = siteId ?? seedSiteId ?? db.listSiteIds()[0];
    if (!id || !db.hasSite(id)) throw new Error(`unknown site ${id ?? '(none loaded)'}`);
    return id;
  };
  const toIso = (value: Date | string) => new Date(value).toISOString();
  const admin: ServerAdmin = {
    addAppointment: (siteId, input) =>
      publicAppointment(
        db.insertAppointment(siteId, {
          id: input.id ?? `apt-${input.code.replace(/^TRN-/, '').toLowerCase()}`,
          code: input.code,
          serviceId: input.serviceId,
          startsAt: toIso(input.startsAt),
          status: input.status ?? 'booked',
          citizenIdHash: input.citizenId ? admin.citizenIdHash(siteId, input.citizenId) : null,
        }),
      ),
    cancelAppointment: (id) => publicAppointment(db.updateAppointment(id, { status: 'cancelled' })),
    updateAppointment: (id, change) =>
      publicAppointment(
        db.updateAppointment(id, {
          ...(change.startsAt !== undefined ? { startsAt: toIso(change.startsAt) } : {}),
          ...(change.status !== undefined ? { status: change.status } : {}),
        }),
      ),
    getAppointment: (id) => {
      const appointment = db.getAppointment(id);
      return appointment ? publicAppointment(appointment) : undefined;
    },
    listAppointments: (siteId) => db.listAppointments(siteId).map(publicAppointment),
    checkIns: () => db.listCheckIns().map(publicCheckIn),
    issueToken: (siteId, appointmentId) =>
      issueToken(db, state.activeKey, siteId, appointmentId, now()),
    citizenIdHash: (siteId, citizenId) => {
      const parsed = parseIdDocument(citizenId);
      if (!parsed.ok) throw new Error('not a valid DNI, NIE or passport number');
      return db.citizenIdHash(siteId, parsed.normalised);
    },
    currentSequence: () => db.currentSequence(),

    createEnrolmentCode: (siteId, code) => {
      const value = code ?? newEnrolmentCode();
      devices.addEnrolmentCode(defaultSite(siteId), value, now());
      return value;
    },
    devices: (siteId) => devices.listDevices(defaultSite(siteId)),
    setRemoteConfig: (kioskId, settings, siteId) => {
      const site = defaultSite(siteId);
      devices.setRemoteConfig(site, kioskId, RemoteConfigSchema.shape.settings.parse(settings));
      return devices.remoteConfig(site, kioskId);
    },
    remoteConfig: (kioskId, siteId) => devices.remoteConfig(defaultSite(siteId), kioskId),
    walkIns: () => tickets.listWalkIns().map(walkInRecord),
    ticketsOfDay: (day, siteId) => tickets.ticketsOfDay(day, defaultSite(siteId)),
    waiting: (siteId) => {
      const site = defaultSite(siteId);
      return tickets.waiting(site, siteToday(state, site));
    },
    numberLeases: (siteId) => tickets.listLeases(defaultSite(siteId)),
    callNext: (desk, callOptions = {}) =>
      callNext(state, defaultSite(callOptions.siteId), desk, callOptions.serviceIds)?.turn ?? null,
    calledTurns: (siteId) =>
      tickets.recentTurns(defaultSite(siteId), RECENT_TURNS).map(({ turn }) => turn),
    openStreams: (siteId) => state.hub.count(siteId),
    setFaults: (next) => faults.set(next),
    faults: () => faults.get(),
    faultStats: () => faults.stats(),
    setAuth: (mode) => {
      state.auth = mode;
    },
  };

  let closing: Promise<void> | undefined;
  return {
    url: `http://${hostForUrl}:${port}`,
    port,
    admin,
    // Idempotent: a second call waits for the first.
    close: () =>
      (closing ??= new Promise<void>((resolve, reject) => {
        state.hub.closeAll();
        server.close((error) => {
          db.close();
          if (error) reject(error);
          else resolve();
        });
        server.closeAllConnections();
      })),
  };
}
