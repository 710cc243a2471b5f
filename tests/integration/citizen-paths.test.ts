/**
 * The citizen's paths through the main process, end to end: requests of the IPC contract through
 * the dispatcher of a kiosk composed as the app composes it (citizen-kit.ts), a real SQLite file,
 * the virtual printer or a TCP printer emulator, and the reference Turnero server on the same
 * moved-by-hand clock. Every path ends in a ticket, or in a refusal that says what to do next.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CheckInResult, TicketView } from '../../src-shared/contract/ipc';
import type { TurneroServer } from '../../server/server';
import { parseSeed } from '../../server/seed';
import { makeTempDir } from '../support/temp-dir';
import { startTcpPrinterEmulator, type TcpPrinterEmulator } from '../support/tcp-printer-emulator';
import {
  startCitizenKiosk,
  valueOf,
  type CitizenKiosk,
  type CitizenKioskOptions,
} from './citizen-kit';
import { movableClock, seedDocument, serversClosedAfterEach, TODAY } from './server-kit';

const seed = () =>
  parseSeed(
    seedDocument({
      services: [
        {
          id: 'empadronamiento',
          prefix: 'E',
          names: { es: 'Empadronamiento', en: 'Registration' },
          walkInsAllowed: true,
        },
        {
          id: 'registro-civil',
          prefix: 'K',
          names: { es: 'Registro civil' },
          walkInsAllowed: true,
          dailyCap: 1,
        },
        { id: 'padron', prefix: 'P', names: { es: 'Padrón' }, walkInsAllowed: false },
        {
          id: 'tramites',
          prefix: 'T',
          names: { es: 'Otros trámites' },
          walkInsAllowed: true,
          dailyCap: 2,
        },
      ],
      appointments: [
        { code: 'TRN-KKK001', serviceId: 'registro-civil', offsetMinutes: 0 },
        { code: 'TRN-KKK002', serviceId: 'registro-civil', offsetMinutes: 10 },
        { code: 'TRN-EEE001', serviceId: 'empadronamiento', offsetMinutes: 5 },
        { code: 'TRN-EEE002', serviceId: 'empadronamiento', day: '+1', time: '10:30' },
      ],
    }),
  );

const startServer = serversClosedAfterEach();

describe('the citizen paths of the main process', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let clock: ReturnType<typeof movableClock>;
  let server: TurneroServer;
  const kiosks: CitizenKiosk[] = [];
  const emulators: TcpPrinterEmulator[] = [];

  beforeEach(async () => {
    dir = makeTempDir('citizen-paths');
    clock = movableClock();
    ({ server } = await startServer({ seed: seed(), now: clock.now }));
  });
  afterEach(async () => {
    for (const kiosk of kiosks.splice(0)) await kiosk.close();
    for (const emulator of emulators.splice(0)) await emulator.close();
    dir.remove();
  });

  /** A kiosk of the site, synced once (site, services, leases, today's appointments). */
  const kiosk = async (options: Partial<CitizenKioskOptions> = {}): Promise<CitizenKiosk> => {
    const started = await startCitizenKiosk({
      dir: dir.path,
      baseUrl: server.url,
      now: clock.now,
      ...options,
    });
    kiosks.push(started);
    expect(await started.engine.syncNow()).toMatchObject({ ok: true });
    return started;
  };

  const tcpPrinter = async (status: 'ok' | 'silent' = 'ok') => {
    const emulator = await startTcpPrinterEmulator({ status });
    emulators.push(emulator);
    return emulator;
  };

  const submit = (at: CitizenKiosk, input: string, language?: 'es' | 'en') =>
    at.invoke('checkin:submit', { input, source: 'touch', ...(language ? { language } : {}) });
  const walkIn = (at: CitizenKiosk, serviceId: string, priority = false) =>
    at.invoke('walkin:issue', { serviceId, priority });
  const remaining = async (at: CitizenKiosk) =>
    Object.fromEntries(
      valueOf(await at.invoke('walkin:get-options', {})).services.map((service) => [
        service.id,
        service.remainingToday,
      ]),
    );
  /** What a refusal must leave untouched: tickets, outbox, printed tickets. */
  const footprint = (at: CitizenKiosk) => ({
    tickets: at.store.tickets.countOnDay(TODAY),
    outbox: at.store.outbox.pendingCount(),
    printed: at.rendered.size,
  });
  const ticketOf = (result: Awaited<ReturnType<typeof submit>>): TicketView =>
    (valueOf(result) as CheckInResult).ticket;

  describe('a service’s daily cap', () => {
    it('with dailyCap 1, a second check-in and a walk-in are refused, and nothing is printed or queued', async () => {
      const a = await kiosk();
      expect((await remaining(a))['registro-civil']).toBe(1);
      const first = ticketOf(await submit(a, 'TRN-KKK001'));
      expect(first).toMatchObject({ number: 'K-001', printStatus: 'printed' });
      const before = footprint(a);

      expect(await submit(a, 'TRN-KKK002')).toEqual({
        ok: false,
        error: { code: 'service-cap-reached' },
      });
      expect(await walkIn(a, 'registro-civil')).toEqual({
        ok: false,
        error: { code: 'service-cap-reached' },
      });
      expect(footprint(a)).toEqual(before);
      // The refused booking is still bookable: the transaction left nothing behind.
      expect(a.store.catalog.getAppointment('apt-kkk002')?.status).toBe('booked');
      expect((await remaining(a))['registro-civil']).toBe(0);

      // The town hall gets the one ticket and has nothing to refuse: no citizen waits for a
      // number nobody will call.
      await a.engine.syncNow();
      expect((await server.admin.ticketsOfDay(TODAY)).map((ticket) => ticket.ticketNumber)).toEqual(
        ['K-001'],
      );
      expect(a.engine.listSetAside()).toEqual([]);
      expect(a.store.conflicts.count()).toBe(0);
    });

    it('two check-ins at the same moment cannot both take the last ticket', async () => {
      const a = await kiosk();
      const results = await Promise.all([submit(a, 'TRN-KKK001'), submit(a, 'TRN-KKK002')]);
      expect(results.map((result) => (result.ok ? 'issued' : result.error.code)).sort()).toEqual([
        'issued',
        'service-cap-reached',
      ]);
      expect(a.store.tickets.countOnDay(TODAY)).toBe(1);
      expect(a.rendered.size).toBe(1);
    });

    it('counts the other kiosks’ tickets as the town hall reports them, and its own once', async () => {
      const a = await kiosk({ kioskId: 'kiosk-a' });
      const b = await kiosk({ kioskId: 'kiosk-b' });
      expect(valueOf(await walkIn(a, 'tramites'))).toMatchObject({ outcome: 'issued' });
      await a.engine.syncNow();
      // Pushed, then counted by the town hall too: still one ticket, not two.
      expect((await remaining(a)).tramites).toBe(1);

      await b.engine.syncNow();
      expect(await remaining(b)).toMatchObject({ tramites: 1, 'registro-civil': 1 });
      expect(valueOf(await walkIn(b, 'tramites'))).toMatchObject({ outcome: 'issued' });
      expect((await remaining(b)).tramites).toBe(0);
      expect(await walkIn(b, 'tramites')).toEqual({
        ok: false,
        error: { code: 'service-cap-reached' },
      });
      // Kiosk A learns of B's ticket at its next pull.
      await b.engine.syncNow();
      await a.engine.syncNow();
      expect((await remaining(a)).tramites).toBe(0);
      expect(await walkIn(a, 'tramites')).toEqual({
        ok: false,
        error: { code: 'service-cap-reached' },
      });
      expect(await server.admin.ticketsOfDay(TODAY)).toHaveLength(2);
    });

    it('offline, two kiosks may both give the last ticket: the town hall refuses the later one, kept for staff', async () => {
      const a = await kiosk({ kioskId: 'kiosk-a' });
      const b = await kiosk({ kioskId: 'kiosk-b' });
      // Neither has heard of the other's ticket (no sync between): each gives the last one.
      const fromA = ticketOf(await walkIn(a, 'registro-civil'));
      const fromB = ticketOf(await walkIn(b, 'registro-civil'));
      await a.engine.syncNow();
      await b.engine.syncNow();
      expect((await server.admin.ticketsOfDay(TODAY)).map((ticket) => ticket.ticketId)).toEqual([
        fromA.id,
      ]);
      expect(b.store.conflicts.recent()).toEqual([
        expect.objectContaining({ ticketNumber: fromB.number, kind: 'daily-cap-reached' }),
      ]);
    });
  });

  describe('walk-ins', () => {
    it('lists every cached service with what is left of its cap, and the walk-in settings', async () => {
      const a = await kiosk({
        config: { walkIn: { priorityEnabled: true, showRemainingBelow: 5 } },
      });
      expect(valueOf(await a.invoke('walkin:get-options', {}))).toEqual({
        services: [
          {
            id: 'empadronamiento',
            names: { es: 'Empadronamiento', en: 'Registration' },
            walkInsAllowed: true,
            remainingToday: null,
          },
          {
            id: 'registro-civil',
            names: { es: 'Registro civil' },
            walkInsAllowed: true,
            remainingToday: 1,
          },
          { id: 'padron', names: { es: 'Padrón' }, walkInsAllowed: false, remainingToday: null },
          {
            id: 'tramites',
            names: { es: 'Otros trámites' },
            walkInsAllowed: true,
            remainingToday: 2,
          },
        ],
        priorityEnabled: true,
        showRemainingBelow: 5,
      });
    });

    it('leaves out the services the technician hid from the walk-in screen', async () => {
      const a = await kiosk({ config: { walkIn: { hiddenServices: ['padron', 'tramites'] } } });
      const shown = valueOf(await a.invoke('walkin:get-options', {})).services;
      expect(shown.map((service) => service.id)).toEqual(['empadronamiento', 'registro-civil']);
    });

    it('a priority walk-in is issued, printed with its priority line and reported once, as priority', async () => {
      const a = await kiosk({ config: { walkIn: { priorityEnabled: true } } });
      const priority = ticketOf(await walkIn(a, 'empadronamiento', true));
      expect(priority).toMatchObject({
        number: 'E-001',
        appointmentTime: null,
        priority: true,
        printStatus: 'printed',
      });
      expect(a.rendered.get(priority.id)).toMatch(/^\s*PRIORITARIO\s*$/m);
      const plain = ticketOf(await walkIn(a, 'empadronamiento'));
      expect(plain).toMatchObject({ number: 'E-002', priority: false });
      expect(a.rendered.get(plain.id)).not.toContain('PRIORITARIO');

      await a.engine.syncNow();
      await a.engine.syncNow();
      // Both were issued in the same instant on the moved clock: the server's order between them
      // is not defined, so they are compared by number.
      const reported = [...(await server.admin.walkIns())].sort((x, y) =>
        x.ticketNumber.localeCompare(y.ticketNumber),
      );
      expect(reported).toEqual([
        expect.objectContaining({ ticketId: priority.id, ticketNumber: 'E-001', priority: true }),
        expect.not.objectContaining({ priority: expect.anything() }),
      ]);
      expect(
        (await server.admin.ticketsOfDay(TODAY)).map((ticket) => [
          ticket.ticketNumber,
          ticket.priority,
        ]),
      ).toEqual([
        ['E-001', true],
        ['E-002', false],
      ]);
      expect(a.store.outbox.pendingCount()).toBe(0);
    });

    it('refuses a priority ticket where the office gives none, a service without walk-ins and an unknown one', async () => {
      const a = await kiosk();
      expect(valueOf(await a.invoke('walkin:get-options', {})).priorityEnabled).toBe(false);
      const before = footprint(a);
      expect(await walkIn(a, 'empadronamiento', true)).toEqual({
        ok: false,
        error: { code: 'invalid-payload' },
      });
      expect(await walkIn(a, 'padron')).toEqual({
        ok: false,
        error: { code: 'walk-ins-not-allowed' },
      });
      expect(await walkIn(a, 'no-such-service')).toEqual({
        ok: false,
        error: { code: 'service-unknown' },
      });
      expect(footprint(a)).toEqual(before);
      await a.engine.syncNow();
      expect(await server.admin.walkIns()).toEqual([]);
    });
  });

  describe('what the ticket view says about printing', () => {
    it('a TCP printer that does not answer status: unconfirmed, never printed, its reprint kept', async () => {
      const emulator = await tcpPrinter('silent');
      const a = await kiosk({ config: { printer: { transport: emulator.uri } } });
      const ticket = ticketOf(await submit(a, 'TRN-EEE001'));
      expect((await emulator.waitForTicket()).text).toContain('E-001');
      expect(ticket).toMatchObject({
        number: 'E-001',
        printStatus: 'unconfirmed',
        canReprint: true,
      });
      expect(ticket).not.toHaveProperty('printFailure');
      // Not a fault of the printer: nothing in the print-failure log.
      expect(a.store.tickets.recentPrintFailures()).toEqual([]);
    });

    it('no reprint while the printer is disconnected; the one reprint waits for it to come back', async () => {
      const emulator = await tcpPrinter('ok');
      const a = await kiosk({
        config: { printer: { transport: emulator.uri, statusPollSeconds: 1 } },
      });
      await emulator.unplug();
      const ticket = ticketOf(await submit(a, 'TRN-EEE001'));
      expect(ticket).toMatchObject({
        printStatus: 'failed',
        printFailure: 'disconnected',
        // Still has its reprint, for when the printer is back: the screen hides it meanwhile.
        canReprint: true,
      });
      expect(await a.invoke('ticket:reprint', { ticketId: ticket.id })).toEqual({
        ok: false,
        error: { code: 'reprint-not-allowed' },
      });
      expect(a.store.tickets.get(ticket.id)?.reprints).toBe(0);

      await emulator.replug();
      await vi.waitFor(() => expect(a.printer.getState()).toBe('ready'), { timeout: 10_000 });
      // The same booking again: the ticket as it stands (not printed), nothing printed now.
      const again = valueOf(await submit(a, 'TRN-EEE001'));
      expect(again).toMatchObject({
        outcome: 'already-issued',
        ticket: { id: ticket.id, printStatus: 'failed', canReprint: true },
      });
      expect(emulator.tickets).toHaveLength(0);
      expect(
        valueOf(await a.invoke('ticket:reprint', { ticketId: ticket.id })).ticket,
      ).toMatchObject({ printStatus: 'printed', canReprint: false });
      expect((await emulator.waitForTicket()).text).toContain('E-001');
    });

    it('an already-issued ticket keeps the print status it got: printed stays printed', async () => {
      const a = await kiosk();
      const first = ticketOf(await submit(a, 'TRN-EEE001'));
      expect(valueOf(await submit(a, 'TRN-EEE001'))).toMatchObject({
        outcome: 'already-issued',
        ticket: { id: first.id, printStatus: 'printed', canReprint: false },
      });
      expect(a.rendered.size).toBe(1);
    });

    it('the paperless QR is exactly the printed QR when one is configured', async () => {
      const emulator = await tcpPrinter('ok');
      const a = await kiosk({
        config: {
          printer: {
            transport: emulator.uri,
            qrUrl: 'https://sede.ayto.example.es/turno?n={number}&t={ticketId}',
          },
        },
      });
      const ticket = ticketOf(await submit(a, 'TRN-EEE001'));
      const printed = await emulator.waitForTicket();
      expect(printed.qrCodes).toEqual([ticket.paperlessQr]);
      expect(ticket.paperlessQr).toBe(`https://sede.ayto.example.es/turno?n=E-001&t=${ticket.id}`);
    });

    it('without a QR URL, the paperless QR is the number and the service, in the citizen’s language', async () => {
      const a = await kiosk();
      expect(ticketOf(await submit(a, 'TRN-EEE001', 'en')).paperlessQr).toBe(
        'E-001 · Registration',
      );
      expect(ticketOf(await walkIn(a, 'registro-civil')).paperlessQr).toBe(
        'K-001 · Registro civil',
      );
    });
  });

  describe('refusals that carry their next step', () => {
    it('a booking for tomorrow says the day, the time and that it is tomorrow', async () => {
      const a = await kiosk();
      expect(await submit(a, 'TRN-EEE002')).toEqual({
        ok: false,
        error: {
          code: 'booking-not-today',
          params: { day: '2026-02-11', time: '10:30', when: 'tomorrow', context: 'tomorrow' },
        },
      });
    });

    it('a booking checked in at another kiosk: no second ticket, the number it got', async () => {
      const a = await kiosk({ kioskId: 'kiosk-a' });
      const b = await kiosk({ kioskId: 'kiosk-b' });
      const first = ticketOf(await submit(a, 'TRN-EEE001'));
      await a.engine.syncNow();
      await b.engine.syncNow();
      const before = footprint(b);
      expect(await submit(b, 'TRN-EEE001')).toEqual({
        ok: false,
        error: {
          code: 'already-checked-in-elsewhere',
          params: { number: first.number, context: 'number' },
        },
      });
      expect(footprint(b)).toEqual(before);
    });

    it('a code the kiosk does not know: with the offline hint while offline or not pulled lately', async () => {
      const a = await kiosk({ config: { api: { pollSeconds: 60 } } });
      expect(await submit(a, 'TRN-ZZZ999')).toEqual({
        ok: false,
        error: { code: 'booking-not-found' },
      });
      // Six minutes without a pull (the limit: 3 polls, at least 5 minutes).
      clock.advance(6 * 60_000);
      const offlineHint = {
        ok: false,
        error: { code: 'booking-not-found', params: { offline: 'true', context: 'offline' } },
      };
      expect(await submit(a, 'TRN-ZZZ999')).toEqual(offlineHint);
      await a.engine.syncNow();
      expect(await submit(a, 'TRN-ZZZ999')).toEqual({
        ok: false,
        error: { code: 'booking-not-found' },
      });
      // The town hall out of reach: offline at once.
      await server.close();
      await a.engine.syncNow();
      expect(a.engine.getStatus().connectivity).toBe('offline');
      expect(await submit(a, 'TRN-ZZZ999')).toEqual(offlineHint);
    });
  });
});
