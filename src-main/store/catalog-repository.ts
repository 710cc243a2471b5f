/** The cached picture of the town hall: site, services and appointments, as last pulled. */
import {
  BookingKeySchema,
  type Appointment,
  type BookingKey,
  NumberingSchema,
  type Numbering,
  type Service,
  type Site,
} from '../../src-shared/contract/townhall-api';
import { type AppointmentStatus } from '../../src-shared/domain/appointment-status';
import { type LocalizedText } from '../../src-shared/domain/language';
import { toLocalDateTime } from '../../src-shared/domain/site-time';
import type { SqliteDatabase } from './database';
import type { IdSaltFile } from './id-salt-file';

export interface CachedAppointment {
  id: string;
  code: string;
  serviceId: string;
  startsAt: string;
  localDay: string;
  localTime: string;
  status: AppointmentStatus;
  version: number;
  /** 'token': learnt from a signed booking token at check-in, not (yet) from the town hall. */
  source: 'townhall' | 'token';
  /** The number the town hall says this booking got when it was checked in (at any kiosk). */
  ticketNumber: string | null;
}

/** What a signed booking token says about a booking the cache does not hold. */
export interface TokenAppointment {
  id: string;
  code: string;
  serviceId: string;
  startsAt: string;
}

interface AppointmentRow {
  id: string;
  code: string;
  service_id: string;
  starts_at: string;
  local_day: string;
  local_time: string;
  status: string;
  version: number;
  source: string;
  ticket_number: string | null;
}

interface ServiceRow {
  id: string;
  prefix: string;
  names_json: string;
  walk_ins_allowed: number;
  daily_cap: number | null;
}

const toAppointment = (row: AppointmentRow): CachedAppointment => ({
  id: row.id,
  code: row.code,
  serviceId: row.service_id,
  startsAt: row.starts_at,
  localDay: row.local_day,
  localTime: row.local_time,
  status: row.status as AppointmentStatus,
  version: row.version,
  source: row.source === 'token' ? 'token' : 'townhall',
  ticketNumber: row.ticket_number,
});

const APPOINTMENT_COLUMNS =
  'id, code, service_id, starts_at, local_day, local_time, status, version, source, ticket_number';

const SERVICE_COLUMNS = 'id, prefix, names_json, walk_ins_allowed, daily_cap';

const toService = (row: ServiceRow): Service => ({
  id: row.id,
  prefix: row.prefix,
  names: JSON.parse(row.names_json) as LocalizedText,
  walkInsAllowed: row.walk_ins_allowed === 1,
  ...(row.daily_cap !== null ? { dailyCap: row.daily_cap } : {}),
});

