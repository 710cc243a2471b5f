/**
 * How the repositories reach the database: a Kysely instance (or an open transaction of it) and
 * its dialect, with the few helpers every repository uses. The SQL stays plain text through
 * Kysely's `sql` tag (parameters bound, never spliced); the few places where SQLite and
 * PostgreSQL differ ask `dialect`.
 *
 * Transactions (docs/server.md, "Transactions"): on SQLite Kysely runs every query on one
 * connection behind a mutex, so a transaction holds the database alone until it ends. On
 * PostgreSQL a write that reads before it writes (ticket numbers, leases, check-ins, calls)
 * first locks its site's row (`SELECT … FOR UPDATE`): two such writes of one site wait for each
 * other, writes of different sites do not.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DatabaseTarget } from './database';

export type Dialect = DatabaseTarget['dialect'];

export interface Connection {
  readonly db: Kysely<unknown>;
  readonly dialect: Dialect;
}

/** Every row a query returns. */
export async function allRows<T>(connection: Connection, query: RawBuilder<T>): Promise<T[]> {
  return (await query.execute(connection.db)).rows;
}

/** The first row a query returns, if any. */
export async function firstRow<T>(
  connection: Connection,
  query: RawBuilder<T>,
): Promise<T | undefined> {
  return (await query.execute(connection.db)).rows[0];
}

/** Runs a write; the number of rows it changed. */
export async function runWrite(
  connection: Connection,
  query: RawBuilder<unknown>,
): Promise<number> {
  return Number((await query.execute(connection.db)).numAffectedRows ?? 0);
}

/**
 * 'update' for a write (one at a time per site); 'share' for a read that must see no write of
 * the site in flight (the appointments delta: its cursor must not pass a change not yet visible).
 */
export type SiteLock = 'update' | 'share';

/**
 * Runs `work` in one transaction (or in the one `connection` already is), with the site's row
 * locked on PostgreSQL when `lockSiteId` is given. Inside, every query must go through the
 * connection `work` gets: on SQLite the outer one waits for the transaction to end.
 */
export async function atomically<T>(
  connection: Connection,
  work: (inTransaction: Connection) => Promise<T>,
  lockSiteId?: string,
  lockMode: SiteLock = 'update',
): Promise<T> {
  const locked = async (inTransaction: Connection): Promise<T> => {
    if (lockSiteId !== undefined && inTransaction.dialect === 'postgres') {
      await (
        lockMode === 'update'
          ? sql`SELECT id FROM sites WHERE id = ${lockSiteId} FOR UPDATE`
          : sql`SELECT id FROM sites WHERE id = ${lockSiteId} FOR SHARE`
      ).execute(inTransaction.db);
    }
    return work(inTransaction);
  };
  if (connection.db.isTransaction) return locked(connection);
  return connection.db
    .transaction()
    .execute((trx) => locked({ db: trx, dialect: connection.dialect }));
}
