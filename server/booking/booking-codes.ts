/**
 * New booking codes in the form the kiosks read and the seeds use (`TRN-7K4P9Q`,
 * src-shared/domain/booking-code.ts): six characters of the unambiguous alphabet, random, and
 * unique within the site (looked up inside the booking's transaction, so no other booking of the
 * site can take the same code in between).
 */
import { randomInt } from 'node:crypto';
import {
  BOOKING_CODE_ALPHABET,
  BOOKING_CODE_BODY_LENGTH,
  formatBookingCode,
} from '../../src-shared/domain/booking-code';

/** A fresh random code; not yet checked against the site's. */
export function randomBookingCode(): string {
  let body = '';
  for (let index = 0; index < BOOKING_CODE_BODY_LENGTH; index += 1) {
    body += BOOKING_CODE_ALPHABET[randomInt(BOOKING_CODE_ALPHABET.length)];
  }
  return formatBookingCode(body);
}

/** Over a billion codes: a handful of draws finds a free one unless something is badly wrong. */
const MAX_DRAWS = 20;

/** A code no appointment of the site has. */
export async function uniqueBookingCode(
  inUse: (code: string) => Promise<boolean>,
): Promise<string> {
  for (let draw = 0; draw < MAX_DRAWS; draw += 1) {
    const code = randomBookingCode();
    if (!(await inUse(code))) return code;
  }
  throw new Error(`no free booking code after ${MAX_DRAWS} draws`);
}
