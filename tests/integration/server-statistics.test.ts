/**
 * The office statistics on real databases (SQLite always, PostgreSQL when configured): a seeded
 * office day recorded through the real store, its figures compared with those the test computes
 * from its own plan; the range's edges; and the HTTP routes on a real Fastify server, each behind
 * a real preHandler (one refusing with 403 proves every route applies it): the JSON, the 400s of
 * bad queries, and the CSV byte by byte.
 */
import Fastify, { type FastifyInstance, type preHandlerAsyncHookHandler } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { OfficeStatisticsSchema } from '../../src-shared/contract/office-statistics';
import { fetchStatistics } from '../../src-renderer/office/statistics/statistics-client';
import { handleError } from '../../server/http/errors';
import { officeStatistics } from '../../server/statistics/office-statistics';
import { STATISTICS_PATHS, statisticsRoutes } from '../../server/statistics/statistics-routes';
import { openServerStore, type ServerStore } from '../../server/store/store';
import {
  DESKS,
  expectedCsvFigures,
  expectedFigures,
  februaryLocalHour,
  OFFICE_DAY,
  OFFICE_SITE,
  planOfficeDay,
  recordOfficeDay,
  TRICKY_SERVICE_NAME,
  type PlannedTicket,
} from '../support/office-day';
import { fakeBuiltRenderer } from '../support/built-renderer';
import { freshDatabases, serverTestDialect, testDialects } from './server-databases';

const openDatabase = freshDatabases();
const plan = planOfficeDay();

async function storeWithDay(dialect: (typeof testDialects)[number]): Promise<ServerStore> {
  const db = await openDatabase(dialect);
  const store = await openServerStore({ db, dialect });
  await recordOfficeDay(store, db, plan);
  return store;
}

const query = (from = OFFICE_DAY, to = OFFICE_DAY) => ({ site: OFFICE_SITE, from, to });
const only = (predicate: (ticket: PlannedTicket) => boolean) =>
  expectedFigures(plan.filter(predicate));

describe.each(testDialects)('office statistics on %s', (dialect) => {
  it('match the figures computed from the seeded day', async () => {
    const store = await storeWithDay(dialect);
    const statistics = await officeStatistics(store, query());
    // The seed is realistic: every kind of figure occurs in it.
    const total = expectedFigures(plan);
    expect(total.tickets).toBe(150);
    for (const count of [total.early, total.onTime, total.late, total.noShows, total.walkIn]) {
      expect(count).toBeGreaterThan(0);
    }
    expect(statistics.total).toEqual(total);
    expect(statistics.byDay).toEqual([{ day: OFFICE_DAY, ...total }]);
    expect(statistics.byService.map((row) => row.serviceId)).toEqual([
      'empadronamiento',
      'registro',
      'licencias',
    ]);
    for (const row of statistics.byService) {
      expect(row).toEqual({
        serviceId: row.serviceId,
        ...only((ticket) => ticket.serviceId === row.serviceId),
      });
    }
    for (const row of statistics.byHour) {
      expect(row).toEqual({
        hour: row.hour,
        ...only((ticket) => februaryLocalHour(ticket.issuedAtMs) === row.hour),
      });
    }
    expect(statistics.byDesk.map((row) => row.desk)).toEqual(DESKS);
    for (const row of statistics.byDesk) {
      expect(row).toEqual({ desk: row.desk, ...only((ticket) => ticket.desk === row.desk) });
    }
    expect(statistics.serviceNames.licencias).toEqual({ es: TRICKY_SERVICE_NAME });
  });

  it('count only the days of the range', async () => {
    const store = await storeWithDay(dialect);
    await store.transaction(
      ({ tickets }) =>
        tickets.insert({
          ticketId: 'next-day',
          siteId: OFFICE_SITE,
          kind: 'walk-in',
          serviceId: 'registro',
          day: '2026-02-11',
          ticketNumber: 'R-001',
          kioskId: 'kiosk-1',
          appointmentId: null,
          priority: false,
          issuedAt: '2026-02-11T09:00:00.000Z',
          receivedAt: new Date('2026-02-11T09:00:01.000Z'),
        }),
      OFFICE_SITE,
    );
    expect((await officeStatistics(store, query())).total.tickets).toBe(150);
    const twoDays = await officeStatistics(store, query('2026-02-09', '2026-02-11'));
    expect(twoDays.byDay.map((row) => [row.day, row.tickets])).toEqual([
      ['2026-02-09', 0],
      [OFFICE_DAY, 150],
      ['2026-02-11', 1],
    ]);
    expect((await officeStatistics(store, query('2026-02-11', '2026-02-11'))).total.tickets).toBe(
      1,
    );
  });
});

// --- over HTTP ----------------------------------------------------------------------------

