/**
 * The day's conflicts from kiosks on the supervisor view: a refusal a real kiosk causes (two
 * kiosks offline checking in the same booking, through the kiosk's own sync engine) is recorded
 * once per ticket on the server, shown to supervisors only, and holds no personal data.
 */
import { sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KioskConflictSchema } from '../../src-shared/contract/office-conflicts';
import { SupervisorViewSchema } from '../../src-shared/contract/office';
import { startTurneroServer, type TurneroServer } from '../../server/server';
import { makeTempDir } from '../support/temp-dir';
import { freshDatabases, serverTestDialect } from './server-databases';
import { errorOf, StaffClient } from './staff-kit';
import {
  bookingCodeFor,
  generatedSeed,
  issueCheckIn,
  makeKiosk,
  simulatedClock,
  SITE,
  type TestKiosk,
} from './sync-kit';

const START = new Date('2026-02-10T09:00:00.000Z'); // 10:00 in Madrid
const PASSWORD = 'una-contraseña-larga';
const openDatabase = freshDatabases();

describe(`kiosk conflicts on the supervisor view (${serverTestDialect})`, () => {
  let dir: ReturnType<typeof makeTempDir>;
  let db: Kysely<unknown>;
  let server: TurneroServer;
  let kiosks: [TestKiosk, TestKiosk];
  const clock = simulatedClock(START);

  beforeEach(async () => {
    dir = makeTempDir('office-conflicts');
    clock.set(START);
    // The test keeps the database's handle to read the rows as they are stored.
    db = await openDatabase(serverTestDialect);
    server = await startTurneroServer({
      seed: generatedSeed(6, { firstOffset: 10, spacing: 5 }),
      now: clock.now,
      database: { db, dialect: serverTestDialect },
    });
    await server.staff.createAccount({ username: 'mesa', role: 'desk', password: PASSWORD });
    await server.staff.createAccount({ username: 'super', role: 'supervisor', password: PASSWORD });
    kiosks = (['kiosk-1', 'kiosk-2'] as const).map((kioskId, index) =>
      makeKiosk({
        dir: dir.path,
        baseUrl: server.url,
        kioskId,
        now: clock.now,
        reservedRange: index === 0 ? { first: 900, last: 949 } : { first: 950, last: 999 },
        autoPush: false,
      }),
    ) as [TestKiosk, TestKiosk];
    for (const kiosk of kiosks) await kiosk.engine.syncNow();
  });
  afterEach(async () => {
    for (const kiosk of kiosks) await kiosk.close();
    await server.close();
    dir.remove();
  });

  const signedIn = async (username: string): Promise<StaffClient> => {
    const client = new StaffClient(server);
    expect((await client.signIn(username, PASSWORD)).status).toBe(200);
    return client;
  };
  const supervisorConflicts = async (client: StaffClient) => {
    const answer = await client.send('GET', `/office/api/supervisor?site=${SITE}`);
    expect(answer.status).toBe(200);
    return SupervisorViewSchema.parse(answer.body).conflicts;
  };
  const storedRows = async () =>
    (await sql<Record<string, unknown>>`SELECT * FROM kiosk_conflicts`.execute(db)).rows;

  it('two kiosks offline checking in one booking: the second is recorded with both numbers', async () => {
    const [a, b] = kiosks;
    const supervisor = await signedIn('super');
    expect(await supervisorConflicts(supervisor)).toEqual([]);

    const first = await issueCheckIn(a, 1);
    const second = await issueCheckIn(b, 1);
    expect(await a.engine.syncNow()).toMatchObject({ delivered: 1, rejected: 0 });
    expect(await b.engine.syncNow()).toMatchObject({ delivered: 0, rejected: 1 });
    expect(b.store.conflicts.recent()).toEqual([
      expect.objectContaining({ ticketNumber: second.number, kind: 'checked-in-elsewhere' }),
    ]);

    const conflicts = await supervisorConflicts(supervisor);
    expect(conflicts).toEqual([
      {
        ticketId: second.id,
        kioskId: 'kiosk-2',
        kind: 'checked-in-elsewhere',
        ticketNumber: second.number,
        otherTicketNumber: first.number,
        serviceId: 'svc-b',
        issuedAtMs: START.getTime(),
        refusedAtMs: START.getTime(),
      },
    ]);
    expect(KioskConflictSchema.parse(conflicts[0])).toBeTruthy();
  });

  it('a replayed refused report adds no second row', async () => {
    const [a, b] = kiosks;
    await issueCheckIn(a, 2);
    const second = await issueCheckIn(b, 2);
    await a.engine.syncNow();
    expect(await b.engine.syncNow()).toMatchObject({ rejected: 1 });
    // The technician resends the set-aside ticket: the same report, refused again.
    clock.set(new Date(START.getTime() + 60_000));
    expect(b.engine.resend(second.id)).toBe(true);
    expect(await b.engine.syncNow()).toMatchObject({ rejected: 1 });
    const rows = await storedRows();
    expect(rows.map((row) => row.ticket_id)).toEqual([second.id]);
    // The first refusal's time stays: the replay changed nothing.
    expect(Number(rows[0]?.refused_at_ms)).toBe(START.getTime());
  });

  it('desk staff are refused the supervisor view (403)', async () => {
    const desk = await signedIn('mesa');
    const answer = await desk.send('GET', `/office/api/supervisor?site=${SITE}`);
    expect([answer.status, errorOf(answer)]).toEqual([403, 'forbidden']);
  });

  it('the stored row holds numbers, services and kiosks only: no personal data', async () => {
    const [a, b] = kiosks;
    await issueCheckIn(a, 3);
    await issueCheckIn(b, 3);
    await a.engine.syncNow();
    await b.engine.syncNow();
    const rows = await storedRows();
    expect(rows).toHaveLength(1);
    expect(Object.keys(rows[0] ?? {}).sort()).toEqual([
      'issued_at_ms',
      'kind',
      'kiosk_id',
      'local_day',
      'other_ticket_number',
      'refused_at_ms',
      'service_id',
      'site_id',
      'ticket_id',
      'ticket_number',
    ]);
    const text = JSON.stringify(rows);
    // Neither the booking code nor the appointment it names.
    expect(text).not.toContain(bookingCodeFor(3));
    expect(text).not.toContain('apt-3');
    expect(rows[0]).toMatchObject({ site_id: SITE, local_day: '2026-02-10', service_id: 'svc-d' });
  });
});
