/**
 * The reference town hall the sync and start-up benches face: one site, five services, and
 * `count` appointments spread over today and the next two days (the kiosk's window). A seed holds
 * 20,000 appointments at most; the rest go in through the admin API.
 */
import { parseSeed } from '../server/seed';
import { startTurneroServer, type TurneroServer } from '../server/server';
import { bookingCodeFor } from '../tests/support/booking-codes';

export const BENCH_SITE = 'bench-sac';
const SERVICES = ['svc-a', 'svc-b', 'svc-c', 'svc-d', 'svc-e'];
const MAX_SEEDED = 20_000;

const serviceOf = (i: number) => SERVICES[i % SERVICES.length] as string;
/** Minutes from the town hall's start to appointment `i`: within the three-day window. */
const offsetOf = (i: number) => (i * 7) % (3 * 24 * 60 - 600);

export function benchSeed(count: number) {
  return parseSeed(
    {
      site: { id: BENCH_SITE, name: 'Ayuntamiento de Bench', timeZone: 'Europe/Madrid' },
      services: SERVICES.map((id, index) => ({
        id,
        prefix: String.fromCharCode(65 + index),
        names: { es: id },
        walkInsAllowed: true,
      })),
      appointments: Array.from({ length: Math.min(count, MAX_SEEDED) }, (_, i) => ({
        code: bookingCodeFor(i),
        id: `apt-${i}`,
        serviceId: serviceOf(i),
        offsetMinutes: offsetOf(i),
      })),
    },
    'bench',
  );
}

export async function startBenchTownHall(
  count: number,
  options: { now?: () => Date } = {},
): Promise<TurneroServer> {
  const now = options.now ?? (() => new Date());
  const server = await startTurneroServer({
    seed: benchSeed(count),
    ...(options.now ? { now: options.now } : {}),
    log: () => undefined,
  });
  const start = now().getTime();
  for (let i = MAX_SEEDED; i < count; i++) {
    await server.admin.addAppointment(BENCH_SITE, {
      id: `apt-${i}`,
      code: bookingCodeFor(i),
      serviceId: serviceOf(i),
      startsAt: new Date(start + offsetOf(i) * 60_000),
    });
  }
  return server;
}
