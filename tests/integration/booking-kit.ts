/**
 * Shared by the server-booking*.test.ts files: the kit's seed with online booking (a schedule per
 * service, a holiday), a server with cheap proofs of work and a recording notifier, a solver for
 * the server's challenges (altcha-lib, as the booking page solves them), and a booking request.
 */
import { solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import type { BookingSchedule, Holiday, ProofChallenge } from '../../src-shared/contract/booking';
import type { BookingNotice, BookingNotifier } from '../../server/booking/booking-notifier';
import { parseSeed } from '../../server/seed';
import type { TurneroServer, TurneroServerOptions } from '../../server/server';
import { request, seedDocument, type TestServer } from './server-kit';

const span = [{ opens: '09:00', closes: '11:00' }];
const weekdays: BookingSchedule['week'] = {
  1: span,
  2: span,
  3: span,
  4: span,
  5: span,
  6: [],
  7: [],
};

export const schedule = (overrides: Partial<BookingSchedule> = {}): BookingSchedule => ({
  serviceId: 'empadronamiento',
  online: true,
  week: weekdays,
  slotMinutes: 30,
  desks: 2,
  daysAhead: 7,
  cutoffMinutes: 60,
  requiresCitizenId: false,
  ...overrides,
});

/** Thursday 12 February 2026: the town's local holiday. */
export const HOLIDAY: Holiday = {
  day: '2026-02-12',
  name: 'Fiesta local',
  scope: 'local',
  serviceId: null,
};

/** Wednesday 11 February 2026 at 09:00 in Madrid, the first slot of the day. */
export const SLOT = '2026-02-11T08:00:00.000Z';

export const bookingSeed = (schedules: BookingSchedule[] = defaultSchedules()) =>
  parseSeed(
    seedDocument({
      booking: {
        schedules,
        holidays: [HOLIDAY],
        policy: {
          maxActivePerContact: 2,
          purgeAfterDays: 7,
          controllerName: 'Ayuntamiento de Prueba',
          rightsContact: 'dpd@prueba.example',
        },
      },
    }),
  );

export const defaultSchedules = (): BookingSchedule[] => [
  schedule(),
  schedule({ serviceId: 'padron', requiresCitizenId: true, desks: 1 }),
  schedule({ serviceId: 'registro', online: false }),
];

/** A notifier that keeps what it was told. */
export function recordingNotifier(): BookingNotifier & { notices: BookingNotice[] } {
  const notices: BookingNotice[] = [];
  return {
    notices,
    notify: (notice) => {
      notices.push(notice);
      return Promise.resolve();
    },
  };
}

/** Options of a booking test server: cheap proofs, its seed, generous client limits. */
export const bookingServerOptions = (
  overrides: TurneroServerOptions = {},
): TurneroServerOptions => ({
  seed: bookingSeed(),
  ...overrides,
  booking: { proofMaxCounter: 40, bookingsPerMinute: 100, ...overrides.booking },
});

/** Asks the server for a challenge and solves it: the `proof` a booking sends. */
export async function solvedProof(server: Pick<TurneroServer, 'url'>): Promise<string> {
  const answer = await request(server as TurneroServer, 'GET', '/book/api/challenge');
  if (answer.status !== 200) throw new Error(`challenge: ${answer.status}`);
  const challenge = answer.body as ProofChallenge;
  const solution = await solveChallenge({
    challenge: challenge as Parameters<typeof solveChallenge>[0]['challenge'],
    deriveKey,
  });
  if (!solution) throw new Error('the challenge was not solved');
  return Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
}

export const bookingRequest = (overrides: Record<string, unknown> = {}) => ({
  serviceId: 'empadronamiento',
  startsAt: SLOT,
  name: 'Lucía Pérez',
  email: 'lucia@example.org',
  language: 'es',
  privacyAccepted: true,
  ...overrides,
});

/** Books with a fresh proof. */
export async function book(
  test: TestServer,
  siteId: string,
  overrides: Record<string, unknown> = {},
) {
  const proof = await solvedProof(test.server);
  return request(test.server, 'POST', `/book/api/sites/${siteId}/bookings`, {
    ...bookingRequest(overrides),
    proof,
  });
}
