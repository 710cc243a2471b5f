/**
 * A FAKE Easy!Appointments server for tests: the few REST API v1 endpoints the kiosk's adapter
 * uses, shaped as EA's openapi.yml and docs/rest-api.md describe them (and as EA 1.5 answers):
 *
 * - auth: `Authorization: Bearer <api token>` (or Basic with an admin's credentials); anything
 *   else is `401` with a plain-text body and `WWW-Authenticate: Basic realm="Easy!Appointments"`;
 * - `GET /services`, `GET /providers`, `GET /appointments`: `page` (from 1), `length` (default
 *   20), `sort` (`+id,-start`), `fields` (comma list), and for appointments `date`, `from` (date
 *   of `start` ≥), `till` (date of `end` ≤), `serviceId`, `providerId`. A provider has its
 *   `timezone` (EA keeps its appointments' times in it; `UTC` unless set);
 * - `GET|PUT /appointments/{id}`: 404 with an empty body when unknown; PUT merges the given
 *   fields over the stored record and answers the record;
 * - `GET /settings/{name}`: `{"name", "value"}` (value null when unset).
 *
 * Not EA: no database, no notifications, no validation beyond what the adapter relies on. Tests
 * drive it through `admin` and read `requests`; `breakNext` serves one raw answer (fault tests).
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const FAKE_EA_API_PATH = '/index.php/api/v1';

export interface FakeEaAppointment {
  id: number;
  book: string;
  start: string;
  end: string;
  hash: string;
  location: string | null;
  color: string;
  status: string;
  notes: string | null;
  customerId: number | null;
  providerId: number | null;
  serviceId: number | null;
  googleCalendarId: string | null;
  caldavCalendarId: string | null;
}

export interface FakeEaService {
  id: number;
  name: string;
  duration: number;
  price: number;
  currency: string;
  location: string | null;
  description: string;
  availabilitiesType: 'flexible' | 'fixed';
  attendantsNumber: number;
  isPrivate: boolean;
  serviceCategoryId: number | null;
}

export interface FakeEaProvider {
  id: number;
  firstName: string;
  lastName: string;
  email: string;
  /** EA 1.4+: an IANA zone, `UTC` by default; absent (null here) in older versions. */
  timezone: string | null;
  language: string;
  services: number[];
}

export interface FakeEaRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
}

export interface FakeEasyAppointmentsOptions {
  apiToken: string;
  services?: Array<Partial<FakeEaService> & Pick<FakeEaService, 'id' | 'name'>>;
  settings?: Record<string, string | null>;
  /** None unless given: like an EA whose API lists no providers. */
  providers?: Array<Partial<FakeEaProvider> & Pick<FakeEaProvider, 'id'>>;
  /** Basic auth of an admin user, as EA also accepts. */
  admin?: { username: string; password: string };
}

export interface FakeEasyAppointments {
  /** The API root, `http://127.0.0.1:<port>/index.php/api/v1`. */
  apiUrl: string;
  requests: FakeEaRequest[];
  admin: {
    addAppointment(
      fields: Pick<FakeEaAppointment, 'start' | 'serviceId'> & Partial<FakeEaAppointment>,
    ): FakeEaAppointment;
    updateAppointment(id: number, patch: Partial<FakeEaAppointment>): FakeEaAppointment;
    deleteAppointment(id: number): void;
    getAppointment(id: number): FakeEaAppointment | undefined;
    setSetting(name: string, value: string | null): void;
    updateProvider(id: number, patch: Partial<FakeEaProvider>): FakeEaProvider;
  };
  /** The next request whose path starts with `pathPrefix` gets this raw 200 answer instead. */
  breakNext(pathPrefix: string, rawBody: string): void;
  close(): Promise<void>;
}

const json = (response: ServerResponse, status: number, body: unknown): void => {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
};

const empty = (response: ServerResponse, status: number): void => {
  response.writeHead(status, { 'content-length': 0 });
  response.end();
};

const dateOf = (localDateTime: string): string => localDateTime.slice(0, 10);

