/**
 * An explicit embedded Runge–Kutta pair as data (the layout of scipy's `_ivp/rk.py` and diffrax's
 * `ButcherTableau`): one generic stepper (./rk-step.ts) runs any tableau of this shape.
 */
export interface ExplicitRkTableau {
  readonly name: string;
  /** Order of the propagated solution (local extrapolation: the higher-order one is kept). */
  readonly order: number;
  /** Order of the embedded error estimator (sets the step-control exponents). */
  readonly errorEstimatorOrder: number;
  /** Number of stages s of the step proper. */
  readonly stages: number;
  /** Nodes c[0..s-1]. */
  readonly c: readonly number[];
  /** Strictly lower-triangular coefficients: a[i] has i entries (a[0] is empty). */
  readonly a: readonly (readonly number[])[];
  /** Weights of the propagated solution, length s. */
  readonly b: readonly number[];
  /**
   * Error weights b - b_hat. Length s + 1 when the estimator uses the FSAL stage
   * k_{s} = f(t + h, y_new) (which is then also the first stage of the next step).
   */
  readonly e: readonly number[];
  /** First same as last: k_s = f(t + h, y_new) is evaluated and reused. */
  readonly fsal: boolean;
  /**
   * Dense output: y(t + theta h) = y + h * sum_j k_j * sum_m p[j][m] theta^(m+1), with
   * rows j = 0..s (including the FSAL stage).
   */
  readonly interpolant: { readonly p: readonly (readonly number[])[] };
}
