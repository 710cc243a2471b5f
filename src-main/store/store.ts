/** The kiosk's local store: one SQLite file, its repositories, and one way to run a transaction. */
import { dirname, join } from 'node:path';
import { CatalogRepository } from './catalog-repository';
import { IdSaltFile } from './id-salt-file';
import { ConflictRepository } from './conflict-repository';
import { openDatabase, type SqliteDatabase } from './database';
import { NumberRepository } from './number-repository';
import { OutboxRepository } from './outbox-repository';
import { RetentionRepository } from './retention-repository';
import { SyncStateRepository } from './sync-state-repository';
import { TechnicianAuditRepository } from './technician-audit-repository';
import { TechnicianLockoutRepository } from './technician-lockout-repository';
import { TicketRepository } from './ticket-repository';

/** Beside the database, never in it (id-salt-file.ts). */
export const ID_SALT_FILE = 'id-hash-salt';

export interface Store {
  readonly db: SqliteDatabase;
  readonly catalog: CatalogRepository;
  readonly tickets: TicketRepository;
  readonly outbox: OutboxRepository;
  readonly syncState: SyncStateRepository;
  /** Leased number blocks and the reserved range, per service and day. */
  readonly numbers: NumberRepository;
  /** What the town hall refused or changed under a ticket, for staff. */
  readonly conflicts: ConflictRepository;
  /** Erases what is past its retention (data minimisation). */
  readonly retention: RetentionRepository;
  /** The technician mode's audit log. */
  readonly technicianAudit: TechnicianAuditRepository;
  /** Wrong technician PINs in a row and the lockout they caused. */
  readonly technicianLockout: TechnicianLockoutRepository;
  /** Runs `work` in one SQLite transaction: everything it writes lands, or nothing does. */
  transaction<T>(work: () => T): T;
  close(): void;
}

export function openStore(file: string): Store {
  const db = openDatabase(file);
  const salt = new IdSaltFile(file === ':memory:' ? null : join(dirname(file), ID_SALT_FILE));
  const numbers = new NumberRepository(db);
  const catalog = new CatalogRepository(db, salt);
  return {
    db,
    catalog,
    retention: new RetentionRepository(db, { catalog, numbers }),
    tickets: new TicketRepository(db, numbers),
    numbers,
    conflicts: new ConflictRepository(db),
    outbox: new OutboxRepository(db),
    syncState: new SyncStateRepository(db),
    technicianAudit: new TechnicianAuditRepository(db),
    technicianLockout: new TechnicianLockoutRepository(db),
    transaction: <T>(work: () => T): T => db.transaction(work).immediate(),
    close: () => db.close(),
  };
}
