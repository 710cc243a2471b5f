/**
 * The signed booking token (docs/booking-token.md): a compact JWS, EdDSA (Ed25519), whose
 * payload names one booking. This module is the format: header and claims schemas, shared by
 * the kiosk (which verifies) and the reference town hall server (which signs). The cryptography
 * lives on the Node side.
 */
import { z } from 'zod';
import { SiteIdSchema } from './site-id';

/** Media type for `typ`; plain `JWT` is accepted too. */
export const BOOKING_TOKEN_TYPE = 'turnero-booking+jwt';

export const BookingTokenHeaderSchema = z
  .object({
    alg: z.literal('EdDSA'),
    typ: z.enum(['JWT', BOOKING_TOKEN_TYPE]).optional(),
    kid: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/),
  })
  // No `crit`, `jku`, `x5u`… : a header that asks for more than we implement is refused.
  .strict();
export type BookingTokenHeader = z.infer<typeof BookingTokenHeaderSchema>;

const NumericDateSchema = z.number().int().min(0).max(32503680000); // seconds; before year 3000

export const BookingTokenClaimsSchema = z.object({
  /** Booking id: the appointment id of the town hall API. */
  bid: z.string().min(1).max(64),
  /** The booking code as printed on the confirmation. */
  code: z.string().min(1).max(64),
  site: SiteIdSchema,
  /** Service id of the town hall API. */
  svc: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/),
  /** Start of the appointment: RFC 3339 with offset, or seconds since the epoch. */
  start: z.union([z.iso.datetime({ offset: true }), NumericDateSchema]),
  exp: NumericDateSchema,
  iat: NumericDateSchema,
});
export type BookingTokenClaims = z.infer<typeof BookingTokenClaimsSchema>;

/** The instant a token's `start` claim names. */
export function tokenStart(claims: BookingTokenClaims): Date {
  return typeof claims.start === 'number' ? new Date(claims.start * 1000) : new Date(claims.start);
}
