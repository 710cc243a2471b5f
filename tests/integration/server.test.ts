import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  ApiErrorSchema,
  AppointmentsPageSchema,
  apiPaths,
  CheckInRecordSchema,
  HealthResponseSchema,
  SiteInfoResponseSchema,
  type Appointment,
  type ApiError,
} from '../../src-shared/contract/townhall-api';
import { toLocalDateTime } from '../../src-shared/domain/site-time';
import { buildOpenApiDocument, renderOpenApiDocument } from '../../server/openapi';
import { loadSeed } from '../../server/seed';
import type { TurneroServer } from '../../server/server';
import { startServerUnderTest } from './server-databases';
import { checkIn, NOW, serversClosedAfterEach, tempDbFile, TODAY } from './server-kit';

// The kit's NOW, 10:00 in Madrid (CET) on a Tuesday: the demo's -40…+90 minute appointments
// are all today.
const SITE = 'demo-sac';

const startServer = serversClosedAfterEach();
let server: TurneroServer;

beforeEach(async () => {
  ({ server } = await startServer({ seed: loadSeed('demo') }));
});

async function call<T>(
  path: string,
  schema: z.ZodType<T>,
  init: RequestInit = {},
): Promise<{ status: number; body: T }> {
  const response = await fetch(server.url + path, init);
  const json: unknown = await response.json();
  return { status: response.status, body: schema.parse(json) };
}

const apiError = (path: string, init?: RequestInit) => call<ApiError>(path, ApiErrorSchema, init);

const appointmentsPath = (query: Record<string, string>) =>
  `${apiPaths.appointments(SITE)}?${new URLSearchParams(query).toString()}`;

async function pullAll(
  query: Record<string, string>,
): Promise<{ ids: Appointment[]; cursor: string }> {
  const appointments: Appointment[] = [];
  let cursor = query.cursor;
  for (let pages = 0; pages < 100; pages += 1) {
    const { body } = await call(
      appointmentsPath({ ...query, ...(cursor ? { cursor } : {}) }),
      AppointmentsPageSchema,
    );
    appointments.push(...body.appointments);
    cursor = body.cursor;
    if (!body.hasMore) return { ids: appointments, cursor };
  }
  throw new Error('too many pages');
}

