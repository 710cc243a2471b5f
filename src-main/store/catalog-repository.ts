/** The cached picture of the town hall: site, services and appointments, as last pulled. */
import type {
  Appointment,
  AppointmentStatus,
  LocalizedText,
  Service,
  Site,
} from '../../src-shared/contract/townhall-api';
import { toLocalDateTime } from '../../src-shared/domain/site-time';
import type { SqliteDatabase } from './database';

export interface CachedAppointment {
  id: string;
  code: string;
  serviceId: string;
  startsAt: string;
  localDay: string;
  localTime: string;
  status: AppointmentStatus;
  version: number;
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
}

interface ServiceRow {
  id: string;
  prefix: string;
  names_json: string;
  walk_ins_allowed: number;
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
});

const toService = (row: ServiceRow): Service => ({
  id: row.id,
  prefix: row.prefix,
  names: JSON.parse(row.names_json) as LocalizedText,
  walkInsAllowed: row.walk_ins_allowed === 1,
});

function prepareStatements(db: SqliteDatabase) {
  return {
    upsertSite: db.prepare(
      `INSERT INTO site (id, name, time_zone, updated_at) VALUES (@id, @name, @timeZone, @now)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, time_zone = excluded.time_zone,
         updated_at = excluded.updated_at`,
    ),
    getSite: db.prepare(`SELECT id, name, time_zone AS timeZone FROM site LIMIT 1`),
    upsertService: db.prepare(
      `INSERT INTO services (id, prefix, names_json, walk_ins_allowed, updated_at)
       VALUES (@id, @prefix, @namesJson, @walkIns, @now)
       ON CONFLICT (id) DO UPDATE SET prefix = excluded.prefix, names_json = excluded.names_json,
         walk_ins_allowed = excluded.walk_ins_allowed, updated_at = excluded.updated_at`,
    ),
    getService: db.prepare(
      `SELECT id, prefix, names_json, walk_ins_allowed FROM services WHERE id = ?`,
    ),
    listServices: db.prepare(
      `SELECT id, prefix, names_json, walk_ins_allowed FROM services ORDER BY prefix`,
    ),
    upsertAppointment: db.prepare(
      `INSERT INTO appointments (id, code, service_id, starts_at, local_day, local_time, status,
         version, updated_at)
       VALUES (@id, @code, @serviceId, @startsAt, @localDay, @localTime, @status, @version, @now)
       ON CONFLICT (id) DO UPDATE SET code = excluded.code, service_id = excluded.service_id,
         starts_at = excluded.starts_at, local_day = excluded.local_day,
         local_time = excluded.local_time,
         -- A check-in made here stays checked in until the town hall's own version moves on.
         status = CASE WHEN appointments.status = 'checked-in'
           AND excluded.version = appointments.version THEN 'checked-in' ELSE excluded.status END,
         version = excluded.version,
         updated_at = excluded.updated_at
       WHERE excluded.version >= appointments.version`,
    ),
    findByCodeOnDay: db.prepare(
      `SELECT * FROM appointments WHERE code = ? AND local_day = ? ORDER BY starts_at LIMIT 1`,
    ),
    findAnyByCode: db.prepare(
      `SELECT * FROM appointments WHERE code = ? ORDER BY starts_at DESC LIMIT 1`,
    ),
    getAppointment: db.prepare(`SELECT * FROM appointments WHERE id = ?`),
    setStatus: db.prepare(`UPDATE appointments SET status = ?, updated_at = ? WHERE id = ?`),
    countAppointments: db.prepare(`SELECT count(*) AS n FROM appointments`),
    purgeBefore: db.prepare(`DELETE FROM appointments WHERE local_day < ?`),
  };
}

export class CatalogRepository {
  private readonly statements: ReturnType<typeof prepareStatements>;

  constructor(private readonly db: SqliteDatabase) {
    this.statements = prepareStatements(db);
  }

  getSite(): Site | undefined {
    return this.statements.getSite.get() as Site | undefined;
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
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM site WHERE id <> ?').run(site.id);
      this.statements.upsertSite.run({ ...site, now: at });
      for (const service of services) {
        this.statements.upsertService.run({
          id: service.id,
          prefix: service.prefix,
          namesJson: JSON.stringify(service.names),
          walkIns: service.walkInsAllowed ? 1 : 0,
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
