/**
 * Offline verification of a scanned technician card (src-shared/domain/technician-card.ts) with
 * the town hall's booking keys: the configured ones and those its site info publishes. Only a
 * card signed for this site and not expired brings up the PIN pad.
 */
import type { BookingKey } from '../../src-shared/contract/townhall-api';
import type { CardRefusal } from '../../src-shared/contract/technician';
import {
  TechnicianCardClaimsSchema,
  TechnicianCardHeaderSchema,
  technicianCardToken,
} from '../../src-shared/domain/technician-card';
import { Ed25519KeyRing, verifyCompactJws } from '../crypto/ed25519-jws';

export type CardVerification =
  | { ok: true; cardId: string }
  /** `cardId` when the signature held (an expired or other site's card): worth auditing. */
  | { ok: false; refusal: CardRefusal; cardId: string | null };

export class TechnicianCardVerifier {
  private readonly keyRing: Ed25519KeyRing;

  constructor(
    keys: () => readonly BookingKey[],
    private readonly siteId: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.keyRing = new Ed25519KeyRing(keys);
  }

  verify(scan: string): CardVerification {
    const forged = { ok: false, refusal: 'forged', cardId: null } as const;
    const token = technicianCardToken(scan);
    if (token === null) return forged;
    const signed = verifyCompactJws(token, TechnicianCardHeaderSchema, this.keyRing);
    if (!signed) return forged;
    const claims = TechnicianCardClaimsSchema.safeParse(signed.payload);
    if (!claims.success) return forged;
    const { cid, site, exp } = claims.data;
    if (site !== this.siteId) return { ok: false, refusal: 'other-site', cardId: cid };
    if (this.now().getTime() >= exp * 1000) return { ok: false, refusal: 'expired', cardId: cid };
    return { ok: true, cardId: cid };
  }
}
