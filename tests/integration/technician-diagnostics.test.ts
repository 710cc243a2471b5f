/**
 * The technician's diagnostics and statistics over real parts (tests/support/technician-kit.ts):
 * a real SQLite file, the real serial printer on a pseudo-terminal whose emulator reports paper
 * out, the real check-in path, and the real sync engine against a town hall that does not answer,
 * so check-ins pile up in the outbox.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { turnNumber, watch } from '../support/printer-rigs';
import { composeTechnicianKit, type TechnicianKit } from '../support/technician-kit';
import { makeTempDir } from '../support/temp-dir';

// Monday 30 November 2026, 10:00 in Madrid.
const NOW = new Date('2026-11-30T09:00:00Z');
const now = () => NOW;

describe('technician diagnostics on a real store, printer and sync', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let kit: TechnicianKit;

  beforeEach(async () => {
    dir = makeTempDir('tech-diagnostics');
    kit = await composeTechnicianKit({
      dataDir: dir.path,
      now,
      printerStatus: 'paper-out',
      bookings: ['TRN-7K4P9Q', 'TRN-8M2N4R'],
    });
  });

  afterEach(async () => {
    await kit.close();
    dir.remove();
  });

  it('shows a paper-out printer, the outbox backlog and the last scan’s form, never its text', async () => {
    const result = await kit.handler.submit({ input: 'TRN-7K4P9Q', source: 'keyboard-wedge' });
    expect(result.ok && result.value.ticket.printStatus).toBe('failed');
    const run = await kit.tools.syncNow();
    expect(run.ok).toBe(false);

    const snapshot = await kit.tools.snapshot();
    expect(snapshot.printer).toMatchObject({
      transport: 'serial',
      state: 'paper-out',
      lastError: { kind: 'paper-out' },
      paper: { ticketsSinceChange: 0, usedMm: 0, leftMm: 80_000, leftPercent: 100 },
    });
    expect(snapshot.sync).toMatchObject({
      connectivity: 'offline',
      reachable: false,
      outbox: { pending: 1, oldestPendingAt: NOW.toISOString() },
      lastPushAt: null,
      setAside: 0,
      conflicts: 0,
    });
    expect(snapshot.sync.lastError).not.toBeNull();
    expect(snapshot.scanner).toEqual({
      transport: 'keyboard',
      connected: null,
      lastRead: { at: NOW.toISOString(), form: 'booking-code', source: 'keyboard-wedge' },
    });
    expect(snapshot.app).toMatchObject({ kioskId: 'kiosk-1', uptimeSeconds: 0 });
    expect(snapshot.app.dataDir.totalBytes).toBeGreaterThan(0);
    expect(snapshot.logs).toEqual({ usbVolume: null, download: false });
    expect(JSON.stringify(snapshot)).not.toContain('7K4P9Q');
  });

  it('counts refused scans by reason, with no trace of what was scanned', async () => {
    await kit.handler.submit({ input: 'TRN-ZZZZZZ', source: 'keyboard-wedge' });
    await kit.handler.submit({ input: 'hello world', source: 'camera' });
    await kit.handler.submit({ input: '12345678A', mode: 'id-document', source: 'touch' });
    await kit.handler.submit({ input: 'TRN-7K4P9Q', source: 'touch' });

    const today = kit.tools.statistics().days.at(-1);
    expect(today).toMatchObject({
      day: '2026-11-30',
      tickets: 1,
      withAppointment: 1,
      walkIn: 0,
      byService: { empadronamiento: 1 },
      refusals: { 'booking-not-found': 1, 'unrecognised-code': 1, 'id-document-letter': 1 },
      printerFaults: { 'paper-out': 1 },
    });
    // Touch typing is no scanner read: the last read stays the camera's noise.
    expect((await kit.tools.snapshot()).scanner.lastRead).toMatchObject({
      form: 'unrecognised',
      source: 'camera',
    });
    const rows = JSON.stringify([
      kit.store.db.prepare('SELECT * FROM refusal_counts').all(),
      kit.store.db.prepare('SELECT * FROM printer_faults').all(),
    ]);
    for (const scanned of ['ZZZZZZ', 'hello', '12345678']) expect(rows).not.toContain(scanned);
  });

  it('counts the paper fed since the paper change: tickets and the test page', async () => {
    kit.rig.script.status = 'ok';
    await watch(kit.printer).until('ready');
    const changed = kit.tools.paperChanged();
    expect(changed).toMatchObject({ changedAt: NOW.toISOString(), ticketsSinceChange: 0 });

    await kit.handler.submit({ input: 'TRN-8M2N4R', source: 'keyboard-wedge' });
    expect(turnNumber(await kit.rig.waitForTicket())).toBe('E-001');
    const afterTicket = (await kit.tools.snapshot()).printer.paper;
    expect(afterTicket.ticketsSinceChange).toBe(1);
    expect(afterTicket.usedMm).toBeGreaterThan(40);
    expect(afterTicket.leftMm).toBeCloseTo(80_000 - afterTicket.usedMm, 0);

    expect(await kit.tools.testPrint()).toEqual({ status: 'printed', failure: null });
    const page = await kit.rig.waitForTicket();
    expect(page.text).toContain('kiosk-1');
    const afterPage = (await kit.tools.snapshot()).printer.paper;
    expect(afterPage.ticketsSinceChange).toBe(1);
    expect(afterPage.usedMm).toBeGreaterThan(afterTicket.usedMm);

    expect(kit.audited()).toEqual([
      { action: 'paper-changed', detail: null },
      { action: 'test-print', detail: 'printed' },
    ]);
  });

  it('refuses a test page to a printer out of paper, sending nothing', async () => {
    const before = kit.rig.receivedBytes();
    expect(await kit.tools.testPrint()).toEqual({ status: 'failed', failure: 'paper-out' });
    expect(kit.rig.receivedBytes()).toBe(before);
    expect((await kit.tools.snapshot()).printer.paper.usedMm).toBe(0);
  });

  it('reprints today’s last ticket with its own number, audited, its citizen reprint used up', async () => {
    expect(await kit.tools.reprintLast()).toBeUndefined();
    const first = await kit.handler.submit({ input: 'TRN-7K4P9Q', source: 'keyboard-wedge' });
    if (!first.ok) throw new Error(first.error.code);
    // The one reprint is still unused (the screen hides it while the paper is out).
    expect(first.value.ticket.canReprint).toBe(true);

    kit.rig.script.status = 'ok';
    await watch(kit.printer).until('ready');
    const reprinted = await kit.tools.reprintLast('es');
    expect(reprinted).toMatchObject({ number: 'E-001', printStatus: 'printed', reprints: 1 });
    expect(turnNumber(await kit.rig.waitForTicket())).toBe('E-001');
    expect(kit.store.tickets.countOnDay('2026-11-30')).toBe(1);
    expect(await kit.checkIns.reprint(first.value.ticket.id)).toEqual({
      ok: false,
      error: { code: 'reprint-not-allowed' },
    });
    expect(kit.audited()).toEqual([{ action: 'reprint', detail: 'E-001: printed' }]);
    expect(kit.logs).toContain(
      'technician reprint of ticket E-001 (its one citizen reprint is used up with it)',
    );
  });
});
