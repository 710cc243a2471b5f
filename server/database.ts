/**
 * The reference server's own SQLite database. Every appointment write goes through
 * `writeAppointment`, which appends to a server-wide change log: the log's sequence is what delta
 * cursors count, and its record of the day an appointment left lets a delta tell a kiosk that an
 * appointment moved out of (or was rescheduled into) the window it caches.
 */
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import type {
  Appointment,
  CheckInRecord,
  CheckInRequest,
  Numbering,
  Service,
  Site,
} from '../src-shared/contract/townhall-api';
import type { CheckInWindow } from '../src-shared/domain/checkin-policy';
import type { AppointmentStatus } from '../src-shared/domain/appointment-status';
import type { LocalizedText } from '../src-shared/domain/language';
import { localDayOf } from '../src-shared/domain/site-time';
import { citizenIdHash } from '../src-shared/domain/citizen-id-hash';
import { newIdHashSalt } from './booking-tokens';
import type { ResolvedSeed } from './seed';

/** A site's numbering when its seed says nothing: counters 1–799 leased, 800–999 for kiosks. */
export const DEFAULT_NUMBERING: Numbering = { leaseCeiling: 799, defaultBlockSize: 20 };
export const DEFAULT_DESKS: readonly string[] = ['Mesa 1', 'Mesa 2', 'Mesa 3'];

const SCHEMA = `
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
`;

interface AppointmentRow {
  id: string;
  site_id: string;
  code: string;
  service_id: string;
  starts_at: string;
  local_day: string;
  status: string;
  version: number;
  change_seq: number;
  citizen_id_hash: string | null;
  ticket_number: string | null;
}

interface CheckInRow {
  ticket_id: string;
  site_id: string;
  appointment_id: string;
  kiosk_id: string;
  ticket_number: string;
  issued_at: string;
  received_at: string;
}

export interface StoredAppointment extends Appointment {
  siteId: string;
  localDay: string;
  changeSeq: number;
}

export interface StoredCheckIn extends CheckInRecord {
  siteId: string;
}

export interface NewAppointment {
  id: string;
  code: string;
  serviceId: string;
  startsAt: string;
  status: AppointmentStatus;
  /** Salted hash of the citizen's ID number (never the number itself). */
  citizenIdHash?: string | null;
}

export interface AppointmentChange {
  startsAt?: string;
  status?: AppointmentStatus;
  /** The turn number issued for the booking at check-in. */
  ticketNumber?: string | null;
}

export interface WindowQuery {
  siteId: string;
  fromDay: string;
  toDay: string;
  /** Start of the delta: changes after it that moved an appointment out of the window count. */
  baseSeq: number;
  /** Paging position: only appointments whose latest change is after it. */
  afterSeq: number;
  limit: number;
}

const toAppointment = (row: AppointmentRow): StoredAppointment => ({
  id: row.id,
  code: row.code,
  serviceId: row.service_id,
  startsAt: row.starts_at,
  status: row.status as AppointmentStatus,
  version: row.version,
  siteId: row.site_id,
  localDay: row.local_day,
  changeSeq: row.change_seq,
  citizenIdHash: row.citizen_id_hash,
  ...(row.ticket_number ? { ticketNumber: row.ticket_number } : {}),
});

const toCheckIn = (row: CheckInRow): StoredCheckIn => ({
  ticketId: row.ticket_id,
  appointmentId: row.appointment_id,
  kioskId: row.kiosk_id,
  ticketNumber: row.ticket_number,
  issuedAt: row.issued_at,
  receivedAt: row.received_at,
  siteId: row.site_id,
});

/** Public view of a stored appointment: exactly the contract's fields. */
export const publicAppointment = (appointment: StoredAppointment): Appointment => ({
  id: appointment.id,
  code: appointment.code,
  serviceId: appointment.serviceId,
  startsAt: appointment.startsAt,
  status: appointment.status,
  version: appointment.version,
  ...(appointment.citizenIdHash ? { citizenIdHash: appointment.citizenIdHash } : {}),
  ...(appointment.status === 'checked-in' && appointment.ticketNumber
    ? { ticketNumber: appointment.ticketNumber }
    : {}),
});

