/**
 * The normal equations of the least-squares estimator (arXiv:2311.16852 §1.3 of the note):
 *
 *   A_ab = (1/(M N)) sum_m <R_psi_a[X^m], R_psi_b[X^m]>,   b_a = (1/(M N)) sum_m <R_psi_a[X^m], Y^m>,
 *
 * accumulated one sample at a time. R_psi_a[X]_i = sum_{j != i} psi_a(r_ij) v_ij (./forward.ts) is
 * non-zero only for the s + 1 functions of the interval holding r_ij, so particle i touches at most
 * (N - 1)(s + 1) functions and costs O(((N - 1)(s + 1))^2 d). No allocation per sample.
 */
import type { PiecewisePolynomialBasis } from '../../numerics/splines/index.js';
import { pairFactor } from './forward.js';
import type { Form } from './params.js';

export class NormalEquations {
  readonly n: number;
  /** Upper triangle accumulated; `finish` mirrors and normalises. */
  readonly A: Float64Array;
  readonly b: Float64Array;
  samples = 0;
  private readonly rows: Float64Array;
  private readonly stamp: Int32Array;
  private readonly touched: Int32Array;
  private readonly values: Float64Array;
  private readonly v: Float64Array;
  private round = 0;

  constructor(
    private readonly basis: PiecewisePolynomialBasis,
    private readonly form: Form,
    private readonly N: number,
    private readonly d: number,
  ) {
    const n = basis.size;
    this.n = n;
    this.A = new Float64Array(n * n);
    this.b = new Float64Array(n);
    this.rows = new Float64Array(n * d);
    this.stamp = new Int32Array(n).fill(-1);
    this.touched = new Int32Array(n);
    this.values = new Float64Array(basis.perInterval);
    this.v = new Float64Array(d);
  }

  /** Adds one sample: particles x and observations y (N d values each, particle-major). */
  add(x: Float64Array, y: Float64Array): void {
    const { N, d, basis, rows, stamp, touched, values, v, A, b, n, form } = this;
    const m = basis.perInterval;
    for (let i = 0; i < N; i++) {
      const round = this.round++;
      let count = 0;
      for (let j = 0; j < N; j++) {
        if (j === i) continue;
        let r2 = 0;
        for (let a = 0; a < d; a++) {
          const u = x[j * d + a] - x[i * d + a];
          v[a] = u;
          r2 += u * u;
        }
        const r = Math.sqrt(r2);
        const c = pairFactor(form, N, r);
        if (c === 0) continue;
        const k = basis.valuesAt(r, values);
        if (k < 0) continue;
        for (let q = 0; q < m; q++) {
          const idx = k * m + q;
          if (stamp[idx] !== round) {
            stamp[idx] = round;
            touched[count++] = idx;
            for (let a = 0; a < d; a++) rows[idx * d + a] = 0;
          }
          const f = values[q] * c;
          for (let a = 0; a < d; a++) rows[idx * d + a] += f * v[a];
        }
      }
      for (let p = 0; p < count; p++) {
        const ip = touched[p];
        let by = 0;
        for (let a = 0; a < d; a++) by += rows[ip * d + a] * y[i * d + a];
        b[ip] += by;
        for (let q = p; q < count; q++) {
          const iq = touched[q];
          let s = 0;
          for (let a = 0; a < d; a++) s += rows[ip * d + a] * rows[iq * d + a];
          if (ip <= iq) A[ip * n + iq] += s;
          else A[iq * n + ip] += s;
        }
      }
      if (this.round > 2_000_000_000) {
        stamp.fill(-1);
        this.round = 0;
      }
    }
    this.samples++;
  }

  /** The normalised, symmetric A and b (copies), after all samples were added. */
  finish(): { A: Float64Array; b: Float64Array } {
    const { n } = this;
    const scale = 1 / (this.samples * this.N);
    const A = new Float64Array(n * n);
    const b = new Float64Array(n);
    for (let p = 0; p < n; p++) {
      b[p] = this.b[p] * scale;
      for (let q = p; q < n; q++) {
        const s = this.A[p * n + q] * scale;
        A[p * n + q] = s;
        A[q * n + p] = s;
      }
    }
    return { A, b };
  }
}
