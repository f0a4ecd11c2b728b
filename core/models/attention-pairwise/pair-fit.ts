/**
 * The linear half of the estimator (note §2.3 step 1): for a fixed bilinear form, the pair
 * variables u_ij = X_i^T A X_j of every sample and the least-squares B-spline phi on them,
 *
 *   Psi_{(m,i),k} = (1/(N-1)) sum_{j != i} B_k(u^m_ij),   c = argmin |Psi c - Y|^2,
 *
 * through the normal equations Psi^T Psi c = Psi^T Y. A row of Psi has at most (N-1)(s+1)
 * nonzeros, so the normal matrix is accumulated over those only.
 */
import { type RunHooks, checkpoint } from '../kit/index.js';
import { BSplineBasis, clampToRange, sampleBreakpoints } from './spline-basis.js';
import { choleskySolve, factorWithRidge } from './linalg.js';
import type { Samples } from './tokens.js';
import type { LowRank } from './truth.js';

/** a_t = P^T X_{from + t} and b_t = Q^T X_{from + t} for t = 0..count-1 (count x r, row-major). */
export function project(A: LowRank, X: Float64Array, count: number, a: Float64Array, b: Float64Array, from = 0): void {
  const { d, r, P, Q } = A;
  for (let t = 0; t < count; t++) {
    const base = (from + t) * d;
    for (let k = 0; k < r; k++) {
      let sa = 0;
      let sb = 0;
      for (let c = 0; c < d; c++) {
        const x = X[base + c];
        sa += x * P[c * r + k];
        sb += x * Q[c * r + k];
      }
      a[t * r + k] = sa;
      b[t * r + k] = sb;
    }
  }
}

/** u[(m N + i)(N - 1) + jj] = a_{mN+i} . b_{mN+j}, jj running over j != i in order. */
export function pairValues(M: number, N: number, r: number, a: Float64Array, b: Float64Array, u: Float64Array): void {
  let at = 0;
  for (let m = 0; m < M; m++) {
    for (let i = 0; i < N; i++) {
      const ti = m * N + i;
      for (let j = 0; j < N; j++) {
        if (j === i) continue;
        const tj = m * N + j;
        let s = 0;
        for (let k = 0; k < r; k++) s += a[ti * r + k] * b[tj * r + k];
        u[at++] = s;
      }
    }
  }
}

export interface SplineSettings {
  /** Number of intervals K (fewer if quantiles coincide). */
  intervals: number;
  degree: number;
  knots: 'quantile' | 'uniform';
}

export interface SplineFit {
  basis: BSplineBasis;
  coef: Float64Array;
  /** Fitted outputs (Psi c), one per token. */
  fitted: Float64Array;
  /** Residual sum of squares |Psi c - Y|^2. */
  rss: number;
  /** Cholesky factor of the normal matrix Psi^T Psi (with `ridge` added to its diagonal). */
  factor: Float64Array;
  ridge: number;
  /**
   * Per pair: the first basis function that may be nonzero, and the s + 1 values and derivatives
   * from it (with u clamped to the breakpoint range; derivative 0 outside it).
   */
  first: Int32Array;
  values: Float64Array;
  derivs: Float64Array;
}

/** Pair values used to place quantile breakpoints: at most this many, evenly strided (plus the exact extremes). */
const QUANTILE_SAMPLE = 32768;

/**
 * Breakpoints for the pair values `u`: K + 1 at the empirical quantiles of an evenly strided
 * subsample of at most 32768 values (the first and last at the exact minimum and maximum of u),
 * or uniform over [min u, max u].
 */
export function pairBreakpoints(u: Float64Array, settings: SplineSettings): Float64Array {
  const stride = Math.max(1, Math.ceil(u.length / QUANTILE_SAMPLE));
  const sample = new Float64Array(Math.ceil(u.length / stride) + 2);
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of u) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  let n = 0;
  for (let k = 0; k < u.length; k += stride) sample[n++] = u[k];
  sample[n++] = lo;
  sample[n++] = hi;
  return sampleBreakpoints(sample.subarray(0, n).sort(), settings.intervals, settings.knots);
}

