/**
 * A seeded random source (mulberry32), so that a run's kill points can be replayed: every test
 * prints its seed, and `TURNERO_RELIABILITY_SEED=<seed>` runs the same schedule again.
 */
import { mulberry32 } from '../../../src-shared/common/seeded-random';

export interface Random {
  readonly seed: number;
  /** [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  between(min: number, max: number): number;
}

export function seededRandom(seed: number): Random {
  const next = mulberry32(seed);
  return {
    seed,
    next,
    between: (min, max) => min + Math.floor(next() * (max - min + 1)),
  };
}
