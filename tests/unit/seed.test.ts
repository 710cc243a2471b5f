import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScan } from '../../src-shared/domain/booking-code';
import { toLocalDateTime } from '../../src-shared/domain/site-time';
import {
  loadSeed,
  parseSeed,
  resolveSeed,
  SeedError,
  type SeedDocumentInput,
} from '../../server/seed';

const MADRID = 'Europe/Madrid';

const baseDocument = (appointments: SeedDocumentInput['appointments']): SeedDocumentInput => ({
  site: { id: 'test-site', name: 'Ayuntamiento de Prueba', timeZone: MADRID },
  services: [
    { id: 'padron', prefix: 'P', names: { es: 'Padrón' }, walkInsAllowed: false },
    {
      id: 'registro',
      prefix: 'R',
      names: { es: 'Registro', en: 'Registry' },
      walkInsAllowed: true,
    },
  ],
  appointments,
});

describe('seed documents', () => {
  it('the demo seed validates and its codes are canonical and typeable', () => {
    const seed = loadSeed('demo');
    expect(seed.site).toEqual({
      id: 'demo-sac',
      name: 'Ayuntamiento de Villanueva de la Peña',
      timeZone: MADRID,
    });
    expect(seed.services.map((service) => service.prefix)).toEqual(['E', 'R', 'P', 'C', 'T']);
    for (const service of seed.services) {
      expect(Object.keys(service.names).sort()).toEqual(['de', 'en', 'es', 'fr']);
    }
    expect(seed.appointments.length).toBeGreaterThanOrEqual(18);
    for (const appointment of seed.appointments) {
      // What a person types comes back as the same code.
      expect(parseScan(appointment.code.toLowerCase())).toEqual({
        kind: 'booking-code',
        code: appointment.code,
      });
      expect(appointment.code).not.toMatch(/[ILOU]/);
    }
    expect(seed.appointments.filter((a) => a.status === 'cancelled')).toHaveLength(1);
    const relative = seed.appointments.filter((a) => a.offsetMinutes !== undefined);
    expect(relative.length).toBeGreaterThanOrEqual(15);
    for (const appointment of relative) {
      expect(appointment.offsetMinutes).toBeGreaterThanOrEqual(-40);
      expect(appointment.offsetMinutes).toBeLessThanOrEqual(90);
    }
  });

  it('resolves offsets from the load instant, truncated to the minute', () => {
    const seed = parseSeed(
      baseDocument([
        { code: 'TRN-AAAAA1', serviceId: 'padron', offsetMinutes: 15 },
        { code: 'TRN-AAAAA2', serviceId: 'padron', offsetMinutes: -20, status: 'no-show' },
      ]),
    );
    const resolved = resolveSeed(seed, new Date('2026-02-10T09:07:42.500Z'));
    expect(resolved.appointments).toEqual([
      {
        id: 'apt-aaaaa1',
        code: 'TRN-AAAAA1',
        serviceId: 'padron',
        startsAt: '2026-02-10T09:22:00.000Z',
        status: 'booked',
      },
      {
        id: 'apt-aaaaa2',
        code: 'TRN-AAAAA2',
        serviceId: 'padron',
        startsAt: '2026-02-10T08:47:00.000Z',
        status: 'no-show',
      },
    ]);
  });

  it('resolves relative days as site-local days in Europe/Madrid, across a DST change', () => {
    const seed = parseSeed(
      baseDocument([
        { code: 'TRN-BBBBB1', serviceId: 'registro', day: 'today', time: '09:30' },
        { code: 'TRN-BBBBB2', serviceId: 'registro', day: '+1', time: '09:30' },
        { code: 'TRN-BBBBB3', serviceId: 'registro', day: '-1', time: '13:00' },
        { code: 'TRN-BBBBB4', serviceId: 'registro', day: '2026-07-01', time: '12:00' },
      ]),
    );
    // 23:30 UTC on 28 March is already 29 March in Madrid, the day clocks go forward.
    const loadedAt = new Date('2026-03-28T23:30:00Z');
    const [today, tomorrow, yesterday, absolute] = resolveSeed(seed, loadedAt).appointments.map(
      (appointment) => appointment.startsAt,
    );
    expect(today).toBe('2026-03-29T07:30:00.000Z'); // CEST, UTC+2
    expect(tomorrow).toBe('2026-03-30T07:30:00.000Z');
    expect(yesterday).toBe('2026-03-28T12:00:00.000Z'); // CET, UTC+1
    expect(absolute).toBe('2026-07-01T10:00:00.000Z');
    expect(toLocalDateTime(new Date(today as string), MADRID)).toEqual({
      day: '2026-03-29',
      time: '09:30',
    });
  });

  it('refuses documents that cannot be resolved, saying where', () => {
    const cases: [SeedDocumentInput['appointments'], RegExp][] = [
      [[{ code: 'TRN-CCCCC1', serviceId: 'padron', day: 'today' }], /"day" and "time" go together/],
      [
        [
          {
            code: 'TRN-CCCCC1',
            serviceId: 'padron',
            day: 'today',
            time: '10:00',
            offsetMinutes: 3,
          },
        ],
        /either "day" and "time", or "offsetMinutes"/,
      ],
      [[{ code: 'TRN-CCCCC1', serviceId: 'padron' }], /either "day" and "time"/],
      [[{ code: 'TRN-OOOOO1', serviceId: 'padron', offsetMinutes: 1 }], /appointments\[0\]\.code/],
      [[{ code: 'TRN-CCCCC1', serviceId: 'nope', offsetMinutes: 1 }], /unknown service nope/],
      [
        [{ code: 'TRN-CCCCC1', serviceId: 'padron', day: 'mañana', time: '10:00' }],
        /"today", "\+N"/,
      ],
      [[{ code: 'TRN-CCCCC1', serviceId: 'padron', day: 'today', time: '25:00' }], /HH:MM/],
      [
        [
          { code: 'TRN-CCCCC1', serviceId: 'padron', offsetMinutes: 1 },
          { code: 'TRN-CCCCC1', serviceId: 'padron', offsetMinutes: 2 },
        ],
        /duplicate code TRN-CCCCC1/,
      ],
    ];
    for (const [appointments, message] of cases) {
      expect(() => parseSeed(baseDocument(appointments))).toThrow(message);
    }
    expect(() =>
      parseSeed({ ...baseDocument([]), site: { id: 'x', name: 'X', timeZone: 'Mars/Olympus' } }),
    ).toThrow(/unknown IANA time zone/);
  });

  it('loads a seed file and reports unreadable or invalid ones as SeedError', () => {
    const dir = mkdtempSync(join(tmpdir(), 'turnero-seed-'));
    const good = join(dir, 'good.json');
    writeFileSync(
      good,
      JSON.stringify(baseDocument([{ code: 'TRN-DDDDD1', serviceId: 'padron', offsetMinutes: 0 }])),
    );
    expect(loadSeed(good).appointments).toHaveLength(1);
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"site":');
    expect(() => loadSeed(broken)).toThrow(SeedError);
    expect(() => loadSeed(join(dir, 'missing.json'))).toThrow(/Invalid seed/);
  });
});