const postCheckIn = (body: unknown, key?: string, headers: Record<string, string> = {}) =>
  fetch(server.url + apiPaths.checkIns(SITE), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(key !== undefined ? { 'Idempotency-Key': key } : {}),
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('reference Town Hall API', () => {
  it('answers health and site info as the contract says', async () => {
    const health = await call(apiPaths.health, HealthResponseSchema);
    expect(health).toEqual({
      status: 200,
      body: { status: 'ok', apiVersion: 'v1', time: NOW.toISOString(), openStreams: 0 },
    });
    const info = await call(apiPaths.siteInfo(SITE), SiteInfoResponseSchema);
    expect(info.status).toBe(200);
    expect(info.body.site.name).toBe('Ayuntamiento de Villanueva de la Peña');
    expect(info.body.services.map((service) => service.prefix)).toEqual(['E', 'R', 'P', 'C', 'T']);
  });

  it('answers unknown sites, paths and methods with an ApiError', async () => {
    expect(await apiError(apiPaths.siteInfo('nowhere'))).toEqual({
      status: 404,
      body: { error: { code: 'not-found', message: 'site nowhere is not known' } },
    });
    expect((await apiError(apiPaths.appointments('nowhere') + '?from=2026-02-10')).status).toBe(
      404,
    );
    expect((await apiError(apiPaths.siteInfo('Bad Site!'))).body.error.code).toBe('bad-request');
    expect((await apiError('/api/v1/nothing')).status).toBe(404);
    const wrongMethod = await apiError(apiPaths.siteInfo(SITE), { method: 'DELETE' });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.body.error.code).toBe('method-not-allowed');
  });

  it('refuses invalid appointment queries with a message naming the field', async () => {
    const missing = await apiError(apiPaths.appointments(SITE));
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/^from: /);
    const bad = await apiError(appointmentsPath({ from: '2026-02-30x', days: '99', limit: '0' }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/from: expected YYYY-MM-DD/);
    expect(bad.body.error.message).toMatch(/days: /);
    expect(bad.body.error.message).toMatch(/limit: /);
  });

  it('pulls a window whole, in pages, then only what changed', async () => {
    const first = await call(appointmentsPath({ from: TODAY, days: '1' }), AppointmentsPageSchema);
    expect(first.body.hasMore).toBe(false);
    const todays = first.body.appointments;
    expect(todays.length).toBeGreaterThanOrEqual(15);
    for (const appointment of todays) {
      expect(toLocalDateTime(new Date(appointment.startsAt), 'Europe/Madrid').day).toBe(TODAY);
    }
    // TRN-DEM001 is booked 5 minutes after the seed was loaded.
    expect(todays.find((a) => a.code === 'TRN-DEM001')?.startsAt).toBe('2026-02-10T09:05:00.000Z');

    const paged = await pullAll({ from: TODAY, days: '3', limit: '4' });
    const all = await server.admin.listAppointments(SITE);
    expect(paged.ids.map((a) => a.id).sort()).toEqual(all.map((a) => a.id).sort());

    const nothingNew = await call(
      appointmentsPath({ from: TODAY, days: '3', cursor: paged.cursor }),
      AppointmentsPageSchema,
    );
    expect(nothingNew.body).toMatchObject({ appointments: [], hasMore: false });

    const cancelled = await server.admin.cancelAppointment('apt-dem001');
    expect(cancelled).toMatchObject({ status: 'cancelled', version: 2 });
    const delta = await call(
      appointmentsPath({ from: TODAY, days: '3', cursor: nothingNew.body.cursor }),
      AppointmentsPageSchema,
    );
    // As an anonymous client sees it: without the citizen's ID hash (enrolled devices only).
    const { citizenIdHash, ...anonymousView } = cancelled;
    expect(citizenIdHash).toBeDefined();
    expect(delta.body.appointments).toStrictEqual([anonymousView]);
  });

  it('tells a delta about an appointment moved out of the window', async () => {
    const { cursor } = await pullAll({ from: TODAY, days: '1' });
    await server.admin.updateAppointment('apt-7k4p9q', { startsAt: '2026-02-20T09:00:00Z' });
    await server.admin.updateAppointment('apt-7k4p9q', { status: 'no-show' }); // a later change elsewhere
    const delta = await pullAll({ from: TODAY, days: '1', limit: '1', cursor });
    expect(delta.ids).toEqual([
      expect.objectContaining({
        id: 'apt-7k4p9q',
        startsAt: '2026-02-20T09:00:00.000Z',
        version: 3,
      }),
    ]);
  });

  it('refuses a cursor minted for another window or another database', async () => {
    const { cursor } = await pullAll({ from: TODAY, days: '3' });
    const otherDay = await apiError(appointmentsPath({ from: '2026-02-11', days: '3', cursor }));
    expect(otherDay.status).toBe(400);
    expect(otherDay.body.error.code).toBe('invalid-cursor');
    const otherDays = await apiError(appointmentsPath({ from: TODAY, days: '2', cursor }));
    expect(otherDays.body.error.code).toBe('invalid-cursor');
    const garbage = await apiError(appointmentsPath({ from: TODAY, days: '3', cursor: 'abc!' }));
    expect(garbage.body.error.code).toBe('invalid-cursor');

    const { server: other } = await startServer({ seed: loadSeed('demo') });
    const response = await fetch(other.url + appointmentsPath({ from: TODAY, days: '3', cursor }));
    expect(response.status).toBe(400);
    expect(ApiErrorSchema.parse(await response.json()).error.code).toBe('invalid-cursor');
  });

  it('records a check-in once, replays it, and refuses the same key with another body', async () => {
    const { cursor } = await pullAll({ from: TODAY, days: '3' });
    const request = checkIn('apt-b8n3vj');
    const created = await postCheckIn(request, request.ticketId);
    expect(created.status).toBe(201);
    const answer = CheckInRecordSchema.parse(await created.json());
    // The answer also says where the ticket stands (the estimated wait); the record does not.
    const record = { ...request, receivedAt: NOW.toISOString() };
    expect(answer).toEqual({ ...record, peopleAhead: 0, estimatedWaitMinutes: 0 });

    const replay = await postCheckIn(request, request.ticketId);
    expect(replay.status).toBe(200);
    expect(CheckInRecordSchema.parse(await replay.json())).toEqual(answer);
    expect(await server.admin.checkIns()).toEqual([record]);

    const mismatch = await postCheckIn({ ...request, ticketNumber: 'E-002' }, request.ticketId);
    expect(mismatch.status).toBe(409);
    expect(ApiErrorSchema.parse(await mismatch.json()).error.code).toBe('idempotency-key-mismatch');

    const delta = await pullAll({ from: TODAY, days: '3', cursor });
    expect(delta.ids).toEqual([
      expect.objectContaining({ id: 'apt-b8n3vj', status: 'checked-in', version: 2 }),
    ]);
  });

  it('refuses check-ins that cannot be recorded, changing nothing', async () => {
    const expectError = async (
      response: Response,
      status: number,
      code: string,
      message?: RegExp,
    ) => {
      expect(response.status).toBe(status);
      const body = ApiErrorSchema.parse(await response.json());
      expect(body.error.code).toBe(code);
      if (message) expect(body.error.message).toMatch(message);
    };
    const request = checkIn('apt-r7v3mb');
    await expectError(await postCheckIn(request), 400, 'bad-request', /Idempotency-Key header/);
    await expectError(await postCheckIn(request, randomUUID()), 400, 'bad-request', /must equal/);
    await expectError(
      await postCheckIn(
        { ...request, ticketId: 'not-a-uuid', issuedAt: 'yesterday' },
        'not-a-uuid',
      ),
      400,
      'bad-request',
      /body\.ticketId: .*body\.issuedAt: /,
    );
    await expectError(
      await postCheckIn('{"ticketId":', request.ticketId),
      400,
      'bad-request',
      /JSON/,
    );
    await expectError(
      await postCheckIn(request, request.ticketId, { 'content-type': 'text/plain' }),
      415,
      'unsupported-media-type',
    );
    await expectError(
      await postCheckIn({ ...request, padding: 'x'.repeat(20_000) }, request.ticketId),
      413,
      'payload-too-large',
    );
    const unknown = checkIn('apt-nothing');
    await expectError(await postCheckIn(unknown, unknown.ticketId), 404, 'not-found');
    const cancelled = checkIn('apt-q2w6nx');
    await expectError(
      await postCheckIn(cancelled, cancelled.ticketId),
      409,
      'conflict',
      /cancelled/,
    );
    const already = checkIn('apt-j6a3we');
    await expectError(await postCheckIn(already, already.ticketId), 409, 'conflict', /already/);

    expect(await server.admin.checkIns()).toEqual([]);
    expect(await server.admin.getAppointment('apt-r7v3mb')).toMatchObject({
      status: 'booked',
      version: 1,
    });
  });

  it('keeps its data in a database file across restarts, loading the seed only once', async () => {
    const dbFile = tempDbFile();
    const first = await startServerUnderTest({ dbFile, seed: loadSeed('demo'), now: () => NOW });
    await first.admin.cancelAppointment('apt-dem002');
    const sequence = await first.admin.currentSequence();
    await first.close();
    const later = new Date(NOW.getTime() + 3_600_000);
    const second = await startServerUnderTest({ dbFile, seed: loadSeed('demo'), now: () => later });
    try {
      expect(await second.admin.currentSequence()).toBe(sequence);
      expect(await second.admin.getAppointment('apt-dem002')).toMatchObject({
        status: 'cancelled',
      });
    } finally {
      await second.close();
    }
  });

  it('refuses, after a restart, a cursor minted before it (a restored backup cannot skip changes)', async () => {
    const dbFile = tempDbFile();
    const first = await startServerUnderTest({ dbFile, seed: loadSeed('demo'), now: () => NOW });
    const query = { from: TODAY, days: '3' };
    const page = AppointmentsPageSchema.parse(
      await (await fetch(first.url + appointmentsPath(query))).json(),
    );
    await first.close();
    const second = await startServerUnderTest({ dbFile, now: () => NOW });
    try {
      const response = await fetch(
        second.url + appointmentsPath({ ...query, cursor: page.cursor }),
      );
      expect(response.status).toBe(400);
      expect(ApiErrorSchema.parse(await response.json()).error.code).toBe('invalid-cursor');
    } finally {
      await second.close();
    }
  });

  it('serves the OpenAPI document, and docs/openapi.json is up to date', async () => {
    const response = await fetch(server.url + apiPaths.openApi);
    expect(response.status).toBe(200);
    const document = (await response.json()) as {
      openapi: string;
      components: { schemas: object };
    };
    expect(document).toEqual(buildOpenApiDocument());
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.components.schemas)).toEqual(
      expect.arrayContaining(['Appointment', 'AppointmentsPage', 'CheckInRequest', 'ApiError']),
    );
    const paths = Object.keys((document as unknown as { paths: object }).paths);
    for (const path of [
      apiPaths.enrol('{siteId}'),
      apiPaths.heartbeat('{siteId}', '{kioskId}'),
      apiPaths.remoteConfig('{siteId}', '{kioskId}'),
      apiPaths.numberLeases('{siteId}'),
      apiPaths.walkIns('{siteId}'),
      apiPaths.calledTurns('{siteId}'),
      apiPaths.calledTurnsStream('{siteId}'),
      apiPaths.callNext('{siteId}'),
    ]) {
      expect(paths).toContain(decodeURIComponent(path));
    }
    expect(document).toMatchObject({
      security: [{ deviceCredential: [] }],
      components: { securitySchemes: { deviceCredential: { type: 'http', scheme: 'bearer' } } },
    });
    const committed = readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8');
    expect(committed, 'docs/openapi.json is stale: run npm run openapi').toBe(
      renderOpenApiDocument(),
    );
  });
});