const apps: FastifyInstance[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

/** The supervisor guard's two answers, as real preHandlers. */
const allowSupervisor: preHandlerAsyncHookHandler = async () => undefined;
const refuseNonSupervisor: preHandlerAsyncHookHandler = async (_request, reply) => {
  await reply.code(403).send({ error: { code: 'forbidden', message: 'supervisors only' } });
};

async function serveStatistics(
  store: ServerStore,
  authorize: preHandlerAsyncHookHandler,
): Promise<string> {
  const app = Fastify({ logger: false });
  app.setErrorHandler(handleError);
  statisticsRoutes(app, { store, lobbyPageDir: fakeBuiltRenderer('statistics') }, { authorize });
  await app.listen({ port: 0, host: '127.0.0.1' });
  apps.push(app);
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('not listening');
  return `http://127.0.0.1:${address.port}`;
}

const search = (params: Record<string, string>) => `?${new URLSearchParams(params).toString()}`;
const dayQuery = search(query());

describe(`the statistics routes (on ${serverTestDialect})`, () => {
  it('answer the figures as JSON to whoever the guard lets through', async () => {
    const store = await storeWithDay(serverTestDialect);
    const base = await serveStatistics(store, allowSupervisor);
    const answer = await fetch(`${base}${STATISTICS_PATHS.json}${dayQuery}`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    const body = OfficeStatisticsSchema.parse(await answer.json());
    expect(body.total).toEqual(expectedFigures(plan));
  });

  it('refuse bad queries with 400 and say what is wrong; an unknown site is 404', async () => {
    const store = await storeWithDay(serverTestDialect);
    const base = await serveStatistics(store, allowSupervisor);
    const cases: [Record<string, string>, number, RegExp][] = [
      [{ from: OFFICE_DAY, to: OFFICE_DAY }, 400, /site/],
      [{ ...query(), from: '10/02/2026' }, 400, /from: a day as YYYY-MM-DD/],
      [{ ...query(), from: '2026-02-11' }, 400, /to: from must not be after to/],
      [{ ...query('2025-01-01', '2026-01-02') }, 400, /at most 366 days/],
      [{ ...query(), site: 'nowhere' }, 404, /nowhere is not known/],
    ];
    for (const [params, status, message] of cases) {
      for (const path of [STATISTICS_PATHS.json, STATISTICS_PATHS.csv]) {
        const answer = await fetch(`${base}${path}${search(params)}`);
        expect(answer.status, `${path} ${JSON.stringify(params)}`).toBe(status);
        const body = (await answer.json()) as { error: { message: string } };
        expect(body.error.message).toMatch(message);
      }
    }
    // A full leap year is allowed.
    const leapYear = await fetch(
      `${base}${STATISTICS_PATHS.json}${search(query('2028-01-01', '2028-12-31'))}`,
    );
    expect(leapYear.status).toBe(200);
  });

  it('send the CSV as an attachment: BOM, header, quoted service names, one row per day × service', async () => {
    const store = await storeWithDay(serverTestDialect);
    const base = await serveStatistics(store, allowSupervisor);
    const answer = await fetch(`${base}${STATISTICS_PATHS.csv}${dayQuery}`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(answer.headers.get('content-disposition')).toBe(
      `attachment; filename="estadisticas-${OFFICE_SITE}-${OFFICE_DAY}-${OFFICE_DAY}.csv"`,
    );
    const bytes = Buffer.from(await answer.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines.pop()).toBe('');
    expect(lines[0]).toBe(
      '"dia";"servicio_id";"servicio";"tickets";"con_cita";"sin_cita";"cita_a_tiempo";' +
        '"cita_antes";"cita_tarde";"no_presentados";"atendidos";"espera_mediana_s";' +
        '"espera_p90_s";"atencion_mediana_s";"atencion_p90_s"',
    );
    expect(lines).toHaveLength(4);
    const figuresOf = (serviceId: string) =>
      expectedCsvFigures(plan.filter((ticket) => ticket.serviceId === serviceId));
    expect(lines[1]).toBe(
      `"${OFFICE_DAY}";"empadronamiento";"Empadronamiento";${figuresOf('empadronamiento')}`,
    );
    expect(lines[3]).toBe(
      `"${OFFICE_DAY}";"licencias";"Licencias, obras; ""menores""";${figuresOf('licencias')}`,
    );
  });

  it('serve the page, its site and its assets', async () => {
    const store = await storeWithDay(serverTestDialect);
    const base = await serveStatistics(store, allowSupervisor);
    const redirect = await fetch(`${base}${STATISTICS_PATHS.page}`, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toBe(`${STATISTICS_PATHS.html}?site=${OFFICE_SITE}`);
    const html = await fetch(`${base}${STATISTICS_PATHS.html}`);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await html.text()).toContain('<title>statistics</title>');
    expect((await fetch(`${base}/office/statistics/assets/statistics-1a2b.js`)).status).toBe(200);
    expect((await fetch(`${base}/office/statistics/assets/..%2Fstatistics.html`)).status).toBe(404);
  });

  it('run the guard on every route: refused, nothing is answered but its 403', async () => {
    const store = await storeWithDay(serverTestDialect);
    const base = await serveStatistics(store, refuseNonSupervisor);
    const paths = [
      `${STATISTICS_PATHS.json}${dayQuery}`,
      `${STATISTICS_PATHS.csv}${dayQuery}`,
      STATISTICS_PATHS.page,
      STATISTICS_PATHS.html,
      '/office/statistics/assets/statistics-1a2b.js',
    ];
    for (const path of paths) {
      const answer = await fetch(`${base}${path}`, { redirect: 'manual' });
      expect(answer.status, path).toBe(403);
      expect(await answer.json()).toEqual({
        error: { code: 'forbidden', message: 'supervisors only' },
      });
    }
  });
});

describe('the page’s client of the statistics routes', () => {
  const over =
    (base: string): typeof fetch =>
    (input, init) =>
      fetch(`${base}${String(input)}`, init);

  it('gets the figures, asks for sign-in on 403, and says why a query failed', async () => {
    const store = await storeWithDay(serverTestDialect);
    const allowed = over(await serveStatistics(store, allowSupervisor));
    const figures = await fetchStatistics(query(), allowed);
    expect(figures.kind === 'figures' && figures.statistics.total).toEqual(expectedFigures(plan));
    expect(await fetchStatistics({ ...query(), site: 'nowhere' }, allowed)).toEqual({
      kind: 'failed',
      reason: 'site nowhere is not known',
    });
    const refused = over(await serveStatistics(store, refuseNonSupervisor));
    expect(await fetchStatistics(query(), refused)).toEqual({ kind: 'sign-in' });
  });
});