function prepareStatements(db: SqliteDatabase) {
  return {
    upsertSite: db.prepare(
      `INSERT INTO site (id, name, time_zone, id_hash_salt, booking_keys_json, numbering_json,
         updated_at)
       VALUES (@id, @name, @timeZone, @idHashSalt, @bookingKeysJson, @numberingJson, @now)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, time_zone = excluded.time_zone,
         id_hash_salt = excluded.id_hash_salt, booking_keys_json = excluded.booking_keys_json,
         numbering_json = excluded.numbering_json, updated_at = excluded.updated_at`,
    ),
    getNumbering: db.prepare(`SELECT numbering_json FROM site LIMIT 1`),
    getSiteSecrets: db.prepare(`SELECT id_hash_salt, booking_keys_json FROM site LIMIT 1`),
    forgetStoredSalt: db.prepare(`UPDATE site SET id_hash_salt = NULL`),
    getSite: db.prepare(`SELECT id, name, time_zone AS timeZone FROM site LIMIT 1`),
    upsertService: db.prepare(
      `INSERT INTO services (id, prefix, names_json, walk_ins_allowed, daily_cap, updated_at)
       VALUES (@id, @prefix, @namesJson, @walkIns, @dailyCap, @now)
       ON CONFLICT (id) DO UPDATE SET prefix = excluded.prefix, names_json = excluded.names_json,
         walk_ins_allowed = excluded.walk_ins_allowed, daily_cap = excluded.daily_cap,
         updated_at = excluded.updated_at`,
    ),
    getService: db.prepare(`SELECT ${SERVICE_COLUMNS} FROM services WHERE id = ?`),
    listServices: db.prepare(`SELECT ${SERVICE_COLUMNS} FROM services ORDER BY prefix`),
    upsertAppointment: db.prepare(
      `INSERT INTO appointments (id, code, service_id, starts_at, local_day, local_time, status,
         version, citizen_id_hash, source, ticket_number, updated_at)
       VALUES (@id, @code, @serviceId, @startsAt, @localDay, @localTime, @status, @version,
         @citizenIdHash, 'townhall', @ticketNumber, @now)
       ON CONFLICT (id) DO UPDATE SET code = excluded.code, service_id = excluded.service_id,
         citizen_id_hash = excluded.citizen_id_hash, source = 'townhall',
         ticket_number = excluded.ticket_number,
         starts_at = excluded.starts_at, local_day = excluded.local_day,
         local_time = excluded.local_time,
         -- A check-in made here stays checked in until the town hall's own version moves on.
         status = CASE WHEN appointments.status = 'checked-in'
           AND excluded.version = appointments.version THEN 'checked-in' ELSE excluded.status END,
         version = excluded.version,
         updated_at = excluded.updated_at
       WHERE excluded.version >= appointments.version`,
    ),
    insertFromToken: db.prepare(
      `INSERT INTO appointments (id, code, service_id, starts_at, local_day, local_time, status,
         version, citizen_id_hash, source, updated_at)
       VALUES (@id, @code, @serviceId, @startsAt, @localDay, @localTime, 'booked', 0, NULL,
         'token', @now)
       ON CONFLICT (id) DO NOTHING`,
    ),
    findByCodeOnDay: db.prepare(
      `SELECT ${APPOINTMENT_COLUMNS} FROM appointments WHERE code = ? AND local_day = ?
       ORDER BY starts_at LIMIT 1`,
    ),
    findAnyByCode: db.prepare(
      `SELECT ${APPOINTMENT_COLUMNS} FROM appointments WHERE code = ?
       ORDER BY starts_at DESC LIMIT 1`,
    ),
    findByCitizenOnDay: db.prepare(
      `SELECT ${APPOINTMENT_COLUMNS} FROM appointments WHERE citizen_id_hash = ? AND local_day = ?
       ORDER BY starts_at, id LIMIT 50`,
    ),
    getAppointment: db.prepare(`SELECT ${APPOINTMENT_COLUMNS} FROM appointments WHERE id = ?`),
    setStatus: db.prepare(`UPDATE appointments SET status = ?, updated_at = ? WHERE id = ?`),
    countAppointments: db.prepare(`SELECT count(*) AS n FROM appointments`),
    purgeBefore: db.prepare(`DELETE FROM appointments WHERE local_day < ?`),
  };
}

