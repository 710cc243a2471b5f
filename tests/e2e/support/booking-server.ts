/**
 * The real Turnero server for the booking page's end-to-end tests: one site with online booking
 * (a schedule per service, a holiday, the privacy policy), the BUILT renderer, and a citizen
 * who books through the API from Node (solving the server's proof of work with altcha-lib, as
 * the page does) — the "someone else" who takes the last place. Free of the test runner.
 */
import { solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import type {
  BookingConfirmation,
  BookingSchedule,
  Holiday,
  ProofChallenge,
} from '../../../src-shared/contract/booking';
import { parseSeed } from '../../../server/seed';
import type { TurneroServer } from '../../../server/server';

export const BOOKING_SITE = 'villanueva-citas';
export const PHONE = { width: 393, height: 851 } as const;
export const DESKTOP = { width: 1366, height: 768 } as const;

/** Every day of the week open from `opens` to `closes`. */
export const everyDay = (opens: string, closes: string): BookingSchedule['week'] => {
  const span = [{ opens, closes }];
  return { 1: span, 2: span, 3: span, 4: span, 5: span, 6: span, 7: span };
};

export function bookingSiteSeed(
  schedules: BookingSchedule[],
  holidays: Holiday[] = [],
  appointments: { code: string; serviceId: string; offsetMinutes: number }[] = [],
) {
  return parseSeed({
    site: {
      id: BOOKING_SITE,
      name: 'Ayuntamiento de Villanueva de la Peña',
      timeZone: 'Europe/Madrid',
    },
    services: [
      {
        id: 'empadronamiento',
        prefix: 'E',
        names: { es: 'Certificado de empadronamiento', en: 'Certificate of registration' },
        walkInsAllowed: true,
      },
      {
        id: 'padron',
        prefix: 'P',
        names: { es: 'Padrón: altas y cambios', en: 'Register: new residents' },
        walkInsAllowed: true,
      },
    ],
    appointments,
    booking: {
      schedules,
      holidays,
      policy: {
        maxActivePerContact: 5,
        purgeAfterDays: 30,
        controllerName: 'Ayuntamiento de Villanueva de la Peña',
        rightsContact: 'dpd@villanueva.example',
      },
    },
  });
}

/** Someone else books `startsAt` through the API, with a proof of work of their own. */
export async function bookThroughApi(
  server: Pick<TurneroServer, 'url'>,
  serviceId: string,
  startsAt: string,
  email = 'otra.persona@example.org',
): Promise<BookingConfirmation> {
  const challenge = (await (
    await fetch(`${server.url}/book/api/challenge`)
  ).json()) as ProofChallenge;
  const solution = await solveChallenge({
    challenge: challenge as Parameters<typeof solveChallenge>[0]['challenge'],
    deriveKey,
  });
  if (!solution) throw new Error('the challenge was not solved');
  const response = await fetch(`${server.url}/book/api/sites/${BOOKING_SITE}/bookings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      serviceId,
      startsAt,
      name: 'Otra Persona',
      email,
      language: 'es',
      privacyAccepted: true,
      proof: Buffer.from(JSON.stringify({ challenge, solution })).toString('base64'),
    }),
  });
  if (response.status !== 201) throw new Error(`booking answered ${response.status}`);
  return (await response.json()) as BookingConfirmation;
}