/**
 * The least-squares B-spline phi on the pair variables `u` of `data`, on the given breakpoints or
 * on breakpoints placed from u. Checkpoints every few thousand rows at progress `at`.
 */
export function fitSpline(data: Samples, u: Float64Array, settings: SplineSettings, hooks: RunHooks, at: number, breaks?: Float64Array): SplineFit {
  const { M, N, Y } = data;
  const rows = M * N;
  const basis = new BSplineBasis(breaks ?? pairBreakpoints(u, settings), settings.degree);
  const n = basis.size;
  const s1 = basis.degree + 1;
  const pairs = u.length;
  const first = new Int32Array(pairs);
  const values = new Float64Array(pairs * s1);
  const derivs = new Float64Array(pairs * s1);
  const vals = new Float64Array(s1);
  const ders = new Float64Array(s1);
  for (let q = 0; q < pairs; q++) {
    if ((q & 16383) === 0) checkpoint(hooks, at);
    const x = clampToRange(basis, u[q]);
    first[q] = basis.derivativesAt(x, vals, ders);
    const inside = x === u[q];
    for (let r = 0; r < s1; r++) {
      values[q * s1 + r] = vals[r];
      derivs[q * s1 + r] = inside ? ders[r] : 0;
    }
  }
  const gram = new Float64Array(n * n);
  const rhs = new Float64Array(n);
  const row = new SparseRow(n);
  const w = 1 / (N - 1);
  for (let t = 0; t < rows; t++) {
    if ((t & 4095) === 0) checkpoint(hooks, at);
    designRow(t, N, s1, w, first, values, row);
    const y = Y[t];
    for (let p = 0; p < row.count; p++) {
      const kp = row.touched[p];
      const vp = row.value[kp];
      rhs[kp] += vp * y;
      for (let q = 0; q < row.count; q++) {
        const kq = row.touched[q];
        gram[kp * n + kq] += vp * row.value[kq];
      }
    }
  }
  const factor = new Float64Array(n * n);
  const ridge = factorWithRidge(gram, n, factor);
  if (!Number.isFinite(ridge)) throw new Error('the B-spline normal matrix is not positive definite');
  const coef = rhs.slice();
  choleskySolve(factor, n, coef);
  const fitted = new Float64Array(rows);
  let rss = 0;
  for (let t = 0; t < rows; t++) {
    let f = 0;
    for (let q = t * (N - 1); q < (t + 1) * (N - 1); q++) {
      const k0 = first[q];
      for (let r = 0; r < s1; r++) f += coef[k0 + r] * values[q * s1 + r];
    }
    f *= w;
    fitted[t] = f;
    rss += (f - Y[t]) ** 2;
  }
  return { basis, coef, fitted, rss, factor, ridge, first, values, derivs };
}

/** Scratch buffers of one row of Psi: its nonzero entries and where they are. */
class SparseRow {
  readonly value: Float64Array;
  readonly touched: Int32Array;
  count = 0;
  private readonly mark: Uint8Array;
  constructor(n: number) {
    this.value = new Float64Array(n);
    this.touched = new Int32Array(n);
    this.mark = new Uint8Array(n);
  }
  add(k: number, v: number): void {
    if (this.mark[k] === 0) {
      this.mark[k] = 1;
      this.touched[this.count++] = k;
    }
    this.value[k] += v;
  }
  clear(): void {
    for (let q = 0; q < this.count; q++) {
      const k = this.touched[q];
      this.value[k] = 0;
      this.mark[k] = 0;
    }
    this.count = 0;
  }
}

/** Fills `row` with the row t of Psi from the cached basis values. */
function designRow(t: number, N: number, s1: number, w: number, first: Int32Array, values: Float64Array, row: SparseRow): void {
  row.clear();
  for (let q = t * (N - 1); q < (t + 1) * (N - 1); q++) {
    const k0 = first[q];
    for (let r = 0; r < s1; r++) row.add(k0 + r, w * values[q * s1 + r]);
  }
}
