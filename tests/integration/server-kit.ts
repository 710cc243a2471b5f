/**
 * Shared by the server-*.test.ts files: a small seed with caps and enrolment codes,
 * a server on a fresh database (a temporary SQLite file, or a PostgreSQL schema on a PostgreSQL
 * run: server-databases.ts; closed after each test), JSON requests over real HTTP
 * (with fetch, or with node:http where a test sets Host or the client's own address) and an
 * SSE client.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import {
  request as httpRequest,
  type ClientRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
} from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { serverTestDialect, startServerUnderTest } from './server-databases';
import { parseSeed, type SeedDocumentInput } from '../../server/seed';
import { type TurneroServer, type TurneroServerOptions } from '../../server/server';

// 10:00 in Madrid (CET) on a Tuesday.
export const NOW = new Date('2026-02-10T09:00:00.000Z');
export const TODAY = '2026-02-10';
export const SITE = 'test-sac';
/** A made-up DNI of the seed: it must never show on a page. */
export const CITIZEN_ID = '12345678Z';

export const seedDocument = (overrides: Partial<SeedDocumentInput> = {}): SeedDocumentInput => ({
  site: {
    id: SITE,
    name: 'Ayuntamiento de Prueba',
    timeZone: 'Europe/Madrid',
    numbering: { leaseCeiling: 99, defaultBlockSize: 10 },
  },
  services: [
    { id: 'empadronamiento', prefix: 'E', names: { es: 'Empadronamiento' }, walkInsAllowed: true },
    {
      id: 'registro',
      prefix: 'R',
      names: { es: 'Registro general' },
      walkInsAllowed: true,
      dailyCap: 3,
      checkInWindow: { minutesBefore: 30, minutesAfter: 15 },
    },
    { id: 'padron', prefix: 'P', names: { es: 'Padrón' }, walkInsAllowed: false },
  ],
  appointments: [
    { code: 'TRN-AAA001', serviceId: 'empadronamiento', offsetMinutes: 0, citizenId: CITIZEN_ID },
    { code: 'TRN-AAA002', serviceId: 'empadronamiento', offsetMinutes: 10 },
    { code: 'TRN-AAA003', serviceId: 'registro', offsetMinutes: 5 },
    { code: 'TRN-AAA004', serviceId: 'padron', offsetMinutes: 20 },
  ],
  enrolmentCodes: ['ENROL-0001', 'ENROL-0002', 'ENROL-0003'],
  desks: ['Mesa 1', 'Mesa 2'],
  ...overrides,
});

/** A clock the test moves by hand, from `start` (the kit's NOW). */
export function movableClock(start: Date = NOW) {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advance: (ms: number) => {
      current += ms;
    },
    set: (instant: string) => {
      current = new Date(instant).getTime();
    },
  };
}

export function tempDbFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'turnero-townhall-')), 'townhall.sqlite');
}

export interface TestServer {
  server: TurneroServer;
  dbFile: string;
}

/**
 * A server on a fresh database with the kit's seed and clock; `options` override them. On
 * SQLite a fresh temporary file (`dbFile`); on a PostgreSQL run (server-databases.ts) a fresh
 * schema, unless `options.dbFile` names a file.
 */
export async function startTestServer(options: TurneroServerOptions = {}): Promise<TestServer> {
  const onPostgres = serverTestDialect === 'postgres' && options.dbFile === undefined;
  const dbFile = options.dbFile ?? tempDbFile();
  const server = await startServerUnderTest({
    ...(onPostgres ? {} : { dbFile }),
    seed: parseSeed(seedDocument()),
    now: () => NOW,
    ...options,
  });
  return { server, dbFile };
}

/**
 * For a test file whose tests start their own servers: call it once at the top; the function it
 * returns starts a server as `startTestServer` does, and every server so started is closed after
 * its test, passed or failed.
 */
export function serversClosedAfterEach(): (options?: TurneroServerOptions) => Promise<TestServer> {
  const started: TurneroServer[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((server) => server.close()));
  });
  return async (options = {}) => {
    const test = await startTestServer(options);
    started.push(test.server);
    return test;
  };
}

export interface JsonAnswer {
  status: number;
  body: unknown;
  headers: Headers;
}

