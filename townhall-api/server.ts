/**
 * The reference Town Hall API server (API v1): what a real town hall backend must offer a
 * Turnero kiosk, small enough to run in tests, in the demo and embedded in the kiosk itself.
 * node:http only; every request is validated with the contract's zod schemas.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  API_BASE_PATH,
  AppointmentsQuerySchema,
  CheckInRequestSchema,
  IDEMPOTENCY_KEY_HEADER,
  SiteIdSchema,
  type Appointment,
  type AppointmentsPage,
  type AppointmentStatus,
  type BookingTokenResponse,
  type CheckInRecord,
  type CheckInRequest,
  type HealthResponse,
  type SiteInfoResponse,
} from '../src-shared/contract/townhall-api';
import { parseIdDocument } from '../src-shared/domain/id-document';
import { addDays, fromLocalDateTime } from '../src-shared/domain/site-time';
import {
  generateSigningKey,
  loadOrCreateSigningKeys,
  publicBookingKey,
  signBookingToken,
  type SigningKey,
} from './booking-tokens';
import { checkCursor, encodeCursor } from './cursor';
import { publicAppointment, publicCheckIn, TownhallDatabase } from './database';
import { describeIssues, HttpError, readJsonBody, sendError, sendJson } from './http-util';
import { buildOpenApiDocument } from './openapi';
import { resolveSeed, type SeedDocument } from './seed';

export interface TownhallServerOptions {
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

/** In-process administration, standing in for the town hall's back office in tests and demos. */
export interface TownhallAdmin {
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
}

export interface TownhallServer {
  url: string;
  port: number;
  admin: TownhallAdmin;
  close(): Promise<void>;
}

const DEFAULT_MAX_BODY_BYTES = 16 * 1024;

function requireSite(db: TownhallDatabase, rawSiteId: string): string {
  const parsed = SiteIdSchema.safeParse(rawSiteId);
  if (!parsed.success) throw new HttpError(400, 'bad-request', 'siteId: invalid site identifier');
  if (!db.hasSite(parsed.data)) {
    throw new HttpError(404, 'not-found', `site ${parsed.data} is not known`);
  }
  return parsed.data;
}

/** The same request, compared field by field: replays must match the recorded check-in. */
const sameCheckIn = (record: CheckInRecord, request: CheckInRequest): boolean =>
  record.appointmentId === request.appointmentId &&
  record.kioskId === request.kioskId &&
  record.ticketNumber === request.ticketNumber &&
  record.issuedAt === request.issuedAt;

function getAppointments(db: TownhallDatabase, siteId: string, url: URL): AppointmentsPage {
  // First value of each parameter: repeated parameters are not part of the API.
  const raw: Record<string, string> = {};
  for (const [key, value] of url.searchParams) raw[key] ??= value;
  const parsed = AppointmentsQuerySchema.safeParse(raw);
  if (!parsed.success) throw new HttpError(400, 'bad-request', describeIssues(parsed.error));
  const query = parsed.data;
  const currentSeq = db.currentSequence();
  let baseSeq = currentSeq;
  let position = 0;
  if (query.cursor !== undefined) {
    const check = checkCursor(query.cursor, {
      epoch: db.epoch,
      siteId,
      from: query.from,
      days: query.days,
      currentSeq,
    });
    if (!check.ok) throw new HttpError(400, 'invalid-cursor', check.reason);
    baseSeq = check.state.baseSeq;
    position = check.state.position;
  }
  // One row more than asked tells whether another page follows.
  const rows = db.changedInWindow({
    siteId,
    fromDay: query.from,
    toDay: addDays(query.from, query.days - 1),
    baseSeq,
    afterSeq: position,
    limit: query.limit + 1,
  });
  const hasMore = rows.length > query.limit;
  const page = rows.slice(0, query.limit);
  // The last page's cursor is the current sequence, so the next delta starts after every change
  // that exists now, in this window or not. better-sqlite3 is synchronous: nothing can be written
  // between reading the rows and reading the sequence.
  const nextPosition = hasMore ? (page.at(-1)?.changeSeq ?? position) : currentSeq;
  const cursor = encodeCursor({
    epoch: db.epoch,
    siteId,
    from: query.from,
    days: query.days,
    baseSeq: hasMore ? baseSeq : currentSeq,
    position: nextPosition,
  });
  return { appointments: page.map(publicAppointment), cursor, hasMore };
}

