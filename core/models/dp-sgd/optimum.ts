/**
 * The clipping constant c* that minimises the final excess risk E(1) of the per-mode ODE, other
 * parameters fixed (the "aggressive clipping" optimum, note §6 A9). A scan of E(1) on a log grid
 * of c locates the best grid point; golden-section search on log c between its neighbours then
 * refines it. When the best grid point is the largest c scanned, E(1) still decreases at the end
 * of the scan (e.g. without privacy noise clipping less is always better) and no interior optimum
 * is reported; likewise at the smallest c, or when E(1) at an end of the scan is within a relative
 * 1e-6 of the best value (a plateau at the solver's tolerance).
 */
import type { DpTheoryInput } from './ode.js';
import { dpFinalExcess } from './ode.js';

/** Relative drop below both ends of the scan required for an interior optimum. */
const FLAT = 1e-6;

export interface ClipOptimum {
  cStar: number;
  excess: number;
}

export interface OptimumOptions {
  cMin?: number;
  cMax?: number;
  /** Grid points of the scan (log-spaced). */
  points?: number;
  /** Relative tolerance on c*. */
  tol?: number;
  isCancelled?: () => boolean;
}

export function optimalClip(inputFor: (c: number) => DpTheoryInput, options: OptimumOptions = {}): ClipOptimum | undefined {
  const cMin = options.cMin ?? 1e-3;
  const cMax = options.cMax ?? 100;
  const points = options.points ?? 36;
  const tol = options.tol ?? 1e-5;
  const f = (logC: number): number => {
    const v = dpFinalExcess(inputFor(Math.exp(logC)), { isCancelled: options.isCancelled });
    return Number.isFinite(v) ? v : Number.POSITIVE_INFINITY;
  };
  const lo = Math.log(cMin);
  const hi = Math.log(cMax);
  const xs = new Float64Array(points);
  const fs = new Float64Array(points);
  let best = 0;
  for (let i = 0; i < points; i++) {
    xs[i] = lo + ((hi - lo) * i) / (points - 1);
    fs[i] = f(xs[i]);
    if (fs[i] < fs[best]) best = i;
  }
  if (best === 0 || best === points - 1 || !Number.isFinite(fs[best])) return undefined;
  // A plateau (E(1) flat in c up to the solver tolerance at either end) is not an interior optimum.
  const margin = FLAT * Math.abs(fs[best]);
  if (!(fs[0] - fs[best] > margin) || !(fs[points - 1] - fs[best] > margin)) return undefined;
  // Golden-section search on [xs[best-1], xs[best+1]] (log c).
  const g = (Math.sqrt(5) - 1) / 2;
  let a = xs[best - 1];
  let b = xs[best + 1];
  let x1 = b - g * (b - a);
  let x2 = a + g * (b - a);
  let f1 = f(x1);
  let f2 = f(x2);
  while (b - a > tol) {
    if (f1 <= f2) {
      b = x2;
      x2 = x1;
      f2 = f1;
      x1 = b - g * (b - a);
      f1 = f(x1);
    } else {
      a = x1;
      x1 = x2;
      f1 = f2;
      x2 = a + g * (b - a);
      f2 = f(x2);
    }
  }
  const x = f1 <= f2 ? x1 : x2;
  return { cStar: Math.exp(x), excess: Math.min(f1, f2) };
}
