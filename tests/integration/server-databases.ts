/**
 * The databases the server's storage tests run against: SQLite always (a fresh temporary file
 * per test), and PostgreSQL when TURNERO_TEST_POSTGRES_URL is set (.ci/run starts one), each
 * test in a fresh schema of its own, dropped after it.
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
    if (!postgresUrl) throw new Error('TURNERO_TEST_POSTGRES_URL is not set');
    const schema = `test_${randomBytes(6).toString('hex')}`;
    const admin = postgresKysely<unknown>(postgresUrl);
    await sql.raw(`CREATE SCHEMA ${schema}`).execute(admin);
    const db = postgresKysely<unknown>(postgresUrl, schema);
    cleanups.push(async () => {
      await db.destroy();
      await sql.raw(`DROP SCHEMA ${schema} CASCADE`).execute(admin);
      await admin.destroy();
    });
    return db;
  };
}
