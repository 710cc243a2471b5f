/**
 * The staff audit log as an administrator reads it, over real HTTP on this run's database
 * (server-databases.ts: SQLite, or PostgreSQL in `npm run test:server-postgres`): administrators
 * only, newest first, a page of AUDIT_PAGE_SIZE at a time with `hasMore`, and filters by account,
 * action and a range of the site's days (Europe/Madrid, injected clock), which a bad value refuses.
 */
import { describe, expect, it } from 'vitest';
import { AUDIT_PAGE_SIZE, AuditPageSchema } from '../../src-shared/contract/office-audit';
import type { TurneroServer } from '../../server/server';
import { movableClock, serversClosedAfterEach, SITE } from './server-kit';
import { errorOf, StaffClient } from './staff-kit';

const startServer = serversClosedAfterEach();
const PASSWORD = 'una-contraseña-larga';
const AUDIT = '/office/api/admin/audit';
const NOTICE = '/office/api/admin/lobby-notice';
const HOUR = 3_600_000;

async function signedIn(server: TurneroServer, username: string, role: 'supervisor' | 'admin') {
  await server.staff.createAccount({ username, role, password: PASSWORD });
  const client = new StaffClient(server);
  expect((await client.signIn(username, PASSWORD)).status).toBe(200);
  return client;
}

const read = async (client: StaffClient, query = '') => {
  const answer = await client.send('GET', `${AUDIT}${query}`);
  expect(answer.status).toBe(200);
  return AuditPageSchema.parse(answer.body);
};

describe('the audit log viewer', () => {
  it('is for administrators only', async () => {
    const { server } = await startServer();
    const supervisor = await signedIn(server, 'super', 'supervisor');
    const refused = await supervisor.send('GET', AUDIT);
    expect([refused.status, errorOf(refused)]).toEqual([403, 'forbidden']);
    expect((await new StaffClient(server).send('GET', AUDIT)).status).toBe(401);
  });

  it('lists newest first, a page at a time', async () => {
    const { server } = await startServer();
    const admin = await signedIn(server, 'ana', 'admin');
    const notices = AUDIT_PAGE_SIZE + 5;
    for (let n = 1; n <= notices; n += 1) {
      expect((await admin.send('POST', NOTICE, { site: SITE, notice: `Aviso ${n}` })).status).toBe(
        200,
      );
    }
    const first = await read(admin);
    expect(first).toMatchObject({
      siteId: SITE,
      timeZone: 'Europe/Madrid',
      page: 0,
      hasMore: true,
    });
    expect(first.entries).toHaveLength(AUDIT_PAGE_SIZE);
    expect(first.entries[0]).toMatchObject({
      username: 'ana',
      action: 'lobby-notice',
      siteId: SITE,
      detail: { old: `Aviso ${notices - 1}`, new: `Aviso ${notices}` },
    });
    const seqs = first.entries.map((entry) => entry.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));

    const second = await read(admin, '?page=1');
    expect(second.hasMore).toBe(false);
    // The 55 notices and the sign-in: 6 on the second page, the sign-in last.
    expect(second.entries.map((entry) => entry.action)).toEqual([
      ...Array<string>(5).fill('lobby-notice'),
      'sign-in',
    ]);
    expect(Math.max(...second.entries.map((entry) => entry.seq))).toBeLessThan(Math.min(...seqs));
    expect(first.actions).toEqual(['lobby-notice', 'sign-in']);
    expect(first.usernames).toEqual(['ana']);
  });

  it('filters by account, action and a range of the site’s days', async () => {
    // 2026-02-10T09:00Z is 10:00 in Madrid; 23:30Z that evening is already the 11th there.
    const clock = movableClock();
    const { server } = await startServer({ now: clock.now });
    const firstAna = await signedIn(server, 'ana', 'admin');
    await firstAna.send('POST', NOTICE, { site: SITE, notice: 'Día 10' });
    clock.advance(14.5 * HOUR);
    const berta = await signedIn(server, 'berta', 'admin');
    await berta.send('POST', NOTICE, { site: SITE, notice: 'Día 11' });
    clock.advance(24 * HOUR);
    // A day later her session is over: she signs in again.
    const ana = new StaffClient(server);
    expect((await ana.signIn('ana', PASSWORD)).status).toBe(200);
    await ana.send('POST', NOTICE, { site: SITE, notice: 'Día 12' });

    const anasNotices = await read(ana, '?staff=ana&action=lobby-notice');
    expect(anasNotices.entries.map((entry) => entry.detail.new)).toEqual(['Día 12', 'Día 10']);
    expect((await read(ana, '?staff=ana&action=sign-in')).entries).toHaveLength(2);
    const ofThe11th = await read(ana, '?from=2026-02-11&to=2026-02-11');
    expect(ofThe11th.entries.map((entry) => [entry.username, entry.action])).toEqual([
      ['berta', 'lobby-notice'],
      ['berta', 'sign-in'],
    ]);
    const fromThe11th = await read(ana, '?from=2026-02-11&action=lobby-notice');
    expect(fromThe11th.entries.map((entry) => entry.detail.new)).toEqual(['Día 12', 'Día 11']);
    const untilThe10th = await read(ana, '?to=2026-02-10');
    expect(untilThe10th.entries.map((entry) => entry.action)).toEqual(['lobby-notice', 'sign-in']);
    expect((await read(ana, '?staff=nadie')).entries).toEqual([]);

    for (const query of ['?from=2026-2-11', '?to=mañana', '?page=-1', '?page=x']) {
      const refused = await ana.send('GET', `${AUDIT}${query}`);
      expect([refused.status, errorOf(refused)]).toEqual([400, 'bad-request']);
    }
  });
});
