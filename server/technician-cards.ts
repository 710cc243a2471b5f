/**
 * Technician cards (docs/technician.md): the town hall's back office issues one per technician
 * and site, valid for a number of days, signed with the same Ed25519 key as the booking tokens
 * (booking-tokens.ts) but with a `typ` and claims of their own. The kiosk verifies it offline; a
 * card only brings up the PIN pad, so a lost one is not a way in by itself, and it expires.
 */
import { z } from 'zod';
import {
  TECHNICIAN_CARD_PREFIX,
  TECHNICIAN_CARD_TYPE,
  TechnicianCardIdSchema,
  type TechnicianCardClaims,
  type TechnicianCardHeader,
} from '../src-shared/domain/technician-card';
import { SiteIdSchema } from '../src-shared/domain/site-id';
import { signCompactJws, type SigningKey } from './booking-tokens';

export const TechnicianCardSpecSchema = z
  .object({
    siteId: SiteIdSchema,
    cardId: TechnicianCardIdSchema,
    /** How long the card opens the PIN pad: from 1 day to a year. */
    validDays: z.number().int().min(1).max(366).default(30),
  })
  .strict();
export type TechnicianCardSpec = z.input<typeof TechnicianCardSpecSchema>;

export interface IssuedTechnicianCard {
  /** What the QR code holds: `TURNERO-TECH.` and the signed token. */
  card: string;
  cardId: string;
  siteId: string;
  expiresAt: string;
}

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

export function issueTechnicianCard(
  key: SigningKey,
  spec: TechnicianCardSpec,
  now: Date,
): IssuedTechnicianCard {
  const { siteId, cardId, validDays } = TechnicianCardSpecSchema.parse(spec);
  const expiresAt = new Date(now.getTime() + validDays * 86_400_000);
  const header: TechnicianCardHeader = { alg: 'EdDSA', typ: TECHNICIAN_CARD_TYPE, kid: key.kid };
  const claims: TechnicianCardClaims = {
    cid: cardId,
    site: siteId,
    iat: seconds(now),
    exp: seconds(expiresAt),
  };
  return {
    card: `${TECHNICIAN_CARD_PREFIX}${signCompactJws(key, header, claims)}`,
    cardId,
    siteId,
    expiresAt: expiresAt.toISOString(),
  };
}
