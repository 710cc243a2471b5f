/**
 * A full pull of the window (first sync, new day, or a cursor the back end refused) is a
 * snapshot when the back end says so (`complete`): an appointment the kiosk caches in that window
 * and the snapshot lacks is gone at the town hall (deleted, or moved out of the window), and is
 * marked cancelled in the cache instead of staying bookable.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  Appointment,
  AppointmentsPage,
  CheckInRecord,
} from '../../src-shared/contract/townhall-api';
import type { AppointmentsRequest, Backend } from '../../src-main/backend/backend';
import { BackendError } from '../../src-main/backend/backend-error';
import { openStore, type Store } from '../../src-main/store/store';
import { createSyncEngine } from '../../src-main/sync/sync-engine';
import type { TurneroServer } from '../../server/server';
import { startServerUnderTest } from './server-databases';
import { appointment, TEST_SERVICES, TEST_SITE } from '../support/catalog-fixture';
import { makeTempDir } from '../support/temp-dir';
import {
  bookingCodeFor,
  generatedSeed,
  makeKiosk,
  simulatedClock,
  type TestKiosk,
} from './sync-kit';

const START = new Date('2026-02-10T08:00:00.000Z'); // 09:00 in Madrid
const at = (hour: number) => new Date(Date.UTC(2026, 1, 10, hour - 1, 0));

describe('full pulls reconcile the cache with the town hall', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let servers: TurneroServer[] = [];
  let kiosk: TestKiosk | null = null;
  let store: Store | null = null;

  beforeEach(() => {
    dir = makeTempDir('sync-reconcile');
  });
  afterEach(async () => {
    await kiosk?.close();
    kiosk = null;
    store?.close();
    store = null;
    for (const server of servers.splice(0)) await server.close();
    dir.remove();
  });

  it('Turnero API: bookings the restored town hall no longer has are cancelled in the cache', async () => {
    const clock = simulatedClock(START);
    const first = await startServerUnderTest({
      seed: generatedSeed(40, { firstOffset: 10, spacing: 5 }),
      now: clock.now,
    });
    servers.push(first);
    kiosk = makeKiosk({ dir: dir.path, baseUrl: first.url, kioskId: 'kiosk-1', now: clock.now });
    expect(await kiosk.engine.syncNow()).toMatchObject({ ok: true, appointmentsReceived: 40 });

    // The town hall's database is restored from a backup without the last 15 bookings.
    const port = first.port;
    await first.close();
    servers = [];
    servers.push(
      await startServerUnderTest({
        port,
        seed: generatedSeed(25, { firstOffset: 10, spacing: 5 }),
        now: clock.now,
      }),
    );
    expect(await kiosk.engine.syncNow()).toMatchObject({ ok: true, appointmentsReceived: 25 });
    expect(kiosk.logs.some((line) => /refused the cursor/.test(line))).toBe(true);
    expect(kiosk.store.catalog.getAppointment('apt-24')?.status).toBe('booked');
    for (const id of ['apt-25', 'apt-39']) {
      expect(kiosk.store.catalog.getAppointment(id)?.status).toBe('cancelled');
    }
    expect(kiosk.logs).toContain(
      'sync: 15 appointment(s) of 2026-02-10…2026-02-12 no longer at the town hall: marked cancelled',
    );
    expect(await kiosk.kiosk.checkIn(bookingCodeFor(30))).toEqual({
      ok: false,
      error: { code: 'booking-cancelled' },
    });
    expect((await kiosk.kiosk.checkIn(bookingCodeFor(20))).ok).toBe(true);
  });

  describe('with a back end of scripted pages', () => {
    let pages: Array<() => AppointmentsPage>;
    let requests: AppointmentsRequest[];

    function makeEngine(now: () => Date) {
      store = openStore(join(dir.path, 'kiosk.sqlite'));
      const backend: Backend = {
        siteId: TEST_SITE.id,
        health: () => Promise.reject(new Error('not used')),
        getSiteInfo: () => Promise.resolve({ site: TEST_SITE, services: TEST_SERVICES }),
        getAppointments: (query) => {
          requests.push(query);
          const next = pages.shift();
          if (!next) return Promise.reject(new Error('no page scripted'));
          try {
            return Promise.resolve(next());
          } catch (error) {
            return Promise.reject(error instanceof Error ? error : new Error(String(error)));
          }
        },
        postCheckIn: (request) =>
          Promise.resolve({
            record: { ...request, receivedAt: now().toISOString() } as CheckInRecord,
            replayed: false,
          }),
        clockOffsetMs: () => null,
      };
      return createSyncEngine({
        client: backend,
        store,
        timeZone: TEST_SITE.timeZone,
        pollSeconds: () => 3600,
        now,
      });
    }

    const page = (
      appointments: Appointment[],
      options: { cursor?: string; hasMore?: boolean; complete?: boolean } = {},
    ): AppointmentsPage => ({
      appointments,
      cursor: options.cursor ?? 'c-end',
      hasMore: options.hasMore ?? false,
      ...(options.complete !== undefined ? { complete: options.complete } : {}),
    });
    const refused = () => {
      throw new BackendError('http', 'invalid-cursor: unknown', 400, 'invalid-cursor');
    };

    const a = appointment('TRN-AAA001', at(10));
    const b = appointment('TRN-BBB002', at(11));
    const c = appointment('TRN-CCC003', at(12));
    const tomorrow = appointment('TRN-TOM004', new Date(at(10).getTime() + 86_400_000));
    const afterWindow = appointment('TRN-LAT005', new Date(at(10).getTime() + 5 * 86_400_000));

    beforeEach(() => {
      pages = [];
      requests = [];
    });

    it('cancels what a complete snapshot lacks, over several pages, within the window only', async () => {
      const engine = makeEngine(() => START);
      pages.push(() => page([a, b, c, tomorrow], { complete: true }));
      expect(await engine.syncNow()).toMatchObject({ ok: true, appointmentsReceived: 4 });
      const cache = store as Store;
      // Cached outside the window (a booking known from an earlier, wider window).
      cache.catalog.saveAppointments([afterWindow], TEST_SITE.timeZone, START);
      // A booking known only from a signed token: not the town hall's word, left alone.
      cache.catalog.insertTokenAppointment(
        {
          id: 'apt-token',
          code: 'TRN-TOK006',
          serviceId: 'empadronamiento',
          startsAt: at(13).toISOString(),
        },
        TEST_SITE.timeZone,
        START,
      );

      // The cursor is refused: the window again, whole, in two pages; b and tomorrow are gone.
      pages.push(refused);
      pages.push(() => page([a], { cursor: 'c-1', hasMore: true, complete: true }));
      pages.push(() => page([c], { complete: true }));
      expect(await engine.syncNow()).toMatchObject({ ok: true, appointmentsReceived: 2 });
      expect(requests.map((request) => request.cursor)).toEqual([
        undefined,
        'c-end',
        undefined,
        'c-1',
      ]);
      expect(cache.catalog.getAppointment(a.id)?.status).toBe('booked');
      expect(cache.catalog.getAppointment(c.id)?.status).toBe('booked');
      expect(cache.catalog.getAppointment(b.id)?.status).toBe('cancelled');
      expect(cache.catalog.getAppointment(tomorrow.id)?.status).toBe('cancelled');
      expect(cache.catalog.getAppointment(afterWindow.id)?.status).toBe('booked');
      expect(cache.catalog.getAppointment('apt-token')?.status).toBe('booked');

      // A booking back in a later delta (its version moved on) is bookable again.
      pages.push(() => page([{ ...b, version: 2 }]));
      await engine.syncNow();
      expect(cache.catalog.getAppointment(b.id)?.status).toBe('booked');
    });

    it('cancels nothing after a full pull the back end does not call complete, or one cut short', async () => {
      const engine = makeEngine(() => START);
      pages.push(() => page([a, b, c]));
      await engine.syncNow();
      const cache = store as Store;

      // Not called complete (a back end that cannot tell): nothing is taken as gone.
      pages.push(refused);
      pages.push(() => page([a]));
      expect(await engine.syncNow()).toMatchObject({ ok: true });
      expect(cache.catalog.getAppointment(b.id)?.status).toBe('booked');

      // Complete, but the second page never comes: the first page alone proves nothing.
      pages.push(refused);
      pages.push(() => page([a], { cursor: 'c-1', hasMore: true, complete: true }));
      pages.push(() => {
        throw new BackendError('network', 'GET …/appointments: ECONNRESET');
      });
      expect(await engine.syncNow()).toMatchObject({ ok: false });
      expect(cache.catalog.getAppointment(b.id)?.status).toBe('booked');
      expect(cache.catalog.getAppointment(c.id)?.status).toBe('booked');
      // The next run resumes from the saved cursor: the rest of a snapshot it did not begin.
      pages.push(() => page([], { complete: true }));
      expect(await engine.syncNow()).toMatchObject({ ok: true });
      expect(requests.at(-1)?.cursor).toBe('c-1');
      expect(cache.catalog.getAppointment(c.id)?.status).toBe('booked');
    });
  });
});
