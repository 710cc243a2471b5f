/** The kiosk's local store: one SQLite file, its repositories, and one way to run a transaction. */
import { CatalogRepository } from './catalog-repository';
import { openDatabase, type SqliteDatabase } from './database';
import { OutboxRepository } from './outbox-repository';
import { SyncStateRepository } from './sync-state-repository';
import { TicketRepository } from './ticket-repository';

export interface Store {
  readonly db: SqliteDatabase;
  readonly catalog: CatalogRepository;
  readonly tickets: TicketRepository;
  readonly outbox: OutboxRepository;
  readonly syncState: SyncStateRepository;
  /** Runs `work` in one SQLite transaction: everything it writes lands, or nothing does. */
  transaction<T>(work: () => T): T;
  close(): void;
}

export function openStore(file: string): Store {
  const db = openDatabase(file);
  return {
    db,
    catalog: new CatalogRepository(db),
    tickets: new TicketRepository(db),
    outbox: new OutboxRepository(db),
    syncState: new SyncStateRepository(db),
    transaction: <T>(work: () => T): T => db.transaction(work).immediate(),
    close: () => db.close(),
  };
}
