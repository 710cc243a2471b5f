/**
 * A realistic office day for the statistics tests: a Madrid town hall with three services (one
 * whose name has a comma, a semicolon and quotes, for the CSV), 150 tickets from 09:00 to 14:00
 * — appointments checked in early, on time and late, walk-ins, no-shows, transfers, some never
 * called — made by a seeded generator, recorded through the real store, with the turn lifecycle
 * written as the desk app does (called_at_ms, desk, finished_at_ms, outcome). `expectedDay`
 * recomputes the figures from the plan on its own, without the server's aggregation code.
 */
import { sql, type Kysely } from 'kysely';
import { resolveSeed, type SeedDocumentInput, parseSeed } from '../../server/seed';
import type { ServerStore } from '../../server/store/store';
import { bookingCodeFor } from './booking-codes';

export const OFFICE_SITE = 'sac-estadisticas';
export const OFFICE_DAY = '2026-02-10';
/** Madrid is UTC+1 in February: local 09:00 is 08:00Z. */
const OPENS_AT_MS = Date.parse(`${OFFICE_DAY}T08:00:00.000Z`);
/** After the day: when the seed is loaded and the statistics asked for. */
export const OFFICE_NOW = new Date(`${OFFICE_DAY}T17:00:00.000Z`);
export const TRICKY_SERVICE_NAME = 'Licencias, obras; "menores"';
export const DESKS = ['Mesa 1', 'Mesa 2', 'Mesa 3'];
const MINUTE = 60_000;
const TICKETS = 150;

const SERVICES = [
  { id: 'empadronamiento', prefix: 'E', names: { es: 'Empadronamiento' } },
  { id: 'registro', prefix: 'R', names: { es: 'Registro general' } },
  { id: 'licencias', prefix: 'L', names: { es: TRICKY_SERVICE_NAME } },
] as const;

export type PlannedOutcome = 'served' | 'no-show' | 'transferred' | 'waiting';

export interface PlannedTicket {
  ticketId: string;
  serviceId: string;
  ticketNumber: string;
  kind: 'appointment' | 'walk-in';
  appointmentCode: string | null;
  startsAtMs: number | null;
  issuedAtMs: number;
  calledAtMs: number | null;
  desk: string | null;
  finishedAtMs: number | null;
  outcome: PlannedOutcome;
}

/** A small deterministic generator (a linear congruential one): the same day every run. */
function generator(seed: number): (below: number) => number {
  let state = seed >>> 0;
  return (below) => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return Math.floor((state / 2 ** 32) * below);
  };
}

export function planOfficeDay(): PlannedTicket[] {
  const random = generator(20260210);
  const counters = new Map<string, number>();
  const tickets: PlannedTicket[] = [];
  for (let index = 0; index < TICKETS; index += 1) {
    const service = SERVICES[random(SERVICES.length)] ?? SERVICES[0];
    const number = (counters.get(service.id) ?? 0) + 1;
    counters.set(service.id, number);
    const isAppointment = random(10) < 6;
    // Appointments every 5 minutes from 09:00 to 13:35; a check-in 35 minutes early to 14 late.
    const startsAtMs = isAppointment ? OPENS_AT_MS + random(56) * 5 * MINUTE : null;
    const issuedAtMs =
      startsAtMs !== null
        ? startsAtMs + (random(50) - 35) * MINUTE + random(60) * 1000
        : OPENS_AT_MS + random(300) * MINUTE + random(60) * 1000;
    const fate = random(100);
    const outcome: PlannedOutcome =
      fate < 6 ? 'waiting' : fate < 18 ? 'no-show' : fate < 22 ? 'transferred' : 'served';
    const calledAtMs =
      outcome === 'waiting' ? null : issuedAtMs + (1 + random(40)) * MINUTE + random(60) * 1000;
    const finishedAtMs =
      calledAtMs === null
        ? null
        : calledAtMs + (outcome === 'no-show' ? 2 : 2 + random(18)) * MINUTE + random(60) * 1000;
    tickets.push({
      ticketId: `ticket-${String(index).padStart(3, '0')}`,
      serviceId: service.id,
      ticketNumber: `${service.prefix}-${String(number).padStart(3, '0')}`,
      kind: isAppointment ? 'appointment' : 'walk-in',
      appointmentCode: isAppointment ? bookingCodeFor(index) : null,
      startsAtMs,
      issuedAtMs,
      calledAtMs,
      desk: calledAtMs === null ? null : (DESKS[random(DESKS.length)] ?? 'Mesa 1'),
      finishedAtMs,
      outcome,
    });
  }
  return tickets;
}

const localTime = (ms: number): string => new Date(ms + MINUTE * 60).toISOString().slice(11, 16);

export function officeSeed(tickets: readonly PlannedTicket[]): SeedDocumentInput {
  return {
    site: { id: OFFICE_SITE, name: 'Ayuntamiento de Estadística', timeZone: 'Europe/Madrid' },
    services: SERVICES.map((service) => ({ ...service, walkInsAllowed: true })),
    appointments: tickets.flatMap((ticket) =>
      ticket.appointmentCode !== null && ticket.startsAtMs !== null
        ? [
            {
              code: ticket.appointmentCode,
              serviceId: ticket.serviceId,
              day: OFFICE_DAY,
              time: localTime(ticket.startsAtMs),
            },
          ]
        : [],
    ),
    desks: DESKS,
  };
}

