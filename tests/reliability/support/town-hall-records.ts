/**
 * What the town hall has received. While a server process runs: how many of today's bookings
 * it shows checked in, over its public API (what any client could ask). Once it has stopped:
 * its check-in records, read through the server's own admin interface on its database file.
 */
import {
  API_BASE_PATH,
  AppointmentsPageSchema,
  type CheckInRecord,
} from '../../../src-shared/contract/townhall-api';
import { localDayOf } from '../../../src-shared/domain/site-time';
import { startTurneroServer } from '../../../server/server';
import { SITE_ID, TIME_ZONE } from './booking-seed';

/** Today's bookings the town hall shows as checked in; null when it does not answer. */
export async function checkedInToday(baseUrl: string): Promise<number | null> {
  const day = localDayOf(new Date(), TIME_ZONE);
  let cursor: string | undefined;
  let count = 0;
  try {
    for (;;) {
      const query = new URLSearchParams({ from: day, days: '1', limit: '5000' });
      if (cursor) query.set('cursor', cursor);
      const response = await fetch(
        `${baseUrl}${API_BASE_PATH}/sites/${SITE_ID}/appointments?${query}`,
      );
      if (!response.ok) return null;
      const page = AppointmentsPageSchema.parse(await response.json());
      count += page.appointments.filter(
        (appointment) => appointment.status === 'checked-in',
      ).length;
      if (!page.hasMore) return count;
      cursor = page.cursor;
    }
  } catch {
    return null;
  }
}

/** Polls `count` until it reaches `expected` or `timeoutMs` passes; returns the last count. */
export async function waitForCount(
  count: () => Promise<number | null> | number | null,
  expected: number,
  timeoutMs: number,
): Promise<number | null> {
  const deadline = Date.now() + timeoutMs;
  let last = await count();
  while ((last ?? -1) < expected && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    last = await count();
  }
  return last;
}

/** The check-ins in a stopped server's database file (admin.checkIns()). */
export async function storedCheckIns(dbFile: string): Promise<CheckInRecord[]> {
  const server = await startTurneroServer({ dbFile, port: 0 });
  try {
    return await server.admin.checkIns();
  } finally {
    await server.close();
  }
}
