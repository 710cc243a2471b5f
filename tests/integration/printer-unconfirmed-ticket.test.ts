/**
 * A ticket whose printing the printer did not confirm (bytes went out, no answer): the kiosk
 * records it as unconfirmed, tells the citizen to look in the tray, and reprints it only when
 * asked to (the citizen says it did not come out), once, like a failed print.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CheckInService } from '../../src-main/checkin/check-in-service';
import { openStore, type Store } from '../../src-main/store/store';
import { appointment, seedCatalog } from '../support/catalog-fixture';
import { RecordingPrinter } from '../support/recording-printer';
import { makeTempDir } from '../support/temp-dir';

// Monday 30 November 2026, 10:00 in Madrid.
const NOW = new Date('2026-11-30T09:00:00Z');

describe('an unconfirmed print', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let store: Store;
  let printer: RecordingPrinter;
  let kiosk: CheckInService;

  beforeEach(() => {
    dir = makeTempDir('unconfirmed-print');
    store = openStore(join(dir.path, 'turnero.sqlite'));
    seedCatalog(store, [appointment('TRN-7K4P9Q', new Date(NOW.getTime() + 15 * 60000))], NOW);
    printer = new RecordingPrinter();
    kiosk = new CheckInService({
      store,
      printer,
      kioskId: 'kiosk-1',
      timeZone: 'Europe/Madrid',
      language: 'es',
      settings: () => ({
        checkInWindow: { minutesBefore: 120, minutesAfter: 60 },
        ticketQrUrl: null,
      }),
      now: () => NOW,
    });
  });

  afterEach(() => {
    store.close();
    dir.remove();
  });

  const issueUnconfirmed = async () => {
    printer.nextOutcome = {
      status: 'unconfirmed',
      failure: 'timeout',
      detail: 'the printer stopped answering after the ticket was sent',
    };
    const result = await kiosk.checkIn('TRN-7K4P9Q');
    if (!result.ok) throw new Error(`check-in refused: ${result.error.code}`);
    return result.value.ticket;
  };

  it('is shown as unconfirmed, kept for staff, and keeps its one reprint', async () => {
    const ticket = await issueUnconfirmed();
    expect(ticket).toMatchObject({
      number: 'E-001',
      printStatus: 'unconfirmed',
      printFailure: 'timeout',
      canReprint: true,
    });
    expect(store.tickets.get(ticket.id)).toMatchObject({ printStatus: 'unconfirmed' });
    expect(store.tickets.recentPrintFailures()).toEqual([
      expect.objectContaining({
        ticketNumber: 'E-001',
        failure: 'timeout',
        detail: 'the printer stopped answering after the ticket was sent',
      }),
    ]);
  });

  it('is reprinted once when the citizen says it did not come out, and never again', async () => {
    const ticket = await issueUnconfirmed();
    printer.nextOutcome = { status: 'printed' };
    expect(await kiosk.reprint(ticket.id)).toMatchObject({
      ok: true,
      value: { ticket: { printStatus: 'printed', canReprint: false } },
    });
    expect(await kiosk.reprint(ticket.id)).toEqual({
      ok: false,
      error: { code: 'reprint-not-allowed' },
    });
    expect(printer.printed.map((p) => p.ticketNumber)).toEqual(['E-001', 'E-001']);
  });

  it('a reprint that is unconfirmed too spends the reprint', async () => {
    const ticket = await issueUnconfirmed();
    expect(await kiosk.reprint(ticket.id)).toMatchObject({
      ok: true,
      value: { ticket: { printStatus: 'unconfirmed', canReprint: false } },
    });
  });
});
