/**
 * Clamped B-splines of degree s on breakpoints b_0 < ... < b_K (knot vector with b_0 and b_K
 * repeated s + 1 times), n = K + s basis functions, evaluated with their first derivatives by the
 * Cox–de Boor recursion (Piegl & Tiller, The NURBS Book, A2.2, and the derivative identity
 * B'_{g,s} = s B_{g,s-1}/(t_{g+s} - t_g) - s B_{g+1,s-1}/(t_{g+s+1} - t_{g+1})).
 * Points outside [b_0, b_K] are clamped to the nearest end (constant extension, derivative 0), or
 * with `extrapolate` continue the end polynomial pieces.
 */

export class BSplineBasis {
  readonly degree: number;
  /** Breakpoints b_0 < ... < b_K. */
  readonly breaks: Float64Array;
  /** The clamped knot vector, length K + 2s + 1. */
  readonly knots: Float64Array;
  /** Number of basis functions, K + s. */
  readonly size: number;
  private readonly left: Float64Array;
  private readonly right: Float64Array;
  private readonly lower: Float64Array;
  private readonly vals: Float64Array;
  private readonly ders: Float64Array;

  /** Whether points outside [b_0, b_K] follow the end polynomial pieces instead of being clamped. */
  readonly extrapolate: boolean;

  constructor(breaks: ArrayLike<number>, degree: number, extrapolate = false) {
    this.extrapolate = extrapolate;
    const K = breaks.length - 1;
    if (K < 1) throw new RangeError('BSplineBasis: at least two breakpoints');
    if (!Number.isInteger(degree) || degree < 1) throw new RangeError('BSplineBasis: degree must be an integer >= 1');
    for (let k = 1; k <= K; k++) if (!(breaks[k] > breaks[k - 1])) throw new RangeError('BSplineBasis: breakpoints must increase strictly');
    this.degree = degree;
    this.breaks = Float64Array.from(breaks);
    const t = new Float64Array(K + 2 * degree + 1);
    for (let i = 0; i < t.length; i++) t[i] = this.breaks[Math.min(K, Math.max(0, i - degree))];
    this.knots = t;
    this.size = K + degree;
    this.left = new Float64Array(degree + 1);
    this.right = new Float64Array(degree + 1);
    this.lower = new Float64Array(degree + 1);
    this.vals = new Float64Array(degree + 1);
    this.ders = new Float64Array(degree + 1);
  }

  /** The spline sum_k coef[k] B_k(x). */
  value(coef: ArrayLike<number>, x: number): number {
    const v = this.vals;
    const first = this.evaluate(x, v);
    let s = 0;
    for (let r = 0; r <= this.degree; r++) s += coef[first + r] * v[r];
    return s;
  }

  /** The spline's derivative sum_k coef[k] B_k'(x). */
  derivative(coef: ArrayLike<number>, x: number): number {
    const first = this.evaluate(x, this.vals, this.ders);
    let s = 0;
    for (let r = 0; r <= this.degree; r++) s += coef[first + r] * this.ders[r];
    return s;
  }

  /** The interval k (0..K-1) holding x, with x clamped to [b_0, b_K]. */
  interval(x: number): number {
    const b = this.breaks;
    const K = b.length - 1;
    if (!(x > b[0])) return 0;
    if (x >= b[K - 1]) return K - 1;
    let lo = 0;
    let hi = K - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (x >= b[mid]) lo = mid;
      else hi = mid;
    }
    return lo;
  }

  /**
   * Writes the s + 1 basis functions that may be nonzero at x into values[0..s] (and their
   * derivatives into derivs[0..s] when given), from `offset` on; returns the index of the first of them. Outside
   * [b_0, b_K] the values are those at the nearer end and the derivatives are 0 (unless
   * `extrapolate`).
   */
  evaluate(x: number, values: Float64Array, derivs?: Float64Array, offset = 0): number {
    const s = this.degree;
    const t = this.knots;
    const b = this.breaks;
    const K = b.length - 1;
    const outside = !this.extrapolate && (x < b[0] || x > b[K]);
    const xc = this.extrapolate ? x : x < b[0] ? b[0] : x > b[K] ? b[K] : x;
    const k = this.interval(xc);
    const i = k + s; // knot span: t[i] <= xc < t[i + 1]
    const { left, right, lower } = this;
    // Degree s - 1 first (A2.2), kept for the derivative, then one more step.
    lower[0] = 1;
    for (let j = 1; j < s; j++) {
      left[j] = xc - t[i + 1 - j];
      right[j] = t[i + j] - xc;
      let saved = 0;
      for (let r = 0; r < j; r++) {
        const tmp = lower[r] / (right[r + 1] + left[j - r]);
        lower[r] = saved + right[r + 1] * tmp;
        saved = left[j - r] * tmp;
      }
      lower[j] = saved;
    }
    // lower[r] = B_{i-s+1+r, s-1}(xc), r = 0..s-1.
    for (let r = 0; r <= s; r++) {
      const g = i - s + r;
      const a = r >= 1 ? lower[r - 1] : 0; // B_{g, s-1}
      const c = r <= s - 1 ? lower[r] : 0; // B_{g+1, s-1}
      const d0 = t[g + s] - t[g];
      const d1 = t[g + s + 1] - t[g + 1];
      const wa = d0 > 0 ? a / d0 : 0;
      const wc = d1 > 0 ? c / d1 : 0;
      values[offset + r] = (xc - t[g]) * wa + (t[g + s + 1] - xc) * wc;
      if (derivs) derivs[offset + r] = outside ? 0 : s * (wa - wc);
    }
    return i - s;
  }
}

/**
 * K + 1 breakpoints at the empirical quantiles k/K of `sorted` (ascending), or uniform between
 * its ends; coinciding breakpoints are dropped, so the result may have fewer intervals.
 */
export function breakpoints(sorted: Float64Array, K: number, placement: 'quantile' | 'uniform'): Float64Array {
  const n = sorted.length;
  const lo = sorted[0];
  const hi = sorted[n - 1];
  const out: number[] = [];
  for (let k = 0; k <= K; k++) {
    let v: number;
    if (k === 0) v = lo;
    else if (k === K) v = hi;
    else if (placement === 'uniform') v = lo + ((hi - lo) * k) / K;
    else {
      const pos = (k / K) * (n - 1);
      const f = Math.floor(pos);
      const frac = pos - f;
      v = frac === 0 ? sorted[f] : sorted[f] + frac * (sorted[Math.min(n - 1, f + 1)] - sorted[f]);
    }
    if (out.length === 0 || v > out[out.length - 1]) out.push(v);
  }
  if (out.length < 2) throw new RangeError('breakpoints: the sample has a single value');
  return Float64Array.from(out);
}
