/** Small key/value facts the sync engine keeps between runs (cursor, last success). */
import type { SqliteDatabase } from './database';

export type SyncStateKey =
  | 'appointments-cursor'
  | 'appointments-from'
  | 'last-success-at'
  /** The remote configuration last applied (RemoteConfig JSON) and its version. */
  | 'remote-config'
  | 'remote-config-version';

function prepareStatements(db: SqliteDatabase) {
  return {
    get: db.prepare(`SELECT value FROM sync_state WHERE key = ?`),
    set: db.prepare(
      `INSERT INTO sync_state (key, value) VALUES (?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    ),
    delete: db.prepare(`DELETE FROM sync_state WHERE key = ?`),
  };
}

export class SyncStateRepository {
  private readonly statements: ReturnType<typeof prepareStatements>;

  constructor(private readonly db: SqliteDatabase) {
    this.statements = prepareStatements(db);
  }

  get(key: SyncStateKey): string | undefined {
    return (this.statements.get.get(key) as { value: string } | undefined)?.value;
  }

  set(key: SyncStateKey, value: string): void {
    this.statements.set.run(key, value);
  }

  delete(key: SyncStateKey): void {
    this.statements.delete.run(key);
  }

  /**
   * Whether the cache was ever brought up to date (site and appointments pulled once). Until
   * then a booking missing from it may well exist: the kiosk cannot tell.
   */
  everUpToDate(): boolean {
    return this.get('last-success-at') !== undefined;
  }
}
