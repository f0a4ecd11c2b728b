/**
 * Clamped B-splines of degree p on breakpoints x_0 < x_1 < ... < x_L (Cox–de Boor recursion in the
 * triangular form of Piegl & Tiller, "The NURBS Book", algorithms A2.1–A2.3). The knot vector
 * repeats x_0 and x_L p + 1 times; there are n = L + p functions, non-negative, summing to 1 on
 * [x_0, x_L], each of class C^(p-1), and at most p + 1 of them are non-zero at a point:
 * B_{i-p}, ..., B_i on [x_{i-p}, x_{i-p+1}) in breakpoint terms (see `valuesAt`).
 * Pure; `valuesAt` and `derivativesAt` allocate nothing.
 */

export class BSplineBasis {
  readonly breaks: Float64Array;
  readonly degree: number;
  /** Number of basis functions, L + p. */
  readonly size: number;
  /** The clamped knot vector (length L + 2p + 1). */
  readonly knots: Float64Array;
  private readonly left: Float64Array;
  private readonly right: Float64Array;
  private readonly low: Float64Array;
  private readonly scratch: Float64Array;

  constructor(breaks: ArrayLike<number>, degree: number) {
    if (!Number.isInteger(degree) || degree < 0 || degree > 20) throw new RangeError('B-spline: degree must be an integer in [0, 20]');
    const x = Float64Array.from(breaks);
    if (x.length < 2) throw new RangeError('B-spline: need at least two breakpoints');
    for (let i = 0; i + 1 < x.length; i++) {
      if (!(x[i + 1] > x[i]) || !Number.isFinite(x[i]) || !Number.isFinite(x[i + 1])) throw new RangeError('B-spline: breakpoints must be finite and strictly increasing');
    }
    const p = degree;
    const L = x.length - 1;
    this.breaks = x;
    this.degree = p;
    this.size = L + p;
    const U = new Float64Array(L + 2 * p + 1);
    for (let i = 0; i <= p; i++) {
      U[i] = x[0];
      U[L + p + i] = x[L];
    }
    for (let i = 1; i < L; i++) U[p + i] = x[i];
    this.knots = U;
    this.left = new Float64Array(p + 1);
    this.right = new Float64Array(p + 1);
    this.low = new Float64Array(p + 1);
    this.scratch = new Float64Array(p + 1);
  }

  /** The knot span i (p <= i <= L + p - 1) with U_i <= x < U_{i+1} (the last span includes x_L), or -1 outside. */
  span(x: number): number {
    const U = this.knots;
    const p = this.degree;
    const last = this.size - 1;
    if (!(x >= U[p] && x <= U[last + 1])) return -1;
    if (x === U[last + 1]) return last;
    let lo = p;
    let hi = last + 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (x >= U[mid]) lo = mid;
      else hi = mid;
    }
    return lo;
  }

  /**
   * Writes B_{f}(x), ..., B_{f+p}(x) into out[0..p] and returns f, the index of the first
   * possibly non-zero function; returns -1 (out unchanged) outside [x_0, x_L].
   */
  valuesAt(x: number, out: Float64Array): number {
    const i = this.span(x);
    if (i < 0) return -1;
    this.triangle(i, x, this.degree, out);
    return i - this.degree;
  }

  /**
   * Values (as `valuesAt`) and first derivatives B'_{f..f+p}(x) (one-sided from the right at
   * interior breakpoints, from the left at x_L); returns f or -1.
   */
  derivativesAt(x: number, values: Float64Array, derivatives: Float64Array): number {
    const i = this.span(x);
    if (i < 0) return -1;
    const p = this.degree;
    if (p === 0) {
      values[0] = 1;
      derivatives[0] = 0;
      return i;
    }
    const U = this.knots;
    const N = this.low;
    this.triangle(i, x, p - 1, N); // B_{i-p+1..i, p-1}
    // B'_{j,p} = p/(U_{j+p} - U_j) B_{j,p-1} - p/(U_{j+p+1} - U_{j+1}) B_{j+1,p-1}
    for (let r = 0; r <= p; r++) {
      const j = i - p + r;
      const a = r >= 1 ? N[r - 1] : 0; // B_{j,p-1}
      const b = r <= p - 1 ? N[r] : 0; // B_{j+1,p-1}
      const da = U[j + p] - U[j];
      const db = U[j + p + 1] - U[j + 1];
      derivatives[r] = (da > 0 ? (p * a) / da : 0) - (db > 0 ? (p * b) / db : 0);
    }
    this.triangle(i, x, p, values);
    return i - p;
  }

  /** sum_k coef[k] B_k(x) (0 outside [x_0, x_L]). */
  evaluate(coef: ArrayLike<number>, x: number): number {
    const out = this.scratch;
    const f = this.valuesAt(x, out);
    if (f < 0) return 0;
    let s = 0;
    for (let r = 0; r <= this.degree; r++) s += coef[f + r] * out[r];
    return s;
  }

  /** The degree-q functions B_{i-q..i, q}(x) on span i into out[0..q] (A2.2). */
  private triangle(i: number, x: number, q: number, out: Float64Array): void {
    const U = this.knots;
    const left = this.left;
    const right = this.right;
    out[0] = 1;
    for (let j = 1; j <= q; j++) {
      left[j] = x - U[i + 1 - j];
      right[j] = U[i + j] - x;
      let saved = 0;
      for (let r = 0; r < j; r++) {
        const temp = out[r] / (right[r + 1] + left[j - r]);
        out[r] = saved + right[r + 1] * temp;
        saved = left[j - r] * temp;
      }
      out[j] = saved;
    }
  }
}
