/**
 * Appointments and their change log. Every write appends to a server-wide log: the log's
 * sequence is what delta cursors count, and its record of the day an appointment left lets a
 * delta tell a kiosk that an appointment moved out of (or was rescheduled into) the window it
 * caches. The log's epoch names this run of it (see `startEpoch`).
 */
import type Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import type { Appointment } from '../../src-shared/contract/townhall-api';
import type { AppointmentStatus } from '../../src-shared/domain/appointment-status';
import { localDayOf } from '../../src-shared/domain/site-time';
import type { SitesRepository } from './sites-repository';

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

export interface StoredAppointment extends Appointment {
  siteId: string;
  localDay: string;
  changeSeq: number;
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

export class AppointmentsRepository {
  constructor(
    private readonly db: Database.Database,
    private readonly sites: SitesRepository,
  ) {}

  /**
   * Gives the change log a new epoch. Called at every open: a cursor minted before the database
   * was opened (a reset demo server, a restored backup, which would bring its old epoch back) is
   * refused as foreign instead of silently skipping changes. It costs each kiosk one full pull
   * per server restart.
   */
  startEpoch(): void {
    this.db
      .prepare(`INSERT OR REPLACE INTO meta (key, value) VALUES ('epoch', ?)`)
      .run(randomBytes(4).toString('hex'));
  }

  get epoch(): string {
    return (
      this.db.prepare(`SELECT value FROM meta WHERE key = 'epoch'`).get() as { value: string }
    ).value;
  }

  /** The highest change sequence ever issued (0 when nothing was written yet). */
  currentSequence(): number {
    const row = this.db
      .prepare(`SELECT seq FROM sqlite_sequence WHERE name = 'appointment_changes'`)
      .get() as { seq: number } | undefined;
    return row?.seq ?? 0;
  }

  private logChange(appointmentId: string, oldDay: string | null): number {
    return Number(
      this.db
        .prepare(`INSERT INTO appointment_changes (appointment_id, old_day) VALUES (?, ?)`)
        .run(appointmentId, oldDay).lastInsertRowid,
    );
  }

  insert(siteId: string, appointment: NewAppointment): StoredAppointment {
    return this.db.transaction(() => {
      const localDay = localDayOf(new Date(appointment.startsAt), this.sites.timeZoneOf(siteId));
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
      return this.get(appointment.id) as StoredAppointment;
    })();
  }

  /** Applies a change, bumping the appointment's version and its place in the change log. */
  update(id: string, change: AppointmentChange): StoredAppointment {
    return this.db.transaction(() => {
      const current = this.get(id);
      if (!current) throw new Error(`unknown appointment ${id}`);
      const startsAt = change.startsAt ? new Date(change.startsAt).toISOString() : current.startsAt;
      const localDay = localDayOf(new Date(startsAt), this.sites.timeZoneOf(current.siteId));
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
      return this.get(id) as StoredAppointment;
    })();
  }

  get(id: string): StoredAppointment | undefined {
    const row = this.db.prepare(`SELECT * FROM appointments WHERE id = ?`).get(id) as
      AppointmentRow | undefined;
    return row ? toAppointment(row) : undefined;
  }

  list(siteId: string): StoredAppointment[] {
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
}
