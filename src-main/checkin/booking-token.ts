/**
 * Offline verification of signed booking tokens (docs/booking-token.md) with node:crypto's
 * Ed25519. Keys come from the configuration and from the town hall's site info; a configured key
 * wins over a published one with the same kid. Several kids may be active at once (rotation); a
 * kid that is no longer listed anywhere is refused.
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { BookingKey } from '../../src-shared/contract/townhall-api';
import {
  BookingTokenClaimsSchema,
  BookingTokenHeaderSchema,
  tokenStart,
  type BookingTokenClaims,
} from '../../src-shared/domain/booking-token';

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

const B64URL = /^[A-Za-z0-9_-]*$/;

function decodeJson(segment: string): unknown {
  if (!B64URL.test(segment)) return undefined;
  try {
    return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

export class BookingTokenVerifier {
  /** KeyObjects by `kid|x`, so a rotated key under an old kid is never confused with the new one. */
  private readonly keyObjects = new Map<string, KeyObject | null>();

  constructor(private readonly keys: () => readonly BookingKey[]) {}

  private keyFor(kid: string): KeyObject | null {
    const key = this.keys().find((candidate) => candidate.kid === kid);
    if (!key) return null;
    const cacheKey = `${kid}|${key.publicKeyJwk.x}`;
    let object = this.keyObjects.get(cacheKey);
    if (object === undefined) {
      try {
        object = createPublicKey({ key: { ...key.publicKeyJwk }, format: 'jwk' });
        if (object.asymmetricKeyType !== 'ed25519') object = null;
      } catch {
        object = null;
      }
      if (this.keyObjects.size > 64) this.keyObjects.clear();
      this.keyObjects.set(cacheKey, object);
    }
    return object;
  }

  /**
   * Checks, in this order: shape and header, kid, signature (→ token-forged); the claims; the
   * site (→ token-other-site); the expiry (→ token-expired). The day is the caller's business.
   */
  verify(token: string, expected: { siteId: string; now: Date }): TokenVerification {
    const forged = { ok: false, reason: 'token-forged' } as const;
    if (token.length > 2048) return forged;
    const parts = token.split('.');
    if (parts.length !== 3) return forged;
    const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
    const header = BookingTokenHeaderSchema.safeParse(decodeJson(headerPart));
    if (!header.success) return forged;
    const key = this.keyFor(header.data.kid);
    if (!key || !B64URL.test(signaturePart)) return forged;
    const signature = Buffer.from(signaturePart, 'base64url');
    if (signature.length !== 64) return forged;
    let valid = false;
    try {
      valid = verify(null, Buffer.from(`${headerPart}.${payloadPart}`, 'ascii'), key, signature);
    } catch {
      valid = false;
    }
    if (!valid) return forged;
    // Signed by the town hall but not in our format: nothing to check in with.
    const claims = BookingTokenClaimsSchema.safeParse(decodeJson(payloadPart));
    if (!claims.success) return forged;
    if (claims.data.site !== expected.siteId) return { ok: false, reason: 'token-other-site' };
    if (expected.now.getTime() >= claims.data.exp * 1000) {
      return { ok: false, reason: 'token-expired' };
    }
    const startsAt = tokenStart(claims.data);
    if (Number.isNaN(startsAt.getTime())) return forged;
    return { ok: true, claims: claims.data, kid: header.data.kid, startsAt };
  }
}