export const publicCheckIn = (checkIn: StoredCheckIn): CheckInRecord => ({
  ticketId: checkIn.ticketId,
  appointmentId: checkIn.appointmentId,
  kioskId: checkIn.kioskId,
  ticketNumber: checkIn.ticketNumber,
  issuedAt: checkIn.issuedAt,
  receivedAt: checkIn.receivedAt,
});

export class ServerDatabase {
  readonly db: Database.Database;

  constructor(file: string) {
    this.db = new Database(file);
    if (file !== ':memory:') this.db.pragma('journal_mode = WAL');
    this.db.pragma('foreign_keys = ON');
    this.db.exec(SCHEMA);
    this.addColumnIfMissing('sites', 'id_hash_salt', 'TEXT');
    this.addColumnIfMissing('appointments', 'citizen_id_hash', 'TEXT');
    this.addColumnIfMissing('appointments', 'ticket_number', 'TEXT');
    this.addColumnIfMissing('sites', 'lease_ceiling', 'INTEGER');
    this.addColumnIfMissing('sites', 'default_block_size', 'INTEGER');
    this.addColumnIfMissing('sites', 'desks_json', 'TEXT');
    this.addColumnIfMissing('services', 'daily_cap', 'INTEGER');
    this.addColumnIfMissing('services', 'check_in_window_json', 'TEXT');
    // The epoch names this run of the change log: a cursor minted before the database was opened
    // (a reset demo server, a restored backup, which would bring its old epoch back) is refused
    // as foreign instead of silently skipping changes. It costs each kiosk one full pull per
    // server restart.
    this.db
      .prepare(`INSERT OR REPLACE INTO meta (key, value) VALUES ('epoch', ?)`)
      .run(randomBytes(4).toString('hex'));
  }

