/**
 * The technician card (docs/technician.md): a QR code the town hall's server issues to one
 * technician for one site, until a date. It is `TURNERO-TECH.` followed by a compact JWS signed
 * with the same Ed25519 keys as the booking tokens (docs/booking-token.md), but with a header
 * `typ` and claims of its own, so neither can ever pass for the other. The kiosk verifies it
 * offline; a valid card only brings up the PIN pad, it never opens the mode by itself.
 */
import { z } from 'zod';
import { BookingTokenHeaderSchema } from './booking-token';
import { SiteIdSchema } from './site-id';
import { sanitizeScan } from './scan-input';

export const TECHNICIAN_CARD_PREFIX = 'TURNERO-TECH.';
export const TECHNICIAN_CARD_TYPE = 'turnero-technician+jwt';

export const TechnicianCardHeaderSchema = z
  .object({
    alg: z.literal('EdDSA'),
    typ: z.literal(TECHNICIAN_CARD_TYPE),
    kid: BookingTokenHeaderSchema.shape.kid,
  })
  .strict();
export type TechnicianCardHeader = z.infer<typeof TechnicianCardHeaderSchema>;

const NumericDateSchema = z.number().int().min(0).max(32503680000);

/** A card's id as the town hall's staff know it: shown and written to the audit log. */
export const TechnicianCardIdSchema = z.string().regex(/^[A-Za-z0-9._-]{1,40}$/);

export const TechnicianCardClaimsSchema = z
  .object({
    /** The card's id (not a person's name: the town hall keeps who holds which card). */
    cid: TechnicianCardIdSchema,
    /** The one site whose kiosks accept the card. */
    site: SiteIdSchema,
    iat: NumericDateSchema,
    exp: NumericDateSchema,
  })
  .strict();
export type TechnicianCardClaims = z.infer<typeof TechnicianCardClaimsSchema>;

/** Longest card accepted: a real one is ~300 characters. */
const MAX_CARD_LENGTH = 1000;
const JWS = /^eyJ[A-Za-z0-9_-]{8,300}\.[A-Za-z0-9_-]{16,400}\.[A-Za-z0-9_-]{16,200}$/;

/** The signed token of a scanned technician card, unverified; null when the scan is not one. */
export function technicianCardToken(scan: string): string | null {
  const sanitized = sanitizeScan(scan);
  if (!sanitized.ok || sanitized.text.length > MAX_CARD_LENGTH) return null;
  if (!sanitized.text.startsWith(TECHNICIAN_CARD_PREFIX)) return null;
  const token = sanitized.text.slice(TECHNICIAN_CARD_PREFIX.length);
  return JWS.test(token) ? token : null;
}
