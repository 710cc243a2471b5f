/**
 * Exponential backoff with jitter, pure: the random source and the clock are passed in, so
 * tests can pin both. "Equal jitter": after the n-th consecutive failure the wait is between
 * half and all of min(max, base · factor^(n−1)) — never hammering, never all kiosks of an office
 * retrying in step after a shared outage.
 */

export interface BackoffPolicy {
  baseMs: number;
  factor: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1000, factor: 2, maxMs: 5 * 60_000 };

/** The wait after `failures` consecutive failures (0 → no wait). `random` returns [0, 1). */
export function backoffDelayMs(
  failures: number,
  policy: BackoffPolicy,
  random: () => number,
): number {
  if (failures <= 0) return 0;
  // Capped before the power can overflow to Infinity.
  const exponent = Math.min(failures - 1, 60);
  const ceiling = Math.min(policy.maxMs, policy.baseMs * policy.factor ** exponent);
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(ceiling / 2 + (r * ceiling) / 2);
}

/** Consecutive failures of one kind of request, and when the next try is due. */
export class Backoff {
  private failuresInRow = 0;
  private notBeforeMs = 0;

  constructor(
    private readonly policy: BackoffPolicy,
    private readonly nowMs: () => number,
    private readonly random: () => number,
  ) {}

  get failures(): number {
    return this.failuresInRow;
  }

  /** Records a failure; returns the wait before the next try. */
  failed(): number {
    this.failuresInRow += 1;
    const delay = backoffDelayMs(this.failuresInRow, this.policy, this.random);
    this.notBeforeMs = this.nowMs() + delay;
    return delay;
  }

  succeeded(): void {
    this.failuresInRow = 0;
    this.notBeforeMs = 0;
  }

  /** True when no wait is pending. */
  ready(): boolean {
    return this.nowMs() >= this.notBeforeMs;
  }

  /** When the next try is due (ms since the epoch), or null when it is due now. */
  dueAt(): number | null {
    return this.ready() ? null : this.notBeforeMs;
  }
}
