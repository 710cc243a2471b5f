/**
 * Ticket numbers that never collide: leased blocks, the kiosk's reserved range, the daily limit,
 * and counters that restart at the site's local midnight (Europe/Madrid, DST days included),
 * never at UTC midnight.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localDayOf } from '../../src-shared/domain/site-time';
import {
  DailyLimitReachedError,
  NoLeaseError,
  type NumberingPolicy,
} from '../../src-main/store/number-repository';
import { openStore, type Store } from '../../src-main/store/store';
import { startTurneroServer, type TurneroServer } from '../../server/server';
import { makeTempDir } from '../support/temp-dir';
import { generatedSeed, makeKiosk, simulatedClock, type TestKiosk, TIME_ZONE } from './sync-kit';

const NOW = new Date('2026-02-10T09:00:00Z');
const DAY = '2026-02-10';
const LEASED: NumberingPolicy = { leaseCeiling: 799, reserved: { first: 900, last: 902 } };

describe('number allocation in the store', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let store: Store;
  beforeEach(() => {
    dir = makeTempDir('numbering');
    store = openStore(join(dir.path, 'kiosk.sqlite'));
  });
  afterEach(() => {
    store.close();
    dir.remove();
  });

  const issue = (policy: NumberingPolicy, allowReserved = true, day = DAY) =>
    store.transaction(
      () =>
        store.tickets.insertWithNextNumber(
          {
            id: crypto.randomUUID(),
            localDay: day,
            serviceId: 'svc-a',
            servicePrefix: 'A',
            appointmentId: null,
            appointmentTime: null,
            issuedAt: NOW,
          },
          policy,
          allowReserved,
        ).number,
    );
  const lease = (first: number, last: number, leaseId = `l-${first}`) =>
    store.transaction(() =>
      store.numbers.addLease({ leaseId, serviceId: 'svc-a', day: DAY, first, last }, 799, NOW),
    );

  it('skips reserved counters the town hall has since put under its lease ceiling', () => {
    const policy = (leaseCeiling: number): NumberingPolicy => ({
      leaseCeiling,
      reserved: { first: 900, last: 910 },
    });
    expect(issue(policy(799))).toBe('A-900');
    expect(issue(policy(904))).toBe('A-905');
    expect(issue(policy(904))).toBe('A-906');
  });

  it('asks for a lease first even when the reserved range is unusable', () => {
    const misconfigured: NumberingPolicy = {
      leaseCeiling: 799,
      reserved: { first: 100, last: 200 },
    };
    expect(() => issue(misconfigured, false)).toThrow(NoLeaseError);
    expect(() => issue(misconfigured, true)).toThrow(DailyLimitReachedError);
  });

  it('takes leases in the order they came, then the reserved range, then refuses', () => {
    expect(lease(21, 22)).toBe(true);
    expect(lease(41, 41)).toBe(true);
    expect([issue(LEASED), issue(LEASED), issue(LEASED)]).toEqual(['A-021', 'A-022', 'A-041']);
    expect(store.numbers.leaseStock(DAY, 'svc-a')).toEqual({ remaining: 0, lastBlockSize: 1 });
    expect(() => issue(LEASED, false)).toThrow(NoLeaseError);
    expect([issue(LEASED), issue(LEASED), issue(LEASED)]).toEqual(['A-900', 'A-901', 'A-902']);
    expect(() => issue(LEASED)).toThrow(DailyLimitReachedError);
    // A new lease is used again before anything else.
    expect(lease(61, 62)).toBe(true);
    expect(issue(LEASED)).toBe('A-061');
  });

  it('refuses leases that overlap a block it holds or reach above the ceiling', () => {
    expect(lease(1, 20)).toBe(true);
    expect(lease(15, 30, 'again')).toBe(false);
    expect(lease(790, 810, 'too-high')).toBe(false);
    expect(store.numbers.blocksOfDay(DAY)).toHaveLength(1);
  });

  it('uses only the part of the reserved range above the ceiling', () => {
    const policy: NumberingPolicy = { leaseCeiling: 900, reserved: { first: 899, last: 902 } };
    expect([issue(policy), issue(policy)]).toEqual(['A-901', 'A-902']);
    expect(() => issue(policy)).toThrow(DailyLimitReachedError);
  });

  it('gives the counter back when the check-in rolls back', () => {
    lease(1, 20);
    expect(() =>
      store.transaction(() => {
        issue(LEASED);
        throw new Error('policy refused after numbering');
      }),
    ).toThrow('policy refused');
    expect(issue(LEASED)).toBe('A-001');
  });

  it('never reuses a number it already issued, even from a lease granted twice', () => {
    lease(1, 2);
    expect([issue(LEASED), issue(LEASED)]).toEqual(['A-001', 'A-002']);
    store.db.prepare('DELETE FROM number_blocks').run();
    lease(1, 3, 'granted-again');
    expect(issue(LEASED)).toBe('A-003');
  });

  it('counts locally from 001, restarting at local midnight (not UTC), across both DST changes', () => {
    const local: NumberingPolicy = { leaseCeiling: null, reserved: null };
    const at = (iso: string) => {
      const day = localDayOf(new Date(iso), TIME_ZONE);
      return `${day} ${issue(local, true, day)}`;
    };
    expect([
      at('2026-03-28T22:59:59Z'), // 23:59:59 CET, Saturday
      at('2026-03-28T23:00:00Z'), // 00:00 on Sunday 29 March: a new day
      at('2026-03-29T00:00:00Z'), // UTC midnight: the same local day
      at('2026-03-29T01:30:00Z'), // 03:30 CEST, after the spring-forward gap
      at('2026-03-29T21:59:59Z'), // 23:59:59 CEST
      at('2026-03-29T22:00:00Z'), // 00:00 on Monday 30 March (CEST)
    ]).toEqual([
      '2026-03-28 A-001',
      '2026-03-29 A-001',
      '2026-03-29 A-002',
      '2026-03-29 A-003',
      '2026-03-29 A-004',
      '2026-03-30 A-001',
    ]);
    expect([
      at('2026-10-24T21:59:59Z'), // 23:59:59 CEST, Saturday
      at('2026-10-24T22:00:00Z'), // 00:00 on Sunday 25 October (CEST)
      at('2026-10-25T00:30:00Z'), // 02:30 CEST
      at('2026-10-25T01:30:00Z'), // 02:30 CET: the repeated hour, same day
      at('2026-10-25T22:59:59Z'), // 23:59:59 CET
      at('2026-10-25T23:00:00Z'), // 00:00 on Monday 26 October (CET)
    ]).toEqual([
      '2026-10-24 A-001',
      '2026-10-25 A-001',
      '2026-10-25 A-002',
      '2026-10-25 A-003',
      '2026-10-25 A-004',
      '2026-10-26 A-001',
    ]);
  });
});

describe('leased numbers around midnight and the DST changes, against the town hall', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let server: TurneroServer;
  let kiosk: TestKiosk;
  const clock = simulatedClock(new Date('2026-03-28T22:50:00Z'));

  beforeEach(async () => {
    dir = makeTempDir('numbering-days');
    server = await startTurneroServer({ seed: generatedSeed(0), now: clock.now });
    kiosk = makeKiosk({ dir: dir.path, baseUrl: server.url, kioskId: 'kiosk-1', now: clock.now });
  });
  afterEach(async () => {
    await kiosk.close();
    await server.close();
    dir.remove();
  });

  const walkIn = async () => {
    const result = await kiosk.kiosk.issueWalkIn('svc-a');
    if (!result.ok) throw new Error(result.error.code);
    const ticket = kiosk.store.tickets.get(result.value.ticket.id);
    return `${ticket?.localDay} ${ticket?.number}`;
  };

  it('restarts at local midnight on 29 March and 25 October 2026, and "today" follows', async () => {
    const steps: Array<[string, boolean]> = [
      ['2026-03-28T22:50:00Z', true], // 23:50 CET
      ['2026-03-28T22:55:00Z', false],
      ['2026-03-28T23:00:30Z', true], // 00:00:30 on the 29th
      ['2026-03-29T00:10:00Z', false], // past UTC midnight: same local day
      ['2026-03-29T01:10:00Z', false], // 03:10 CEST, after the gap
      ['2026-10-24T21:50:00Z', true], // 23:50 CEST
      ['2026-10-24T22:00:30Z', true], // 00:00:30 on the 25th
      ['2026-10-25T00:30:00Z', false], // 02:30 CEST
      ['2026-10-25T01:30:00Z', false], // 02:30 CET, the repeated hour
      ['2026-10-25T23:00:30Z', true], // 00:00:30 on the 26th (CET)
    ];
    const issued: string[] = [];
    for (const [iso, sync] of steps) {
      clock.set(new Date(iso));
      if (sync) expect((await kiosk.engine.syncNow()).ok).toBe(true);
      issued.push(await walkIn());
    }
    expect(issued).toEqual([
      '2026-03-28 A-001',
      '2026-03-28 A-002',
      '2026-03-29 A-001',
      '2026-03-29 A-002',
      '2026-03-29 A-003',
      '2026-10-24 A-001',
      '2026-10-25 A-001',
      '2026-10-25 A-002',
      '2026-10-25 A-003',
      '2026-10-26 A-001',
    ]);
    // Past days' blocks are purged at rollover; the town hall agrees with every number.
    expect(kiosk.store.numbers.blocksOfDay('2026-03-28')).toEqual([]);
    await kiosk.engine.syncNow();
    expect((await server.admin.ticketsOfDay('2026-10-25')).map((t) => t.ticketNumber)).toEqual([
      'A-001',
      'A-002',
      'A-003',
    ]);

    // "Today" for a booking at 00:30 on the spring-forward Sunday: that Sunday, not Saturday.
    clock.set(new Date('2026-03-29T23:10:00Z')); // 01:10 CEST on Monday 30 March
    await server.admin.addAppointment('sync-sac', {
      code: 'TRN-DST030',
      serviceId: 'svc-b',
      startsAt: '2026-03-29T22:30:00Z', // 00:30 CEST on the 30th
    });
    await kiosk.engine.syncNow();
    expect(kiosk.store.catalog.findAppointmentByCode('TRN-DST030', '2026-03-30')).toMatchObject({
      localTime: '00:30',
    });
    const checkIn = await kiosk.kiosk.checkIn('TRN-DST030');
    expect(checkIn).toMatchObject({ ok: true, value: { ticket: { number: 'B-001' } } });
  });

  it('falls back to its reserved range when the lease is spent and the town hall is down', async () => {
    clock.set(new Date('2026-02-10T09:00:00Z'));
    await kiosk.engine.syncNow();
    server.admin.setFaults({ errorRate: 1 });
    const numbers: string[] = [];
    for (let i = 0; i < 22; i++) numbers.push((await walkIn()).split(' ')[1] as string);
    expect(numbers.slice(0, 20)).toEqual(
      Array.from({ length: 20 }, (_, i) => `A-${String(i + 1).padStart(3, '0')}`),
    );
    expect(numbers.slice(20)).toEqual(['A-900', 'A-901']);
    server.admin.setFaults(null);
    await kiosk.engine.syncNow();
    // Back online: a fresh lease, not the reserved range.
    expect(await walkIn()).toMatch(/A-0(2[1-9]|[3-9]\d)$/);
    await kiosk.engine.syncNow();
    expect(kiosk.store.outbox.pendingCount()).toBe(0);
    expect(await server.admin.walkIns()).toHaveLength(23);
  });
});
