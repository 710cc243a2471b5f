/**
 * The staff audit log's retention on every dialect (SQLite always, PostgreSQL when
 * TURNERO_TEST_POSTGRES_URL is set): the server's retention job erases the entries older than
 * `auditRetentionDays` (365 by default; CLI `--audit-retention-days`) at start and on its later
 * runs, by the injected clock, and keeps the younger ones.
 */
import { describe, expect, it } from 'vitest';
import { parseServerArgs } from '../../server/cli-options';
import { RetentionJob } from '../../server/retention';
import { openServerStore, type ServerStore } from '../../server/store/store';
import { freshDatabases, testDialects } from './server-databases';
import { movableClock, NOW } from './server-kit';

const openDatabase = freshDatabases();
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** One audit entry `ageMs` before NOW, its action naming its age. */
const auditAged = (store: ServerStore, action: string, ageMs: number) =>
  store.staff.audit({
    atMs: NOW.getTime() - ageMs,
    staffId: null,
    username: 'admin',
    siteId: null,
    action,
    detail: {},
  });

const actionsLeft = async (store: ServerStore) =>
  (await store.staff.auditLog(100)).map((entry) => entry.action).sort();

describe.each(testDialects)('the audit retention on %s', (dialect) => {
  it('erases entries older than the audit retention at start and on later runs', async () => {
    const store = await openServerStore({ db: await openDatabase(dialect), dialect });
    await auditAged(store, 'a-400-days', 400 * DAY);
    await auditAged(store, 'b-30-days-and-1-minute', 30 * DAY + MINUTE);
    await auditAged(store, 'c-30-days-less-1-minute', 30 * DAY - MINUTE);
    await auditAged(store, 'd-today', 0);
    const clock = movableClock();
    const logs: string[] = [];
    const job = new RetentionJob({
      store,
      retentionDays: 31,
      auditRetentionDays: 30,
      now: clock.now,
      log: (line) => logs.push(line),
      intervalMs: 10,
    });
    await job.start();
    try {
      expect(await actionsLeft(store)).toEqual(['c-30-days-less-1-minute', 'd-today']);
      expect(logs).toEqual([
        'townhall-api: erased 2 staff audit entries older than 30 days (audit retention)',
      ]);
      // Two minutes later the next entry is past 30 days: a later run erases it.
      clock.advance(2 * MINUTE);
      await expect.poll(() => actionsLeft(store)).toEqual(['d-today']);
    } finally {
      await job.stop();
    }
  });

  it('keeps a year by default', async () => {
    const store = await openServerStore({ db: await openDatabase(dialect), dialect });
    await auditAged(store, 'a-366-days', 366 * DAY);
    await auditAged(store, 'b-364-days', 364 * DAY);
    const job = new RetentionJob({
      store,
      retentionDays: 31,
      now: () => NOW,
      log: () => undefined,
    });
    await job.start();
    await job.stop();
    expect(await actionsLeft(store)).toEqual(['b-364-days']);
  });
});

describe('--audit-retention-days', () => {
  it('sets the audit retention; none leaves the default; a bad value is refused', () => {
    const parsed = parseServerArgs(['--audit-retention-days', '730']);
    expect(parsed.help ? null : parsed.options.auditRetentionDays).toBe(730);
    const standard = parseServerArgs([]);
    expect(standard.help ? null : standard.options.auditRetentionDays).toBeUndefined();
    for (const bad of ['0', 'never', '36501']) {
      expect(() => parseServerArgs(['--audit-retention-days', bad])).toThrow(
        /audit-retention-days/,
      );
    }
    expect(
      () =>
        new RetentionJob({
          store: {} as ServerStore,
          retentionDays: 31,
          auditRetentionDays: 0,
          now: () => NOW,
          log: () => undefined,
        }),
    ).toThrow(/auditRetentionDays/);
  });
});