const appointmentIdOf = (code: string) => `apt-${code.slice(4).toLowerCase()}`;

/**
 * Loads the site and its appointments, records every ticket as a kiosk report would (check-ins
 * mark their appointment checked in), then writes each ticket's call and finish.
 */
export async function recordOfficeDay(
  store: ServerStore,
  db: Kysely<unknown>,
  tickets: readonly PlannedTicket[],
): Promise<void> {
  await store.loadSeed(resolveSeed(parseSeed(officeSeed(tickets)), OFFICE_NOW), OFFICE_NOW);
  await store.transaction(async ({ tickets: repository, appointments }) => {
    for (const ticket of tickets) {
      const appointmentId = ticket.appointmentCode ? appointmentIdOf(ticket.appointmentCode) : null;
      await repository.insert({
        ticketId: ticket.ticketId,
        siteId: OFFICE_SITE,
        kind: ticket.kind,
        serviceId: ticket.serviceId,
        day: OFFICE_DAY,
        ticketNumber: ticket.ticketNumber,
        kioskId: `kiosk-${(Number(ticket.ticketId.slice(-1)) % 2) + 1}`,
        appointmentId,
        priority: false,
        issuedAt: new Date(ticket.issuedAtMs).toISOString(),
        receivedAt: new Date(ticket.issuedAtMs + 1000),
      });
      if (appointmentId) {
        await appointments.update(appointmentId, {
          status: 'checked-in',
          ticketNumber: ticket.ticketNumber,
        });
      }
    }
  }, OFFICE_SITE);
  for (const ticket of tickets) {
    if (ticket.calledAtMs === null) continue;
    await sql`UPDATE tickets SET called_at_ms = ${ticket.calledAtMs}, desk = ${ticket.desk},
        finished_at_ms = ${ticket.finishedAtMs}, outcome = ${ticket.outcome}
      WHERE ticket_id = ${ticket.ticketId}`.execute(db);
  }
}

/** The expected figures of a group of planned tickets, computed plainly from the plan. */
export interface ExpectedFigures {
  tickets: number;
  withAppointment: number;
  walkIn: number;
  early: number;
  onTime: number;
  late: number;
  noShows: number;
  served: number;
  waitMedianSeconds: number | null;
  waitP90Seconds: number | null;
  serviceMedianSeconds: number | null;
  serviceP90Seconds: number | null;
}

/** Sample at 1-based rank ⌈p·n⌉ of the sorted list, as docs/statistics.md defines it. */
const rankOf = (values: number[], fraction: number): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round((sorted[Math.ceil(fraction * sorted.length) - 1] ?? 0) / 1000);
};

export function expectedFigures(tickets: readonly PlannedTicket[]): ExpectedFigures {
  const appointments = tickets.filter((ticket) => ticket.kind === 'appointment');
  const lateness = appointments.map(
    (ticket) => (ticket.issuedAtMs - (ticket.startsAtMs ?? 0)) / MINUTE,
  );
  const waits = tickets.flatMap((ticket) =>
    ticket.calledAtMs === null ? [] : [ticket.calledAtMs - ticket.issuedAtMs],
  );
  const services = tickets.flatMap((ticket) =>
    ticket.outcome === 'served' && ticket.calledAtMs !== null && ticket.finishedAtMs !== null
      ? [ticket.finishedAtMs - ticket.calledAtMs]
      : [],
  );
  return {
    tickets: tickets.length,
    withAppointment: appointments.length,
    walkIn: tickets.length - appointments.length,
    early: lateness.filter((minutes) => minutes < -15).length,
    onTime: lateness.filter((minutes) => minutes >= -15 && minutes <= 5).length,
    late: lateness.filter((minutes) => minutes > 5).length,
    noShows: tickets.filter((ticket) => ticket.outcome === 'no-show').length,
    served: tickets.filter((ticket) => ticket.outcome === 'served').length,
    waitMedianSeconds: rankOf(waits, 0.5),
    waitP90Seconds: rankOf(waits, 0.9),
    serviceMedianSeconds: rankOf(services, 0.5),
    serviceP90Seconds: rankOf(services, 0.9),
  };
}

/** Madrid's local hour of an instant in February (UTC+1). */
export const februaryLocalHour = (ms: number): number => (new Date(ms).getUTCHours() + 1) % 24;

/** A CSV row's figures (after day, service id and name), as the CSV writes them: `;`-joined. */
export function expectedCsvFigures(tickets: readonly PlannedTicket[]): string {
  const f = expectedFigures(tickets);
  return [
    f.tickets,
    f.withAppointment,
    f.walkIn,
    f.onTime,
    f.early,
    f.late,
    f.noShows,
    f.served,
    f.waitMedianSeconds,
    f.waitP90Seconds,
    f.serviceMedianSeconds,
    f.serviceP90Seconds,
  ].join(';');
}
