/**
 * Data minimisation on the kiosk: past days' appointments and old delivered tickets are erased,
 * from the file's bytes too (secure_delete); an undelivered check-in is never erased.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RetentionKeeper } from '../../src-main/store/retention-keeper';
import { openStore, type Store } from '../../src-main/store/store';
import { appointment, seedCatalog } from '../support/catalog-fixture';
import { makeTempDir } from '../support/temp-dir';

const ZONE = 'Europe/Madrid';

describe('retention', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let store: Store;
  let file: string;

  beforeEach(() => {
    dir = makeTempDir('retention');
    file = join(dir.path, 'turnero.sqlite');
    store = openStore(file);
  });
  afterEach(() => {
    store.close();
    dir.remove();
  });

  const issueTicket = (id: string, day: string, number: string, delivered: boolean) => {
    store.db
      .prepare(
        `INSERT INTO tickets (id, number, local_day, service_id, issued_at, print_status)
         VALUES (?, ?, ?, 'empadronamiento', ?, 'printed')`,
      )
      .run(id, number, day, `${day}T09:00:00+01:00`);
    store.db
      .prepare(
        `INSERT INTO outbox (ticket_id, kind, payload_json, created_at, delivered_at)
         VALUES (?, 'check-in', '{}', ?, ?)`,
      )
      .run(id, `${day}T09:00:00+01:00`, delivered ? `${day}T09:00:05+01:00` : null);
  };

  it('erases past appointments at the rollover, even offline, and overwrites their bytes', () => {
    seedCatalog(
      store,
      [
        appointment('TRN-OLDDAY', new Date('2026-11-27T10:00:00+01:00')),
        appointment('TRN-TODAYS', new Date('2026-11-29T10:00:00+01:00')),
      ],
      new Date('2026-11-27T08:00:00+01:00'),
    );
    let now = new Date('2026-11-28T12:00:00+01:00');
    const keeper = new RetentionKeeper({
      retention: store.retention,
      timeZone: ZONE,
      ticketDays: 31,
      now: () => now,
    });
    expect(keeper.runIfNewDay()).toBe(true);
    expect(keeper.runIfNewDay()).toBe(false);
    expect(store.catalog.findAppointmentByCode('TRN-OLDDAY', '2026-11-27')).toBeFalsy();
    now = new Date('2026-11-29T00:00:30+01:00');
    expect(keeper.runIfNewDay()).toBe(true);
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    const bytes = readFileSync(file);
    expect(bytes.includes(Buffer.from('TRN-OLDDAY'))).toBe(false);
    expect(bytes.includes(Buffer.from('TRN-TODAYS'))).toBe(true);
  });

  it('forgets the other kiosks’ ticket counts of past days at the rollover', () => {
    const at = new Date('2026-11-27T12:00:00+01:00');
    store.tallies.recordTownHallCounts(
      { day: '2026-11-27', services: [{ serviceId: 'empadronamiento', count: 3 }] },
      at,
    );
    expect(store.tallies.issuedOn('2026-11-27', 'empadronamiento')).toBe(3);
    const keeper = new RetentionKeeper({
      retention: store.retention,
      timeZone: ZONE,
      ticketDays: 31,
      now: () => new Date('2026-11-28T00:00:30+01:00'),
    });
    expect(keeper.runIfNewDay()).toBe(true);
    expect(store.tallies.issuedOn('2026-11-27', 'empadronamiento')).toBe(0);
    expect(store.db.prepare('SELECT count(*) AS n FROM service_tallies').get()).toEqual({ n: 0 });
  });

  it('keeps tickets ticketDays days, and an undelivered check-in however old', () => {
    issueTicket('t-old-delivered', '2026-10-01', 'E-001', true);
    issueTicket('t-old-pending', '2026-10-01', 'E-002', false);
    issueTicket('t-recent', '2026-11-20', 'E-003', true);
    const keeper = new RetentionKeeper({
      retention: store.retention,
      timeZone: ZONE,
      ticketDays: 31,
      now: () => new Date('2026-11-29T10:00:00+01:00'),
    });
    keeper.runIfNewDay();
    const left = store.db.prepare('SELECT id FROM tickets ORDER BY id').all() as { id: string }[];
    expect(left.map((row) => row.id)).toEqual(['t-old-pending', 't-recent']);
    const outbox = store.db.prepare('SELECT ticket_id FROM outbox ORDER BY ticket_id').all();
    expect(outbox).toEqual([{ ticket_id: 't-old-pending' }, { ticket_id: 't-recent' }]);
  });
});
