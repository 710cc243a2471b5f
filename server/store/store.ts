/**
 * The reference server's own store: one SQLite file (or memory), its repositories, and one way
 * to run a transaction. All of the server's SQL lives in this folder; the schema is brought up to
 * date by the migration list (`migrations/`) through Kysely before the repositories open.
 */
import { codeRules } from '../enrolment-codes';
import type { ResolvedSeed } from '../seed';
import { AppointmentsRepository } from './appointments-repository';
import { CalledTurnsRepository } from './called-turns-repository';
import { CheckInsRepository } from './check-ins-repository';
import { DevicesRepository } from './devices-repository';
import { NumberLeasesRepository } from './number-leases-repository';
import { RemoteConfigRepository } from './remote-config-repository';
import { RetentionRepository } from './retention-repository';
import { openSqlite, sqliteKysely } from './database';
import { migrateToLatest } from './migrations';
import { SitesRepository } from './sites-repository';
import { TicketsRepository } from './tickets-repository';

export interface ServerStore {
  /** Sites, their services, desks and ID-hash salts. */
  readonly sites: SitesRepository;
  /** Appointments and the change log delta cursors count. */
  readonly appointments: AppointmentsRepository;
  readonly checkIns: CheckInsRepository;
  /** Enrolment codes, credentials and heartbeats. */
  readonly devices: DevicesRepository;
  readonly remoteConfig: RemoteConfigRepository;
  readonly numberLeases: NumberLeasesRepository;
  /** Every issued ticket: the queue of each site and day. */
  readonly tickets: TicketsRepository;
  readonly calledTurns: CalledTurnsRepository;
  /** Erasing days past the retention period. */
  readonly retention: RetentionRepository;
  /** Runs `work` in one SQLite transaction: everything it writes lands, or nothing does. */
  transaction<T>(work: () => T): T;
  /**
   * Loads a resolved seed with its enrolment codes, all or nothing. A site that already exists
   * is left as it is (false).
   */
  loadSeed(seed: ResolvedSeed, at: Date): boolean;
  close(): void;
}

/** Opens (creating or upgrading) the store in `file`; ':memory:' forgets everything on close. */
export async function openServerStore(file: string): Promise<ServerStore> {
  const db = openSqlite(file);
  try {
    await migrateToLatest(sqliteKysely(db), 'sqlite');
  } catch (error) {
    db.close();
    throw error;
  }
  const sites = new SitesRepository(db);
  const appointments = new AppointmentsRepository(db, sites);
  appointments.startEpoch();
  const devices = new DevicesRepository(db);
  const tickets = new TicketsRepository(db);
  const transaction = <T>(work: () => T): T => db.transaction(work)();

  const loadSeed = (seed: ResolvedSeed, at: Date): boolean =>
    transaction(() => {
      if (sites.hasSite(seed.site.id)) return false;
      sites.insertSite(seed.site, seed.services, seed.desks);
      for (const { citizenId, ...appointment } of seed.appointments) {
        // The clear ID number of a seed is hashed here and forgotten: only the hash is stored.
        appointments.insert(seed.site.id, {
          ...appointment,
          citizenIdHash: citizenId ? sites.citizenIdHash(seed.site.id, citizenId) : null,
        });
      }
      for (const spec of seed.enrolmentCodes) {
        devices.addEnrolmentCode(seed.site.id, spec.code, codeRules(spec, at), at);
      }
      return true;
    });

  return {
    sites,
    appointments,
    checkIns: new CheckInsRepository(db),
    devices,
    remoteConfig: new RemoteConfigRepository(db),
    numberLeases: new NumberLeasesRepository(db),
    tickets,
    calledTurns: new CalledTurnsRepository(db, tickets),
    retention: new RetentionRepository(db),
    transaction,
    loadSeed,
    close: () => db.close(),
  };
}
