/**
 * The staff side's storage on every dialect (SQLite always; PostgreSQL when
 * TURNERO_TEST_POSTGRES_URL is set: server-databases.ts): sessions with their expiry, the
 * lockout counters, the call order, and what the desk actions write into the turn lifecycle
 * columns (first call and desk, repeat, finish and outcome, transfer).
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { parseSeed, resolveSeed } from '../../server/seed';
import { openServerStore, type ServerStore } from '../../server/store/store';
import type { TicketKind } from '../../server/store/tickets-repository';
import { freshDatabases, testDialects, type Dialect } from './server-databases';
import { NOW, SITE, seedDocument, TODAY } from './server-kit';

const openDatabase = freshDatabases();

async function seededStore(dialect: Dialect): Promise<{ store: ServerStore; db: Kysely<unknown> }> {
  const db = await openDatabase(dialect);
  const store = await openServerStore({ db, dialect });
  await store.loadSeed(resolveSeed(parseSeed(seedDocument()), NOW), NOW);
  return { store, db };
}

const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000).toISOString();

async function addTicket(
  store: ServerStore,
  ticketNumber: string,
  issuedMinutes: number,
  kind: TicketKind = 'walk-in',
  appointmentId: string | null = null,
  serviceId = 'empadronamiento',
  priority = false,
): Promise<string> {
  const ticketId = randomUUID();
  await store.transaction(
    ({ tickets }) =>
      tickets.insert({
        ticketId,
        siteId: SITE,
        kind,
        serviceId,
        day: TODAY,
        ticketNumber,
        kioskId: 'kiosk-1',
        appointmentId,
        priority,
        issuedAt: minutes(issuedMinutes),
        receivedAt: NOW,
      }),
    SITE,
  );
  return ticketId;
}

interface LifecycleRow {
  ticket_number: string;
  service_id: string;
  desk: string | null;
  called_at_ms: number | null;
  finished_at_ms: number | null;
  outcome: string | null;
  follow_token: string | null;
  transferred_from: string | null;
}

const lifecycle = async (db: Kysely<unknown>, ticketId: string) =>
  (
    await sql<LifecycleRow>`SELECT ticket_number, service_id, desk, called_at_ms,
        finished_at_ms, outcome, follow_token, transferred_from
      FROM tickets WHERE ticket_id = ${ticketId}`.execute(db)
  ).rows[0];

for (const dialect of testDialects) {
  describe(`staff storage on ${dialect}`, () => {
    it('keeps sessions until they expire, and ends those of one staff member', async () => {
      const { store } = await seededStore(dialect);
      const nowMs = NOW.getTime();
      await store.staffSessions.set('s1', JSON.stringify({ staffId: 'a' }), nowMs + 1000);
      await store.staffSessions.set('s2', JSON.stringify({ staffId: 'b' }), nowMs + 1000);
      expect(await store.staffSessions.get('s1', nowMs)).toBe('{"staffId":"a"}');
      expect(await store.staffSessions.get('s1', nowMs + 1000)).toBeUndefined();
      await store.staffSessions.set('s1', JSON.stringify({ staffId: 'a', x: 1 }), nowMs + 5000);
      expect(await store.staffSessions.get('s1', nowMs + 1000)).toBe('{"staffId":"a","x":1}');
      await store.staffSessions.destroyOfStaff('a');
      expect(await store.staffSessions.get('s1', nowMs)).toBeUndefined();
      expect(await store.staffSessions.get('s2', nowMs)).toBeDefined();
      await store.staffSessions.destroy('s2');
      expect(await store.staffSessions.get('s2', nowMs)).toBeUndefined();
      expect(await store.staffSessions.saveSecret('first')).toBe('first');
      expect(await store.staffSessions.saveSecret('second')).toBe('first');
    });

    it('counts failed sign-ins and locks at the limit; a new password lifts it', async () => {
      const { store } = await seededStore(dialect);
      const id = randomUUID();
      await store.staff.insert(
        { id, username: 'ana', displayName: 'Ana', role: 'desk', passwordHash: 'h' },
        NOW,
      );
      expect(
        await store.staff.insert(
          {
            id: randomUUID(),
            username: 'ana',
            displayName: 'Otra',
            role: 'admin',
            passwordHash: 'h',
          },
          NOW,
        ),
      ).toBe(false);
      for (let attempt = 1; attempt <= 2; attempt += 1) {
        expect(await store.staff.recordFailure(id, 3, 99)).toBe(attempt);
        expect((await store.staff.byId(id))?.lockedUntilMs).toBeNull();
      }
      await store.staff.recordFailure(id, 3, 99);
      expect(await store.staff.byId(id)).toMatchObject({ lockedUntilMs: 99, failedAttempts: 0 });
      await store.staff.setPasswordHash(id, 'h2');
      expect(await store.staff.byId(id)).toMatchObject({ lockedUntilMs: null, passwordHash: 'h2' });
    });

    it('calls due appointments first, then by issue time; or all by issue time', async () => {
      const { store } = await seededStore(dialect);
      // apt-aaa001 starts at NOW (due), apt-aaa002 at NOW + 10 min (not yet).
      await addTicket(store, 'E-101', -30);
      await addTicket(store, 'E-002', -20, 'appointment', 'apt-aaa002');
      await addTicket(store, 'E-001', -5, 'appointment', 'apt-aaa001');
      await addTicket(store, 'E-102', -10);
      const order = async (rule: 'appointments-first' | 'issue-order') =>
        (await store.tickets.waiting(SITE, TODAY, undefined, { rule, now: NOW })).map(
          (ticket) => ticket.ticketNumber,
        );
      expect(await order('appointments-first')).toEqual(['E-001', 'E-101', 'E-002', 'E-102']);
      expect(await order('issue-order')).toEqual(['E-101', 'E-002', 'E-102', 'E-001']);
      expect(await store.desks.callOrder(SITE)).toBe('appointments-first');
      await store.desks.setCallOrder(SITE, 'issue-order');
      expect(await store.desks.callOrder(SITE)).toBe('issue-order');
      const called = await store.calledTurns.callNext(
        SITE,
        TODAY,
        'Mesa 1',
        undefined,
        NOW,
        'issue-order',
      );
      expect(called?.turn.ticketNumber).toBe('E-101');
    });

    it('calls a priority walk-in before other walk-ins, never before a due appointment', async () => {
      const { store } = await seededStore(dialect);
      await addTicket(store, 'E-101', -30);
      await addTicket(store, 'E-001', -5, 'appointment', 'apt-aaa001');
      await addTicket(store, 'E-102', -10, 'walk-in', null, 'empadronamiento', true);
      await addTicket(store, 'E-103', -8);
      const order = async (rule: 'appointments-first' | 'issue-order') =>
        (await store.tickets.waiting(SITE, TODAY, undefined, { rule, now: NOW })).map(
          (ticket) => ticket.ticketNumber,
        );
      expect(await order('appointments-first')).toEqual(['E-001', 'E-102', 'E-101', 'E-103']);
      expect(await order('issue-order')).toEqual(['E-102', 'E-101', 'E-103', 'E-001']);
      const called = await store.calledTurns.callNext(SITE, TODAY, 'Mesa 1', undefined, NOW);
      expect(called?.turn.ticketNumber).toBe('E-001');
      const next = await store.calledTurns.callNext(SITE, TODAY, 'Mesa 2', undefined, NOW);
      expect(next?.turn.ticketNumber).toBe('E-102');
    });

    it('fills the first call, a repeat, the finish, and a transfer that keeps the number', async () => {
      const { store, db } = await seededStore(dialect);
      const first = await addTicket(store, 'E-101', -30);
      const second = await addTicket(store, 'E-102', -20);
      await sql`UPDATE tickets SET follow_token = 'tok-2' WHERE ticket_id = ${second}`.execute(db);
      const later = new Date(NOW.getTime() + 60_000);

      const called = await store.calledTurns.callNext(SITE, TODAY, 'Mesa 1', undefined, NOW);
      expect(called?.ticketId).toBe(first);
      expect(await lifecycle(db, first)).toMatchObject({
        desk: 'Mesa 1',
        called_at_ms: NOW.getTime(),
        finished_at_ms: null,
      });
      const open = await store.desks.openTicket(SITE, 'Mesa 1', TODAY);
      expect(open).toMatchObject({ ticketId: first, ticketNumber: 'E-101' });
      if (!open) throw new Error('no open ticket');
      const repeat = await store.calledTurns.repeatCall(SITE, open, 'Mesa 1', later);
      expect(repeat.repeat).toBe(true);
      expect(await store.calledTurns.callsOf(first)).toBe(2);
      const recent = await store.calledTurns.recent(SITE, 5);
      expect(recent.map((turn) => [turn.turn.ticketNumber, turn.repeat === true])).toEqual([
        ['E-101', true],
        ['E-101', false],
      ]);
      // A repeat is not a new first call.
      expect((await lifecycle(db, first))?.called_at_ms).toBe(NOW.getTime());
      expect(await store.desks.finish(first, 'no-show', later)).toBe(true);
      expect(await store.desks.finish(first, 'served', later)).toBe(false);
      expect(await lifecycle(db, first)).toMatchObject({
        outcome: 'no-show',
        finished_at_ms: later.getTime(),
      });
      expect(await store.desks.openTicket(SITE, 'Mesa 1', TODAY)).toBeUndefined();

      await store.calledTurns.callNext(SITE, TODAY, 'Mesa 1', undefined, later);
      const moved = await store.transaction(
        ({ desks }) => desks.transfer(second, 'registro', later),
        SITE,
      );
      if (!moved.ok) throw new Error('transfer refused');
      expect(await lifecycle(db, second)).toMatchObject({
        outcome: 'transferred',
        finished_at_ms: later.getTime(),
        follow_token: null,
      });
      expect(await lifecycle(db, moved.ticketId)).toMatchObject({
        ticket_number: 'E-102',
        service_id: 'registro',
        desk: null,
        called_at_ms: null,
        follow_token: 'tok-2',
        transferred_from: second,
      });
      const waiting = await store.tickets.waiting(SITE, TODAY);
      expect(
        waiting.map((ticket) => [ticket.ticketNumber, ticket.serviceId, ticket.issuedAt]),
      ).toEqual([['E-102', 'registro', minutes(-20)]]);
      expect(await store.desks.transferredWaiting(SITE, TODAY)).toEqual(new Set([moved.ticketId]));
      // Back to a service that already had that number today: refused, nothing written.
      await store.calledTurns.callNext(SITE, TODAY, 'Mesa 2', ['registro'], later);
      expect(
        await store.transaction(
          ({ desks }) => desks.transfer(moved.ticketId, 'registro', later),
          SITE,
        ),
      ).toEqual({ ok: false, reason: 'number-taken' });
    });

    it('lets one staff member hold one desk, and a desk one staff member', async () => {
      const { store } = await seededStore(dialect);
      expect(await store.desks.open(SITE, 'Mesa 1', 'ana', ['registro'], NOW)).toBe(true);
      expect(await store.desks.open(SITE, 'Mesa 1', 'luis', ['registro'], NOW)).toBe(false);
      expect(await store.desks.open(SITE, 'Mesa 2', 'ana', ['registro', 'padron'], NOW)).toBe(true);
      expect(await store.desks.open(SITE, 'Mesa 1', 'luis', ['empadronamiento'], NOW)).toBe(true);
      await store.desks.setPaused(SITE, 'Mesa 2', true);
      expect(
        (await store.desks.list(SITE)).map((desk) => [
          desk.desk,
          desk.staffId,
          desk.serviceIds,
          desk.paused,
        ]),
      ).toEqual([
        ['Mesa 1', 'luis', ['empadronamiento'], false],
        ['Mesa 2', 'ana', ['registro', 'padron'], true],
      ]);
      await store.desks.leave('ana');
      expect(await store.desks.ofStaff('ana')).toBeUndefined();
    });
  });
}
