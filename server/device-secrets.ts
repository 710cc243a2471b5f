/**
 * The secrets a device is given: one-time enrolment codes and device credentials. The server
 * never stores either in clear, only `hashSecret` of it.
 */
import { createHash, randomBytes } from 'node:crypto';

/**
 * SHA-256, hex. Enough for a credential: it is 256 random bits, so there is nothing to guess or
 * precompute and a slow, salted password hash would only cost time on every request. Enrolment
 * codes are hashed the same way; they are short, but single-use (and void once used).
 */
export const hashSecret = (secret: string): string =>
  createHash('sha256').update(secret, 'utf8').digest('hex');

/** A device credential: a prefix that makes it recognisable in a leak scan + 256 random bits. */
export const newCredential = (): string => `tdc_${randomBytes(32).toString('base64url')}`;

/** A readable enrolment code, XXXX-XXXX-XXXX in an alphabet without look-alikes (60 bits). */
export function newEnrolmentCode(): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  const bytes = randomBytes(12);
  let code = '';
  for (let i = 0; i < 12; i += 1) {
    if (i > 0 && i % 4 === 0) code += '-';
    code += alphabet[(bytes[i] as number) % 32];
  }
  return code;
}
