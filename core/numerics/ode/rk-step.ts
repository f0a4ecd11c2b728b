/**
 * One generic explicit embedded Runge–Kutta step on preallocated Float64Arrays.
 *
 * Protocol: before `step`, `k[0]` holds f(t, y). `step` fills the stages, y_new and the error
 * estimate err = h * sum_j e_j k_j; for FSAL tableaux it also leaves f(t + h, y_new) in `k[s]`.
 * After an accepted step call `acceptFsal()` so that `k[0]` becomes the new f(t, y). `attempt` is
 * `step` followed by the error norm, the form the driver uses; DOPRI5 itself has a specialised
 * stepper with the same protocol (./dopri5-step.ts).
 */
import type { OdeRhs } from './rhs.js';
import { type Atol, errorNorm } from './step-control.js';
import type { ExplicitRkTableau } from './tableau.js';

/** What the adaptive driver (./solve.ts) needs of a stepper. */
export interface AdaptiveRkStepper {
  /** Stage derivatives; k[0] = f(t, y) before a step, read by the dense output after it. */
  readonly k: Float64Array[];
  /** Number of right-hand-side evaluations one attempt costs. */
  readonly evaluationsPerStep: number;
  /**
   * Takes the step (t, y) -> (t + h, yNew) and returns the error norm of ./step-control.ts
   * (`errorNorm`) of its embedded estimate.
   */
  attempt(rhs: OdeRhs, t: number, y: Float64Array, h: number, yNew: Float64Array, rtol: number, atol: Atol): number;
  /** After an accepted step of an FSAL pair: the last stage becomes the first. */
  acceptFsal(): void;
}

export class EmbeddedRkStepper implements AdaptiveRkStepper {
  /** Stage derivatives k[0..s] (k[s] only for FSAL tableaux). */
  readonly k: Float64Array[];
  private readonly ytmp: Float64Array;
  private readonly coefs = new Float64Array(16);
  private readonly arrays: Float64Array[] = [];
  private err: Float64Array | undefined;

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
    const ytmp = this.ytmp;
    for (let i = 1; i < stages; i++) {
      combine(ytmp, y, h, a[i], k, this.coefs, this.arrays);
      rhs(t + c[i] * h, ytmp, k[i]);
    }
    combine(yNew, y, h, b, k, this.coefs, this.arrays);
    if (fsal) rhs(t + h, yNew, k[stages]);
    if (err) combine(err, undefined, h, e, k, this.coefs, this.arrays);
  }

  /** `step` with the error estimate, reduced to its norm (`errorNorm`). */
  attempt(rhs: OdeRhs, t: number, y: Float64Array, h: number, yNew: Float64Array, rtol: number, atol: Atol): number {
    this.err ??= new Float64Array(this.dim);
    this.step(rhs, t, y, h, yNew, this.err);
    return errorNorm(this.err, y, yNew, rtol, atol);
  }

  /** After an accepted FSAL step: the last stage becomes the first (arrays are swapped, not copied). */
  acceptFsal(): void {
    const s = this.tableau.stages;
    const first = this.k[0];
    this.k[0] = this.k[s];
    this.k[s] = first;
  }
}

/**
 * out = base + h sum_j w_j k_j (base optional: 0), in one pass over the components for up to
 * four nonzero terms at a time (the memory traffic, not the flops, bounds these loops).
 */
function combine(
  out: Float64Array,
  base: Float64Array | undefined,
  h: number,
  w: readonly number[],
  k: readonly Float64Array[],
  coefs: Float64Array,
  arrays: Float64Array[],
): void {
  let count = 0;
  for (let j = 0; j < w.length; j++) {
    if (w[j] === 0) continue;
    coefs[count] = h * w[j];
    arrays[count] = k[j];
    count++;
  }
  const n = out.length;
  let first = true;
  for (let start = 0; start < count || first; start += 4) {
    const left = Math.max(0, Math.min(4, count - start));
    const src = first ? base : out;
    const c0 = coefs[start];
    const c1 = coefs[start + 1];
    const c2 = coefs[start + 2];
    const c3 = coefs[start + 3];
    const k0 = arrays[start];
    const k1 = arrays[start + 1];
    const k2 = arrays[start + 2];
    const k3 = arrays[start + 3];
    if (src === undefined) {
      if (left === 0) out.fill(0);
      else if (left === 1) for (let m = 0; m < n; m++) out[m] = c0 * k0[m];
      else if (left === 2) for (let m = 0; m < n; m++) out[m] = c0 * k0[m] + c1 * k1[m];
      else if (left === 3) for (let m = 0; m < n; m++) out[m] = c0 * k0[m] + c1 * k1[m] + c2 * k2[m];
      else for (let m = 0; m < n; m++) out[m] = c0 * k0[m] + c1 * k1[m] + c2 * k2[m] + c3 * k3[m];
    } else {
      if (left === 0) {
        if (src !== out) out.set(src);
      } else if (left === 1) for (let m = 0; m < n; m++) out[m] = src[m] + c0 * k0[m];
      else if (left === 2) for (let m = 0; m < n; m++) out[m] = src[m] + c0 * k0[m] + c1 * k1[m];
      else if (left === 3) for (let m = 0; m < n; m++) out[m] = src[m] + c0 * k0[m] + c1 * k1[m] + c2 * k2[m];
      else for (let m = 0; m < n; m++) out[m] = src[m] + c0 * k0[m] + c1 * k1[m] + c2 * k2[m] + c3 * k3[m];
    }
    first = false;
  }
}
