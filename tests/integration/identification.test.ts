/**
 * Identification end to end on real parts: the reference town hall server, a real SQLite store,
 * the sync engine and the kiosk service. DNI/NIE lookup by salted hash only (the clear number
 * is looked for in the kiosk's database files byte by byte), and a signed token checking in a
 * booking the kiosk never pulled while the town hall is unreachable, delivered when it is back.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CheckInService } from '../../src-main/checkin/check-in-service';
import { ID_SALT_FILE, openStore, type Store } from '../../src-main/store/store';
import { createSyncEngine, type SyncEngine } from '../../src-main/sync/sync-engine';
import { createTurneroApiClient } from '../../src-main/backend/turnero-api/api-client';
import {
  apiPaths,
  BookingTokenResponseSchema,
  type CheckInRequest,
} from '../../src-shared/contract/townhall-api';
import {
  generateSigningKey,
  publicBookingKey,
  signBookingToken,
} from '../../server/booking-tokens';
import { parseSeed } from '../../server/seed';
import { startTurneroServer, type TurneroServer } from '../../server/server';
import { RecordingPrinter } from '../support/recording-printer';
import { makeTempDir } from '../support/temp-dir';

// 10:00 in Madrid.
const NOW = new Date('2026-02-10T09:00:00.000Z');
const SITE = 'ident-sac';
const TIME_ZONE = 'Europe/Madrid';
const DNI = '12345678Z';
const NIE = 'X1234567L';

const seed = parseSeed({
  site: { id: SITE, name: 'Ayuntamiento de Prueba', timeZone: TIME_ZONE },
  services: [
    { id: 'padron', prefix: 'P', names: { es: 'Padrón' }, walkInsAllowed: false },
    { id: 'registro', prefix: 'R', names: { es: 'Registro' }, walkInsAllowed: true },
  ],
  appointments: [
    // One citizen, two bookings today (10:15 and 10:45), one tomorrow.
    { code: 'TRN-D1N1AA', serviceId: 'padron', day: 'today', time: '10:15', citizenId: DNI },
    { code: 'TRN-D1N1BB', serviceId: 'registro', day: 'today', time: '10:45', citizenId: DNI },
    { code: 'TRN-D1N1CC', serviceId: 'padron', day: '+1', time: '09:00', citizenId: DNI },
    { code: 'TRN-N1E1AA', serviceId: 'registro', day: 'today', time: '13:30', citizenId: NIE },
    {
      code: 'TRN-PASS01',
      serviceId: 'padron',
      day: 'today',
      time: '09:50',
      citizenId: 'pa-a123456',
    },
    { code: 'TRN-N0C1D0', serviceId: 'padron', day: 'today', time: '10:30' },
  ],
});

describe('identification on a real store and the reference town hall', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let store: Store;
  let townhall: TurneroServer;
  let engine: SyncEngine;
  let kiosk: CheckInService;
  let printer: RecordingPrinter;
  let down: boolean;

  beforeEach(async () => {
    dir = makeTempDir('ident');
    store = openStore(join(dir.path, 'turnero.sqlite'));
    townhall = await startTurneroServer({
      seed,
      dbFile: join(dir.path, 'townhall.sqlite'),
      now: () => NOW,
    });
    down = false;
    let credential: string | null = null;
    const client = createTurneroApiClient({
      baseUrl: townhall.url,
      siteId: SITE,
      timeoutMs: 2000,
      credential: () => credential,
      // The network, unplugged at will: every request fails as a connection error would.
      fetch: (input, init) =>
        down ? Promise.reject(new TypeError('fetch failed (network down)')) : fetch(input, init),
    });
    // The town hall gives its ID-hash salt only to an enrolled device.
    const enrolmentCode = await townhall.admin.createEnrolmentCode({ kioskId: 'kiosk-1' });
    ({ credential } = await client.enrol({ enrolmentCode, kioskId: 'kiosk-1' }));
    engine = createSyncEngine({
      client,
      store,
      timeZone: TIME_ZONE,
      pollSeconds: () => 3600,
      now: () => NOW,
    });
    printer = new RecordingPrinter();
    kiosk = new CheckInService({
      store,
      printer,
      kioskId: 'kiosk-1',
      siteId: SITE,
      timeZone: TIME_ZONE,
      language: 'es',
      settings: () => ({
        checkInWindow: { minutesBefore: 120, minutesAfter: 60 },
        ticketQrUrl: null,
      }),
      now: () => NOW,
    });
    expect((await engine.syncNow()).ok).toBe(true);
  });

  afterEach(async () => {
    await engine.stop();
    await townhall.close();
    store.close();
    dir.remove();
  });

  const pending = (): CheckInRequest[] =>
    store.outbox.pending(100).map((entry) => entry.payload as CheckInRequest);

  it('finds today’s booking by DNI through its salted hash; the cache never holds the number', async () => {
    const first = await kiosk.checkIn(' 12.345.678-z ', 'es', 'id-document');
    expect(first).toMatchObject({
      ok: true,
      value: { outcome: 'issued', ticket: { number: 'P-001', appointmentTime: '10:15' } },
    });
    // Rule: the next booking of the day not yet checked in, while its window is open.
    const second = await kiosk.checkIn(DNI, 'es', 'id-document');
    expect(second).toMatchObject({
      ok: true,
      value: { outcome: 'issued', ticket: { number: 'R-001', appointmentTime: '10:45' } },
    });
    // Nothing left today: the ticket already issued, not a third one.
    const third = await kiosk.checkIn(DNI, 'es', 'id-document');
    if (!third.ok || !second.ok) throw new Error('unreachable');
    expect(third.value.outcome).toBe('already-issued');
    expect(third.value.ticket.id).toBe(second.value.ticket.id);
    // The same booking by its code is the same ticket too.
    const byCode = await kiosk.checkIn('trn-d1n1aa');
    if (!byCode.ok || !first.ok) throw new Error('unreachable');
    expect(byCode.value).toMatchObject({ outcome: 'already-issued' });
    expect(byCode.value.ticket.id).toBe(first.value.ticket.id);

    expect(await kiosk.checkIn('12345678A', 'es', 'id-document')).toEqual({
      ok: false,
      error: { code: 'id-document-letter', params: { letter: 'Z' } },
    });
    expect(await kiosk.checkIn('1234567Z', 'es', 'id-document')).toEqual({
      ok: false,
      error: { code: 'id-document-format' },
    });
    expect(await kiosk.checkIn('00000000T', 'es', 'id-document')).toEqual({
      ok: false,
      error: { code: 'id-document-not-found' },
    });
    // The NIE's booking is at 13:30: found, but too early.
    expect(await kiosk.checkIn('x-1234567-l', 'es', 'id-document')).toMatchObject({
      ok: false,
      error: { code: 'too-early', params: { time: '13:30' } },
    });
    // A passport, as free text under the same hashing.
    expect(await kiosk.checkIn('PAA 123456', 'es', 'id-document')).toMatchObject({
      ok: true,
      value: { outcome: 'issued', ticket: { appointmentTime: '09:50' } },
    });
    expect(pending().map((request) => request.identifiedBy)).toEqual([
      'id-document',
      'id-document',
      'id-document',
    ]);

    // Checkpoint the WAL into the main file, then read every byte the kiosk keeps on disk.
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    const files = ['turnero.sqlite', 'turnero.sqlite-wal', 'turnero.sqlite-shm']
      .map((name) => join(dir.path, name))
      .filter((file) => existsSync(file));
    for (const file of files) {
      const bytes = readFileSync(file);
      for (const clear of [DNI, '12345678', NIE, '1234567L', 'PAA123456']) {
        expect(bytes.includes(Buffer.from(clear, 'latin1')), `${clear} in ${file}`).toBe(false);
        expect(bytes.includes(Buffer.from(clear, 'utf16le')), `${clear} in ${file}`).toBe(false);
      }
    }
    // The salt is not in the database either (a copy of the file alone cannot be brute-forced):
    // it lives in its own file, readable by the kiosk's user only.
    const salt = store.catalog.getIdHashSalt();
    expect(salt).toBeTruthy();
    for (const file of files) {
      expect(readFileSync(file).includes(Buffer.from(salt ?? '')), `salt in ${file}`).toBe(false);
    }
    const saltFile = join(dir.path, ID_SALT_FILE);
    expect(readFileSync(saltFile, 'utf8').trim()).toBe(salt);
    expect(statSync(saltFile).mode & 0o777).toBe(0o600);
    // The town hall's own database keeps only hashes as well.
    const serverBytes = readFileSync(join(dir.path, 'townhall.sqlite'));
    expect(serverBytes.includes(Buffer.from(DNI))).toBe(false);
    // …and what went over the wire carries none either.
    expect(JSON.stringify(pending())).not.toContain('12345678');
  });

  it('checks in a token-only booking while the town hall is down, and delivers it when back', async () => {
    // Booked after the kiosk's last pull: the kiosk has never heard of it.
    await townhall.admin.addAppointment(SITE, {
      id: 'apt-late-1',
      code: 'TRN-MATE01',
      serviceId: 'padron',
      startsAt: '2026-02-10T09:20:00Z',
    });
    const issued = await fetch(townhall.url + apiPaths.appointmentToken(SITE, 'apt-late-1'));
    const { token } = BookingTokenResponseSchema.parse(await issued.json());
    expect(store.catalog.getAppointment('apt-late-1')).toBeUndefined();

    down = true;
    expect((await engine.syncNow()).ok).toBe(false);
    const result = await kiosk.checkIn(`https://cita.example.es/c#t=${token}`);
    expect(result).toMatchObject({
      ok: true,
      value: { outcome: 'issued', ticket: { number: 'P-001', appointmentTime: '10:20' } },
    });
    if (!result.ok) throw new Error('unreachable');
    expect(store.catalog.getAppointment('apt-late-1')).toMatchObject({
      source: 'token',
      code: 'TRN-MATE01',
      status: 'checked-in',
    });
    expect(pending()).toEqual([
      expect.objectContaining({
        appointmentId: 'apt-late-1',
        identifiedBy: 'token',
        bookingToken: token,
      }),
    ]);
    // Scanned again (or typed by code): the same ticket.
    const again = await kiosk.checkIn(token);
    const byCode = await kiosk.checkIn('TRN-MATE01');
    for (const repeat of [again, byCode]) {
      expect(repeat).toMatchObject({ ok: true, value: { outcome: 'already-issued' } });
      if (repeat.ok) expect(repeat.value.ticket.id).toBe(result.value.ticket.id);
    }

    down = false;
    const report = await engine.syncNow();
    expect(report).toMatchObject({ ok: true, delivered: 1, rejected: 0 });
    expect(await townhall.admin.checkIns()).toEqual([
      expect.objectContaining({ ticketId: result.value.ticket.id, appointmentId: 'apt-late-1' }),
    ]);
    expect((await townhall.admin.getAppointment('apt-late-1'))?.status).toBe('checked-in');
    // The town hall's copy now replaces the one learnt from the token.
    expect(store.catalog.getAppointment('apt-late-1')).toMatchObject({
      source: 'townhall',
      status: 'checked-in',
    });
  });

  it('refuses tokens of another day, of an unknown service, or signed by a stranger', async () => {
    down = true;
    const tomorrow = (await townhall.admin.listAppointments(SITE)).find(
      (a) => a.code === 'TRN-D1N1CC',
    );
    const tokenOf = async (id: string) => (await townhall.admin.issueToken(SITE, id)).token;
    expect(await kiosk.checkIn(await tokenOf(tomorrow?.id ?? ''))).toMatchObject({
      ok: false,
      error: { code: 'booking-not-today' },
    });

    const stranger = generateSigningKey((await townhall.admin.issueToken(SITE, 'apt-n0c1d0')).kid);
    const claims = {
      bid: 'apt-forged',
      code: 'TRN-F0RGED',
      site: SITE,
      svc: 'padron',
      start: NOW.toISOString(),
      exp: NOW.getTime() / 1000 + 3600,
      iat: NOW.getTime() / 1000,
    };
    expect(await kiosk.checkIn(signBookingToken(stranger, claims))).toEqual({
      ok: false,
      error: { code: 'token-forged' },
    });
    expect(store.catalog.getAppointment('apt-forged')).toBeUndefined();
    expect(store.outbox.pendingCount()).toBe(0);
  });

  it('a signed token for a booking the town hall does not know is checked in, then rejected on delivery', async () => {
    // E.g. a booking system signing with a key the kiosk trusts (configured) for a booking the
    // town hall API never received. The kiosk cannot know offline; on delivery the town hall
    // answers 404 and the outbox row is closed as rejected, kept for staff.
    const issuer = generateSigningKey('booking-web-1');
    const trusting = new CheckInService({
      store,
      printer,
      kioskId: 'kiosk-1',
      siteId: SITE,
      timeZone: TIME_ZONE,
      language: 'es',
      settings: () => ({
        checkInWindow: { minutesBefore: 120, minutesAfter: 60 },
        ticketQrUrl: null,
      }),
      bookingKeys: [publicBookingKey(issuer)],
      now: () => NOW,
    });
    const token = signBookingToken(issuer, {
      bid: 'apt-ghost',
      code: 'TRN-GH0ST1',
      site: SITE,
      svc: 'registro',
      start: '2026-02-10T10:10:00+01:00',
      exp: NOW.getTime() / 1000 + 3600,
      iat: NOW.getTime() / 1000,
    });
    down = true;
    expect(await trusting.checkIn(token)).toMatchObject({ ok: true, value: { outcome: 'issued' } });
    down = false;
    expect(await engine.syncNow()).toMatchObject({ ok: true, delivered: 0, rejected: 1 });
    expect(await townhall.admin.checkIns()).toEqual([]);
  });
});