async function postCheckIn(
  db: TownhallDatabase,
  siteId: string,
  request: IncomingMessage,
  maxBodyBytes: number,
  now: () => Date,
): Promise<{ status: 200 | 201; record: CheckInRecord }> {
  const key = request.headers[IDEMPOTENCY_KEY_HEADER.toLowerCase()];
  if (typeof key !== 'string' || key.length === 0) {
    throw new HttpError(400, 'bad-request', `${IDEMPOTENCY_KEY_HEADER} header is required`);
  }
  const parsed = CheckInRequestSchema.safeParse(await readJsonBody(request, maxBodyBytes));
  if (!parsed.success)
    throw new HttpError(400, 'bad-request', describeIssues(parsed.error, 'body.'));
  const checkIn = parsed.data;
  if (key !== checkIn.ticketId) {
    throw new HttpError(400, 'bad-request', `${IDEMPOTENCY_KEY_HEADER} must equal body.ticketId`);
  }
  // Synchronous from here on: the lookup and the writes cannot interleave with another request.
  return db.db.transaction(() => {
    const existing = db.getCheckIn(checkIn.ticketId);
    if (existing) {
      if (existing.siteId === siteId && sameCheckIn(existing, checkIn)) {
        return { status: 200 as const, record: publicCheckIn(existing) };
      }
      throw new HttpError(
        409,
        'idempotency-key-mismatch',
        `${IDEMPOTENCY_KEY_HEADER} ${checkIn.ticketId} was already used with a different body`,
      );
    }
    const appointment = db.getAppointment(checkIn.appointmentId);
    if ((!appointment || appointment.siteId !== siteId) && checkIn.bookingToken !== undefined) {
      // Checked in offline from a signed token for a booking this town hall does not have (never
      // recorded, deleted since, or signed by another system): final, for staff to look at.
      throw new HttpError(
        422,
        'unknown-appointment',
        `appointment ${checkIn.appointmentId} of a booking token is not known here`,
      );
    }
    if (!appointment || appointment.siteId !== siteId) {
      throw new HttpError(
        404,
        'not-found',
        `appointment ${checkIn.appointmentId} is not known here`,
      );
    }
    if (appointment.status === 'cancelled') {
      throw new HttpError(409, 'conflict', `appointment ${appointment.id} is cancelled`);
    }
    if (appointment.status === 'checked-in') {
      throw new HttpError(409, 'conflict', `appointment ${appointment.id} is already checked in`);
    }
    // A 'no-show' that turns up late is still welcome: the check-in wins.
    const record = db.insertCheckIn(siteId, checkIn, now());
    db.updateAppointment(appointment.id, { status: 'checked-in' });
    return { status: 201 as const, record: publicCheckIn(record) };
  })();
}

/** Seconds since the epoch, as JWT NumericDate. */
const seconds = (date: Date): number => Math.floor(date.getTime() / 1000);

/**
 * Signs a token for one of the site's appointments. It expires at the end of the appointment's
 * site-local day: it can do nothing after that.
 */
function issueToken(
  db: TownhallDatabase,
  key: SigningKey,
  siteId: string,
  appointmentId: string,
  now: Date,
): BookingTokenResponse {
  const appointment = db.getAppointment(appointmentId);
  if (!appointment || appointment.siteId !== siteId) {
    throw new HttpError(404, 'not-found', `appointment ${appointmentId} is not known here`);
  }
  if (appointment.status === 'cancelled') {
    throw new HttpError(409, 'conflict', `appointment ${appointment.id} is cancelled`);
  }
  const site = db.getSite(siteId);
  const expiresAt = fromLocalDateTime(
    addDays(appointment.localDay, 1),
    '00:00',
    site?.timeZone ?? 'Europe/Madrid',
  );
  const token = signBookingToken(key, {
    bid: appointment.id,
    code: appointment.code,
    site: siteId,
    svc: appointment.serviceId,
    start: appointment.startsAt,
    exp: seconds(expiresAt),
    iat: seconds(now),
  });
  return { token, kid: key.kid, expiresAt: expiresAt.toISOString() };
}

type Route =
  | { name: 'health' | 'openapi' }
  | { name: 'site' | 'appointments' | 'check-ins'; siteId: string }
  | { name: 'token'; siteId: string; appointmentId: string };

