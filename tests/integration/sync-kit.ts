/**
 * Shared pieces of the sync tests: a generated seed with many appointments, a simulated clock,
 * and a kiosk (real SQLite file, CheckInService, SyncEngine, real HTTP) wired like the app wires it.
 */
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { SeedDocumentInput } from '../../server/seed';
import { parseSeed } from '../../server/seed';
import { CheckInService } from '../../src-main/checkin/check-in-service';
import { openStore, type Store } from '../../src-main/store/store';
import type { ReservedRange } from '../../src-main/store/number-repository';
import {
  createSyncEngine,
  type SyncEngine,
  type SyncEngineOptions,
} from '../../src-main/sync/sync-engine';
import { createTurneroApiClient } from '../../src-main/backend/turnero-api/api-client';
import { RecordingPrinter } from '../support/recording-printer';
import { bookingCodeFor } from '../support/booking-codes';

export { bookingCodeFor };

export const SITE = 'sync-sac';
export const TIME_ZONE = 'Europe/Madrid';

export const SERVICE_IDS = ['svc-a', 'svc-b', 'svc-c', 'svc-d', 'svc-e', 'svc-f'];

/**
 * A site with `count` booked appointments spread over the services, `offsetMinutes` apart
 * from `firstOffset` (relative to the server's clock at start), and a lease numbering.
 */
export function generatedSeed(
  count: number,
  options: {
    firstOffset?: number;
    spacing?: number;
    leaseCeiling?: number;
    blockSize?: number;
  } = {},
) {
  const spacing = options.spacing ?? 0;
  const document: SeedDocumentInput = {
    site: {
      id: SITE,
      name: 'Ayuntamiento de Pruebas',
      timeZone: TIME_ZONE,
      numbering: {
        leaseCeiling: options.leaseCeiling ?? 799,
        defaultBlockSize: options.blockSize ?? 20,
      },
    },
    services: SERVICE_IDS.map((id, index) => ({
      id,
      prefix: String.fromCharCode(65 + index),
      names: { es: `Servicio ${index + 1}` },
      walkInsAllowed: index !== 5,
    })),
    appointments: Array.from({ length: count }, (_, i) => ({
      code: bookingCodeFor(i),
      id: `apt-${i}`,
      serviceId: SERVICE_IDS[i % SERVICE_IDS.length] as string,
      offsetMinutes: (options.firstOffset ?? 0) + Math.floor(i * spacing),
    })),
  };
  return parseSeed(document, 'generated');
}

/** A clock that starts at `start` and moves only when told (or with real time when `live`). */
export function simulatedClock(start: Date, live = false) {
  let offset = start.getTime() - Date.now();
  let frozen = start.getTime();
  return {
    now: () => new Date(live ? Date.now() + offset : frozen),
    advance(ms: number) {
      frozen += ms;
      offset += ms;
    },
    set(at: Date) {
      frozen = at.getTime();
      offset = at.getTime() - Date.now();
    },
  };
}

export interface TestKiosk {
  store: Store;
  kiosk: CheckInService;
  engine: SyncEngine;
  printer: RecordingPrinter;
  logs: string[];
  close(): Promise<void>;
}

export function makeKiosk(options: {
  dir: string;
  baseUrl: string;
  kioskId: string;
  now: () => Date;
  reservedRange?: ReservedRange;
  timeoutMs?: number;
  engine?: Partial<SyncEngineOptions>;
  credential?: () => string | null;
  /** Push right after each ticket, as the app does (default true). */
  autoPush?: boolean;
  /** The app's "the cache may lack recent bookings" (offline, an old pull); false by default. */
  cacheMayBeStale?: () => boolean;
}): TestKiosk {
  const store = openStore(join(options.dir, `${options.kioskId}.sqlite`));
  const logs: string[] = [];
  const log = (line: string) => logs.push(line);
  const client = createTurneroApiClient({
    baseUrl: options.baseUrl,
    siteId: SITE,
    timeoutMs: options.timeoutMs ?? 2000,
    now: options.now,
    ...(options.credential ? { credential: options.credential } : {}),
  });
  const engine = createSyncEngine({
    client,
    store,
    timeZone: TIME_ZONE,
    pollSeconds: () => 3600,
    kioskId: options.kioskId,
    now: options.now,
    log,
    random: () => 0.5,
    ...options.engine,
  });
  const printer = new RecordingPrinter();
  const kiosk = new CheckInService({
    store,
    printer,
    kioskId: options.kioskId,
    timeZone: TIME_ZONE,
    language: 'es',
    settings: () => ({
      checkInWindow: { minutesBefore: 120, minutesAfter: 60 },
      ticketQrUrl: null,
    }),
    now: options.now,
    numbering: {
      reservedRange: options.reservedRange ?? { first: 900, last: 999 },
      ensureLease: (serviceId, day) => engine.ensureLease(serviceId, day, 500),
    },
    onTicketCommitted: () => {
      if (options.autoPush ?? true) engine.requestPush();
    },
    ...(options.cacheMayBeStale ? { cacheMayBeStale: options.cacheMayBeStale } : {}),
    log,
  });
  return {
    store,
    kiosk,
    engine,
    printer,
    logs,
    async close() {
      await engine.stop();
      store.close();
    },
  };
}

/** Checks in the booking `bookingCodeFor(index)`; its ticket, or throws the refusal's code. */
export async function issueCheckIn(kiosk: TestKiosk, index: number) {
  const result = await kiosk.kiosk.checkIn(bookingCodeFor(index));
  if (!result.ok) throw new Error(result.error.code);
  return result.value.ticket;
}

/**
 * A gateway in front of the town hall at `upstream` (as a proxy would be): `intercept` answers a
 * request itself and returns true, or returns false and the request goes through.
 */
export async function startGateway(
  upstream: string,
  intercept: (request: IncomingMessage, response: ServerResponse) => boolean,
): Promise<{ url: string; close(): Promise<void> }> {
  const gateway = createServer((request, response) => {
    if (intercept(request, response)) return;
    const forwarded = httpRequest(
      upstream + (request.url ?? '/'),
      { method: request.method, headers: request.headers },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    request.pipe(forwarded);
  });
  await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => gateway.close(() => resolve())),
  };
}

/** Answers a POST to `…/check-ins` with `status` and an ApiError body; true when it did. */
export function refuseCheckIns(
  request: IncomingMessage,
  response: ServerResponse,
  status: number,
  error: { code: string; message: string },
): boolean {
  if (request.method !== 'POST' || !request.url?.endsWith('/check-ins')) return false;
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ error }));
  return true;
}
