/**
 * Identification cost per scan with 100,000 appointments in the cache: parse + lookup for a
 * booking code, a signed token (Ed25519 verify included) and a DNI (HMAC + hash index lookup).
 * Goal: p99 under 1 ms. Printed, never asserted. `runIdentificationBench(report)` is called
 * from bench/run.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { BookingTokenVerifier } from '../src-main/checkin/booking-token';
import { citizenIdHash } from '../src-shared/domain/citizen-id-hash';
import { openStore } from '../src-main/store/store';
import type { Appointment } from '../src-shared/contract/townhall-api';
import { DNI_LETTERS } from '../src-shared/domain/id-document';
import { parseScanPayload } from '../src-shared/domain/scan-payload';
import { localDayOf } from '../src-shared/domain/site-time';
import {
  generateSigningKey,
  newIdHashSalt,
  publicBookingKey,
  signBookingToken,
} from '../server/booking-tokens';
import { bookingCodeFor } from '../tests/support/booking-codes';

type Report = (what: string, figure: string) => void;

const APPOINTMENTS = 100_000;
const SAMPLES = 5_000;
const TIME_ZONE = 'Europe/Madrid';
const SITE = 'bench-sac';

function dniFor(index: number): string {
  const digits = String(10_000_000 + index).padStart(8, '0');
  return `${digits}${DNI_LETTERS[Number(digits) % 23]}`;
}

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;

function measure(report: Report, what: string, scan: (i: number) => boolean): void {
  const times: number[] = [];
  let found = 0;
  for (let i = 0; i < SAMPLES + 200; i++) {
    const start = performance.now();
    const ok = scan(i);
    const elapsed = performance.now() - start;
    if (i >= 200) {
      times.push(elapsed); // the first 200 warm up the JIT and SQLite's page cache
      if (ok) found += 1;
    }
  }
  times.sort((a, b) => a - b);
  report(
    `  ${what}`,
    `p50 ${(percentile(times, 50) * 1000).toFixed(0)} µs, p99 ${(percentile(times, 99) * 1000).toFixed(0)} µs` +
      ` (${found}/${SAMPLES} found)`,
  );
}

export async function runIdentificationBench(report: Report): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'turnero-bench-ident-'));
  const store = openStore(join(dir, 'turnero.sqlite'));
  try {
    const now = new Date();
    const today = localDayOf(now, TIME_ZONE);
    const salt = newIdHashSalt();
    const key = generateSigningKey('bench-1');
    store.catalog.saveSiteInfo(
      { id: SITE, name: 'Bench', timeZone: TIME_ZONE, idHashSalt: salt },
      [{ id: 'padron', prefix: 'P', names: { es: 'Padrón' }, walkInsAllowed: false }],
      now,
    );
    // Spread over three days, as the cache holds them; one in three has an ID hash.
    const appointments: Appointment[] = [];
    for (let i = 0; i < APPOINTMENTS; i++) {
      appointments.push({
        id: `apt-${i}`,
        code: bookingCodeFor(i),
        serviceId: 'padron',
        startsAt: new Date(now.getTime() + ((i % 3) * 24 * 60 + (i % 600)) * 60_000).toISOString(),
        status: 'booked',
        version: 1,
        citizenIdHash: i % 3 === 0 ? citizenIdHash(salt, dniFor(i)) : null,
      });
    }
    const loadStart = performance.now();
    store.catalog.saveAppointments(appointments, TIME_ZONE, now);
    report(
      `identification: ${APPOINTMENTS} appointments cached in`,
      `${(performance.now() - loadStart).toFixed(0)} ms`,
    );

    const keys = [publicBookingKey(key)];
    const verifier = new BookingTokenVerifier(() => keys);
    const pick = (i: number) => (i * 7919) % APPOINTMENTS;
    const tokens = Array.from({ length: 256 }, (_, i) => {
      const appointment = appointments[pick(i)] as Appointment;
      return signBookingToken(key, {
        bid: appointment.id,
        code: appointment.code,
        site: SITE,
        svc: 'padron',
        start: appointment.startsAt,
        exp: Math.floor(now.getTime() / 1000) + 86_400,
        iat: Math.floor(now.getTime() / 1000),
      });
    });

    report('identification per scan: parse + lookup (100k cached)', '');
    measure(report, 'booking code (typed, lower case)', (i) => {
      const parsed = parseScanPayload(bookingCodeFor(pick(i)).toLowerCase(), 'code');
      if (parsed.kind !== 'booking-code') return false;
      return (
        (store.catalog.findAppointmentByCode(parsed.code, today) ??
          store.catalog.findAppointmentByCodeAnyDay(parsed.code)) !== undefined
      );
    });
    measure(report, 'booking URL', (i) => {
      const parsed = parseScanPayload(
        `https://ayto.example.es/cita/${bookingCodeFor(pick(i))}`,
        'code',
      );
      return (
        parsed.kind === 'booking-code' &&
        store.catalog.findAppointmentByCodeAnyDay(parsed.code) !== undefined
      );
    });
    measure(report, 'signed token (incl. Ed25519 verify)', (i) => {
      const parsed = parseScanPayload(tokens[i % tokens.length] as string, 'code');
      if (parsed.kind !== 'booking-token') return false;
      const verified = verifier.verify(parsed.token, { siteId: SITE, now });
      return verified.ok && store.catalog.getAppointment(verified.claims.bid) !== undefined;
    });
    measure(report, 'DNI (normalise, checksum, HMAC, hash index)', (i) => {
      const index = 3 * ((i * 131) % Math.floor(APPOINTMENTS / 3));
      const parsed = parseScanPayload(dniFor(index), 'id-document');
      if (parsed.kind !== 'id-document') return false;
      const hash = citizenIdHash(salt, parsed.normalised);
      const day = localDayOf(new Date(appointments[index]?.startsAt ?? now), TIME_ZONE);
      return store.catalog.findAppointmentsByCitizen(hash, day).length > 0;
    });
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

// `npx tsx bench/identification.ts` runs it alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  await runIdentificationBench((what, figure) => console.log(`${what.padEnd(62)} ${figure}`));
}
