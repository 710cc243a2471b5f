import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { citizenIdHash } from '../../src-shared/domain/citizen-id-hash';

const nodeHmac = (salt: string, id: string) =>
  createHmac('sha256', Buffer.from(salt, 'base64url')).update(id, 'utf8').digest('base64url');

describe('citizenIdHash', () => {
  it('is base64url HMAC-SHA256 keyed with the salt, for any salt in turn', () => {
    const salts = [randomBytes(32), randomBytes(16), randomBytes(32)].map((b) =>
      b.toString('base64url'),
    );
    for (const salt of [...salts, salts[0] as string]) {
      for (const id of ['12345678Z', 'X1234567L', 'PAÑ123456', '']) {
        expect(citizenIdHash(salt, id)).toBe(nodeHmac(salt, id));
      }
    }
  });

  it('differs between sites for the same number', () => {
    const a = randomBytes(32).toString('base64url');
    const b = randomBytes(32).toString('base64url');
    expect(citizenIdHash(a, '12345678Z')).not.toBe(citizenIdHash(b, '12345678Z'));
  });
});
