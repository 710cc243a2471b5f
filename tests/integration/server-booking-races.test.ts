/**
 * Citizens racing for the last place of a slot (issue 13: "ese hueco se acaba de ocupar"): on
 * SQLite and, on the server-postgres pass, on PostgreSQL, where the transactions really run side
 * by side and only the site's row lock keeps them apart. One booking, the rest 409 `slot-taken`.
 */
import { describe, expect, it } from 'vitest';
import { BookingConfirmationSchema } from '../../src-shared/contract/booking';
import {
  bookingRequest,
  bookingSeed,
  bookingServerOptions,
  schedule,
  SLOT,
  solvedProof,
} from './booking-kit';
import { errorCode, request, serversClosedAfterEach, SITE } from './server-kit';

const startServer = serversClosedAfterEach();
const RACERS = 12;

describe('citizens racing for a slot', () => {
  it('get one booking for the last place and one slot-taken each for the rest', async () => {
    const test = await startServer(
      bookingServerOptions({ seed: bookingSeed([schedule({ desks: 1 })]) }),
    );
    const proofs = await Promise.all(
      Array.from({ length: RACERS }, () => solvedProof(test.server)),
    );
    const answers = await Promise.all(
      proofs.map((proof, index) =>
        request(test.server, 'POST', `/book/api/sites/${SITE}/bookings`, {
          ...bookingRequest({ email: `vecino${index}@example.org` }),
          proof,
        }),
      ),
    );
    const won = answers.filter((answer) => answer.status === 201);
    expect(won).toHaveLength(1);
    for (const lost of answers.filter((answer) => answer.status !== 201)) {
      expect(lost.status).toBe(409);
      expect(errorCode(lost)).toBe('slot-taken');
    }
    const { booking } = BookingConfirmationSchema.parse(won[0]?.body);
    const atSlot = (await test.server.admin.listAppointments(SITE)).filter(
      (appointment) => appointment.startsAt === SLOT && appointment.status !== 'cancelled',
    );
    expect(atSlot.map((appointment) => appointment.code)).toEqual([booking.code]);
  });

  it('fill a slot of several desks exactly, never past them', async () => {
    const desks = 3;
    const test = await startServer(
      bookingServerOptions({ seed: bookingSeed([schedule({ desks })]) }),
    );
    const proofs = await Promise.all(
      Array.from({ length: RACERS }, () => solvedProof(test.server)),
    );
    const answers = await Promise.all(
      proofs.map((proof, index) =>
        request(test.server, 'POST', `/book/api/sites/${SITE}/bookings`, {
          ...bookingRequest({ email: `vecina${index}@example.org` }),
          proof,
        }),
      ),
    );
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([
      ...Array<number>(desks).fill(201),
      ...Array<number>(RACERS - desks).fill(409),
    ]);
    const codes = answers
      .filter((answer) => answer.status === 201)
      .map((answer) => BookingConfirmationSchema.parse(answer.body).booking.code);
    expect(new Set(codes).size).toBe(desks);
  });
});
