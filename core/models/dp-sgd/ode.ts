/**
 * Deterministic equivalents of one-pass DP-SGD on least squares (note §4.2; derivation and the
 * bounds in docs/theory/dp-sgd.md §2). Time t = k/n in [0, 1], aspect gb = d/n.
 *
 * Per-mode ODE, one equation per distinct eigenvalue lambda_j (weight w_j = multiplicity / d),
 * D_j = d E<theta - theta*, u_i>^2, E = excess risk:
 *
 *   dD_j/dt = -2 eta~(t) mu(P) lambda_j D_j + gb eta~(t)^2 lambda_j m2(P) + 2 gb^2 c^2 sigma~(t)^2,
 *   E = 1/2 sum_j w_j lambda_j D_j,   P = E + zeta^2 / 2,
 *
 * with the closed forms mu, m2 of ./clipping.ts at threshold k = c / sqrt(mean lambda). An extra
 * state Q(t) = int_0^t (1 - mu(P(s))) ds gives the clipped fraction averaged over each window.
 *
 * Bounding scalar ODEs (rigorous for the per-mode ODE by scalar comparison; equal to it when all
 * lambda_j are equal): with L1 = mean lambda, L2 = mean lambda^2 and lambda_b = lambda_max (lower
 * bound) or lambda_min (upper bound),
 *
 *   dE_b/dt = -2 eta~ mu(E_b + zeta^2/2) lambda_b E_b + gb eta~^2 L2 m2(E_b + zeta^2/2) / 2 + gb^2 c^2 sigma~^2 L1.
 */
import type { OdeStatus } from '../../numerics/ode/solve.js';
import { type RunHooks, gridSolve, solveTheory } from '../kit/index.js';
import { clipDrift, clipSecondMoment } from './clipping.js';

export interface DpTheoryInput {
  /** Distinct eigenvalues. */
  lambda: Float64Array;
  /** multiplicity / d (sum 1). */
  weight: Float64Array;
  /** Aspect ratio d / n. */
  aspect: number;
  /** Label-noise standard deviation zeta. */
  zeta: number;
  /** Initial D_j (1 + init^2 for theta* ~ N(0, I/d), theta_0 ~ N(0, init^2 I/d)). */
  d0: number;
  /** Clipping threshold on the residual, c / sqrt(mean lambda); Infinity = no clipping. */
  threshold: number;
  /** c of C = c sqrt(d): scales the privacy noise. */
  c: number;
  /** eta~(t). */
  lr: (t: number) => number;
  /** sigma~(t) (absolute, scale included). */
  sigma: (t: number) => number;
}

export interface SolverSettings {
  rtol: number;
  atol: number;
  maxSteps: number;
}

export const DP_SOLVER: SolverSettings = { rtol: 1e-10, atol: 1e-14, maxSteps: 2_000_000 };

export interface SolverInfo extends SolverSettings {
  method: 'dopri5';
  status: OdeStatus;
  nfev: number;
  naccepted: number;
  nrejected: number;
}

export interface TheoryHooks extends RunHooks {
  solver?: Partial<SolverSettings>;
}

export interface PerModeOutput {
  /** Excess risk E(t) at each time (NaN past an early stop). */
  excess: Float64Array;
  /** Clipped fraction averaged over (t_{j-1}, t_j]; entry 0 is the instantaneous value at t = 0. */
  clipWindow: Float64Array;
  solver: SolverInfo;
}

function info(settings: SolverSettings, sol: { status: OdeStatus; nfev: number; naccepted: number; nrejected: number }): SolverInfo {
  return { method: 'dopri5', ...settings, status: sol.status, nfev: sol.nfev, naccepted: sol.naccepted, nrejected: sol.nrejected };
}

