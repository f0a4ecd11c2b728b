/**
 * One generic explicit embedded Runge–Kutta step on preallocated Float64Arrays.
 *
 * Protocol: before `step`, `k[0]` holds f(t, y). `step` fills the stages, y_new and the error
 * estimate err = h * sum_j e_j k_j; for FSAL tableaux it also leaves f(t + h, y_new) in `k[s]`.
 * After an accepted step call `acceptFsal()` so that `k[0]` becomes the new f(t, y).
 */
import type { OdeRhs } from './rhs.js';
import type { ExplicitRkTableau } from './tableau.js';

export class EmbeddedRkStepper {
  /** Stage derivatives k[0..s] (k[s] only for FSAL tableaux). */
  readonly k: Float64Array[];
  private readonly ytmp: Float64Array;

  constructor(
    readonly tableau: ExplicitRkTableau,
    readonly dim: number,
  ) {
    const rows = tableau.fsal ? tableau.stages + 1 : tableau.stages;
    this.k = Array.from({ length: rows }, () => new Float64Array(dim));
    this.ytmp = new Float64Array(dim);
  }

  /** Number of right-hand-side evaluations one `step` costs. */
  get evaluationsPerStep(): number {
    return this.tableau.fsal ? this.tableau.stages : this.tableau.stages - 1;
  }

  /** Takes the step (t, y) -> (t + h, yNew); writes the error estimate into `err` if given. */
  step(rhs: OdeRhs, t: number, y: Float64Array, h: number, yNew: Float64Array, err?: Float64Array): void {
    const { a, b, c, e, stages, fsal } = this.tableau;
    const k = this.k;
    const n = this.dim;
    const ytmp = this.ytmp;
    for (let i = 1; i < stages; i++) {
      const row = a[i];
      ytmp.set(y);
      for (let j = 0; j < i; j++) {
        const coef = h * row[j];
        if (coef === 0) continue;
        const kj = k[j];
        for (let m = 0; m < n; m++) ytmp[m] += coef * kj[m];
      }
      rhs(t + c[i] * h, ytmp, k[i]);
    }
    yNew.set(y);
    for (let j = 0; j < stages; j++) {
      const coef = h * b[j];
      if (coef === 0) continue;
      const kj = k[j];
      for (let m = 0; m < n; m++) yNew[m] += coef * kj[m];
    }
    if (fsal) rhs(t + h, yNew, k[stages]);
    if (err) {
      err.fill(0);
      for (let j = 0; j < e.length; j++) {
        const coef = h * e[j];
        if (coef === 0) continue;
        const kj = k[j];
        for (let m = 0; m < n; m++) err[m] += coef * kj[m];
      }
    }
  }

  /** After an accepted FSAL step: the last stage becomes the first (arrays are swapped, not copied). */
  acceptFsal(): void {
    const s = this.tableau.stages;
    const first = this.k[0];
    this.k[0] = this.k[s];
    this.k[s] = first;
  }
}
