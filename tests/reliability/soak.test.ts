/**
 * A long day's work in one go: 20,000 check-ins (`TURNERO_RELIABILITY_SOAK_CHECKINS`) through
 * the kiosk's CheckInService on a real SQLite file (the kiosk's own store: WAL, synchronous
 * FULL) with a printer that renders every ticket's real ESC/POS bytes (RenderingPrinter), the
 * resident memory sampled every 1,000 after a full collection. After a warm-up of 2,000 the
 * process must not grow by 10 MB or more: a kiosk runs for weeks between restarts, and anything
 * the check-in path keeps per ticket would show here.
 *
 * The file lives on tmpfs (/dev/shm) where there is one: this measures memory, not the disk, and
 * an fsync per commit on a busy disk would make 20,000 check-ins take minutes instead of seconds.
 *
 * Numbers are 1–999 per service and day, so the bookings are spread over enough services that
 * none runs out. The outbox rows accumulate in the file (on disk, not in memory): delivery has
 * its own tests.
 *
 * SQLite's page cache is a bounded cache, not a leak, but it is resident memory: better-sqlite3
 * sets 16 MB a connection, and 20,000 check-ins make a file of about 14 MB, so with that bound
 * the cache would still be filling at the end and look like steady growth (0.7 MB per 1,000).
 * The soak therefore bounds it at 2 MB, which is full long before the warm-up ends: what grows
 * after the warm-up is what the check-in path keeps. (A kiosk that has run for weeks has a file
 * larger than its cache, so its cache is full too; expect up to 16 MB of it on a live kiosk.)
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { Appointment, Service } from '../../src-shared/contract/townhall-api';
import { CheckInService } from '../../src-main/checkin/check-in-service';
import { openStore, type Store } from '../../src-main/store/store';
import { bookingCodeFor } from '../support/booking-codes';
import { TEST_SITE } from '../support/catalog-fixture';
import { makeTempDir } from '../support/temp-dir';
import { RenderingPrinter } from './support/rendering-printer';
import {
  reliabilitySettings as settings,
  reliabilityTimeouts as timeouts,
} from './support/settings';
import { reportFigures } from './support/summary';

const SAMPLE_EVERY = 1000;
const WARM_UP = 2000;
const LIMIT_MB = 10;
/** Bookings per service: under the 999 numbers a service has a day. */
const PER_SERVICE = 900;
const NOW = new Date('2026-11-30T09:00:00.000Z');
/** SQLite page cache for the soak, KiB (negative: a size, not pages); see the header. */
const PAGE_CACHE_KIB = 2000;

const toMb = (bytes: number) => bytes / (1024 * 1024);

/** Resident memory after a full collection (the config runs the workers with --expose-gc). */
function residentMb(): number {
  globalThis.gc?.();
  return toMb(process.memoryUsage().rss);
}

/** `SA`, `SB`, …: one ticket prefix per service. */
function prefixOf(index: number): string {
  return `S${String.fromCharCode(65 + Math.floor(index / 26))}${String.fromCharCode(65 + (index % 26))}`;
}

function seedBookings(store: Store, count: number): string[] {
  const services: Service[] = Array.from({ length: Math.ceil(count / PER_SERVICE) }, (_, i) => ({
    id: `servicio-${i}`,
    prefix: prefixOf(i),
    names: { es: `Servicio ${i}` },
    walkInsAllowed: false,
  }));
  const codes = Array.from({ length: count }, (_, i) => bookingCodeFor(i));
  const appointments: Appointment[] = codes.map((code, i) => ({
    id: `apt-${i}`,
    code,
    serviceId: `servicio-${Math.floor(i / PER_SERVICE)}`,
    startsAt: new Date(NOW.getTime() + ((i % 61) - 30) * 60_000).toISOString(),
    status: 'booked',
    version: 1,
  }));
  store.catalog.saveSiteInfo(TEST_SITE, services, NOW);
  store.catalog.saveAppointments(appointments, TEST_SITE.timeZone, NOW);
  return codes;
}

/** A temporary folder in memory (tmpfs) when the system has one. */
function memoryBackedDir(label: string): ReturnType<typeof makeTempDir> {
  if (!existsSync('/dev/shm')) return makeTempDir(label);
  const path = mkdtempSync(`/dev/shm/turnero-${label}-`);
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

let dir: ReturnType<typeof makeTempDir> | undefined;
let store: Store | undefined;

afterAll(() => {
  store?.close();
  dir?.remove();
});

it(
  `${settings.soakCheckIns} check-ins grow resident memory by less than ${LIMIT_MB} MB after a warm-up of ${WARM_UP}`,
  async () => {
    const count = settings.soakCheckIns;
    expect(
      count,
      'TURNERO_RELIABILITY_SOAK_CHECKINS must leave samples after the warm-up',
    ).toBeGreaterThan(WARM_UP + SAMPLE_EVERY);
    dir = memoryBackedDir('reliability-soak');
    const opened = openStore(join(dir.path, 'turnero.sqlite'));
    store = opened;
    opened.db.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
    const codes = seedBookings(opened, count);
    const printer = new RenderingPrinter({ paperWidth: 80, codePage: 'PC858' });
    const kiosk = new CheckInService({
      store: opened,
      printer,
      kioskId: 'soak-1',
      timeZone: TEST_SITE.timeZone,
      language: 'es',
      settings: () => ({
        checkInWindow: { minutesBefore: 120, minutesAfter: 60 },
        ticketQrUrl: 'https://turnos.example/t?id={ticketId}',
      }),
      now: () => NOW,
    });

    const samples: { checkIns: number; rssMb: number }[] = [{ checkIns: 0, rssMb: residentMb() }];
    const refused: string[] = [];
    for (const [index, code] of codes.entries()) {
      const result = await kiosk.checkIn(code);
      if (!result.ok || result.value.outcome !== 'issued') {
        refused.push(`${code}: ${result.ok ? result.value.outcome : result.error.code}`);
      }
      if ((index + 1) % SAMPLE_EVERY === 0) {
        samples.push({ checkIns: index + 1, rssMb: residentMb() });
      }
    }

    const baseline = samples.find((sample) => sample.checkIns === WARM_UP);
    const last = samples.at(-1);
    if (!baseline || !last) throw new Error('no samples');
    const growthMb = last.rssMb - baseline.rssMb;
    const peakGrowthMb =
      Math.max(...samples.filter((s) => s.checkIns >= WARM_UP).map((s) => s.rssMb)) -
      baseline.rssMb;
    reportFigures(`soak: ${count} check-ins in process`, {
      'check-ins issued': count - refused.length,
      refused: refused.length,
      'tickets in the store': opened.tickets.countOnDay('2026-11-30'),
      'tickets rendered': `${printer.tickets} (${(printer.bytes / 1e6).toFixed(1)} MB of ESC/POS)`,
      'RSS samples (MB)': samples.map((s) => s.rssMb.toFixed(1)).join(' '),
      [`growth after ${WARM_UP} (MB)`]: growthMb.toFixed(2),
      'peak growth (MB)': peakGrowthMb.toFixed(2),
      'JS heap at the end (MB)': toMb(process.memoryUsage().heapUsed).toFixed(1),
      'SQLite page cache bound (MB)': (PAGE_CACHE_KIB / 1024).toFixed(1),
    });
    expect(refused.slice(0, 10), 'check-ins the kiosk refused').toEqual([]);
    expect(growthMb, `resident memory growth after ${WARM_UP} check-ins, MB`).toBeLessThan(
      LIMIT_MB,
    );
  },
  timeouts.soakMs,
);
