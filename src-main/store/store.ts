/** The kiosk's local store: one SQLite file, its repositories, and one way to run a transaction. */
import { dirname, join } from 'node:path';
import { CatalogRepository } from './catalog-repository';
import { IdSaltFile } from './id-salt-file';
import { ConflictRepository } from './conflict-repository';
import { openDatabase, type SqliteDatabase } from './database';
import { NumberRepository } from './number-repository';
import { OutboxRepository } from './outbox-repository';
import { PaperRollRepository } from './paper-roll-repository';
import { RetentionRepository } from './retention-repository';
import { ServiceTallyRepository } from './service-tally-repository';
import { StatisticsRepository } from './statistics-repository';
import { SyncStateRepository } from './sync-state-repository';
import { TechnicianAuditRepository } from './technician-audit-repository';
import { TechnicianLockoutRepository } from './technician-lockout-repository';
import { TicketRepository } from './ticket-repository';
import { WaitEstimateRepository } from './wait-estimate-repository';

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
  /** Tickets a service gave on a day, this kiosk's and the others', for its daily cap. */
  readonly tallies: ServiceTallyRepository;
  /** The town hall's last wait estimate, for a new ticket's people ahead and wait. */
  readonly waitEstimates: WaitEstimateRepository;
  /** Refusals per reason and printer faults, and what the statistics read (counts only). */
  readonly statistics: StatisticsRepository;
  /** The paper roll in the printer and what was printed on it. */
  readonly paperRoll: PaperRollRepository;
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
  const statistics = new StatisticsRepository(db);
  return {
    db,
    catalog,
    retention: new RetentionRepository(db, { catalog, numbers }, statistics),
    statistics,
    paperRoll: new PaperRollRepository(db),
    tickets: new TicketRepository(db, numbers),
    numbers,
    conflicts: new ConflictRepository(db),
    outbox: new OutboxRepository(db),
    syncState: new SyncStateRepository(db),
    tallies: new ServiceTallyRepository(db),
    waitEstimates: new WaitEstimateRepository(db),
    technicianAudit: new TechnicianAuditRepository(db),
    technicianLockout: new TechnicianLockoutRepository(db),
    transaction: <T>(work: () => T): T => db.transaction(work).immediate(),
    close: () => db.close(),
  };
}