/** Solves the per-mode ODE on `times` (ascending, from t = 0). */
export function dpPerModeTheory(input: DpTheoryInput, times: Float64Array, hooks: TheoryHooks = {}): PerModeOutput {
  const { lambda, weight, aspect: gb, zeta, threshold: k, c, lr, sigma } = input;
  const m = lambda.length;
  const wl = new Float64Array(m);
  for (let j = 0; j < m; j++) wl[j] = 0.5 * weight[j] * lambda[j];
  const half2 = 0.5 * zeta * zeta;
  const privacyCoef = 2 * gb * gb * c * c;
  const excessOf = (y: Float64Array): number => {
    let s = 0;
    for (let j = 0; j < m; j++) s += wl[j] * y[j];
    return s;
  };
  const rhs = (t: number, y: Float64Array, dy: Float64Array): void => {
    const P = excessOf(y) + half2;
    const mu = clipDrift(P, k);
    const m2 = clipSecondMoment(P, k);
    const eta = lr(t);
    const sg = sigma(t);
    const a = -2 * eta * mu;
    const b = gb * eta * eta * m2;
    const cst = privacyCoef * sg * sg;
    for (let j = 0; j < m; j++) dy[j] = lambda[j] * (a * y[j] + b) + cst;
    dy[m] = 1 - mu;
  };
  const y0 = new Float64Array(m + 1);
  y0.fill(input.d0, 0, m);
  const settings = { ...DP_SOLVER, ...hooks.solver };
  const excess = new Float64Array(times.length).fill(Number.NaN);
  const clipWindow = new Float64Array(times.length).fill(Number.NaN);
  let prevQ = 0;
  let prevT = 0;
  const sol = solveTheory(
    gridSolve(rhs, y0, times, settings, (i, t, y) => {
      excess[i] = excessOf(y);
      if (t > prevT) {
        clipWindow[i] = (y[m] - prevQ) / (t - prevT);
      } else {
        clipWindow[i] = 1 - clipDrift(excess[i] + half2, k);
      }
      prevQ = y[m];
      prevT = t;
    }),
    hooks,
  );
  return { excess, clipWindow, solver: info(settings, sol) };
}

export interface BoundOutput {
  excess: Float64Array;
  solver: SolverInfo;
}

/** The scalar bounding ODE with rate eigenvalue `lambdaRate` (lambda_max: lower bound; lambda_min: upper). */
export function dpBoundTheory(
  input: DpTheoryInput,
  lambdaRate: number,
  times: Float64Array,
  hooks: TheoryHooks = {},
): BoundOutput {
  const { lambda, weight, aspect: gb, zeta, threshold: k, c, lr, sigma } = input;
  let L1 = 0;
  let L2 = 0;
  let E0 = 0;
  for (let j = 0; j < lambda.length; j++) {
    L1 += weight[j] * lambda[j];
    L2 += weight[j] * lambda[j] * lambda[j];
    E0 += 0.5 * weight[j] * lambda[j] * input.d0;
  }
  const half2 = 0.5 * zeta * zeta;
  const noiseCoef = gb * gb * c * c * L1;
  const rhs = (t: number, y: Float64Array, dy: Float64Array): void => {
    const E = y[0];
    const P = E + half2;
    const eta = lr(t);
    const sg = sigma(t);
    dy[0] = -2 * eta * clipDrift(P, k) * lambdaRate * E + 0.5 * gb * eta * eta * L2 * clipSecondMoment(P, k) + noiseCoef * sg * sg;
  };
  const settings = { ...DP_SOLVER, ...hooks.solver };
  const excess = new Float64Array(times.length).fill(Number.NaN);
  const sol = solveTheory(
    gridSolve(rhs, [E0], times, settings, (i, _t, y) => {
      excess[i] = y[0];
    }),
    hooks,
  );
  return { excess, solver: info(settings, sol) };
}

/** Final excess risk E(1) of the per-mode ODE (for optimisation over c); NaN if the solver fails. */
export function dpFinalExcess(input: DpTheoryInput, hooks: TheoryHooks = {}): number {
  const out = dpPerModeTheory(input, Float64Array.of(1), { solver: { rtol: 1e-9, atol: 1e-13 }, ...hooks });
  return out.solver.status === 'success' ? out.excess[0] : Number.NaN;
}
