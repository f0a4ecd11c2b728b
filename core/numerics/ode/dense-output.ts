/**
 * Continuous extension of an accepted Runge–Kutta step (Shampine 1986 / Hairer `contd5` form):
 *   y(t_old + theta h) = y_old + h * sum_j k_j * Q_j(theta),  Q_j(theta) = sum_m p[j][m] theta^(m+1),
 * with the stage derivatives k_j of the step (including the FSAL stage f(t_new, y_new)).
 * At theta = 1 it reproduces y_new up to rounding (Q_j(1) = b_j, Q_s(1) = 0).
 *
 * With an ODE workspace the sum runs in its comb kernels whenever y_old, the stages and the output
 * are the workspace's: the nonzero terms in the same order, up to four per pass, and each pass
 * continuing from the last, so the roundings are those of the loop here.
 */
import type { ExplicitRkTableau } from './tableau.js';
import type { OdeWorkspace } from './workspace.js';

export class DenseOutput {
  private readonly q: Float64Array;
  /** The nonzero terms of a WebAssembly evaluation: coefficients and the stages' byte offsets. */
  private readonly c: Float64Array;
  private readonly at: Int32Array;

  constructor(
    private readonly tableau: ExplicitRkTableau,
    private readonly dim: number,
    private readonly workspace: OdeWorkspace | null = null,
  ) {
    this.q = new Float64Array(tableau.interpolant.p.length);
    this.c = new Float64Array(this.q.length);
    this.at = new Int32Array(this.q.length);
  }

  /** Writes y(t_old + theta h) into `out` from the step's y_old, h and stages k. */
  evaluate(yOld: Float64Array, h: number, k: readonly Float64Array[], theta: number, out: Float64Array): void {
    const p = this.tableau.interpolant.p;
    const q = this.q;
    for (let j = 0; j < p.length; j++) {
      const row = p[j];
      let acc = 0;
      for (let m = row.length - 1; m >= 0; m--) acc = (acc + row[m]) * theta;
      q[j] = h * acc;
    }
    const n = this.dim;
    const ws = this.workspace;
    if (ws && ws.holds(out) && ws.holds(yOld) && k.every((kj) => ws.holds(kj))) {
      this.evaluateWasm(ws, yOld, k, out);
      return;
    }
    out.set(yOld);
    for (let j = 0; j < p.length; j++) {
      const coef = q[j];
      if (coef === 0) continue;
      const kj = k[j];
      for (let m = 0; m < n; m++) out[m] += coef * kj[m];
    }
  }

  /** out = yOld + sum_j q_j k_j over the nonzero q_j, in order, four terms per kernel pass at most. */
  private evaluateWasm(ws: OdeWorkspace, yOld: Float64Array, k: readonly Float64Array[], out: Float64Array): void {
    const q = this.q;
    const at = this.at;
    const c = this.c;
    const x = ws.kernels;
    const n = this.dim;
    let count = 0;
    for (let j = 0; j < q.length; j++) {
      if (q[j] === 0) continue;
      c[count] = q[j];
      at[count] = k[j].byteOffset;
      count++;
    }
    const o = out.byteOffset;
    let base = yOld.byteOffset;
    if (count === 0 && out !== yOld) out.set(yOld);
    for (let s = 0; s < count; s += 4) {
      const left = count - s;
      if (left === 1) x.comb1(o, base, at[s], n, c[s]);
      else if (left === 2) x.comb2(o, base, at[s], at[s + 1], n, c[s], c[s + 1]);
      else if (left === 3) x.comb3(o, base, at[s], at[s + 1], at[s + 2], n, c[s], c[s + 1], c[s + 2]);
      else x.comb4(o, base, at[s], at[s + 1], at[s + 2], at[s + 3], n, c[s], c[s + 1], c[s + 2], c[s + 3]);
      base = o;
    }
  }
}
