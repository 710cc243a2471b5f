/**
 * A real Fastify server with the statistics routes and the BUILT statistics page, on a real
 * SQLite file holding the seeded office day (tests/support/office-day.ts). Until the staff
 * sign-in is merged in, the supervisor guard is a stand-in given by the test.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type preHandlerAsyncHookHandler } from 'fastify';
import { handleError } from '../../../server/http/errors';
import { statisticsRoutes } from '../../../server/statistics/statistics-routes';
import { openSqlite, sqliteKysely } from '../../../server/store/database';
import { openServerStore } from '../../../server/store/store';
import { planOfficeDay, recordOfficeDay, type PlannedTicket } from '../../support/office-day';
import { makeTempDir } from '../../support/temp-dir';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface StatisticsServer {
  url: string;
  plan: PlannedTicket[];
  close(): Promise<void>;
}

export async function startStatisticsServer(
  authorize: preHandlerAsyncHookHandler,
): Promise<StatisticsServer> {
  const dir = makeTempDir('statistics-e2e');
  const db = sqliteKysely<unknown>(openSqlite(path.join(dir.path, 'office.sqlite')));
  const store = await openServerStore({ db, dialect: 'sqlite' });
  const plan = planOfficeDay();
  await recordOfficeDay(store, db, plan);
  const app = Fastify({ logger: false, forceCloseConnections: true });
  app.setErrorHandler(handleError);
  statisticsRoutes(app, { store, lobbyPageDir: path.join(ROOT, 'dist/renderer') }, { authorize });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('not listening');
  return {
    url: `http://127.0.0.1:${address.port}`,
    plan,
    close: async () => {
      await app.close();
      await store.close();
      dir.remove();
    },
  };
}
