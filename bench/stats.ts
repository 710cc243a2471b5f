/** Order statistics of timing samples and how ratios of them are shown, for the benches. */

/** The value below which `p` % of the samples fall (nearest rank). */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new Error('percentile of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

export const median = (samples: readonly number[]): number => percentile(samples, 50);

/** "125×", or "1.3×" when one decimal still says something. */
export const formatRatio = (ratio: number): string => `${ratio.toFixed(ratio < 10 ? 1 : 0)}×`;