export async function request(
  server: TurneroServer,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<JsonAnswer> {
  const response = await fetch(server.url + path, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text ? (JSON.parse(text) as unknown) : null,
    headers: response.headers,
  };
}

export const errorCode = (answer: JsonAnswer): string | undefined =>
  (answer.body as { error?: { code?: string } } | null)?.error?.code;

export const bearer = (credential: string) => ({ authorization: `Bearer ${credential}` });

export function walkIn(overrides: Record<string, unknown> = {}) {
  return {
    ticketId: randomUUID(),
    serviceId: 'empadronamiento',
    kioskId: 'kiosk-1',
    ticketNumber: 'E-001',
    issuedAt: NOW.toISOString(),
    ...overrides,
  };
}

export function checkIn(appointmentId: string, overrides: Record<string, unknown> = {}) {
  return {
    ticketId: randomUUID(),
    appointmentId,
    kioskId: 'kiosk-1',
    ticketNumber: 'E-001',
    issuedAt: NOW.toISOString(),
    ...overrides,
  };
}

/** POSTs a ticket (walk-in or check-in) with its id as the Idempotency-Key. */
export const postTicket = (
  server: TurneroServer,
  path: string,
  ticket: { ticketId: string } & Record<string, unknown>,
  headers: Record<string, string> = {},
) => request(server, 'POST', path, ticket, { 'Idempotency-Key': ticket.ticketId, ...headers });

export function heartbeat(kioskId: string, overrides: Record<string, unknown> = {}) {
  return {
    kioskId,
    sentAt: new Date(NOW.getTime() - 3000).toISOString(),
    appVersion: '0.1.0',
    connectivity: 'online',
    printer: { state: 'paper-near-end', transport: 'serial' },
    scanner: { transport: 'serial', connected: true },
    outbox: { pending: 2 },
    ticketsToday: 7,
    clockSkewMs: 2500,
    ...overrides,
  };
}

/** Where a server listens: a started one, or one running in another process. */
export type ServerAddress = Pick<TurneroServer, 'url'>;

export interface RawRequest {
  method?: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as an HTML form would (instead of `body`). */
  form?: Record<string, string>;
  /** The client's own address, e.g. 127.0.0.2: another client as the server sees it. */
  localAddress?: string;
}

export interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  /** JSON when the answer is JSON, else its text. */
  body: unknown;
}

/** One request on its own connection, over node:http: unlike fetch, it may set Host. */
export function rawRequest(server: ServerAddress, spec: RawRequest): Promise<RawAnswer> {
  const text = spec.form
    ? new URLSearchParams(spec.form).toString()
    : spec.body === undefined
      ? undefined
      : JSON.stringify(spec.body);
  const type = spec.form ? 'application/x-www-form-urlencoded' : 'application/json';
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      server.url + spec.path,
      {
        method: spec.method ?? 'GET',
        agent: false,
        headers: {
          ...(text !== undefined ? { 'content-type': type } : {}),
          ...spec.headers,
        },
        ...(spec.localAddress ? { localAddress: spec.localAddress } : {}),
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          const isJson = /json/.test(response.headers['content-type'] ?? '');
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: isJson && raw ? (JSON.parse(raw) as unknown) : raw,
          });
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.end(text);
  });
}

export const rawErrorCode = (answer: RawAnswer): string | undefined =>
  (answer.body as { error?: { code?: string } } | null)?.error?.code;

export interface SseEvent {
  id?: string;
  event?: string;
  data?: string;
}

export interface StreamOptions {
  headers?: Record<string, string>;
  localAddress?: string;
}

/** An SSE client on node:http: collects events and comments as they arrive. */
export function openStream(server: ServerAddress, path: string, options: StreamOptions = {}) {
  const events: SseEvent[] = [];
  const comments: string[] = [];
  let buffer = '';
  let waiters: (() => void)[] = [];
  let clientRequest: ClientRequest | undefined;
  const ready = new Promise<IncomingMessage>((resolve, reject) => {
    clientRequest = httpRequest(
      server.url + path,
      {
        agent: false,
        headers: options.headers ?? {},
        ...(options.localAddress ? { localAddress: options.localAddress } : {}),
      },
      (response) => {
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const event: SseEvent = {};
            for (const line of block.split('\n')) {
              if (line.startsWith(':')) comments.push(line);
              else {
                const [field = '', ...rest] = line.split(': ');
                if (field === 'id' || field === 'event' || field === 'data') {
                  event[field] = rest.join(': ');
                }
              }
            }
            if (event.data !== undefined) events.push(event);
          }
          for (const wake of waiters) wake();
          waiters = [];
        });
        resolve(response);
      },
    );
    clientRequest.on('error', reject);
    clientRequest.end();
  });
  return {
    ready,
    events,
    comments,
    async waitFor(count: number, what: () => number = () => events.length): Promise<void> {
      const deadline = Date.now() + 5000;
      while (what() < count) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${count}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 100);
        });
      }
    },
    close: () => clientRequest?.destroy(),
  };
}
