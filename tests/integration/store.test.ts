import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion } from '../../src-main/store/database';
import { migrations } from '../../src-main/store/migrations';
import { openStore, type Store } from '../../src-main/store/store';
import { DailyLimitReachedError } from '../../src-main/store/ticket-repository';
import { appointment, seedCatalog } from '../support/catalog-fixture';
import { makeTempDir } from '../support/temp-dir';

const NOW = new Date('2026-11-30T09:00:00Z');

describe('store on a real SQLite file', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let file: string;
  let store: Store;

  beforeEach(() => {
    dir = makeTempDir('store');
    file = join(dir.path, 'turnero.sqlite');
    store = openStore(file);
  });
  afterEach(() => {
    store.close();
    dir.remove();
  });

  const issue = (
    day: string,
    serviceId = 'empadronamiento',
    prefix = 'E',
    id = crypto.randomUUID(),
  ) =>
    store.transaction(() =>
      store.tickets.insertWithNextNumber({
        id,
        localDay: day,
        serviceId,
        servicePrefix: prefix,
        appointmentId: null,
        appointmentTime: null,
        issuedAt: NOW,
      }),
    );

  it('opens in WAL mode at the newest schema version, and reopens without migrating again', () => {
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(schemaVersion(store.db)).toBe(migrations.at(-1)?.version);
    store.close();
    store = openStore(file);
    expect(schemaVersion(store.db)).toBe(migrations.at(-1)?.version);
  });

  it('brings a kiosk of schema 7 up to date with its tickets and services as they were', () => {
    store.close();
    const older = join(dir.path, 'older.sqlite');
    const before = openDatabase(
      older,
      migrations.filter((migration) => migration.version <= 7),
    );
    before
      .prepare(
        `INSERT INTO services (id, prefix, names_json, walk_ins_allowed, updated_at)
         VALUES ('empadronamiento', 'E', '{"es":"Empadronamiento"}', 1, ?)`,
      )
      .run(NOW.toISOString());
    before
      .prepare(
        `INSERT INTO tickets (id, number, local_day, service_id, issued_at, print_status)
         VALUES ('t-1', 'E-001', '2026-11-30', 'empadronamiento', ?, 'printed')`,
      )
      .run(NOW.toISOString());
    before.close();

    store = openStore(older);
    expect(schemaVersion(store.db)).toBe(migrations.at(-1)?.version);
    // No cap until the town hall says one; the old ticket is an ordinary one, and counts.
    expect(store.catalog.getService('empadronamiento')).toEqual({
      id: 'empadronamiento',
      prefix: 'E',
      names: { es: 'Empadronamiento' },
      walkInsAllowed: true,
    });
    expect(store.tickets.get('t-1')).toMatchObject({ number: 'E-001', priority: false });
    expect(store.tallies.issuedOn('2026-11-30', 'empadronamiento')).toBe(1);
    store.catalog.saveSiteInfo(
      { id: 'test-sac', name: 'Ayuntamiento', timeZone: 'Europe/Madrid' },
      [
        {
          id: 'empadronamiento',
          prefix: 'E',
          names: { es: 'Empadronamiento' },
          walkInsAllowed: true,
          dailyCap: 40,
        },
      ],
      NOW,
    );
    expect(store.catalog.getService('empadronamiento')?.dailyCap).toBe(40);
  });

  it('refuses a database written by a newer build', () => {
    store.db.pragma('user_version = 99');
    store.close();
    expect(() => openStore(file)).toThrow(/newer than this build/);
    const raw = new Database(file);
    raw.pragma(`user_version = ${migrations.at(-1)?.version}`);
    raw.close();
    store = openStore(file);
  });

  it('numbers per service and per local day, restarting at 001 each day', () => {
    expect(issue('2026-11-30').number).toBe('E-001');
    expect(issue('2026-11-30').number).toBe('E-002');
    expect(issue('2026-11-30', 'registro', 'R').number).toBe('R-001');
    expect(issue('2026-12-01').number).toBe('E-001');
  });

  it('never hands out the same number twice, even across a reopen', () => {
    const numbers = new Set<string>();
    for (let i = 0; i < 50; i++) numbers.add(issue('2026-11-30').number);
    store.close();
    store = openStore(file);
    for (let i = 0; i < 50; i++) numbers.add(issue('2026-11-30').number);
    expect(numbers.size).toBe(100);
  });

  it('rolls back the number, the ticket and the outbox row together', () => {
    expect(() =>
      store.transaction(() => {
        const ticket = store.tickets.insertWithNextNumber({
          id: 'doomed',
          localDay: '2026-11-30',
          serviceId: 'empadronamiento',
          servicePrefix: 'E',
          appointmentId: null,
          appointmentTime: null,
          issuedAt: NOW,
        });
        store.outbox.add(ticket.id, 'check-in', { n: ticket.number }, NOW);
        throw new Error('printer exploded mid-transaction');
      }),
    ).toThrow('printer exploded');
    expect(store.tickets.get('doomed')).toBeUndefined();
    expect(store.outbox.pendingCount()).toBe(0);
    expect(issue('2026-11-30').number).toBe('E-001');
  });

  it('refuses outbox rows and numbers outside a transaction', () => {
    expect(() => store.outbox.add('x', 'check-in', {}, NOW)).toThrow(/with their ticket/);
    expect(() =>
      store.tickets.insertWithNextNumber({
        id: 'x',
        localDay: '2026-11-30',
        serviceId: 'empadronamiento',
        servicePrefix: 'E',
        appointmentId: null,
        appointmentTime: null,
        issuedAt: NOW,
      }),
    ).toThrow(/needs a transaction/);
  });

  it('stops at 999 tickets a day for a service', () => {
    store.db
      .prepare('INSERT INTO ticket_counters (local_day, service_id, last_counter) VALUES (?, ?, ?)')
      .run('2026-11-30', 'empadronamiento', 999);
    expect(() => issue('2026-11-30')).toThrow(DailyLimitReachedError);
    expect(store.tickets.countOnDay('2026-11-30')).toBe(0);
  });

  it('caches appointments by site-local day, and an older version never overwrites a newer one', () => {
    // 23:30Z on 30 November is 00:30 on 1 December in Madrid.
    seedCatalog(
      store,
      [appointment('TRN-AAAAAA', new Date('2026-11-30T23:30:00Z'), { version: 3 })],
      NOW,
    );
    expect(store.catalog.findAppointmentByCode('TRN-AAAAAA', '2026-12-01')).toMatchObject({
      localDay: '2026-12-01',
      localTime: '00:30',
    });
    store.catalog.saveAppointments(
      [appointment('TRN-AAAAAA', NOW, { version: 2, status: 'cancelled' })],
      'Europe/Madrid',
      NOW,
    );
    expect(store.catalog.getAppointment('apt-TRN-AAAAAA')).toMatchObject({
      status: 'booked',
      version: 3,
    });
  });

  it('finds a booking code through its own index, not by scanning the day', () => {
    const plan = store.db
      .prepare(
        'EXPLAIN QUERY PLAN SELECT * FROM appointments WHERE code = ? AND local_day = ? ORDER BY starts_at LIMIT 1',
      )
      .all('TRN-AAAAAA', '2026-11-30') as Array<{ detail: string }>;
    expect(plan.map((step) => step.detail).join(' | ')).toMatch(
      /USING (COVERING )?INDEX appointments_by_code/,
    );
    expect(plan.map((step) => step.detail).join(' | ')).not.toMatch(/TEMP B-TREE/);
  });
});
