import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { apiPaths } from '../../src-shared/contract/townhall-api';
import { parseServerArgs } from '../../server/cli-options';
import type { TurneroServer } from '../../server/server';
import {
  checkIn,
  CITIZEN_ID,
  movableClock,
  postTicket,
  request,
  serversClosedAfterEach,
  SITE,
  walkIn,
  tempDbFile,
} from './server-kit';

const startServer = serversClosedAfterEach();
let server: TurneroServer;

// 10:00 in Madrid on 2026-01-10: 31 days before the kit's today, 2026-02-10.
const OLD = new Date('2026-01-10T09:00:00.000Z');
const OLD_DAY = '2026-01-10';

interface OldDay {
  checkInId: string;
  walkInId: string;
  citizenIdHash: string;
}

/** A day of activity on OLD_DAY: a check-in, a walk-in, a lease and a called turn. */
async function recordOldDay(target: TurneroServer): Promise<OldDay> {
  const issuedAt = OLD.toISOString();
  const checkInTicket = checkIn('apt-aaa001', { issuedAt });
  const walkInTicket = walkIn({ ticketNumber: 'E-050', issuedAt });
  expect((await postTicket(target, apiPaths.checkIns(SITE), checkInTicket)).status).toBe(201);
  expect((await postTicket(target, apiPaths.walkIns(SITE), walkInTicket)).status).toBe(201);
  const lease = await request(target, 'POST', apiPaths.numberLeases(SITE), {
    kioskId: 'kiosk-1',
    serviceId: 'registro',
    day: OLD_DAY,
  });
  expect(lease.status).toBe(201);
  expect(await target.admin.callNext('Mesa 1')).not.toBeNull();
  return {
    checkInId: checkInTicket.ticketId,
    walkInId: walkInTicket.ticketId,
    citizenIdHash: await target.admin.citizenIdHash(SITE, CITIZEN_ID),
  };
}

const remaining = async (target: TurneroServer) => ({
  appointments: (await target.admin.listAppointments(SITE)).map((appointment) => appointment.code),
  checkIns: (await target.admin.checkIns()).length,
  walkIns: (await target.admin.walkIns()).length,
  tickets: (await target.admin.ticketsOfDay(OLD_DAY)).length,
  leases: (await target.admin.numberLeases()).length,
  calledTurns: (await target.admin.calledTurns()).length,
});

const EMPTY_OLD_DAY = { checkIns: 0, walkIns: 0, tickets: 0, leases: 0, calledTurns: 0 };

/** The database file (and its WAL) as bytes, for what must not be in it. */
function databaseBytes(dbFile: string): Buffer {
  const parts: Buffer[] = [];
  for (const file of [dbFile, `${dbFile}-wal`]) {
    try {
      parts.push(readFileSync(file));
    } catch {
      // No WAL file: nothing to read.
    }
  }
  return Buffer.concat(parts);
}

describe('reference Town Hall API: retention', () => {
  it('erases a day 31 days old at the local midnight that ends its retention', async () => {
    const clock = movableClock(OLD);
    let dbFile: string;
    // On its SQLite file, which the test reads.
    ({ server, dbFile } = await startServer({
      dbFile: tempDbFile(),
      now: clock.now,
      retentionCheckIntervalMs: 10,
    }));
    const old = await recordOldDay(server);
    // A booking of the new day, with its own (different) ID hash: it stays.
    await server.admin.addAppointment(SITE, {
      code: 'TRN-NEW001',
      serviceId: 'empadronamiento',
      startsAt: '2026-02-11T09:00:00.000Z',
      citizenId: 'X1234567L',
    });

    // 23:58 in Madrid on 2026-02-10: the old day is 31 days old, still kept.
    clock.set('2026-02-10T22:58:00.000Z');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await remaining(server)).toMatchObject({
      checkIns: 1,
      walkIns: 1,
      leases: 1,
      calledTurns: 1,
    });

    // 00:01 on 2026-02-11: the timer sees the new day and erases everything of 2026-01-10.
    clock.set('2026-02-10T23:01:00.000Z');
    await expect
      .poll(() => remaining(server), { timeout: 3000 })
      .toEqual({
        appointments: ['TRN-NEW001'],
        ...EMPTY_OLD_DAY,
      });

    await server.close();
    const bytes = databaseBytes(dbFile);
    // Overwritten, not only unlinked (secure_delete): none of it is left in the file.
    for (const gone of [
      old.checkInId,
      old.walkInId,
      old.citizenIdHash,
      'TRN-AAA001',
      'apt-aaa001',
    ]) {
      expect(bytes.includes(Buffer.from(gone)), gone).toBe(false);
    }
    expect(bytes.includes(Buffer.from('TRN-NEW001'))).toBe(true);
  });

  it('erases at start what became too old while the server was stopped', async () => {
    const clock = movableClock(OLD);
    let dbFile: string;
    // On an SQLite file, which the test restarts on.
    ({ server, dbFile } = await startServer({ dbFile: tempDbFile(), now: clock.now }));
    await recordOldDay(server);
    await server.close();

    clock.set('2026-02-10T09:00:00.000Z');
    const kept = await startServer({ dbFile, now: clock.now, retentionDays: 40 });
    expect(await remaining(kept.server)).toMatchObject({ checkIns: 1, walkIns: 1, leases: 1 });
    await kept.server.close();

    clock.set('2026-02-12T09:00:00.000Z');
    ({ server } = await startServer({ dbFile, now: clock.now }));
    expect(await remaining(server)).toEqual({ appointments: [], ...EMPTY_OLD_DAY });
  });

  it('takes --retention-days on the command line', () => {
    const parsed = parseServerArgs(['--retention-days', '90', '--seed', 'demo']);
    expect(parsed.help ? null : parsed.options.retentionDays).toBe(90);
    const standard = parseServerArgs([]);
    expect(standard.help ? null : standard.options.retentionDays).toBeUndefined();
    expect(() => parseServerArgs(['--retention-days', '0'])).toThrow(/retention-days/);
    expect(() => parseServerArgs(['--retention-days', 'soon'])).toThrow(/retention-days/);
  });
});
