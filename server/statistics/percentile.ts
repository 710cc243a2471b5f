/**
 * Percentiles by the nearest-rank method: the p-th percentile of n sorted samples is the sample
 * at rank ⌈p/100 · n⌉ (1-based). It is always a duration that really happened, needs no
 * interpolation, and is the same whichever tool recomputes it from the CSV's raw data. The median
 * is the 50th percentile by the same rule: for an even count, the lower of the two middle samples.
 */

/** The p-th percentile (0 < p ≤ 100) of `samples`, or null when there are none. */
export function nearestRankPercentile(samples: readonly number[], p: number): number | null {
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile ${p} is not in (0, 100]`);
  if (samples.length === 0) return null;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[rank - 1] ?? null;
}

export const median = (samples: readonly number[]): number | null =>
  nearestRankPercentile(samples, 50);

export const percentile90 = (samples: readonly number[]): number | null =>
  nearestRankPercentile(samples, 90);
