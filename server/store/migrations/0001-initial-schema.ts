/**
 * The schema as it stood when migrations began. On SQLite it is also what brings a file made by
 * an earlier version (before the migration list) to that point: tables are created when missing
 * and columns added after the first release are added when missing (every step is safe to run
 * again). On PostgreSQL it creates the same tables with the same columns at once.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import { DEFAULT_CODE_TTL_MINUTES } from '../../enrolment-codes';
import type { Dialect } from './index';
import { POSTGRES_TABLES } from './0001-initial-schema.postgres';

const SQLITE_TABLES = `
  CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
  CREATE TABLE IF NOT EXISTS sites (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, time_zone TEXT NOT NULL
  ) STRICT;
  CREATE TABLE IF NOT EXISTS services (
    site_id TEXT NOT NULL REFERENCES sites (id),
    id TEXT NOT NULL,
    position INTEGER NOT NULL,
    prefix TEXT NOT NULL,
    names_json TEXT NOT NULL,
    walk_ins_allowed INTEGER NOT NULL,
    PRIMARY KEY (site_id, id)
  ) STRICT;
  CREATE TABLE IF NOT EXISTS appointments (
    id TEXT PRIMARY KEY,
    site_id TEXT NOT NULL REFERENCES sites (id),
    code TEXT NOT NULL,
    service_id TEXT NOT NULL,
    starts_at TEXT NOT NULL,
    local_day TEXT NOT NULL,
    status TEXT NOT NULL,
    version INTEGER NOT NULL,
    change_seq INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX IF NOT EXISTS appointments_by_change ON appointments (site_id, change_seq);
  CREATE TABLE IF NOT EXISTS appointment_changes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    appointment_id TEXT NOT NULL,
    old_day TEXT
  ) STRICT;
  CREATE INDEX IF NOT EXISTS appointment_changes_by_id ON appointment_changes (appointment_id, seq);
  CREATE TABLE IF NOT EXISTS check_ins (
    ticket_id TEXT PRIMARY KEY,
    site_id TEXT NOT NULL,
    appointment_id TEXT NOT NULL,
    kiosk_id TEXT NOT NULL,
    ticket_number TEXT NOT NULL,
    issued_at TEXT NOT NULL,
    received_at TEXT NOT NULL
  ) STRICT;

  CREATE TABLE IF NOT EXISTS enrolment_codes (
    code_hash TEXT PRIMARY KEY,
    site_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    used_at TEXT,
    used_by TEXT
  ) STRICT;
  CREATE TABLE IF NOT EXISTS devices (
    site_id TEXT NOT NULL,
    kiosk_id TEXT NOT NULL,
    device_name TEXT,
    credential_hash TEXT UNIQUE,
    enrolled_at TEXT,
    last_seen_at TEXT,
    heartbeat_json TEXT,
    server_skew_ms INTEGER,
    PRIMARY KEY (site_id, kiosk_id)
  ) STRICT;
  CREATE TABLE IF NOT EXISTS remote_config (
    site_id TEXT NOT NULL,
    target TEXT NOT NULL,
    settings_json TEXT NOT NULL,
    version INTEGER NOT NULL,
    PRIMARY KEY (site_id, target)
  ) STRICT;

  CREATE TABLE IF NOT EXISTS number_leases (
    lease_id TEXT PRIMARY KEY,
    site_id TEXT NOT NULL,
    service_id TEXT NOT NULL,
    day TEXT NOT NULL,
    kiosk_id TEXT NOT NULL,
    first INTEGER NOT NULL,
    last INTEGER NOT NULL,
    created_at TEXT NOT NULL
  ) STRICT;
  CREATE INDEX IF NOT EXISTS number_leases_by_day ON number_leases (site_id, service_id, day, last);
  CREATE TABLE IF NOT EXISTS tickets (
    ticket_id TEXT PRIMARY KEY,
    site_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('appointment', 'walk-in')),
    service_id TEXT NOT NULL,
    local_day TEXT NOT NULL,
    ticket_number TEXT NOT NULL,
    kiosk_id TEXT NOT NULL,
    appointment_id TEXT,
    issued_at TEXT NOT NULL,
    issued_at_ms INTEGER NOT NULL,
    received_at TEXT NOT NULL,
    called_seq INTEGER,
    UNIQUE (site_id, service_id, local_day, ticket_number)
  ) STRICT;
  CREATE INDEX IF NOT EXISTS tickets_waiting ON tickets (site_id, local_day, called_seq);
  CREATE TABLE IF NOT EXISTS called_turns (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    site_id TEXT NOT NULL,
    ticket_id TEXT NOT NULL,
    ticket_number TEXT NOT NULL,
    service_id TEXT NOT NULL,
    desk TEXT NOT NULL,
    called_at TEXT NOT NULL
  ) STRICT;
  CREATE INDEX IF NOT EXISTS called_turns_by_site ON called_turns (site_id, seq);
`;

/** Columns added after the first release, in the order they came. */
const ADDED_COLUMNS: readonly { table: string; column: string; type: string }[] = [
  { table: 'sites', column: 'id_hash_salt', type: 'TEXT' },
  { table: 'appointments', column: 'citizen_id_hash', type: 'TEXT' },
  { table: 'appointments', column: 'ticket_number', type: 'TEXT' },
  { table: 'sites', column: 'lease_ceiling', type: 'INTEGER' },
  { table: 'sites', column: 'default_block_size', type: 'INTEGER' },
  { table: 'sites', column: 'desks_json', type: 'TEXT' },
  { table: 'services', column: 'daily_cap', type: 'INTEGER' },
  { table: 'services', column: 'check_in_window_json', type: 'TEXT' },
  { table: 'enrolment_codes', column: 'kiosk_id', type: 'TEXT' },
  { table: 'enrolment_codes', column: 'expires_at', type: 'TEXT' },
  { table: 'enrolment_codes', column: 'replace_kiosk', type: 'INTEGER NOT NULL DEFAULT 0' },
  { table: 'check_ins', column: 'identified_by', type: 'TEXT' },
  { table: 'check_ins', column: 'booking_token_sha256', type: 'TEXT' },
  { table: 'tickets', column: 'priority', type: 'INTEGER NOT NULL DEFAULT 0' },
];

