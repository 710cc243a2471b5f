import Database from 'better-sqlite3';
import { chmodSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrations, type Migration } from './migrations';
import { DamagedDatabaseError } from './startup-errors';

export type SqliteDatabase = Database.Database;

/** The main file and the WAL and shared-memory files beside it. */
const databaseFiles = (file: string) => [file, `${file}-wal`, `${file}-shm`];

/**
 * An existing database is checked (`PRAGMA quick_check`) through a read-only connection before
 * anything writes to it: a damaged file is refused and left exactly as it was, for recovery,
 * rather than served until every citizen gets an internal error.
 */
function checkIntegrity(file: string): void {
  if (!existsSync(file)) return;
  const companions = databaseFiles(file).slice(1);
  const absentBefore = companions.filter((path) => !existsSync(path));
  let problems: string[];
  try {
    const probe = new Database(file, { readonly: true, fileMustExist: true });
    try {
      problems = (probe.pragma('quick_check') as { quick_check: string }[]).map(
        (row) => row.quick_check,
      );
    } finally {
      probe.close();
    }
  } catch (error) {
    problems = [error instanceof Error ? error.message : String(error)];
  }
  if (problems.length === 1 && problems[0] === 'ok') return;
  // The read-only probe may have made an empty WAL and shared-memory file: take them away again.
  for (const path of absentBefore) rmSync(path, { force: true });
  throw new DamagedDatabaseError(
    `The kiosk database ${file} is damaged (${problems.slice(0, 3).join('; ').replace(/\s+/g, ' ')}). It was left ` +
      'untouched: copy it aside for recovery (it holds the tickets not yet delivered), then ' +
      'move it away and restart to rebuild the cache from the town hall.',
  );
}

/** Opens (creating if needed) the kiosk database in WAL mode and brings its schema up to date. */
export function openDatabase(
  file: string,
  list: readonly Migration[] = migrations,
): SqliteDatabase {
  if (file !== ':memory:') {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    checkIntegrity(file);
  }
  const db = new Database(file);
  // Purged rows are overwritten, not merely unlinked: codes and ID hashes do not linger in
  // free pages of the file (data minimisation).
  db.pragma('secure_delete = ON');
  db.pragma('journal_mode = WAL');
  if (file !== ':memory:') {
    // Tickets, codes and ID hashes: readable by the kiosk's user only.
    for (const path of databaseFiles(file)) if (existsSync(path)) chmodSync(path, 0o600);
  }
  // FULL: a committed ticket and its outbox row survive a power cut; a kiosk commits a few
  // tickets a minute, so the fsync per commit costs nothing that matters.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db, list);
  return db;
}

export function schemaVersion(db: SqliteDatabase): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function migrate(db: SqliteDatabase, list: readonly Migration[]): void {
  const current = schemaVersion(db);
  const newest = list.at(-1)?.version ?? 0;
  if (current > newest) {
    throw new Error(
      `Database schema version ${current} is newer than this build knows (${newest}); refusing to open it.`,
    );
  }
  for (const migration of list) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}
