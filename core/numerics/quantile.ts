/**
 * Quantile of sorted data by linear interpolation between order statistics (Hyndman & Fan type
 * 7, the default of R and NumPy): position p (n - 1) in the sorted sample.
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const pos = p * (n - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(n - 1, lo + 1);
  const frac = pos - lo;
  if (frac === 0 || sorted[lo] === sorted[hi]) return sorted[lo];
  return sorted[lo] + frac * (sorted[hi] - sorted[lo]);
}
