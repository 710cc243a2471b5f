/**
 * The reference server's side of signed booking tokens (docs/booking-token.md): Ed25519 signing
 * keys (generated at start, or kept in a JSON file so tokens survive a restart), token issue,
 * and the public keys it publishes in site info. Also the salted ID hash a town hall computes
 * for its bookings (docs/identification.md).
 */
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  sign,
  type KeyObject,
} from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import type { BookingKey } from '../src-shared/contract/townhall-api';
import {
  BOOKING_TOKEN_TYPE,
  type BookingTokenClaims,
  type BookingTokenHeader,
} from '../src-shared/domain/booking-token';

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
}

/** The key file: the first key signs, all are published (the others are being rotated out). */
const KeyFileSchema = z.object({
  keys: z
    .array(
      z.object({
        kid: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/),
        privateKeyJwk: z.object({
          kty: z.literal('OKP'),
          crv: z.literal('Ed25519'),
          x: z.string(),
          d: z.string(),
        }),
      }),
    )
    .min(1)
    .max(16),
});

export function generateSigningKey(kid = `ref-${randomBytes(4).toString('hex')}`): SigningKey {
  return { kid, privateKey: generateKeyPairSync('ed25519').privateKey };
}

/** Reads the key file, or creates it (mode 0600) with one fresh key when it does not exist. */
export function loadOrCreateSigningKeys(file: string): SigningKey[] {
  if (!existsSync(file)) {
    const key = generateSigningKey();
    const jwk = key.privateKey.export({ format: 'jwk' });
    writeFileSync(file, `${JSON.stringify({ keys: [{ kid: key.kid, privateKeyJwk: jwk }] })}\n`, {
      mode: 0o600,
    });
    return [key];
  }
  const parsed = KeyFileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  return parsed.keys.map((entry) => ({
    kid: entry.kid,
    privateKey: createPrivateKey({ key: { ...entry.privateKeyJwk }, format: 'jwk' }),
  }));
}

/** The public half of a signing key, as published in site info and put in kiosk configs. */
export function publicBookingKey(key: SigningKey): BookingKey {
  const jwk = createPublicKey(key.privateKey).export({ format: 'jwk' });
  return { kid: key.kid, publicKeyJwk: { kty: 'OKP', crv: 'Ed25519', x: String(jwk.x) } };
}

const b64url = (value: unknown): string =>
  Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

/** A compact JWS: base64url(header).base64url(claims).base64url(Ed25519 signature). */
export function signCompactJws(key: SigningKey, header: { kid: string }, claims: unknown): string {
  const signingInput = `${b64url(header)}.${b64url(claims)}`;
  const signature = sign(null, Buffer.from(signingInput, 'ascii'), key.privateKey);
  return `${signingInput}.${signature.toString('base64url')}`;
}

export function signBookingToken(key: SigningKey, claims: BookingTokenClaims): string {
  const header: BookingTokenHeader = { alg: 'EdDSA', typ: BOOKING_TOKEN_TYPE, kid: key.kid };
  return signCompactJws(key, header, claims);
}

/** A fresh per-site salt for ID hashes: 32 random bytes, base64url. */
export function newIdHashSalt(): string {
  return randomBytes(32).toString('base64url');
}
