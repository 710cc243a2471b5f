/**
 * Appointments and their change log. Every write appends to a server-wide log: the log's
 * sequence is what delta cursors count, and its record of the day an appointment left lets a
 * delta tell a kiosk that an appointment moved out of (or was rescheduled into) the window it
 * caches. The log's epoch names this run of it (see `startEpoch`).
 */
import { sql } from 'kysely';
import { randomBytes } from 'node:crypto';
import type { Appointment } from '../../src-shared/contract/townhall-api';
import type { AppointmentStatus } from '../../src-shared/domain/appointment-status';
import { localDayOf } from '../../src-shared/domain/site-time';
import { allRows, atomically, firstRow, runWrite, type Connection } from './connection';
import { SitesRepository } from './sites-repository';

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
  constructor(private readonly connection: Connection) {}

  /**
   * Gives the change log a new epoch. Called at every open: a cursor minted before the database
   * was opened (a reset demo server, a restored backup, which would bring its old epoch back) is
   * refused as foreign instead of silently skipping changes. It costs each kiosk one full pull
   * per server restart.
   */
  async startEpoch(): Promise<void> {
    await runWrite(
      this.connection,
      sql`INSERT INTO meta (key, value) VALUES ('epoch', ${randomBytes(4).toString('hex')})
        ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    );
  }

  async epoch(): Promise<string> {
    const row = await firstRow(
      this.connection,
      sql<{ value: string }>`SELECT value FROM meta WHERE key = 'epoch'`,
    );
    if (!row) throw new Error('the change log has no epoch');
    return row.value;
  }

  /** The highest change sequence ever issued (0 when nothing was written yet). */
  async currentSequence(): Promise<number> {
    const row = await firstRow(
      this.connection,
      this.connection.dialect === 'sqlite'
        ? sql<{ seq: number }>`SELECT seq FROM sqlite_sequence
            WHERE name = 'appointment_changes'`
        : sql<{ seq: number | null }>`SELECT pg_sequence_last_value(
            pg_get_serial_sequence('appointment_changes', 'seq')) AS seq`,
    );
    return Number(row?.seq ?? 0);
  }

  async insert(siteId: string, appointment: NewAppointment): Promise<StoredAppointment> {
    return atomically(
      this.connection,
      async (connection) => {
        const timeZone = await new SitesRepository(connection).timeZoneOf(siteId);
        const localDay = localDayOf(new Date(appointment.startsAt), timeZone);
        const seq = await logChange(connection, appointment.id, null);
        await runWrite(
          connection,
          sql`INSERT INTO appointments (id, site_id, code, service_id, starts_at, local_day,
              status, version, change_seq, citizen_id_hash)
            VALUES (${appointment.id}, ${siteId}, ${appointment.code}, ${appointment.serviceId},
              ${new Date(appointment.startsAt).toISOString()}, ${localDay}, ${appointment.status},
              1, ${seq}, ${appointment.citizenIdHash ?? null})`,
        );
        return (await new AppointmentsRepository(connection).get(
          appointment.id,
        )) as StoredAppointment;
      },
      siteId,
    );
  }

  /** Applies a change, bumping the appointment's version and its place in the change log. */
  async update(id: string, change: AppointmentChange): Promise<StoredAppointment> {
    const before = await this.get(id);
    if (!before) throw new Error(`unknown appointment ${id}`);
    return atomically(
      this.connection,
      async (connection) => {
        const appointments = new AppointmentsRepository(connection);
        // Read again under the site's lock: another write may have come in between.
        const current = await appointments.get(id);
        if (!current) throw new Error(`unknown appointment ${id}`);
        const startsAt = change.startsAt
          ? new Date(change.startsAt).toISOString()
          : current.startsAt;
        const timeZone = await new SitesRepository(connection).timeZoneOf(current.siteId);
        const localDay = localDayOf(new Date(startsAt), timeZone);
        const seq = await logChange(connection, id, current.localDay);
        const ticketNumber =
          change.ticketNumber !== undefined ? change.ticketNumber : (current.ticketNumber ?? null);
        await runWrite(
          connection,
          sql`UPDATE appointments SET starts_at = ${startsAt}, local_day = ${localDay},
              status = ${change.status ?? current.status}, version = version + 1,
              change_seq = ${seq}, ticket_number = ${ticketNumber}
            WHERE id = ${id}`,
        );
        return (await appointments.get(id)) as StoredAppointment;
      },
      before.siteId,
    );
  }

  async get(id: string): Promise<StoredAppointment | undefined> {
    const row = await firstRow(
      this.connection,
      sql<AppointmentRow>`SELECT * FROM appointments WHERE id = ${id}`,
    );
    return row ? toAppointment(row) : undefined;
  }

  async list(siteId: string): Promise<StoredAppointment[]> {
    const rows = await allRows(
      this.connection,
      sql<AppointmentRow>`SELECT * FROM appointments WHERE site_id = ${siteId}
        ORDER BY starts_at, id`,
    );
    return rows.map(toAppointment);
  }

  /**
   * Appointments whose latest change is after `afterSeq` and that are in the window now, or were
   * in it before a change made after `baseSeq`; each once, in change order, so the last one's
   * sequence is a resumable paging position. `baseSeq` stays fixed while paging: a later change
   * that does not touch the window must not hide an earlier one that left it.
   */
  async changedInWindow(query: WindowQuery): Promise<StoredAppointment[]> {
    const { siteId, fromDay, toDay, baseSeq, afterSeq, limit } = query;
    const rows = await allRows(
      this.connection,
      sql<AppointmentRow>`SELECT a.* FROM appointments a
        WHERE a.site_id = ${siteId} AND a.change_seq > ${afterSeq}
          AND (a.local_day BETWEEN ${fromDay} AND ${toDay}
            OR EXISTS (SELECT 1 FROM appointment_changes c
                       WHERE c.appointment_id = a.id AND c.seq > ${baseSeq}
                         AND c.old_day BETWEEN ${fromDay} AND ${toDay}))
        ORDER BY a.change_seq
        LIMIT ${limit}`,
    );
    return rows.map(toAppointment);
  }
}

/** Appends to the change log; the change's sequence. */
async function logChange(
  connection: Connection,
  appointmentId: string,
  oldDay: string | null,
): Promise<number> {
  const row = await firstRow(
    connection,
    sql<{ seq: number }>`INSERT INTO appointment_changes (appointment_id, old_day)
      VALUES (${appointmentId}, ${oldDay}) RETURNING seq`,
  );
  return Number(row?.seq);
}
