/**
 * Offline verification of signed booking tokens (docs/booking-token.md) with node:crypto's
 * Ed25519. Keys come from the configuration and from the town hall's site info; a configured key
 * wins over a published one with the same kid. Several kids may be active at once (rotation); a
 * kid that is no longer listed anywhere is refused.
 */
import type { BookingKey } from '../../src-shared/contract/townhall-api';
import {
  BookingTokenClaimsSchema,
  BookingTokenHeaderSchema,
  tokenStart,
  type BookingTokenClaims,
} from '../../src-shared/domain/booking-token';
import { Ed25519KeyRing, verifyCompactJws } from '../crypto/ed25519-jws';

export type TokenRefusal = 'token-forged' | 'token-expired' | 'token-other-site';

export type TokenVerification =
  | { ok: true; claims: BookingTokenClaims; kid: string; startsAt: Date }
  | { ok: false; reason: TokenRefusal };

/** Merges key lists: the first list's entry for a kid wins (configuration over site info). */
export function mergeBookingKeys(...lists: ReadonlyArray<readonly BookingKey[]>): BookingKey[] {
  const byKid = new Map<string, BookingKey>();
  for (const list of lists) {
    for (const key of list) if (!byKid.has(key.kid)) byKid.set(key.kid, key);
  }
  return [...byKid.values()];
}

export class BookingTokenVerifier {
  private readonly keyRing: Ed25519KeyRing;

  constructor(keys: () => readonly BookingKey[]) {
    this.keyRing = new Ed25519KeyRing(keys);
  }

  /**
   * Checks, in this order: shape and header, kid, signature (→ token-forged); the claims; the
   * site (→ token-other-site); the expiry (→ token-expired). The day is the caller's business.
   */
  verify(token: string, expected: { siteId: string; now: Date }): TokenVerification {
    const forged = { ok: false, reason: 'token-forged' } as const;
    const signed = verifyCompactJws(token, BookingTokenHeaderSchema, this.keyRing);
    if (!signed) return forged;
    // Signed by the town hall but not in our format: nothing to check in with.
    const claims = BookingTokenClaimsSchema.safeParse(signed.payload);
    if (!claims.success) return forged;
    if (claims.data.site !== expected.siteId) return { ok: false, reason: 'token-other-site' };
    if (expected.now.getTime() >= claims.data.exp * 1000) {
      return { ok: false, reason: 'token-expired' };
    }
    const startsAt = tokenStart(claims.data);
    if (Number.isNaN(startsAt.getTime())) return forged;
    return { ok: true, claims: claims.data, kid: signed.header.kid, startsAt };
  }
}
