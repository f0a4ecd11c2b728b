/**
 * Error norm, PI step-size controller and initial step for embedded Runge–Kutta pairs
 * (Hairer, Nørsett & Wanner, Solving ODEs I, §II.4 and the `dopri5.f` driver; scipy `_ivp`).
 */

/** Absolute tolerance: one value for all components, or one per component. */
export type Atol = number | Float64Array;

function atolAt(atol: Atol, i: number): number {
  return typeof atol === 'number' ? atol : atol[i];
}

/**
 * RMS norm of err_i / (atol_i + rtol * max(|y_i|, |yNew_i|)); a step is accepted when <= 1.
 */
export function errorNorm(err: Float64Array, y: Float64Array, yNew: Float64Array, rtol: number, atol: Atol): number {
  const n = err.length;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const scale = atolAt(atol, i) + rtol * Math.max(Math.abs(y[i]), Math.abs(yNew[i]));
    const r = err[i] / scale;
    sum += r * r;
  }
  return n === 0 ? 0 : Math.sqrt(sum / n);
}

/** RMS norm of v_i / (atol_i + rtol |y_i|). */
export function scaledRms(v: Float64Array, y: Float64Array, rtol: number, atol: Atol): number {
  const n = v.length;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const r = v[i] / (atolAt(atol, i) + rtol * Math.abs(y[i]));
    sum += r * r;
  }
  return n === 0 ? 0 : Math.sqrt(sum / n);
}

export const SAFETY = 0.9;
export const MIN_FACTOR = 0.2;
export const MAX_FACTOR = 10;

/**
 * The PI controller of Hairer's `dopri5` (Gustafsson's form): after an accepted step
 *   factor = SAFETY * err^(-alpha) * errPrev^beta,  alpha = 1/(q+1) - 0.75 beta,
 * clamped to [MIN_FACTOR, MAX_FACTOR], q the estimator order, beta = 0.04 by default;
 * after a rejection factor = max(MIN_FACTOR, SAFETY * err^(-alpha)) and the step following a
 * rejection may not grow.
 */
export class PiController {
  private readonly alpha: number;
  private errPrev = 1e-4;
  private lastRejected = false;

  constructor(
    errorEstimatorOrder: number,
    private readonly beta = 0.04,
  ) {
    this.alpha = 1 / (errorEstimatorOrder + 1) - 0.75 * beta;
  }

  /** Factor for the next step after accepting a step of error norm `err` (<= 1). */
  accept(err: number): number {
    let factor: number;
    if (err === 0) factor = MAX_FACTOR;
    else factor = SAFETY * Math.pow(err, -this.alpha) * Math.pow(this.errPrev, this.beta);
    factor = Math.min(MAX_FACTOR, Math.max(MIN_FACTOR, factor));
    if (this.lastRejected) factor = Math.min(1, factor);
    this.errPrev = Math.max(err, 1e-4);
    this.lastRejected = false;
    return factor;
  }

  /** Factor (< 1) for retrying after rejecting a step of error norm `err` (> 1 or not finite). */
  reject(err: number): number {
    this.lastRejected = true;
    if (!Number.isFinite(err)) return MIN_FACTOR;
    return Math.max(MIN_FACTOR, Math.min(1, SAFETY * Math.pow(err, -this.alpha)));
  }
}

/**
 * Initial step (Hairer, Nørsett & Wanner I, §II.4, "Starting step size"; scipy
 * `select_initial_step`). `f0` = f(t0, y0); costs one right-hand-side evaluation. Returns |h|.
 */
export function initialStep(
  rhs: (t: number, y: Float64Array, dydt: Float64Array) => void,
  t0: number,
  y0: Float64Array,
  f0: Float64Array,
  direction: number,
  errorEstimatorOrder: number,
  rtol: number,
  atol: Atol,
  intervalLength: number,
  work: { y1: Float64Array; f1: Float64Array },
): number {
  const n = y0.length;
  if (n === 0) return intervalLength;
  const d0 = scaledRms(y0, y0, rtol, atol);
  const d1 = scaledRms(f0, y0, rtol, atol);
  let h0 = d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : (0.01 * d0) / d1;
  h0 = Math.min(h0, intervalLength);
  const { y1, f1 } = work;
  for (let i = 0; i < n; i++) y1[i] = y0[i] + h0 * direction * f0[i];
  rhs(t0 + h0 * direction, y1, f1);
  for (let i = 0; i < n; i++) y1[i] = f1[i] - f0[i];
  const d2 = scaledRms(y1, y0, rtol, atol) / h0;
  const h1 =
    d1 <= 1e-15 && d2 <= 1e-15
      ? Math.max(1e-6, h0 * 1e-3)
      : Math.pow(0.01 / Math.max(d1, d2), 1 / (errorEstimatorOrder + 1));
  return Math.min(100 * h0, h1, intervalLength);
}
