/**
 * The office statistics over HTTP, for supervisors only (docs/statistics.md):
 * - `GET /office/api/statistics?site=&from=&to=`: the figures as JSON (OfficeStatisticsSchema);
 * - `GET /office/api/statistics.csv?site=&from=&to=`: the same as a CSV download;
 * - `GET /office/statistics[?site=]`: the statistics page (the built `statistics.html`, served
 *   like the lobby page), which reads the JSON from this origin.
 * Who may see them is not decided here: every route runs the `authorize` preHandler it is given
 * (the supervisor guard of the staff sign-in), so these routes are registered only with one.
 */
import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  preHandlerAsyncHookHandler,
  preHandlerHookHandler,
} from 'fastify';
import {
  StatisticsQuerySchema,
  type StatisticsQuery,
} from '../../src-shared/contract/office-statistics';
import type { ServerState } from '../context';
import { describeIssues, HttpError } from '../http-util';
import { ASSET_NAME, sendBuiltFile } from '../routes/lobby';
import { officeStatistics } from './office-statistics';
import { statisticsCsv, statisticsCsvFileName } from './statistics-csv';

export const STATISTICS_PATHS = {
  json: '/office/api/statistics',
  csv: '/office/api/statistics.csv',
  page: '/office/statistics',
  html: '/office/statistics/statistics.html',
  asset: '/office/statistics/assets/:file',
} as const;

export interface StatisticsRouteOptions {
  /** Refuses (401/403) whoever may not see the statistics: the supervisor guard. */
  authorize: preHandlerAsyncHookHandler | preHandlerHookHandler;
}

/** What the routes use of the server's state. */
export type StatisticsState = Pick<ServerState, 'store' | 'lobbyPageDir'>;

function queryOf(request: FastifyRequest): StatisticsQuery {
  const parsed = StatisticsQuerySchema.safeParse(request.query);
  if (!parsed.success) throw new HttpError(400, 'bad-request', describeIssues(parsed.error));
  return parsed.data;
}

/** The site the page opens on: `?site=` when it is known, else the server's first site. */
async function pageSite(state: StatisticsState, requested: unknown): Promise<string> {
  const site =
    typeof requested === 'string' ? requested : (await state.store.sites.listSiteIds())[0];
  if (!site || !(await state.store.sites.hasSite(site))) {
    throw new HttpError(404, 'not-found', 'no such site');
  }
  return site;
}

const noStore = (reply: FastifyReply) =>
  reply.header('cache-control', 'no-store').header('x-content-type-options', 'nosniff');

export function statisticsRoutes(
  app: FastifyInstance,
  state: StatisticsState,
  { authorize }: StatisticsRouteOptions,
): void {
  const guarded = { preHandler: authorize } as const;

  app.get(STATISTICS_PATHS.json, guarded, async (request, reply) => {
    const statistics = await officeStatistics(state.store, queryOf(request));
    // Returned: the session's onSend hook is async, so Fastify must wait for this reply.
    return noStore(reply)
      .code(200)
      .header('content-type', 'application/json; charset=utf-8')
      .send(JSON.stringify(statistics));
  });

  app.get(STATISTICS_PATHS.csv, guarded, async (request, reply) => {
    const statistics = await officeStatistics(state.store, queryOf(request));
    return noStore(reply)
      .code(200)
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${statisticsCsvFileName(statistics)}"`)
      .send(statisticsCsv(statistics));
  });

  app.get(STATISTICS_PATHS.page, guarded, async (request, reply) => {
    const site = await pageSite(state, (request.query as { site?: unknown }).site);
    return reply.redirect(`${STATISTICS_PATHS.html}?site=${encodeURIComponent(site)}`, 302);
  });

  app.get(STATISTICS_PATHS.html, guarded, async (_request, reply) => {
    await sendBuiltFile(state.lobbyPageDir, 'statistics.html', reply);
    return reply;
  });

  app.get(STATISTICS_PATHS.asset, guarded, async (request, reply) => {
    const { file } = request.params as { file?: string };
    if (!file || !ASSET_NAME.test(file)) throw new HttpError(404, 'not-found', 'no such file');
    await sendBuiltFile(state.lobbyPageDir, `assets/${file}`, reply);
    return reply;
  });
}