  /** Columns added after the first release, for databases made before them. */
  private addColumnIfMissing(table: string, column: string, type: string): void {
    const columns = this.db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as {
      name: string;
    }[];
    if (!columns.some((entry) => entry.name === column)) {
      this.db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${type}`);
    }
  }

  get epoch(): string {
    return (
      this.db.prepare(`SELECT value FROM meta WHERE key = 'epoch'`).get() as { value: string }
    ).value;
  }

  close(): void {
    this.db.close();
  }

  hasSite(siteId: string): boolean {
    return this.db.prepare(`SELECT 1 FROM sites WHERE id = ?`).get(siteId) !== undefined;
  }

  /**
   * The site, with its ID-hash salt (made when missing: every site has one) and its numbering
   * (defaults filled in).
   */
  getSite(siteId: string): (Site & { numbering: Numbering }) | undefined {
    const row = this.db
      .prepare(
        `SELECT id, name, time_zone AS timeZone, id_hash_salt AS idHashSalt,
           lease_ceiling AS leaseCeiling, default_block_size AS defaultBlockSize
         FROM sites WHERE id = ?`,
      )
      .get(siteId) as
      | {
          id: string;
          name: string;
          timeZone: string;
          idHashSalt: string | null;
          leaseCeiling: number | null;
          defaultBlockSize: number | null;
        }
      | undefined;
    if (!row) return undefined;
    let salt = row.idHashSalt;
    if (!salt) {
      salt = newIdHashSalt();
      this.db.prepare(`UPDATE sites SET id_hash_salt = ? WHERE id = ?`).run(salt, siteId);
    }
    return {
      id: row.id,
      name: row.name,
      timeZone: row.timeZone,
      idHashSalt: salt,
      numbering: {
        leaseCeiling: row.leaseCeiling ?? DEFAULT_NUMBERING.leaseCeiling,
        defaultBlockSize: row.defaultBlockSize ?? DEFAULT_NUMBERING.defaultBlockSize,
      },
    };
  }

  /** Every site's id, in creation order. */
  listSiteIds(): string[] {
    return (this.db.prepare(`SELECT id FROM sites ORDER BY rowid`).all() as { id: string }[]).map(
      (row) => row.id,
    );
  }

  /** The desks staff can call turns to (seed `desks`; three numbered desks by default). */
  listDesks(siteId: string): string[] {
    const row = this.db.prepare(`SELECT desks_json FROM sites WHERE id = ?`).get(siteId) as
      { desks_json: string | null } | undefined;
    return row?.desks_json ? (JSON.parse(row.desks_json) as string[]) : [...DEFAULT_DESKS];
  }

  getService(siteId: string, serviceId: string): Service | undefined {
    return this.listServices(siteId).find((service) => service.id === serviceId);
  }

  /** The salted hash of a normalised ID number under this site's salt. */
  citizenIdHash(siteId: string, normalisedId: string): string {
    const site = this.getSite(siteId);
    if (!site?.idHashSalt) throw new Error(`unknown site ${siteId}`);
    return citizenIdHash(site.idHashSalt, normalisedId);
  }

  listServices(siteId: string): Service[] {
    const rows = this.db
      .prepare(
        `SELECT id, prefix, names_json, walk_ins_allowed, daily_cap, check_in_window_json
         FROM services WHERE site_id = ? ORDER BY position`,
      )
      .all(siteId) as {
      id: string;
      prefix: string;
      names_json: string;
      walk_ins_allowed: number;
      daily_cap: number | null;
      check_in_window_json: string | null;
    }[];
    return rows.map((row) => ({
      id: row.id,
      prefix: row.prefix,
      names: JSON.parse(row.names_json) as LocalizedText,
      walkInsAllowed: row.walk_ins_allowed === 1,
      dailyCap: row.daily_cap,
      checkInWindow: row.check_in_window_json
        ? (JSON.parse(row.check_in_window_json) as CheckInWindow)
        : null,
    }));
  }

  /** Loads a resolved seed, all or nothing. A site that already exists is left as it is. */
  loadSeed(seed: ResolvedSeed): boolean {
    if (this.hasSite(seed.site.id)) return false;
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO sites (id, name, time_zone, id_hash_salt, lease_ceiling, default_block_size,
             desks_json) VALUES (?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          seed.site.id,
          seed.site.name,
          seed.site.timeZone,
          seed.site.idHashSalt ?? newIdHashSalt(),
          seed.site.numbering?.leaseCeiling ?? null,
          seed.site.numbering?.defaultBlockSize ?? null,
          seed.desks ? JSON.stringify(seed.desks) : null,
        );
      const insertService = this.db.prepare(
        `INSERT INTO services (site_id, id, position, prefix, names_json, walk_ins_allowed,
           daily_cap, check_in_window_json)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      seed.services.forEach((service, position) =>
        insertService.run(
          seed.site.id,
          service.id,
          position,
          service.prefix,
          JSON.stringify(service.names),
          service.walkInsAllowed ? 1 : 0,
          service.dailyCap ?? null,
          service.checkInWindow ? JSON.stringify(service.checkInWindow) : null,
        ),
      );
      for (const { citizenId, ...appointment } of seed.appointments) {
        // The clear ID number of a seed is hashed here and forgotten: only the hash is stored.
        this.insertAppointment(seed.site.id, {
          ...appointment,
          citizenIdHash: citizenId ? this.citizenIdHash(seed.site.id, citizenId) : null,
        });
      }
    })();
    return true;
  }

  /** The highest change sequence ever issued (0 when nothing was written yet). */
  currentSequence(): number {
    const row = this.db
      .prepare(`SELECT seq FROM sqlite_sequence WHERE name = 'appointment_changes'`)
      .get() as { seq: number } | undefined;
    return row?.seq ?? 0;
  }

  private timeZoneOf(siteId: string): string {
    const site = this.getSite(siteId);
    if (!site) throw new Error(`unknown site ${siteId}`);
    return site.timeZone;
  }

  private logChange(appointmentId: string, oldDay: string | null): number {
    return Number(
      this.db
        .prepare(`INSERT INTO appointment_changes (appointment_id, old_day) VALUES (?, ?)`)
        .run(appointmentId, oldDay).lastInsertRowid,
    );
  }

  insertAppointment(siteId: string, appointment: NewAppointment): StoredAppointment {
    return this.db.transaction(() => {
      const localDay = localDayOf(new Date(appointment.startsAt), this.timeZoneOf(siteId));
      const seq = this.logChange(appointment.id, null);
      this.db
        .prepare(
          `INSERT INTO appointments (id, site_id, code, service_id, starts_at, local_day, status,
             version, change_seq, citizen_id_hash)
           VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
        )
        .run(
          appointment.id,
          siteId,
          appointment.code,
          appointment.serviceId,
          new Date(appointment.startsAt).toISOString(),
          localDay,
          appointment.status,
          seq,
          appointment.citizenIdHash ?? null,
        );
      return this.getAppointment(appointment.id) as StoredAppointment;
    })();
  }

  /** Applies a change, bumping the appointment's version and its place in the change log. */
  updateAppointment(id: string, change: AppointmentChange): StoredAppointment {
    return this.db.transaction(() => {
      const current = this.getAppointment(id);
      if (!current) throw new Error(`unknown appointment ${id}`);
      const startsAt = change.startsAt ? new Date(change.startsAt).toISOString() : current.startsAt;
      const localDay = localDayOf(new Date(startsAt), this.timeZoneOf(current.siteId));
      const seq = this.logChange(id, current.localDay);
      this.db
        .prepare(
          `UPDATE appointments SET starts_at = ?, local_day = ?, status = ?, version = version + 1,
             change_seq = ?, ticket_number = ? WHERE id = ?`,
        )
        .run(
          startsAt,
          localDay,
          change.status ?? current.status,
          seq,
          change.ticketNumber !== undefined ? change.ticketNumber : (current.ticketNumber ?? null),
          id,
        );
      return this.getAppointment(id) as StoredAppointment;
    })();
  }

  getAppointment(id: string): StoredAppointment | undefined {
    const row = this.db.prepare(`SELECT * FROM appointments WHERE id = ?`).get(id) as
      AppointmentRow | undefined;
    return row ? toAppointment(row) : undefined;
  }

  listAppointments(siteId: string): StoredAppointment[] {
    return (
      this.db
        .prepare(`SELECT * FROM appointments WHERE site_id = ? ORDER BY starts_at, id`)
        .all(siteId) as AppointmentRow[]
    ).map(toAppointment);
  }

  /**
   * Appointments whose latest change is after `afterSeq` and that are in the window now, or were
   * in it before a change made after `baseSeq`; each once, in change order, so the last one's
   * sequence is a resumable paging position. `baseSeq` stays fixed while paging: a later change
   * that does not touch the window must not hide an earlier one that left it.
   */
  changedInWindow(query: WindowQuery): StoredAppointment[] {
    return (
      this.db
        .prepare(
          `SELECT a.* FROM appointments a
           WHERE a.site_id = @siteId AND a.change_seq > @afterSeq
             AND (a.local_day BETWEEN @fromDay AND @toDay
               OR EXISTS (SELECT 1 FROM appointment_changes c
                          WHERE c.appointment_id = a.id AND c.seq > @baseSeq
                            AND c.old_day BETWEEN @fromDay AND @toDay))
           ORDER BY a.change_seq
           LIMIT @limit`,
        )
        .all(query) as AppointmentRow[]
    ).map(toAppointment);
  }

  getCheckIn(ticketId: string): StoredCheckIn | undefined {
    const row = this.db.prepare(`SELECT * FROM check_ins WHERE ticket_id = ?`).get(ticketId) as
      CheckInRow | undefined;
    return row ? toCheckIn(row) : undefined;
  }

  insertCheckIn(siteId: string, request: CheckInRequest, receivedAt: Date): StoredCheckIn {
    this.db
      .prepare(
        `INSERT INTO check_ins (ticket_id, site_id, appointment_id, kiosk_id, ticket_number,
           issued_at, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        request.ticketId,
        siteId,
        request.appointmentId,
        request.kioskId,
        request.ticketNumber,
        request.issuedAt,
        receivedAt.toISOString(),
      );
    return this.getCheckIn(request.ticketId) as StoredCheckIn;
  }

  listCheckIns(): StoredCheckIn[] {
    return (
      this.db
        .prepare(`SELECT * FROM check_ins ORDER BY received_at, ticket_id`)
        .all() as CheckInRow[]
    ).map(toCheckIn);
  }
}
