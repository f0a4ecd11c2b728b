/**
 * How the kind evaluates B-splines (core/numerics/splines): the estimate phi_hat is extended
 * constantly outside its breakpoint range [b_0, b_K] (the value at the nearer end, derivative 0),
 * and a planted random-spline phi* continues its end polynomial pieces there, so that it keeps
 * its smoothness on the whole line.
 */
import { BSplineBasis, quantileKnots, uniformKnots } from '../../numerics/splines/index.js';
import { quantileSorted } from '../../numerics/quantile.js';

export { BSplineBasis } from '../../numerics/splines/index.js';

/** x clamped to the breakpoint range of `basis`. */
export function clampToRange(basis: BSplineBasis, x: number): number {
  const b = basis.breaks;
  const lo = b[0]!;
  const hi = b[b.length - 1]!;
  return x < lo ? lo : x > hi ? hi : x;
}

/** phi_hat(x) = sum_k coef_k B_k(x) with x clamped to the breakpoint range. */
export function clampedValue(basis: BSplineBasis, coef: ArrayLike<number>, x: number): number {
  return basis.evaluate(coef, clampToRange(basis, x));
}

/**
 * Breakpoints for a sample (ascending): K + 1 at its empirical quantiles k/K (type 7), or uniform
 * between its ends.
 */
export function sampleBreakpoints(sorted: Float64Array, K: number, placement: 'quantile' | 'uniform'): Float64Array {
  const lo = sorted[0]!;
  const hi = sorted[sorted.length - 1]!;
  return placement === 'uniform' ? uniformKnots(K, lo, hi) : quantileKnots(K, (q) => quantileSorted(sorted, q), lo, hi);
}

/**
 * A spline on the whole line: sum_k coef_k B_k inside [b_0, b_K], and outside the polynomial of
 * the end interval, continued by barycentric Lagrange interpolation through its values at the
 * s + 1 Chebyshev points of that interval (exact for a polynomial of degree s up to rounding).
 */
export class ContinuedSpline {
  private readonly basis: BSplineBasis;
  private readonly coef: Float64Array;
  private readonly ends: { nodes: Float64Array; values: Float64Array; weights: Float64Array }[];

  constructor(basis: BSplineBasis, coef: Float64Array) {
    this.basis = basis;
    this.coef = coef;
    const b = basis.breaks;
    const s = basis.degree;
    const K = b.length - 1;
    this.ends = [
      [b[0]!, b[1]!],
      [b[K - 1]!, b[K]!],
    ].map(([lo, hi]) => {
      const nodes = new Float64Array(s + 1);
      const weights = new Float64Array(s + 1);
      for (let k = 0; k <= s; k++) {
        nodes[k] = s === 0 ? (lo + hi) / 2 : (lo + hi) / 2 - ((hi - lo) / 2) * Math.cos((Math.PI * k) / s);
        weights[k] = (k % 2 === 0 ? 1 : -1) * (k === 0 || k === s ? 0.5 : 1);
      }
      const values = nodes.map((t) => basis.evaluate(coef, t));
      return { nodes, values, weights };
    });
  }

  value(x: number): number {
    const b = this.basis.breaks;
    if (x >= b[0]! && x <= b[b.length - 1]!) return this.basis.evaluate(this.coef, x);
    const { nodes, values, weights } = this.ends[x < b[0]! ? 0 : 1]!;
    let num = 0;
    let den = 0;
    for (let k = 0; k < nodes.length; k++) {
      const w = weights[k]! / (x - nodes[k]!);
      num += w * values[k]!;
      den += w;
    }
    return num / den;
  }
}
