import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CheckInSettings } from '../../src-main/checkin/check-in-context';
import {
  CheckInService,
  type CheckInServiceOptions,
} from '../../src-main/checkin/check-in-service';
import { openStore, type Store } from '../../src-main/store/store';
import { appointment, seedCatalog } from '../support/catalog-fixture';
import { RecordingPrinter } from '../support/recording-printer';
import { makeTempDir } from '../support/temp-dir';

// Monday 30 November 2026, 10:00 in Madrid.
const NOW = new Date('2026-11-30T09:00:00Z');
const minutes = (n: number) => new Date(NOW.getTime() + n * 60000);
const DEFAULT_SETTINGS: CheckInSettings = {
  checkInWindow: { minutesBefore: 120, minutesAfter: 60 },
  ticketQrUrl: null,
};

describe('CheckInService.checkIn on a real store', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let store: Store;
  let printer: RecordingPrinter;
  let kiosk: CheckInService;
  let committed: string[];
  /** What the settings function answers: a test may change it between check-ins. */
  let settings: CheckInSettings;

  beforeEach(() => {
    settings = DEFAULT_SETTINGS;
    dir = makeTempDir('kiosk');
    store = openStore(join(dir.path, 'turnero.sqlite'));
    seedCatalog(
      store,
      [
        appointment('TRN-7K4P9Q', minutes(15)),
        appointment('TRN-8M2N4R', minutes(20)),
        appointment('TRN-REG001', minutes(5), { serviceId: 'registro' }),
        appointment('TRN-NEXT01', minutes(60 * 24)),
        appointment('TRN-CNC777', minutes(30), { status: 'cancelled' }),
        appointment('TRN-ERY123', minutes(300)),
      ],
      NOW,
    );
    printer = new RecordingPrinter();
    committed = [];
    kiosk = makeKiosk();
  });

  const makeKiosk = (options: Partial<CheckInServiceOptions> = {}) =>
    new CheckInService({
      store,
      printer,
      kioskId: 'kiosk-1',
      timeZone: 'Europe/Madrid',
      language: 'es',
      settings: () => settings,
      now: () => NOW,
      onTicketCommitted: (id) => committed.push(id),
      ...options,
    });
  afterEach(() => {
    store.close();
    dir.remove();
  });

  const snapshot = () => ({
    tickets: store.db.prepare('SELECT count(*) AS n FROM tickets').get(),
    outbox: store.outbox.pendingCount(),
    counters: store.db.prepare('SELECT * FROM ticket_counters ORDER BY service_id').all(),
  });

  it('issues a ticket, writes its outbox row, prints it and reports the number', async () => {
    const result = await kiosk.checkIn('trn-7k4p9q\r\n');
    expect(result).toMatchObject({
      ok: true,
      value: {
        outcome: 'issued',
        ticket: {
          number: 'E-001',
          appointmentTime: '10:15',
          printStatus: 'printed',
          serviceName: { es: 'Certificado de empadronamiento' },
        },
      },
    });
    if (!result.ok) throw new Error('unreachable');
    expect(printer.printed).toHaveLength(1);
    expect(printer.printed[0]).toMatchObject({
      ticketNumber: 'E-001',
      townHallName: 'Ayuntamiento de Villanueva de la Peña',
      serviceName: 'Certificado de empadronamiento',
      appointmentTime: '10:15',
      kioskId: 'kiosk-1',
    });
    expect(store.outbox.pending()).toEqual([
      expect.objectContaining({
        ticketId: result.value.ticket.id,
        payload: expect.objectContaining({
          ticketNumber: 'E-001',
          appointmentId: 'apt-TRN-7K4P9Q',
        }),
      }),
    ]);
    expect(committed).toEqual([result.value.ticket.id]);
    expect(store.catalog.getAppointment('apt-TRN-7K4P9Q')?.status).toBe('checked-in');
  });

  it('numbers consecutively per service', async () => {
    const first = await kiosk.checkIn('TRN-7K4P9Q');
    const second = await kiosk.checkIn('TRN-8M2N4R');
    const other = await kiosk.checkIn('TRN-REG001');
    expect(
      [first, second, other].map((r) => (r.ok ? r.value.ticket.number : r.error.code)),
    ).toEqual(['E-001', 'E-002', 'R-001']);
  });

  it('a second scan of the same booking returns the same ticket and prints nothing new', async () => {
    const first = await kiosk.checkIn('TRN-7K4P9Q');
    const again = await kiosk.checkIn('TRN-7K4P9Q');
    expect(again).toMatchObject({ ok: true, value: { outcome: 'already-issued' } });
    expect(again.ok && first.ok && again.value.ticket.id === first.value.ticket.id).toBe(true);
    expect(printer.printed).toHaveLength(1);
    expect(store.outbox.pendingCount()).toBe(1);
  });

  it('keeps a committed ticket valid when printing fails, and says why', async () => {
    printer.nextOutcome = { status: 'failed', failure: 'paper-out', detail: 'DLE EOT 4: 0x72' };
    const result = await kiosk.checkIn('TRN-7K4P9Q');
    expect(result).toMatchObject({
      ok: true,
      value: {
        outcome: 'issued',
        ticket: { number: 'E-001', printStatus: 'failed', printFailure: 'paper-out' },
      },
    });
    expect(store.outbox.pendingCount()).toBe(1);
  });

  it('fills the QR URL template with the ticket, and prints none without one', async () => {
    await kiosk.checkIn('TRN-8M2N4R');
    expect(printer.printed[0]?.qrUrl).toBeNull();
    const withQr = makeKiosk({
      settings: () => ({
        ...DEFAULT_SETTINGS,
        ticketQrUrl: 'https://ayto.example.es/turno?n={number}&t={ticketId}',
      }),
    });
    const result = await withQr.checkIn('TRN-7K4P9Q');
    if (!result.ok) throw new Error('unreachable');
    expect(printer.printed[1]?.qrUrl).toBe(
      `https://ayto.example.es/turno?n=E-002&t=${result.value.ticket.id}`,
    );
  });

  it('asks for the settings at every check-in: a narrower window refuses the next one', async () => {
    expect(await kiosk.checkIn('TRN-7K4P9Q')).toMatchObject({ ok: true });
    // The town hall's remote configuration arrives: 10 minutes before, 5 after; a QR URL.
    settings = {
      checkInWindow: { minutesBefore: 10, minutesAfter: 5 },
      ticketQrUrl: 'https://ayto.example.es/turno/{number}',
    };
    const before = snapshot();
    expect(await kiosk.checkIn('TRN-8M2N4R')).toEqual({
      ok: false,
      error: { code: 'too-early', params: { time: '10:20', from: '10:10' } },
    });
    expect(snapshot()).toEqual(before);
    // Starts at 10:05: within the new window, and printed with the new QR URL.
    expect(await kiosk.checkIn('TRN-REG001')).toMatchObject({ ok: true });
    expect(printer.printed.map((ticket) => ticket.qrUrl)).toEqual([
      null,
      'https://ayto.example.es/turno/R-001',
    ]);
  });

  it('prints in the language the citizen chose', async () => {
    await kiosk.checkIn('TRN-7K4P9Q', 'en');
    expect(printer.printed[0]).toMatchObject({
      language: 'en',
      serviceName: 'Certificate of registration',
    });
  });

  it.each([
    ['TRN-ZZZZZZ', 'booking-not-found', undefined],
    [
      'TRN-NEXT01',
      'booking-not-today',
      { day: '2026-12-01', time: '10:00', when: 'tomorrow', context: 'tomorrow' },
    ],
    ['TRN-CNC777', 'booking-cancelled', undefined],
    ['TRN-ERY123', 'too-early', { time: '15:00', from: '13:00' }],
    ['\u0000\u00ff\u0013garbage', 'unrecognised-code', undefined],
    ['x'.repeat(10 * 1024), 'unrecognised-code', undefined],
  ])('refuses %j with %s and changes nothing', async (input, code, params) => {
    const before = snapshot();
    const result = await kiosk.checkIn(input);
    expect(result).toEqual({ ok: false, error: params ? { code, params } : { code } });
    expect(snapshot()).toEqual(before);
    expect(printer.printed).toHaveLength(0);
  });

  it('says it cannot tell yet, rather than "no such booking", before its first sync', async () => {
    store.syncState.delete('last-success-at');
    const before = snapshot();
    expect(await kiosk.checkIn('TRN-ZZZZZZ')).toEqual({
      ok: false,
      error: { code: 'kiosk-not-ready' },
    });
    expect(await kiosk.checkIn('12345678Z', 'es', 'id-document')).toEqual({
      ok: false,
      error: { code: 'kiosk-not-ready' },
    });
    expect(snapshot()).toEqual(before);
    // What the cache does know is still answered as usual.
    expect(await kiosk.checkIn('TRN-NEXT01')).toMatchObject({
      ok: false,
      error: { code: 'booking-not-today' },
    });
  });

  it('numbers only from its reserved range until the site numbering is known', async () => {
    const kioskWithRange = makeKiosk({ numbering: { reservedRange: { first: 900, last: 999 } } });
    expect(store.catalog.getNumbering()).toBeNull();
    const result = await kioskWithRange.checkIn('TRN-7K4P9Q');
    expect(result).toMatchObject({ ok: true, value: { ticket: { number: 'E-900' } } });
  });

  describe('the one reprint of a ticket that did not print', () => {
    const issueUnprinted = async () => {
      printer.nextOutcome = { status: 'failed', failure: 'paper-out', detail: 'DLE EOT 4: 0x72' };
      const result = await kiosk.checkIn('TRN-7K4P9Q');
      if (!result.ok) throw new Error(`check-in refused: ${result.error.code}`);
      return result.value.ticket;
    };

    it('is offered, prints the same number once, and is then used up', async () => {
      const ticket = await issueUnprinted();
      expect(ticket).toMatchObject({ printStatus: 'failed', canReprint: true });
      expect(store.tickets.recentPrintFailures()).toEqual([
        expect.objectContaining({
          ticketNumber: 'E-001',
          failure: 'paper-out',
          detail: 'DLE EOT 4: 0x72',
        }),
      ]);

      printer.nextOutcome = { status: 'printed' };
      const reprinted = await kiosk.reprint(ticket.id, 'de');
      expect(reprinted).toMatchObject({
        ok: true,
        value: {
          ticket: { id: ticket.id, number: 'E-001', printStatus: 'printed', canReprint: false },
        },
      });
      expect(printer.printed.map((p) => [p.ticketNumber, p.language])).toEqual([
        ['E-001', 'es'],
        ['E-001', 'de'],
      ]);
      expect(await kiosk.reprint(ticket.id)).toEqual({
        ok: false,
        error: { code: 'reprint-not-allowed' },
      });
      expect(printer.printed).toHaveLength(2);
      expect(store.outbox.pendingCount()).toBe(1);
    });

    it('is spent even when the reprint fails too, and the failure is kept', async () => {
      const ticket = await issueUnprinted();
      printer.nextOutcome = { status: 'failed', failure: 'cover-open', detail: 'DLE EOT 2: 0x16' };
      expect(await kiosk.reprint(ticket.id)).toMatchObject({
        ok: true,
        value: { ticket: { printStatus: 'failed', printFailure: 'cover-open', canReprint: false } },
      });
      expect(store.tickets.recentPrintFailures().map((f) => f.failure)).toEqual([
        'cover-open',
        'paper-out',
      ]);
    });

    it('cannot print a ticket twice by tapping twice', async () => {
      const ticket = await issueUnprinted();
      printer.nextOutcome = { status: 'printed' };
      const [first, second] = await Promise.all([
        kiosk.reprint(ticket.id),
        kiosk.reprint(ticket.id),
      ]);
      expect([first.ok, second.ok].sort()).toEqual([false, true]);
      expect(printer.printed).toHaveLength(2);
    });

    it('is offered for a ticket whose print was cut short by a crash or power cut', async () => {
      // The kiosk stopped between the commit and the print's outcome.
      printer.print = () => new Promise(() => undefined);
      void kiosk.checkIn('TRN-7K4P9Q');
      await vi.waitFor(() => expect(store.tickets.countOnDay('2026-11-30')).toBe(1));
      expect(store.tickets.failInterruptedPrints()).toBe(1);
      const again = await makeKiosk({ printer: new RecordingPrinter() }).checkIn('TRN-7K4P9Q');
      expect(again).toMatchObject({
        ok: true,
        value: { outcome: 'already-issued', ticket: { printStatus: 'failed', canReprint: true } },
      });
    });

    it('is refused for a printed ticket and for an unknown one', async () => {
      const printed = await kiosk.checkIn('TRN-8M2N4R');
      if (!printed.ok) throw new Error('unreachable');
      expect(printed.value.ticket.canReprint).toBe(false);
      expect(await kiosk.reprint(printed.value.ticket.id)).toEqual({
        ok: false,
        error: { code: 'reprint-not-allowed' },
      });
      expect(await kiosk.reprint(crypto.randomUUID())).toEqual({
        ok: false,
        error: { code: 'ticket-not-found' },
      });
      expect(printer.printed).toHaveLength(1);
    });
  });
});