export class CatalogRepository {
  private readonly statements: ReturnType<typeof prepareStatements>;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly salt: IdSaltFile,
  ) {
    this.statements = prepareStatements(db);
    // Kiosks from before the salt left the database: move it out once, and erase it there.
    const row = this.statements.getSiteSecrets.get() as { id_hash_salt: string | null } | undefined;
    if (row?.id_hash_salt) {
      salt.set(row.id_hash_salt);
      this.statements.forgetStoredSalt.run();
    }
  }

  getSite(): Site | undefined {
    return this.statements.getSite.get() as Site | undefined;
  }

  /** The site's salt for ID-document hashes (base64url), when the town hall publishes one. */
  getIdHashSalt(): string | null {
    return this.salt.get();
  }

  /** Booking-token keys the town hall published in its site info (invalid entries skipped). */
  getPublishedBookingKeys(): BookingKey[] {
    const row = this.statements.getSiteSecrets.get() as
      { booking_keys_json: string | null } | undefined;
    if (!row?.booking_keys_json) return [];
    let parsed: unknown;
    try {
      parsed = JSON.parse(row.booking_keys_json);
    } catch {
      return [];
    }
    if (!Array.isArray(parsed)) return [];
    return parsed.flatMap((entry) => {
      const key = BookingKeySchema.safeParse(entry);
      return key.success ? [key.data] : [];
    });
  }

  /** How the town hall shares ticket numbers out; null when it leases none. */
  getNumbering(): Numbering | null {
    const row = this.statements.getNumbering.get() as { numbering_json: string | null } | undefined;
    if (!row?.numbering_json) return null;
    try {
      const parsed = NumberingSchema.safeParse(JSON.parse(row.numbering_json));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  getService(id: string): Service | undefined {
    const row = this.statements.getService.get(id) as ServiceRow | undefined;
    return row ? toService(row) : undefined;
  }

  listServices(): Service[] {
    return (this.statements.listServices.all() as ServiceRow[]).map(toService);
  }

  /** Replaces the site and upserts its services, all or nothing. */
  saveSiteInfo(site: Site, services: readonly Service[], now: Date): void {
    const at = now.toISOString();
    this.salt.set(site.idHashSalt ?? null);
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM site WHERE id <> ?').run(site.id);
      this.statements.upsertSite.run({
        id: site.id,
        name: site.name,
        timeZone: site.timeZone,
        // Never in the database: see id-salt-file.ts.
        idHashSalt: null,
        bookingKeysJson: site.bookingKeys ? JSON.stringify(site.bookingKeys) : null,
        numberingJson: site.numbering ? JSON.stringify(site.numbering) : null,
        now: at,
      });
      for (const service of services) {
        this.statements.upsertService.run({
          id: service.id,
          prefix: service.prefix,
          namesJson: JSON.stringify(service.names),
          walkIns: service.walkInsAllowed ? 1 : 0,
          dailyCap: service.dailyCap ?? null,
          now: at,
        });
      }
    })();
  }

  /**
   * Upserts a page of appointments, all or nothing. An older version never overwrites a newer one,
   * so a late or replayed page cannot undo a change.
   */
  saveAppointments(appointments: readonly Appointment[], timeZone: string, now: Date): void {
    const at = now.toISOString();
    this.db.transaction(() => {
      for (const appointment of appointments) {
        const local = toLocalDateTime(new Date(appointment.startsAt), timeZone);
        this.statements.upsertAppointment.run({
          id: appointment.id,
          code: appointment.code,
          serviceId: appointment.serviceId,
          startsAt: new Date(appointment.startsAt).toISOString(),
          localDay: local.day,
          localTime: local.time,
          status: appointment.status,
          version: appointment.version,
          citizenIdHash: appointment.citizenIdHash ?? null,
          ticketNumber: appointment.ticketNumber ?? null,
          now: at,
        });
      }
    })();
  }

  findAppointmentByCode(code: string, localDay: string): CachedAppointment | undefined {
    const row = this.statements.findByCodeOnDay.get(code, localDay) as AppointmentRow | undefined;
    return row ? toAppointment(row) : undefined;
  }

  /** The latest appointment with this code on any day, to tell "not today" from "unknown". */
  findAppointmentByCodeAnyDay(code: string): CachedAppointment | undefined {
    const row = this.statements.findAnyByCode.get(code) as AppointmentRow | undefined;
    return row ? toAppointment(row) : undefined;
  }

  /** Today's (or `localDay`'s) appointments of one citizen, by the salted hash of the ID. */
  findAppointmentsByCitizen(citizenIdHash: string, localDay: string): CachedAppointment[] {
    return (
      this.statements.findByCitizenOnDay.all(citizenIdHash, localDay) as AppointmentRow[]
    ).map(toAppointment);
  }

  /**
   * Caches a booking known only from a verified signed token (version 0, source 'token'), so the
   * normal check-in can run on it. The town hall's own copy, when pulled, replaces it.
   */
  insertTokenAppointment(appointment: TokenAppointment, timeZone: string, now: Date): void {
    const startsAt = new Date(appointment.startsAt);
    const local = toLocalDateTime(startsAt, timeZone);
    this.statements.insertFromToken.run({
      id: appointment.id,
      code: appointment.code,
      serviceId: appointment.serviceId,
      startsAt: startsAt.toISOString(),
      localDay: local.day,
      localTime: local.time,
      now: now.toISOString(),
    });
  }

  getAppointment(id: string): CachedAppointment | undefined {
    const row = this.statements.getAppointment.get(id) as AppointmentRow | undefined;
    return row ? toAppointment(row) : undefined;
  }

  markAppointmentCheckedIn(id: string, now: Date): void {
    this.statements.setStatus.run('checked-in', now.toISOString(), id);
  }

  /** Drops appointments of days before `localDay` (data minimisation at day rollover). */
  purgeAppointmentsBefore(localDay: string): number {
    return this.statements.purgeBefore.run(localDay).changes;
  }

  countAppointments(): number {
    return (this.statements.countAppointments.get() as { n: number }).n;
  }
}
