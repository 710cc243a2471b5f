import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CheckInRequest, SiteInfoResponse } from '../../src-shared/contract/townhall-api';
import { openStore, type Store } from '../../src-main/store/store';
import {
  createSyncEngine,
  type SyncEngine,
  type SyncStatus,
} from '../../src-main/sync/sync-engine';
import { createTurneroApiClient } from '../../src-main/backend/turnero-api/api-client';
import { loadSeed } from '../../server/seed';
import type { TurneroServer } from '../../server/server';
import { startServerUnderTest } from './server-databases';

// 10:00 in Madrid: every demo appointment is today or on the next two days.
const NOW = new Date('2026-02-10T09:00:00.000Z');
const now = () => NOW;
const SITE = 'demo-sac';
const TIME_ZONE = 'Europe/Madrid';

let store: Store;
let townhall: TurneroServer | undefined;
let engine: SyncEngine | undefined;
let logLines: string[];
const extraServers: Server[] = [];

beforeEach(() => {
  store = openStore(join(mkdtempSync(join(tmpdir(), 'turnero-sync-')), 'kiosk.sqlite'));
  logLines = [];
});

afterEach(async () => {
  await engine?.stop();
  engine = undefined;
  await townhall?.close();
  townhall = undefined;
  for (const server of extraServers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  store.close();
});

function makeEngine(baseUrl: string, maxResponseBytes?: number, timeoutMs = 2000): SyncEngine {
  const client = createTurneroApiClient({
    baseUrl,
    siteId: SITE,
    timeoutMs,
    ...(maxResponseBytes ? { maxResponseBytes } : {}),
  });
  engine = createSyncEngine({
    client,
    store,
    timeZone: TIME_ZONE,
    pollSeconds: () => 3600,
    now,
    log: (line) => logLines.push(line),
  });
  return engine;
}

async function startDemoTownhall(port = 0): Promise<TurneroServer> {
  townhall = await startServerUnderTest({ port, seed: loadSeed('demo'), now });
  return townhall;
}

/** Commits a ticket and its outbox row the way the kiosk service does: in one transaction. */
function commitCheckIn(appointmentId: string, number = 'E-001'): CheckInRequest {
  const request: CheckInRequest = {
    ticketId: randomUUID(),
    appointmentId,
    kioskId: 'kiosk-1',
    ticketNumber: number,
    issuedAt: NOW.toISOString(),
  };
  store.transaction(() => {
    store.tickets.insertWithNextNumber({
      id: request.ticketId,
      localDay: '2026-02-10',
      serviceId: 'empadronamiento',
      servicePrefix: 'E',
      appointmentId,
      appointmentTime: '10:05',
      issuedAt: NOW,
    });
    store.outbox.add(request.ticketId, 'check-in', request, NOW);
  });
  return request;
}

const snapshot = () => ({
  appointments: store.catalog.countAppointments(),
  services: store.catalog.listServices().length,
  cursor: store.syncState.get('appointments-cursor'),
  from: store.syncState.get('appointments-from'),
  lastSuccessAt: store.syncState.get('last-success-at'),
  pendingOutbox: store.outbox.pendingCount(),
});

function waitForStatus(target: SyncEngine, predicate: (status: SyncStatus) => boolean) {
  return new Promise<SyncStatus>((resolve) => {
    if (predicate(target.getStatus())) return resolve(target.getStatus());
    const stop = target.onStatusChange((status) => {
      if (predicate(status)) {
        stop();
        resolve(status);
      }
    });
  });
}

async function listen(handler: (path: string, response: ServerResponse) => void): Promise<string> {
  const server = createServer((request, response) => handler(request.url ?? '/', response));
  extraServers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('sync engine against the reference Town Hall API', () => {
  it('fills an empty store, then pulls only what changed', async () => {
    const api = await startDemoTownhall();
    const sync = makeEngine(api.url);
    expect(sync.getStatus().connectivity).toBe('connecting');

    const first = await sync.syncNow();
    expect(first).toMatchObject({ ok: true, rejected: 0, delivered: 0 });
    const total = (await api.admin.listAppointments(SITE)).length;
    expect(first.appointmentsReceived).toBe(total);
    expect(store.catalog.countAppointments()).toBe(total);
    expect(store.catalog.getSite()?.name).toBe('Ayuntamiento de Villanueva de la Peña');
    expect(store.catalog.listServices()).toHaveLength(5);
    expect(store.catalog.findAppointmentByCode('TRN-DEM001', '2026-02-10')).toMatchObject({
      localTime: '10:05',
      status: 'booked',
    });
    expect(store.syncState.get('appointments-from')).toBe('2026-02-10');
    expect(sync.getStatus()).toMatchObject({
      connectivity: 'online',
      lastSuccessAt: NOW.toISOString(),
      pendingOutbox: 0,
      lastError: null,
    });

    await api.admin.cancelAppointment('apt-dem001');
    const delta = await sync.syncNow();
    expect(delta.appointmentsReceived).toBe(1);
    expect(store.catalog.getAppointment('apt-dem001')).toMatchObject({
      status: 'cancelled',
      version: 2,
    });
    expect(store.catalog.countAppointments()).toBe(total);
  });

  it('pulls the new window whole when the day rolls over, forgetting past days', async () => {
    const api = await startDemoTownhall();
    let clock = NOW;
    const client = createTurneroApiClient({ baseUrl: api.url, siteId: SITE, timeoutMs: 2000 });
    engine = createSyncEngine({
      client,
      store,
      timeZone: TIME_ZONE,
      pollSeconds: () => 3600,
      now: () => clock,
    });
    await engine.syncNow();
    clock = new Date('2026-02-11T07:00:00.000Z'); // 08:00 the next morning in Madrid
    const report = await engine.syncNow();
    expect(report.ok).toBe(true);
    expect(store.syncState.get('appointments-from')).toBe('2026-02-11');
    const stillCached = (await api.admin.listAppointments(SITE)).filter(
      (a) => new Date(a.startsAt) >= new Date('2026-02-10T23:00:00Z'),
    );
    expect(report.appointmentsReceived).toBe(stillCached.length);
    expect(store.catalog.countAppointments()).toBe(stillCached.length);
  });

  it('delivers an outbox row exactly once, however often a push is asked for', async () => {
    const api = await startDemoTownhall();
    const sync = makeEngine(api.url);
    await sync.syncNow();
    const request = commitCheckIn('apt-dem001');
    expect(sync.getStatus().pendingOutbox).toBe(1);

    sync.requestPush();
    sync.requestPush();
    const [a, b] = await Promise.all([sync.syncNow(), sync.syncNow()]);
    // Requests made before the run starts coalesce into that one run.
    expect(b).toBe(a);
    expect(a).toMatchObject({ ok: true, delivered: 1 });
    expect((await sync.syncNow()).delivered).toBe(0);
    expect(store.outbox.pendingCount()).toBe(0);
    expect(await api.admin.checkIns()).toEqual([{ ...request, receivedAt: NOW.toISOString() }]);
    // The pull after the push already brings back the check-in as the town hall sees it.
    expect(store.catalog.getAppointment('apt-dem001')).toMatchObject({
      status: 'checked-in',
      version: 2,
    });

    // A ticket committed while a run is in flight is pushed by that run or the next, once.
    const running = sync.syncNow();
    await new Promise((resolve) => setImmediate(resolve));
    const second = commitCheckIn('apt-r7v3mb', 'E-002');
    sync.requestPush();
    await running;
    await sync.stop();
    expect(store.outbox.pendingCount()).toBe(0);
    expect((await api.admin.checkIns()).map((record) => record.ticketId)).toEqual(
      expect.arrayContaining([request.ticketId, second.ticketId]),
    );
    expect(await api.admin.checkIns()).toHaveLength(2);

    // A push that arrived but whose answer was lost is simply replayed: still one record.
    const client = createTurneroApiClient({ baseUrl: api.url, siteId: SITE, timeoutMs: 2000 });
    expect((await client.postCheckIn(request)).replayed).toBe(true);
    expect(await api.admin.checkIns()).toHaveLength(2);
  });

  it('settles a check-in the town hall refuses for good, and does not retry it', async () => {
    const api = await startDemoTownhall();
    const sync = makeEngine(api.url);
    await sync.syncNow();
    commitCheckIn('apt-q2w6nx'); // cancelled at the town hall
    const first = await sync.syncNow();
    expect(first).toMatchObject({ ok: true, delivered: 0, rejected: 1 });
    expect(store.outbox.pendingCount()).toBe(0);
    const row = store.db
      .prepare('SELECT delivered_at, rejected_at, last_error, attempts FROM outbox')
      .get() as {
      delivered_at: string | null;
      rejected_at: string | null;
      last_error: string;
      attempts: number;
    };
    expect(row.delivered_at).toBeNull();
    expect(row.rejected_at).not.toBeNull();
    expect(row.last_error).toMatch(/^rejected: .*409 conflict/);
    expect(logLines.some((line) => /rejected for good/.test(line))).toBe(true);

    const second = await sync.syncNow();
    expect(second).toMatchObject({ ok: true, rejected: 0 });
    expect(await api.admin.checkIns()).toEqual([]);
  });

  it('goes offline when the API is down at start, keeps the cache, and recovers', async () => {
    // A cache from an earlier session.
    const earlier = await startDemoTownhall();
    await makeEngine(earlier.url).syncNow();
    await engine?.stop();
    await earlier.close();
    townhall = undefined;
    const cached = snapshot();
    expect(cached.appointments).toBeGreaterThan(0);

    const port = await freePort();
    const sync = makeEngine(`http://127.0.0.1:${port}`);
    commitCheckIn('apt-dem002', 'P-001');
    const statuses: SyncStatus[] = [];
    sync.onStatusChange((status) => statuses.push(status));
    sync.start();
    const offline = await waitForStatus(sync, (status) => status.connectivity === 'offline');
    expect(offline.lastError).toMatch(/GET \/api\/v1\/sites\/demo-sac/);
    expect(offline.pendingOutbox).toBe(1);
    expect(statuses[0]?.connectivity).toBe('connecting');
    expect(snapshot()).toEqual({ ...cached, pendingOutbox: 1 });
    expect(logLines.filter((line) => line.startsWith('sync: offline'))).toHaveLength(1);

    await startDemoTownhall(port);
    const report = await sync.syncNow();
    expect(report).toMatchObject({ ok: true, delivered: 1 });
    expect(sync.getStatus()).toMatchObject({
      connectivity: 'online',
      pendingOutbox: 0,
      lastError: null,
    });
    expect(statuses.at(-1)?.connectivity).toBe('online');
  });

  it('gives up on a town hall that never answers, as a timeout', async () => {
    const url = await listen(() => undefined); // accepts, never answers
    const report = await makeEngine(url, undefined, 300).syncNow();
    expect(report).toMatchObject({ ok: false });
    expect(report.error).toMatch(/no answer within 300 ms/);
    expect(snapshot().appointments).toBe(0);
  });

  describe('with a town hall that answers garbage', () => {
    let siteInfo: SiteInfoResponse;

    beforeEach(async () => {
      const api = await startDemoTownhall();
      await makeEngine(api.url).syncNow();
      await engine?.stop();
      siteInfo = {
        site: store.catalog.getSite() as SiteInfoResponse['site'],
        services: store.catalog.listServices(),
      };
    });

    const validSiteInfo = (path: string, response: ServerResponse): boolean => {
      if (!path.startsWith('/api/v1/sites/demo-sac?') && path !== '/api/v1/sites/demo-sac') {
        return false;
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(siteInfo));
      return true;
    };

    const appointment = {
      id: 'apt-new',
      code: 'TRN-NEW001',
      serviceId: 'empadronamiento',
      startsAt: '2026-02-10T10:00:00.000Z',
      status: 'booked',
      version: 1,
    };

    const answers: [string, (response: ServerResponse) => void, RegExp][] = [
      [
        'wrong types',
        (response) => {
          response.writeHead(200, { 'content-type': 'application/json' });
          response.end(
            JSON.stringify({
              appointments: [{ ...appointment, version: '1' }],
              cursor: 7,
              hasMore: 'no',
            }),
          );
        },
        /malformed|does not match the contract/,
      ],
      [
        'one bad appointment among good ones',
        (response) => {
          response.writeHead(200, { 'content-type': 'application/json' });
          const bad = { ...appointment, id: 'apt-bad', status: 'lost' };
          response.end(
            JSON.stringify({ appointments: [appointment, bad], cursor: 'c', hasMore: false }),
          );
        },
        /appointments\.1\.status/,
      ],
      [
        'truncated JSON',
        (response) => {
          response.writeHead(200, { 'content-type': 'application/json' });
          response.end('{"appointments":[{"id":"apt-new","co');
        },
        /not JSON/,
      ],
      [
        'a connection cut mid-body',
        (response) => {
          response.writeHead(200, { 'content-type': 'application/json', 'content-length': '5000' });
          response.write('{"appointments":[');
          setTimeout(() => response.destroy(), 20);
        },
        /GET \/api\/v1\/sites\/demo-sac\/appointments/,
      ],
      [
        'a huge body',
        (response) => {
          response.writeHead(200, { 'content-type': 'application/json' });
          const chunk = JSON.stringify(appointment) + ',';
          response.write('{"appointments":[');
          for (let index = 0; index < 2000; index += 1) response.write(chunk);
          response.end(`${JSON.stringify(appointment)}],"cursor":"c","hasMore":false}`);
        },
        /exceeds 65536 bytes/,
      ],
      [
        'an HTML error page',
        (response) => {
          response.writeHead(502, { 'content-type': 'text/html' });
          response.end('<html>Bad gateway</html>');
        },
        /HTTP 502/,
      ],
    ];

    for (const [name, answer, expectedError] of answers) {
      it(`logs ${name} and leaves the store as it was`, async () => {
        const before = snapshot();
        const url = await listen((path, response) => {
          if (!validSiteInfo(path, response)) answer(response);
        });
        const sync = makeEngine(url, 64 * 1024);
        const report = await sync.syncNow();
        expect(report.ok).toBe(false);
        expect(report.error).toMatch(expectedError);
        expect(sync.getStatus()).toMatchObject({ connectivity: 'offline' });
        expect(
          logLines.some((line) => line.startsWith('sync: offline') && expectedError.test(line)),
        ).toBe(true);
        expect(snapshot()).toEqual(before);
        expect(store.catalog.getAppointment('apt-new')).toBeUndefined();
      });
    }
  });
});
