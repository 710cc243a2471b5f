/**
 * The office's booking settings: per-service schedules, holidays and closures, and the booking
 * policy (docs/booking.md). A site without a policy row has the defaults below.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { BookingPolicy, BookingSchedule, Holiday } from '../../src-shared/contract/booking';
import { allRows, firstRow, runWrite, type Connection } from './connection';

interface ScheduleRow {
  service_id: string;
  online: number;
  week_json: string;
  slot_minutes: number;
  desks: number;
  days_ahead: number;
  cutoff_minutes: number;
  requires_citizen_id: number;
}

interface HolidayRow {
  id: string;
  day: string;
  name: string;
  scope: Holiday['scope'];
  service_id: string | null;
}

interface PolicyRow {
  max_active_per_contact: number;
  purge_after_days: number;
  controller_name: string;
  rights_contact: string;
}

/** A holiday with the id it is removed by. */
export interface StoredHoliday extends Holiday {
  id: string;
}

/** The policy of a site that has not set one: the site's name answers for its data. */
export const defaultBookingPolicy = (siteName: string): BookingPolicy => ({
  maxActivePerContact: 2,
  purgeAfterDays: 30,
  controllerName: siteName,
  rightsContact: `${siteName}: Registro General`,
});

const toSchedule = (row: ScheduleRow): BookingSchedule => ({
  serviceId: row.service_id,
  online: Number(row.online) === 1,
  week: JSON.parse(row.week_json) as BookingSchedule['week'],
  slotMinutes: Number(row.slot_minutes),
  desks: Number(row.desks),
  daysAhead: Number(row.days_ahead),
  cutoffMinutes: Number(row.cutoff_minutes),
  requiresCitizenId: Number(row.requires_citizen_id) === 1,
});

const toHoliday = (row: HolidayRow): StoredHoliday => ({
  id: row.id,
  day: row.day,
  name: row.name,
  scope: row.scope,
  serviceId: row.service_id,
});

export class BookingSettingsRepository {
  constructor(private readonly connection: Connection) {}

  async listSchedules(siteId: string): Promise<BookingSchedule[]> {
    const rows = await allRows(
      this.connection,
      sql<ScheduleRow>`SELECT * FROM booking_schedules WHERE site_id = ${siteId}
        ORDER BY service_id`,
    );
    return rows.map(toSchedule);
  }

  async getSchedule(siteId: string, serviceId: string): Promise<BookingSchedule | undefined> {
    const row = await firstRow(
      this.connection,
      sql<ScheduleRow>`SELECT * FROM booking_schedules
        WHERE site_id = ${siteId} AND service_id = ${serviceId}`,
    );
    return row ? toSchedule(row) : undefined;
  }

  /** Creates or replaces a service's schedule. */
  async putSchedule(siteId: string, schedule: BookingSchedule): Promise<void> {
    await runWrite(
      this.connection,
      sql`INSERT INTO booking_schedules (site_id, service_id, online, week_json, slot_minutes,
          desks, days_ahead, cutoff_minutes, requires_citizen_id)
        VALUES (${siteId}, ${schedule.serviceId}, ${schedule.online ? 1 : 0},
          ${JSON.stringify(schedule.week)}, ${schedule.slotMinutes}, ${schedule.desks},
          ${schedule.daysAhead}, ${schedule.cutoffMinutes}, ${schedule.requiresCitizenId ? 1 : 0})
        ON CONFLICT (site_id, service_id) DO UPDATE SET online = excluded.online,
          week_json = excluded.week_json, slot_minutes = excluded.slot_minutes,
          desks = excluded.desks, days_ahead = excluded.days_ahead,
          cutoff_minutes = excluded.cutoff_minutes,
          requires_citizen_id = excluded.requires_citizen_id`,
    );
  }

  /** Holidays and closures from `fromDay` on (all when omitted), by day. */
  async listHolidays(siteId: string, fromDay = '0000-01-01'): Promise<StoredHoliday[]> {
    const rows = await allRows(
      this.connection,
      sql<HolidayRow>`SELECT id, day, name, scope, service_id FROM booking_holidays
        WHERE site_id = ${siteId} AND day >= ${fromDay} ORDER BY day, id`,
    );
    return rows.map(toHoliday);
  }

  async addHoliday(siteId: string, holiday: Holiday): Promise<StoredHoliday> {
    const id = randomUUID();
    await runWrite(
      this.connection,
      sql`INSERT INTO booking_holidays (id, site_id, day, name, scope, service_id)
        VALUES (${id}, ${siteId}, ${holiday.day}, ${holiday.name}, ${holiday.scope},
          ${holiday.serviceId})`,
    );
    return { id, ...holiday };
  }

  /** The removed holiday, or undefined when the site has none of that id. */
  async removeHoliday(siteId: string, id: string): Promise<StoredHoliday | undefined> {
    const row = await firstRow(
      this.connection,
      sql<HolidayRow>`DELETE FROM booking_holidays WHERE site_id = ${siteId} AND id = ${id}
        RETURNING id, day, name, scope, service_id`,
    );
    return row ? toHoliday(row) : undefined;
  }

  /** The site's policy; the defaults when it never set one. */
  async getPolicy(siteId: string, siteName: string): Promise<BookingPolicy> {
    const row = await firstRow(
      this.connection,
      sql<PolicyRow>`SELECT max_active_per_contact, purge_after_days, controller_name,
          rights_contact FROM booking_policies WHERE site_id = ${siteId}`,
    );
    if (!row) return defaultBookingPolicy(siteName);
    return {
      maxActivePerContact: Number(row.max_active_per_contact),
      purgeAfterDays: Number(row.purge_after_days),
      controllerName: row.controller_name,
      rightsContact: row.rights_contact,
    };
  }

  async putPolicy(siteId: string, policy: BookingPolicy): Promise<void> {
    await runWrite(
      this.connection,
      sql`INSERT INTO booking_policies (site_id, max_active_per_contact, purge_after_days,
          controller_name, rights_contact)
        VALUES (${siteId}, ${policy.maxActivePerContact}, ${policy.purgeAfterDays},
          ${policy.controllerName}, ${policy.rightsContact})
        ON CONFLICT (site_id) DO UPDATE SET
          max_active_per_contact = excluded.max_active_per_contact,
          purge_after_days = excluded.purge_after_days,
          controller_name = excluded.controller_name,
          rights_contact = excluded.rights_contact`,
    );
  }
}
