/**
 * The databases the server's tests run against. The storage tests (`freshDatabases`): SQLite
 * always (a fresh temporary file per test), and PostgreSQL when TURNERO_TEST_POSTGRES_URL is set
 * (.ci/run starts one), each test in a fresh schema of its own, dropped after it. The tests that
 * start a whole server (`startServerUnderTest`): SQLite, or PostgreSQL for the whole run when
 * TURNERO_TEST_SERVER_DATABASE=postgres (`npm run test:server-postgres`, .ci/run's second pass).
 */
import { randomBytes } from 'node:crypto';
import { afterEach } from 'vitest';
import { sql, type Kysely } from 'kysely';
import {
  openSqlite,
  postgresKysely,
  sqliteKysely,
  type DatabaseTarget,
} from '../../server/store/database';
import {
  startTurneroServer,
  type TurneroServer,
  type TurneroServerOptions,
} from '../../server/server';
import { tempDbFile } from './server-kit';

export type Dialect = DatabaseTarget['dialect'];

const postgresUrl = process.env.TURNERO_TEST_POSTGRES_URL;

/** The dialects to run against here. */
export const testDialects: Dialect[] = postgresUrl ? ['sqlite', 'postgres'] : ['sqlite'];

/**
 * For a test file: call once at the top; the function it returns opens a fresh, empty database
 * of a dialect, destroyed (PostgreSQL: its schema dropped) after each test.
 */
export function freshDatabases(): (dialect: Dialect) => Promise<Kysely<unknown>> {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });
  return async (dialect) => {
    if (dialect === 'sqlite') {
      const db = sqliteKysely<unknown>(openSqlite(tempDbFile()));
      cleanups.push(() => db.destroy());
      return db;
    }
    const { db, drop } = await freshPostgresSchema();
    cleanups.push(async () => {
      await db.destroy();
      await drop();
    });
    return db;
  };
}

/** A fresh, empty PostgreSQL schema: a Kysely whose search path is it, and how to drop it. */
async function freshPostgresSchema(): Promise<{ db: Kysely<unknown>; drop: () => Promise<void> }> {
  if (!postgresUrl) throw new Error('TURNERO_TEST_POSTGRES_URL is not set');
  const schema = `test_${randomBytes(6).toString('hex')}`;
  const admin = postgresKysely<unknown>(postgresUrl);
  await sql.raw(`CREATE SCHEMA ${schema}`).execute(admin);
  return {
    db: postgresKysely<unknown>(postgresUrl, schema),
    drop: async () => {
      await sql.raw(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).execute(admin);
      await admin.destroy();
    },
  };
}

/** The database whole-server tests run on in this run. */
export const serverTestDialect: Dialect =
  process.env.TURNERO_TEST_SERVER_DATABASE === 'postgres' ? 'postgres' : 'sqlite';

/**
 * Starts a server as `startTurneroServer` does; on a PostgreSQL run, in a fresh schema of its
 * own (dropped when the server closes) unless the test names its database (`dbFile`: a test of
 * the SQLite file itself, such as a restart on it).
 */
export async function startServerUnderTest(
  options: TurneroServerOptions = {},
): Promise<TurneroServer> {
  if (
    serverTestDialect === 'sqlite' ||
    options.dbFile !== undefined ||
    options.database !== undefined
  ) {
    return startTurneroServer(options);
  }
  const { db, drop } = await freshPostgresSchema();
  let server: TurneroServer;
  try {
    server = await startTurneroServer({ ...options, database: { db, dialect: 'postgres' } });
  } catch (error) {
    await drop();
    throw error;
  }
  let closing: Promise<void> | undefined;
  return {
    ...server,
    close: () =>
      (closing ??= (async () => {
        await server.close();
        await drop();
      })()),
  };
}