/**
 * Codes made before codes expired get the standard 24 hours from when they were made (so an
 * old unused one is void now); the same strftime format as `Date.toISOString()`.
 */
const EXPIRE_OLDER_CODES = `
  UPDATE enrolment_codes
  SET expires_at = strftime('%Y-%m-%dT%H:%M:%fZ', created_at, '+${DEFAULT_CODE_TTL_MINUTES} minutes')
  WHERE expires_at IS NULL`;

/** Runs `;`-separated statements one by one (a prepared statement takes one). */
async function runStatements(db: Kysely<unknown>, text: string): Promise<void> {
  const statements = text
    .split(';')
    .map((statement) => statement.trim())
    .filter(Boolean);
  for (const statement of statements) await sql.raw(statement).execute(db);
}

async function addColumnIfMissing(
  db: Kysely<unknown>,
  table: string,
  column: string,
  type: string,
): Promise<void> {
  const { rows } = await sql<{
    name: string;
  }>`SELECT name FROM pragma_table_info(${table})`.execute(db);
  if (!rows.some((entry) => entry.name === column)) {
    await sql.raw(`ALTER TABLE ${table} ADD COLUMN ${column} ${type}`).execute(db);
  }
}

async function upSqlite(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, SQLITE_TABLES);
  for (const { table, column, type } of ADDED_COLUMNS) {
    await addColumnIfMissing(db, table, column, type);
  }
  await sql.raw(EXPIRE_OLDER_CODES).execute(db);
}

export const initialSchema = (dialect: Dialect): Migration => ({
  up: (db) => (dialect === 'sqlite' ? upSqlite(db) : runStatements(db, POSTGRES_TABLES)),
});
