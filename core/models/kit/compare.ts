/**
 * How far a simulation lies from its theory on a common grid: the largest and the RMS absolute
 * difference, the largest relative to the theory's largest magnitude, and the share of points where
 * the theory lies inside the simulation's band. Points where the theory is not finite (after an
 * early stop) are left out; a non-finite simulation value makes the distances non-finite, unless
 * `skipNonFiniteSimulation` leaves those points out too.
 */
export interface TheoryGap {
  maxAbs: number;
  /** maxAbs / max |theory| (NaN when the theory is 0 throughout or no point counts). */
  maxRel: number;
  rms: number;
  /** Share of the counted points with lo <= theory <= hi (NaN without a band). */
  coverage: number;
  /** Points counted. */
  points: number;
}

export function theoryGap(
  theory: ArrayLike<number>,
  simulation: ArrayLike<number>,
  band?: { lo: ArrayLike<number>; hi: ArrayLike<number> },
  options: { skipNonFiniteSimulation?: boolean } = {},
): TheoryGap {
  let maxAbs = 0;
  let peak = 0;
  let sumSq = 0;
  let inside = 0;
  let count = 0;
  for (let i = 0; i < simulation.length; i++) {
    const a = theory[i]!;
    const b = simulation[i]!;
    if (!Number.isFinite(a) || (options.skipNonFiniteSimulation && !Number.isFinite(b))) continue;
    const diff = Math.abs(b - a);
    count++;
    peak = Math.max(peak, Math.abs(a));
    maxAbs = Math.max(maxAbs, diff);
    sumSq += diff * diff;
    if (band && a >= band.lo[i]! && a <= band.hi[i]!) inside++;
  }
  return {
    maxAbs,
    maxRel: peak > 0 ? maxAbs / peak : Number.NaN,
    rms: count > 0 ? Math.sqrt(sumSq / count) : Number.NaN,
    coverage: band && count > 0 ? inside / count : Number.NaN,
    points: count,
  };
}
