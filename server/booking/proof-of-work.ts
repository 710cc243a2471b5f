/**
 * The booking page's proof of work instead of a captcha (docs/booking.md, "Abuse"): ALTCHA
 * challenges made and checked here with altcha-lib, no outside service. A challenge is signed
 * with a key only this server holds (HMAC), so a client cannot make an easier one; it is solved
 * by trying counters from 0 until SHA-256 gives the signed key prefix, which takes as many
 * hashes as the random counter the server picked (at most `maxCounter`: about a second on a
 * cheap phone). Each solution books once: a used one is remembered until its challenge expires.
 * Expiry is by the server's clock (tests inject it), so it travels in the signed `data`.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { createChallenge, verifySolution, type Challenge, type Solution } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';

export interface ProofOfWorkOptions {
  now: () => Date;
  /** Signs challenges; a fresh random key per start when not given. */
  hmacKey?: string;
  /** The largest counter a challenge asks for (the work is up to this many SHA-256 hashes). */
  maxCounter?: number;
  /** How long a challenge may be solved and used. */
  ttlMs?: number;
}

/** About a second of SHA-256 in a cheap phone's browser, a third of that on a laptop. */
export const DEFAULT_PROOF_MAX_COUNTER = 50_000;
const DEFAULT_TTL_MS = 10 * 60_000;
/** Used solutions remembered at most (a flood past this forgets the oldest first). */
const MAX_REMEMBERED = 100_000;

export type ProofVerdict = 'ok' | 'invalid' | 'expired' | 'used';

interface Payload {
  challenge: Challenge;
  solution: Solution;
}

function decodePayload(proof: string): Payload | null {
  try {
    const value = JSON.parse(Buffer.from(proof, 'base64').toString('utf8')) as Partial<Payload>;
    if (typeof value.challenge?.parameters !== 'object' || typeof value.solution !== 'object') {
      return null;
    }
    return value as Payload;
  } catch {
    return null;
  }
}

export class ProofOfWork {
  private readonly key: string;
  private readonly keySignatureKey: string;
  private readonly maxCounter: number;
  private readonly ttlMs: number;
  /** Signature of a used challenge → when it expires (ms), in insertion order. */
  private readonly used = new Map<string, number>();

  constructor(private readonly options: ProofOfWorkOptions) {
    this.key = options.hmacKey ?? randomBytes(32).toString('hex');
    this.keySignatureKey = `${this.key}:key`;
    this.maxCounter = options.maxCounter ?? DEFAULT_PROOF_MAX_COUNTER;
    this.ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
  }

  /** A new signed challenge (the JSON `GET /book/api/challenge` answers). */
  async challenge(): Promise<Challenge> {
    const floor = Math.max(1, Math.floor(this.maxCounter / 10));
    return createChallenge({
      algorithm: 'SHA-256',
      cost: 1,
      counter: randomInt(floor, this.maxCounter + 1),
      deriveKey,
      data: { expiresAtMs: this.options.now().getTime() + this.ttlMs },
      hmacSignatureSecret: this.key,
      hmacKeySignatureSecret: this.keySignatureKey,
    });
  }

  /** Checks a solved challenge (base64 of `{ challenge, solution }`) and spends it when good. */
  async spend(proof: string): Promise<ProofVerdict> {
    const payload = decodePayload(proof);
    if (!payload) return 'invalid';
    const result = await verifySolution({
      challenge: payload.challenge,
      solution: payload.solution,
      deriveKey,
      hmacSignatureSecret: this.key,
      hmacKeySignatureSecret: this.keySignatureKey,
    }).catch(() => null);
    if (!result?.verified) return 'invalid';
    const expiresAtMs = Number(payload.challenge.parameters.data?.expiresAtMs);
    const nowMs = this.options.now().getTime();
    if (!Number.isFinite(expiresAtMs) || expiresAtMs < nowMs) return 'expired';
    this.forgetExpired(nowMs);
    const signature = payload.challenge.signature ?? '';
    if (this.used.has(signature)) return 'used';
    this.used.set(signature, expiresAtMs);
    while (this.used.size > MAX_REMEMBERED) {
      this.used.delete(this.used.keys().next().value as string);
    }
    return 'ok';
  }

  private forgetExpired(nowMs: number): void {
    for (const [signature, expiresAtMs] of this.used) {
      if (expiresAtMs >= nowMs) continue;
      this.used.delete(signature);
    }
  }
}
