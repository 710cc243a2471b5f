/**
 * Where the server's data lives, through Kysely: an SQLite file (or memory) by default, or a
 * PostgreSQL database given by a `postgres://` URL. Both get the same migration list
 * (`migrations/`), run at start.
 */
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';

export type DatabaseTarget =
  { dialect: 'sqlite'; file: string } | { dialect: 'postgres'; url: string };

/** A `postgres://` or `postgresql://` URL is PostgreSQL; anything else an SQLite file. */
export function databaseTarget(value: string): DatabaseTarget {
  return /^postgres(ql)?:\/\//i.test(value)
    ? { dialect: 'postgres', url: value }
    : { dialect: 'sqlite', file: value };
}

/**
 * PostgreSQL's bigint (int8) comes back as a string by default; the server's bigints are
 * sequence numbers and epoch milliseconds, far below 2^53.
 */
const INT8_OID = 20;
pg.types.setTypeParser(INT8_OID, (text: string) => Number(text));

export function openSqlite(file: string): Database.Database {
  const db = new Database(file);
  if (file !== ':memory:') db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  // Erased rows (retention) are overwritten with zeros, not merely unlinked.
  db.pragma('secure_delete = ON');
  return db;
}

/** Kysely over an open better-sqlite3 database (closing it closes that database). */
export const sqliteKysely = <T>(database: Database.Database): Kysely<T> =>
  new Kysely<T>({ dialect: new SqliteDialect({ database }) });

/** Kysely over a pool of PostgreSQL connections; `schema`, when given, is the search path. */
export function postgresKysely<T>(url: string, schema?: string): Kysely<T> {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  return new Kysely<T>({ dialect: new PostgresDialect({ pool }) });
}
