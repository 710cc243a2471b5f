/**
 * The technician PIN, hashed with scrypt (node:crypto), never kept in clear.
 *
 * Parameters: N = 2^15, r = 8, p = 1, a 16-byte random salt per hash and a 32-byte key: 32 MiB
 * and some 50–150 ms per check on a kiosk's CPU. A PIN has few digits, so the hash alone cannot
 * stop someone who has the file from trying them all: it slows that down, and the file is 0600 in
 * the kiosk's data folder. Guessing on the screen is stopped by the lockout (pin-lockout.ts). The
 * parameters are stored with each hash, so they can be raised later without losing old hashes.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { z } from 'zod';

export interface ScryptParameters {
  N: number;
  r: number;
  p: number;
  keyLength: number;
}

export const PIN_SCRYPT: ScryptParameters = { N: 2 ** 15, r: 8, p: 1, keyLength: 32 };
const SALT_BYTES = 16;

export const PinHashSchema = z
  .object({
    algorithm: z.literal('scrypt'),
    N: z
      .number()
      .int()
      .min(2)
      .max(2 ** 20)
      .refine((n) => (n & (n - 1)) === 0, 'N must be a power of two'),
    r: z.number().int().min(1).max(32),
    p: z.number().int().min(1).max(16),
    keyLength: z.number().int().min(16).max(64),
    salt: z.base64(),
    hash: z.base64(),
  })
  .strict();
export type PinHash = z.infer<typeof PinHashSchema>;

function derive(pin: string, salt: Buffer, parameters: ScryptParameters): Promise<Buffer> {
  const options: ScryptOptions = {
    N: parameters.N,
    r: parameters.r,
    p: parameters.p,
    // scrypt needs 128·N·r bytes; Node's default ceiling (32 MiB) is just too small for ours.
    maxmem: 256 * parameters.N * parameters.r * parameters.p,
  };
  return new Promise((resolve, reject) =>
    scrypt(pin, salt, parameters.keyLength, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

export async function hashPin(pin: string, parameters = PIN_SCRYPT): Promise<PinHash> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(pin, salt, parameters);
  return {
    algorithm: 'scrypt',
    ...parameters,
    salt: salt.toString('base64'),
    hash: key.toString('base64'),
  };
}

/** Whether `pin` is the one `stored` was made from (compared in constant time). */
export async function pinMatches(pin: string, stored: PinHash): Promise<boolean> {
  const expected = Buffer.from(stored.hash, 'base64');
  const key = await derive(pin, Buffer.from(stored.salt, 'base64'), {
    N: stored.N,
    r: stored.r,
    p: stored.p,
    keyLength: expected.length,
  });
  return key.length === expected.length && timingSafeEqual(key, expected);
}
