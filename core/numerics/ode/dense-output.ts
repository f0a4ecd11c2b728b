/**
 * Continuous extension of an accepted Runge–Kutta step (Shampine 1986 / Hairer `contd5` form):
 *   y(t_old + theta h) = y_old + h * sum_j k_j * Q_j(theta),  Q_j(theta) = sum_m p[j][m] theta^(m+1),
 * with the stage derivatives k_j of the step (including the FSAL stage f(t_new, y_new)).
 * At theta = 1 it reproduces y_new up to rounding (Q_j(1) = b_j, Q_s(1) = 0).
 */
import type { ExplicitRkTableau } from './tableau.js';

export class DenseOutput {
  private readonly q: Float64Array;

  constructor(
    private readonly tableau: ExplicitRkTableau,
    private readonly dim: number,
  ) {
    this.q = new Float64Array(tableau.interpolant.p.length);
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
    out.set(yOld);
    for (let j = 0; j < p.length; j++) {
      const coef = q[j];
      if (coef === 0) continue;
      const kj = k[j];
      for (let m = 0; m < n; m++) out[m] += coef * kj[m];
    }
  }
}
