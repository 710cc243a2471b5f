/**
 * The reference server's own store: an SQLite file (or memory) or a PostgreSQL database, its
 * repositories, and one way to run a transaction. All of the server's SQL lives in this folder;
 * the schema is brought up to date by the migration list (`migrations/`) through Kysely before
 * the repositories open.
 */
import type { Kysely } from 'kysely';
import { codeRules } from '../enrolment-codes';
import type { ResolvedSeed } from '../seed';
import { AppointmentsRepository } from './appointments-repository';
import { BookingSettingsRepository } from './booking-settings-repository';
import { BookingsRepository } from './bookings-repository';
import { CalledTurnsRepository } from './called-turns-repository';
import { CheckInsRepository } from './check-ins-repository';
import { atomically, type Connection, type Dialect, type SiteLock } from './connection';
import {
  databaseTarget,
  openSqlite,
  postgresKysely,
  sqliteKysely,
  type DatabaseTarget,
} from './database';
import { DesksRepository } from './desks-repository';
import { DevicesRepository } from './devices-repository';
import { FollowRepository } from './follow-repository';
import { KioskConflictsRepository } from './kiosk-conflicts-repository';
import { migrateToLatest } from './migrations';
import { NumberLeasesRepository } from './number-leases-repository';
import { RemoteConfigRepository } from './remote-config-repository';
import { RetentionRepository } from './retention-repository';
import { SitesRepository } from './sites-repository';
import { StatisticsRepository } from './statistics-repository';
import { StaffRepository } from './staff-repository';
import { StaffSessionsRepository } from './staff-sessions-repository';
import { TicketsRepository } from './tickets-repository';

export interface Repositories {
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
  /** Service times and desks for the wait estimate; tickets by follow token. */
  readonly follow: FollowRepository;
  /** Erasing days past the retention period. */
  readonly retention: RetentionRepository;
  /** The rows the office statistics are computed from. */
  readonly statistics: StatisticsRepository;
  /** Staff accounts and the staff audit log. */
  readonly staff: StaffRepository;
  readonly staffSessions: StaffSessionsRepository;
  /** Desks at work and what they do with the tickets they call. */
  readonly desks: DesksRepository;
  /** The kiosks' ticket reports refused for good, for the supervisor. */
  readonly kioskConflicts: KioskConflictsRepository;
  /** Online booking: schedules, holidays and closures, the booking policy. */
  readonly bookingSettings: BookingSettingsRepository;
  /** The personal data of bookings, and the capacity rule's reads. */
  readonly bookings: BookingsRepository;
}

export interface ServerStore extends Repositories {
  readonly dialect: Dialect;
  /**
   * Runs `work` in one transaction: everything it writes through the repositories it is given
   * lands, or nothing does. With `siteId`, other such transactions of that site wait for it
   * (PostgreSQL: the site's row is locked; SQLite: every transaction waits for the one before).
   * Inside, use only `inTransaction`'s repositories, never the store's own.
   */
  transaction<T>(
    work: (inTransaction: Repositories) => Promise<T>,
    siteId?: string,
    lock?: SiteLock,
  ): Promise<T>;
  /**
   * Loads a resolved seed with its enrolment codes, all or nothing. A site that already exists
   * is left as it is (false).
   */
  loadSeed(seed: ResolvedSeed, at: Date): Promise<boolean>;
  close(): Promise<void>;
}

/** An open database the store takes over (and destroys when it closes). */
export interface OpenDatabase {
  db: Kysely<unknown>;
  dialect: Dialect;
}

const repositoriesOf = (connection: Connection): Repositories => ({
  sites: new SitesRepository(connection),
  appointments: new AppointmentsRepository(connection),
  checkIns: new CheckInsRepository(connection),
  devices: new DevicesRepository(connection),
  remoteConfig: new RemoteConfigRepository(connection),
  numberLeases: new NumberLeasesRepository(connection),
  tickets: new TicketsRepository(connection),
  calledTurns: new CalledTurnsRepository(connection),
  follow: new FollowRepository(connection),
  retention: new RetentionRepository(connection),
  statistics: new StatisticsRepository(connection),
  staff: new StaffRepository(connection),
  staffSessions: new StaffSessionsRepository(connection),
  desks: new DesksRepository(connection),
  kioskConflicts: new KioskConflictsRepository(connection),
  bookingSettings: new BookingSettingsRepository(connection),
  bookings: new BookingsRepository(connection),
});

function openKysely(target: DatabaseTarget): Kysely<unknown> {
  return target.dialect === 'sqlite'
    ? sqliteKysely<unknown>(openSqlite(target.file))
    : postgresKysely<unknown>(target.url);
}

/**
 * Opens (creating or upgrading) the store: `location` is an SQLite file (':memory:' forgets
 * everything on close) or a `postgres://` URL (databaseTarget). An open Kysely may be given
 * instead (tests: a fresh PostgreSQL schema); closing the store destroys it.
 */
export async function openServerStore(location: string | OpenDatabase): Promise<ServerStore> {
  const connection: Connection =
    typeof location === 'string'
      ? { db: openKysely(databaseTarget(location)), dialect: databaseTarget(location).dialect }
      : location;
  try {
    await migrateToLatest(connection.db, connection.dialect);
  } catch (error) {
    await connection.db.destroy();
    throw error;
  }
  const repositories = repositoriesOf(connection);
  await repositories.appointments.startEpoch();
  const transaction = <T>(
    work: (inTransaction: Repositories) => Promise<T>,
    siteId?: string,
    lock?: SiteLock,
  ): Promise<T> =>
    atomically(connection, (inTransaction) => work(repositoriesOf(inTransaction)), siteId, lock);

  const loadSeed = (seed: ResolvedSeed, at: Date): Promise<boolean> =>
    transaction(async ({ sites, appointments, devices, bookingSettings }) => {
      if (await sites.hasSite(seed.site.id)) return false;
      await sites.insertSite(seed.site, seed.services, seed.desks);
      for (const schedule of seed.booking?.schedules ?? []) {
        await bookingSettings.putSchedule(seed.site.id, schedule);
      }
      for (const holiday of seed.booking?.holidays ?? []) {
        await bookingSettings.addHoliday(seed.site.id, holiday);
      }
      if (seed.booking?.policy) await bookingSettings.putPolicy(seed.site.id, seed.booking.policy);
      for (const { citizenId, ...appointment } of seed.appointments) {
        // The clear ID number of a seed is hashed here and forgotten: only the hash is stored.
        await appointments.insert(seed.site.id, {
          ...appointment,
          citizenIdHash: citizenId ? await sites.citizenIdHash(seed.site.id, citizenId) : null,
        });
      }
      for (const spec of seed.enrolmentCodes) {
        await devices.addEnrolmentCode(seed.site.id, spec.code, codeRules(spec, at), at);
      }
      return true;
    });

  return {
    ...repositories,
    dialect: connection.dialect,
    transaction,
    loadSeed,
    close: () => connection.db.destroy(),
  };
}
