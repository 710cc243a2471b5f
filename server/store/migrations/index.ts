/**
 * The server's one migration list, for SQLite and PostgreSQL alike, run by Kysely's Migrator at
 * start (it records what ran in `kysely_migration`). A migration may differ by dialect in its
 * SQL, never in what it makes: both end with the same tables and columns (a test compares them).
 * Add a migration as the next file; never change one that has shipped.
 */
import { Migrator, sql, type Kysely, type Migration } from 'kysely';
import type { DatabaseTarget } from '../database';
import { initialSchema } from './0001-initial-schema';
import { ticketArrival } from './0002-ticket-arrival';
import { turnLifecycle } from './0003-turn-lifecycle';
import { staffSchema } from './0004-staff';
import { ticketLanguage } from './0005-ticket-language';
import { kioskConflicts } from './0006-kiosk-conflicts';
import { lobbyNotice } from './0007-lobby-notice';
import { bookingSchema } from './0009-booking';

export type Dialect = DatabaseTarget['dialect'];

export function migrations(dialect: Dialect): Record<string, Migration> {
  return {
    '0001-initial-schema': initialSchema(dialect),
    '0002-ticket-arrival': ticketArrival(dialect),
    '0003-turn-lifecycle': turnLifecycle(dialect),
    '0004-staff': staffSchema(dialect),
    '0005-ticket-language': ticketLanguage(),
    '0006-kiosk-conflicts': kioskConflicts(dialect),
    '0007-lobby-notice': lobbyNotice(),
    '0009-booking': bookingSchema(dialect),
  };
}

/** Brings a new or older database to the current schema; throws what a migration threw. */
export async function migrateToLatest(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  // On PostgreSQL Kysely looks for its own tables in every schema unless told which: a
  // `kysely_migration` of another schema (another server, another test) would be taken for ours.
  const schema =
    dialect === 'postgres'
      ? (await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(db)).rows[0]
          ?.schema
      : undefined;
  const migrator = new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(migrations(dialect)) },
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
}
