import { sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BookingTokenVerifier, mergeBookingKeys } from '../../src-main/checkin/booking-token';
import type { BookingKey } from '../../src-shared/contract/townhall-api';
import type { BookingTokenClaims } from '../../src-shared/domain/booking-token';
import {
  generateSigningKey,
  publicBookingKey,
  signBookingToken,
} from '../../server/booking-tokens';

const NOW = new Date('2026-11-30T09:00:00Z');
const SITE = 'demo-sac';
const claims = (overrides: Partial<BookingTokenClaims> = {}): BookingTokenClaims => ({
  bid: 'apt-7k4p9q',
  code: 'TRN-7K4P9Q',
  site: SITE,
  svc: 'empadronamiento',
  start: '2026-11-30T10:15:00+01:00',
  exp: Math.floor(NOW.getTime() / 1000) + 3600,
  iat: Math.floor(NOW.getTime() / 1000) - 60,
  ...overrides,
});

const oldKey = generateSigningKey('2026-01');
const newKey = generateSigningKey('2026-07');
const strangerKey = generateSigningKey('2026-07'); // same kid, another key pair

const verifierWith = (keys: BookingKey[]) => new BookingTokenVerifier(() => keys);
const verify = (verifier: BookingTokenVerifier, token: string, now = NOW) =>
  verifier.verify(token, { siteId: SITE, now });

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('signed booking tokens, verified offline', () => {
  const verifier = verifierWith([publicBookingKey(newKey), publicBookingKey(oldKey)]);

  it('accepts a good token and returns its claims and start', () => {
    const result = verify(verifier, signBookingToken(newKey, claims()));
    expect(result).toEqual({
      ok: true,
      kid: '2026-07',
      claims: claims(),
      startsAt: new Date('2026-11-30T09:15:00Z'),
    });
  });

  it('accepts start as epoch seconds and typ JWT', () => {
    const start = Math.floor(new Date('2026-11-30T09:15:00Z').getTime() / 1000);
    const token = signBookingToken(newKey, claims({ start }));
    const result = verify(verifier, token);
    expect(result).toMatchObject({ ok: true, startsAt: new Date('2026-11-30T09:15:00Z') });

    const header = b64({ alg: 'EdDSA', typ: 'JWT', kid: newKey.kid });
    const input = `${header}.${b64(claims())}`;
    const signature = sign(null, Buffer.from(input), newKey.privateKey).toString('base64url');
    expect(verify(verifier, `${input}.${signature}`).ok).toBe(true);
  });

  it('refuses a forged signature', () => {
    const token = signBookingToken(strangerKey, claims());
    expect(verify(verifier, token)).toEqual({ ok: false, reason: 'token-forged' });
    const [h, p, s] = signBookingToken(newKey, claims()).split('.') as [string, string, string];
    const flipped = `${s.slice(0, 10)}${s[10] === 'A' ? 'B' : 'A'}${s.slice(11)}`;
    expect(verify(verifier, `${h}.${p}.${flipped}`)).toEqual({ ok: false, reason: 'token-forged' });
  });

  it('refuses a tampered payload (another booking, a later expiry)', () => {
    const [h, , s] = signBookingToken(newKey, claims()).split('.') as [string, string, string];
    for (const tampered of [claims({ bid: 'apt-other' }), claims({ exp: claims().exp + 86400 })]) {
      expect(verify(verifier, `${h}.${b64(tampered)}.${s}`)).toEqual({
        ok: false,
        reason: 'token-forged',
      });
    }
  });

  it('refuses an unknown kid, alg none, another alg and extra header parameters', () => {
    const unknown = generateSigningKey('nobody');
    expect(verify(verifier, signBookingToken(unknown, claims()))).toEqual({
      ok: false,
      reason: 'token-forged',
    });
    const body = b64(claims());
    const none = `${b64({ alg: 'none', kid: newKey.kid })}.${body}.`;
    expect(verify(verifier, none).ok).toBe(false);
    const hs = `${b64({ alg: 'HS256', kid: newKey.kid })}.${body}.${'A'.repeat(43)}`;
    expect(verify(verifier, hs)).toEqual({ ok: false, reason: 'token-forged' });
    const crit = b64({ alg: 'EdDSA', kid: newKey.kid, crit: ['exp'] });
    const signature = sign(null, Buffer.from(`${crit}.${body}`), newKey.privateKey);
    expect(verify(verifier, `${crit}.${body}.${signature.toString('base64url')}`).ok).toBe(false);
    expect(verify(verifier, 'not.a.token').ok).toBe(false);
    expect(verify(verifier, '').ok).toBe(false);
  });

  it('refuses an expired token, and one for another site', () => {
    const expired = signBookingToken(newKey, claims({ exp: Math.floor(NOW.getTime() / 1000) }));
    expect(verify(verifier, expired)).toEqual({ ok: false, reason: 'token-expired' });
    const other = signBookingToken(newKey, claims({ site: 'otro-ayto' }));
    expect(verify(verifier, other)).toEqual({ ok: false, reason: 'token-other-site' });
  });

  it('rotates keys: the old kid verifies while configured, and is refused once removed', () => {
    const oldToken = signBookingToken(oldKey, claims());
    const newToken = signBookingToken(newKey, claims());
    let keys = [publicBookingKey(oldKey), publicBookingKey(newKey)];
    const rotating = new BookingTokenVerifier(() => keys);
    expect(verify(rotating, oldToken).ok).toBe(true);
    expect(verify(rotating, newToken).ok).toBe(true);
    keys = [publicBookingKey(newKey)];
    expect(verify(rotating, oldToken)).toEqual({ ok: false, reason: 'token-forged' });
    expect(verify(rotating, newToken).ok).toBe(true);
  });

  it('configured keys win over published keys with the same kid', () => {
    const configured = [publicBookingKey(newKey)];
    const published = [publicBookingKey(strangerKey), publicBookingKey(oldKey)];
    const merged = mergeBookingKeys(configured, published);
    expect(merged.map((key) => key.kid)).toEqual(['2026-07', '2026-01']);
    const verifierMerged = verifierWith(merged);
    expect(verify(verifierMerged, signBookingToken(newKey, claims())).ok).toBe(true);
    expect(verify(verifierMerged, signBookingToken(strangerKey, claims())).ok).toBe(false);
    expect(verify(verifierMerged, signBookingToken(oldKey, claims())).ok).toBe(true);
  });

  it('a key that is not Ed25519 never verifies anything', () => {
    const broken = verifierWith([
      { kid: newKey.kid, publicKeyJwk: { kty: 'OKP', crv: 'Ed25519', x: 'A'.repeat(43) } },
    ]);
    expect(verify(broken, signBookingToken(newKey, claims())).ok).toBe(false);
  });

  it('verifies the worked example of docs/booking-token.md', () => {
    const documented = readFileSync(
      new URL('../../docs/booking-token.md', import.meta.url),
      'utf8',
    );
    const token = /^(eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/m.exec(documented)?.[1];
    expect(token).toBeDefined();
    const example = verifierWith([
      {
        kid: 'villanueva-2026-01',
        publicKeyJwk: {
          kty: 'OKP',
          crv: 'Ed25519',
          x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo',
        },
      },
    ]);
    const result = example.verify(token as string, {
      siteId: 'demo-sac',
      now: new Date('2026-11-30T09:00:00Z'),
    });
    expect(result).toMatchObject({
      ok: true,
      claims: { bid: 'apt-7k4p9q', code: 'TRN-7K4P9Q', svc: 'empadronamiento' },
      startsAt: new Date('2026-11-30T09:15:00Z'),
    });
    expect(
      example.verify(token as string, {
        siteId: 'demo-sac',
        now: new Date('2026-11-30T23:00:00Z'),
      }),
    ).toEqual({ ok: false, reason: 'token-expired' });
  });
});
