/**
 * The server's migration list on every test database (server-databases.ts): SQLite always,
 * PostgreSQL when TURNERO_TEST_POSTGRES_URL is set. Both dialects end with the same tables and
 * columns, a second run changes nothing, and an SQLite file of a release before the migration
 * list opens with its data and gains what came since.
 */
import Database from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../server/store/migrations';
import { startTurneroServer } from '../../server/server';
import { freshDatabases, testDialects } from './server-databases';
import { tempDbFile } from './server-kit';

const openDatabase = freshDatabases();

/**
 * Table → its columns (name and whether NULL is allowed), without Kysely's own tables. SQLite
 * reports an AUTOINCREMENT key as nullable (NULL there means "the next number"): as PostgreSQL's
 * identity columns, it is taken as NOT NULL.
 */
async function shape(db: Kysely<unknown>): Promise<Record<string, string[]>> {
  const tables = await db.introspection.getTables();
  const result: Record<string, string[]> = {};
  for (const table of tables.filter((entry) => !entry.name.startsWith('kysely_'))) {
    result[table.name] = table.columns
      .map((column) => {
        const nullable = column.isNullable && !column.isAutoIncrementing;
        return `${column.name}${nullable ? '?' : ''}`;
      })
      .sort();
  }
  return result;
}

/** What the first migration makes, from SQLite (the reference dialect). */
async function sqliteShape(): Promise<Record<string, string[]>> {
  const db = await openDatabase('sqlite');
  await migrateToLatest(db, 'sqlite');
  return shape(db);
}

describe.each(testDialects)('the server migrations on %s', (dialect) => {
  it('make the same tables and columns as on SQLite', async () => {
    const expected = await sqliteShape();
    expect(Object.keys(expected)).toContain('tickets');
    expect(expected.tickets).toContain('priority');
    expect(expected.tickets).toContain('called_seq?');
    const db = await openDatabase(dialect);
    await migrateToLatest(db, dialect);
    expect(await shape(db)).toEqual(expected);
  });

  it('record what ran, and change nothing when run again', async () => {
    const db = await openDatabase(dialect);
    await migrateToLatest(db, dialect);
    await migrateToLatest(db, dialect);
    const { rows } = await sql<{ name: string }>`SELECT name FROM kysely_migration`.execute(db);
    expect(rows.map((row) => row.name)).toEqual([
      '0001-initial-schema',
      '0002-ticket-arrival',
      '0003-turn-lifecycle',
      '0004-staff',
      '0005-ticket-language',
      '0006-kiosk-conflicts',
      '0007-lobby-notice',
      '0009-booking',
    ]);
  });
});

describe('an SQLite file of a release before the migration list', () => {
  it('opens with its data and gains the columns and code expiry added since', async () => {
    const file = tempDbFile();
    const old = new Database(file);
    old.exec(`
      CREATE TABLE sites (id TEXT PRIMARY KEY, name TEXT NOT NULL, time_zone TEXT NOT NULL) STRICT;
      CREATE TABLE enrolment_codes (code_hash TEXT PRIMARY KEY, site_id TEXT NOT NULL,
        created_at TEXT NOT NULL, used_at TEXT, used_by TEXT) STRICT;
      INSERT INTO sites VALUES ('old-site', 'Ayuntamiento antiguo', 'Europe/Madrid');
      INSERT INTO enrolment_codes VALUES ('hash', 'old-site', '2026-01-01T08:00:00.000Z', NULL, NULL);`);
    old.close();
    const server = await startTurneroServer({ dbFile: file, log: () => undefined });
    await server.close();
    const reopened = new Database(file, { readonly: true });
    const columns = (
      reopened.prepare(`SELECT name FROM pragma_table_info('sites')`).all() as {
        name: string;
      }[]
    ).map((column) => column.name);
    expect(columns).toEqual(
      expect.arrayContaining(['id_hash_salt', 'lease_ceiling', 'desks_json']),
    );
    expect(reopened.prepare(`SELECT name FROM sites`).all()).toEqual([
      { name: 'Ayuntamiento antiguo' },
    ]);
    expect(reopened.prepare(`SELECT expires_at FROM enrolment_codes`).get()).toEqual({
      expires_at: '2026-01-02T08:00:00.000Z',
    });
    reopened.close();
  });
});