describe('relative appointments near midnight', () => {
  it('keep offsets under a day on the load day, and longer ones on their own day', () => {
    const seed = parseSeed({
      site: { id: 'x', name: 'X', timeZone: 'Europe/Madrid' },
      services: [{ id: 's', prefix: 'S', names: { es: 'S' }, walkInsAllowed: true }],
      appointments: [
        { code: 'TRN-AAAAA1', serviceId: 's', offsetMinutes: 20 },
        { code: 'TRN-AAAAA2', serviceId: 's', offsetMinutes: -20 },
        { code: 'TRN-AAAAA3', serviceId: 's', offsetMinutes: 1440 },
      ],
    });
    // 23:50 in Madrid (winter): +20 min would be 00:10 tomorrow.
    const late = resolveSeed(seed, new Date('2026-11-30T22:50:00Z')).appointments;
    expect(late.map((a) => a.startsAt)).toEqual([
      '2026-11-30T22:59:00.000Z',
      '2026-11-30T22:30:00.000Z',
      '2026-12-01T22:50:00.000Z',
    ]);
    // 00:05 in Madrid: −20 min would be 23:45 yesterday.
    const early = resolveSeed(seed, new Date('2026-11-30T23:05:00Z')).appointments;
    expect(early[1]?.startsAt).toBe('2026-11-30T23:00:00.000Z');
  });
});