function matchRoute(pathname: string): Route | null {
  if (pathname === `${API_BASE_PATH}/health`) return { name: 'health' };
  if (pathname === `${API_BASE_PATH}/openapi.json`) return { name: 'openapi' };
  const token = /^\/api\/v1\/sites\/([^/]+)\/appointments\/([^/]+)\/token$/.exec(pathname);
  if (token) {
    try {
      return {
        name: 'token',
        siteId: decodeURIComponent(token[1] as string),
        appointmentId: decodeURIComponent(token[2] as string),
      };
    } catch {
      return null;
    }
  }
  const match = /^\/api\/v1\/sites\/([^/]+)(?:\/(appointments|check-ins))?$/.exec(pathname);
  if (!match) return null;
  let siteId: string;
  try {
    siteId = decodeURIComponent(match[1] as string);
  } catch {
    return null;
  }
  const name = (match[2] ?? 'site') as 'site' | 'appointments' | 'check-ins';
  return { name, siteId };
}

const allowedMethod = (route: Route): string => (route.name === 'check-ins' ? 'POST' : 'GET');

export async function startTownhallServer(
  options: TownhallServerOptions = {},
): Promise<TownhallServer> {
  const now = options.now ?? (() => new Date());
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const db = new TownhallDatabase(options.dbFile ?? ':memory:');
  if (options.seed) db.loadSeed(resolveSeed(options.seed, now()));
  const openApiDocument = buildOpenApiDocument();
  const signingKeys =
    options.signingKeys ??
    (options.signingKeyFile
      ? loadOrCreateSigningKeys(options.signingKeyFile)
      : [generateSigningKey()]);
  const [firstKey] = signingKeys;
  if (!firstKey) throw new Error('at least one booking-token signing key is needed');
  const activeKey: SigningKey = firstKey;
  const bookingKeys = signingKeys.map(publicBookingKey);

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://townhall.invalid');
    const route = matchRoute(url.pathname);
    if (!route) throw new HttpError(404, 'not-found', `no such endpoint: ${url.pathname}`);
    if (request.method !== allowedMethod(route)) {
      response.setHeader('allow', allowedMethod(route));
      throw new HttpError(405, 'method-not-allowed', `use ${allowedMethod(route)}`);
    }
    switch (route.name) {
      case 'health': {
        const body: HealthResponse = { status: 'ok', apiVersion: 'v1', time: now().toISOString() };
        return sendJson(response, 200, body);
      }
      case 'openapi':
        return sendJson(response, 200, openApiDocument);
      case 'site': {
        const siteId = requireSite(db, route.siteId);
        const body: SiteInfoResponse = {
          site: { ...(db.getSite(siteId) as SiteInfoResponse['site']), bookingKeys },
          services: db.listServices(siteId),
        };
        return sendJson(response, 200, body);
      }
      case 'appointments':
        return sendJson(response, 200, getAppointments(db, requireSite(db, route.siteId), url));
      case 'check-ins': {
        const siteId = requireSite(db, route.siteId);
        const result = await postCheckIn(db, siteId, request, maxBodyBytes, now);
        return sendJson(response, result.status, result.record);
      }
      case 'token': {
        const siteId = requireSite(db, route.siteId);
        return sendJson(
          response,
          200,
          issueToken(db, activeKey, siteId, route.appointmentId, now()),
        );
      }
    }
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      const httpError =
        error instanceof HttpError
          ? error
          : new HttpError(500, 'internal', 'internal error; see the server log');
      if (!(error instanceof HttpError)) console.error('townhall-api:', error);
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

  const toIso = (value: Date | string) => new Date(value).toISOString();
  const admin: TownhallAdmin = {
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
    issueToken: (siteId, appointmentId) => issueToken(db, activeKey, siteId, appointmentId, now()),
    citizenIdHash: (siteId, citizenId) => {
      const parsed = parseIdDocument(citizenId);
      if (!parsed.ok) throw new Error('not a valid DNI, NIE or passport number');
      return db.citizenIdHash(siteId, parsed.normalised);
    },
    currentSequence: () => db.currentSequence(),
  };

  return {
    url: `http://${hostForUrl}:${port}`,
    port,
    admin,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => {
          db.close();
          if (error) reject(error);
          else resolve();
        });
        server.closeAllConnections();
      }),
  };
}