/** EA's `sort`: `+field`, `-field` or `field`, up to three, applied in order. */
function sortBy<T extends object>(rows: T[], sort: string | undefined): T[] {
  if (!sort) return rows;
  const keys = sort
    .split(',')
    .map((token) => token.trim())
    .filter(Boolean)
    .slice(0, 3)
    .map((token) =>
      token.startsWith('-')
        ? { field: token.slice(1), direction: -1 }
        : { field: token.replace(/^\+/, ''), direction: 1 },
    );
  return [...rows].sort((a, b) => {
    for (const { field, direction } of keys) {
      const x = (a as Record<string, unknown>)[field];
      const y = (b as Record<string, unknown>)[field];
      if (x === y) continue;
      if (x === null || x === undefined) return -direction;
      if (y === null || y === undefined) return direction;
      return (x < y ? -1 : 1) * direction;
    }
    return 0;
  });
}

/** `page` (1-based) and `length` (default 20), as EA's Api library computes the offset. */
function paginate<T>(rows: T[], query: Record<string, string>): T[] {
  const length = Number(query.length ?? 20);
  const page = Number(query.page ?? 1);
  return rows.slice((page - 1) * length, page * length);
}

function only(record: object, fields: string | undefined): Record<string, unknown> {
  if (!fields) return { ...record };
  const wanted = fields.split(',').map((field) => field.trim());
  return Object.fromEntries(Object.entries(record).filter(([key]) => wanted.includes(key)));
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** A wall-clock `YYYY-MM-DD HH:MM:SS` plus some minutes (naive, as EA adds a service's duration). */
function plusMinutes(localDateTime: string, minutes: number): string {
  const naive = new Date(`${localDateTime.replace(' ', 'T')}Z`);
  return new Date(naive.getTime() + minutes * 60000).toISOString().slice(0, 19).replace('T', ' ');
}

/** EA 1.x booking hashes: 12 random alphanumerics. */
function newHash(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(12)].map((byte) => alphabet[byte % alphabet.length]).join('');
}

export async function startFakeEasyAppointments(
  options: FakeEasyAppointmentsOptions,
): Promise<FakeEasyAppointments> {
  const services: FakeEaService[] = (options.services ?? []).map((service) => ({
    duration: 15,
    price: 0,
    currency: 'EUR',
    location: null,
    description: '',
    availabilitiesType: 'flexible',
    attendantsNumber: 1,
    isPrivate: false,
    serviceCategoryId: null,
    ...service,
  }));
  const providers: FakeEaProvider[] = (options.providers ?? []).map((provider) => ({
    firstName: 'Ana',
    lastName: `Provider ${provider.id}`,
    email: `provider${provider.id}@ayto.example.es`,
    timezone: 'UTC',
    language: 'spanish',
    services: [],
    ...provider,
  }));
  const appointments = new Map<number, FakeEaAppointment>();
  const settings = new Map<string, string | null>(Object.entries(options.settings ?? {}));
  const requests: FakeEaRequest[] = [];
  const broken: Array<{ pathPrefix: string; rawBody: string }> = [];
  let nextId = 1;

  function authorised(request: IncomingMessage): boolean {
    const header = request.headers.authorization ?? '';
    const bearer = /^Bearer\s(\S+)$/.exec(header);
    if (bearer) return bearer[1] === options.apiToken;
    const basic = /^Basic\s(\S+)$/.exec(header);
    if (basic && options.admin) {
      const [username, password] = Buffer.from(basic[1] ?? '', 'base64')
        .toString('utf8')
        .split(':');
      return username === options.admin.username && password === options.admin.password;
    }
    return false;
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://fake-ea.invalid');
    const query = Object.fromEntries(url.searchParams);
    const method = request.method ?? 'GET';
    const body = await readBody(request);
    if (!url.pathname.startsWith(FAKE_EA_API_PATH)) return empty(response, 404);
    const path = url.pathname.slice(FAKE_EA_API_PATH.length);
    requests.push({ method, path, query, body });

    if (!authorised(request)) {
      response.writeHead(401, {
        'www-authenticate': 'Basic realm="Easy!Appointments"',
        'content-type': 'text/html; charset=UTF-8',
      });
      response.end('You are not authorized to use the API.');
      return;
    }
    const fault = broken.findIndex((entry) => path.startsWith(entry.pathPrefix));
    if (fault >= 0) {
      const [entry] = broken.splice(fault, 1);
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      response.end(entry?.rawBody ?? '');
      return;
    }

    if (method === 'GET' && path === '/services') {
      const rows = paginate(sortBy(services, query.sort), query);
      return json(
        response,
        200,
        rows.map((row) => only(row, query.fields)),
      );
    }

    if (method === 'GET' && path === '/providers') {
      const rows = paginate(sortBy(providers, query.sort), query);
      return json(
        response,
        200,
        rows.map((row) => only(row, query.fields)),
      );
    }

    if (method === 'GET' && path === '/appointments') {
      let rows = [...appointments.values()];
      if (query.date) rows = rows.filter((row) => dateOf(row.start) === query.date);
      if (query.from) rows = rows.filter((row) => dateOf(row.start) >= (query.from ?? ''));
      if (query.till) rows = rows.filter((row) => dateOf(row.end) <= (query.till ?? ''));
      if (query.serviceId) rows = rows.filter((row) => String(row.serviceId) === query.serviceId);
      if (query.providerId) {
        rows = rows.filter((row) => String(row.providerId) === query.providerId);
      }
      rows = paginate(sortBy(rows, query.sort), query);
      return json(
        response,
        200,
        rows.map((row) => only(row, query.fields)),
      );
    }

    const byId = /^\/appointments\/(\d+)$/.exec(path);
    if (byId) {
      const appointment = appointments.get(Number(byId[1]));
      if (!appointment) return empty(response, 404);
      if (method === 'GET') return json(response, 200, only(appointment, query.fields));
      if (method === 'PUT') {
        if (typeof body !== 'object' || body === null) {
          return json(response, 500, { success: false, message: 'Invalid request body' });
        }
        // EA keeps the id, the booking hash and the booking time of a stored appointment.
        const patch = Object.fromEntries(
          Object.entries(body).filter(([key]) => !['id', 'hash', 'book'].includes(key)),
        );
        Object.assign(appointment, patch);
        return json(response, 200, appointment);
      }
      return empty(response, 405);
    }

    const setting = /^\/settings\/([a-z0-9_]+)$/.exec(path);
    if (method === 'GET' && setting) {
      const name = setting[1] ?? '';
      return json(response, 200, { name, value: settings.get(name) ?? null });
    }

    return empty(response, 404);
  }

  const server: Server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) json(response, 500, { success: false, message: 'fake failed' });
      else response.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    apiUrl: `http://127.0.0.1:${port}${FAKE_EA_API_PATH}`,
    requests,
    admin: {
      addAppointment(fields) {
        const id = fields.id ?? nextId;
        nextId = Math.max(nextId, id) + 1;
        const appointment: FakeEaAppointment = {
          id,
          book: '2026-03-01 10:00:00',
          end: fields.end ?? plusMinutes(fields.start, 15),
          hash: newHash(),
          location: null,
          color: '#7cbae8',
          status: 'Booked',
          notes: 'Private notes the kiosk must not need',
          customerId: 100 + id,
          providerId: 2,
          googleCalendarId: null,
          caldavCalendarId: null,
          ...fields,
        };
        appointments.set(id, appointment);
        return appointment;
      },
      updateAppointment(id, patch) {
        const appointment = appointments.get(id);
        if (!appointment) throw new Error(`no appointment ${id}`);
        Object.assign(appointment, patch);
        return appointment;
      },
      deleteAppointment(id) {
        appointments.delete(id);
      },
      getAppointment: (id) => appointments.get(id),
      setSetting(name, value) {
        settings.set(name, value);
      },
      updateProvider(id, patch) {
        const provider = providers.find((candidate) => candidate.id === id);
        if (!provider) throw new Error(`no provider ${id}`);
        Object.assign(provider, patch);
        return provider;
      },
    },
    breakNext(pathPrefix, rawBody) {
      broken.push({ pathPrefix, rawBody });
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
