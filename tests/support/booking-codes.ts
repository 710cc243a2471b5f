import { BOOKING_CODE_ALPHABET, formatBookingCode } from '../../src-shared/domain/booking-code';

/** The index-th valid booking code (TRN-000000, TRN-000001, …): many distinct, readable codes. */
export function bookingCodeFor(index: number): string {
  let body = '';
  let rest = index;
  for (let i = 0; i < 6; i++) {
    body = BOOKING_CODE_ALPHABET[rest % 32] + body;
    rest = Math.floor(rest / 32);
  }
  return formatBookingCode(body);
}
