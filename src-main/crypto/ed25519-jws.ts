/**
 * Compact JWS (EdDSA, Ed25519) verified offline with node:crypto: the machinery under the signed
 * booking tokens (docs/booking-token.md) and the technician cards (docs/technician.md). Each
 * format brings its own header schema (its `typ`) and reads the payload itself; this module only
 * says whether the signature holds under a key the town hall publishes.
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { z } from 'zod';
import type { BookingKey } from '../../src-shared/contract/townhall-api';

const B64URL = /^[A-Za-z0-9_-]*$/;

function decodeJson(segment: string): unknown {
  if (!B64URL.test(segment)) return undefined;
  try {
    return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** The town hall's public keys by kid, as KeyObjects made once per key. */
export class Ed25519KeyRing {
  /** KeyObjects by `kid|x`, so a rotated key under an old kid is never confused with the new one. */
  private readonly keyObjects = new Map<string, KeyObject | null>();

  constructor(private readonly keys: () => readonly BookingKey[]) {}

  keyFor(kid: string): KeyObject | null {
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
}

export interface SignedPayload<Header> {
  header: Header;
  /** The decoded JSON payload, still to be validated by the caller (undefined: not JSON). */
  payload: unknown;
}

/**
 * The header and payload of `token` when its shape, header (by `headerSchema`), kid and
 * Ed25519 signature all hold; null otherwise, without saying which (a forger learns nothing).
 */
export function verifyCompactJws<Header extends { kid: string }>(
  token: string,
  headerSchema: z.ZodType<Header>,
  keys: Ed25519KeyRing,
  maxLength = 2048,
): SignedPayload<Header> | null {
  if (token.length > maxLength) return null;
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  const header = headerSchema.safeParse(decodeJson(headerPart));
  if (!header.success) return null;
  const key = keys.keyFor(header.data.kid);
  if (!key || !B64URL.test(signaturePart)) return null;
  const signature = Buffer.from(signaturePart, 'base64url');
  if (signature.length !== 64) return null;
  let valid = false;
  try {
    valid = verify(null, Buffer.from(`${headerPart}.${payloadPart}`, 'ascii'), key, signature);
  } catch {
    valid = false;
  }
  return valid ? { header: header.data, payload: decodeJson(payloadPart) } : null;
}
