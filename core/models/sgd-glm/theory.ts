/**
 * Deterministic-equivalent risk curve of one-pass SGD on least squares (arXiv:2405.19585 eq. 8 with
 * label noise; arXiv:2308.08977 Thm 1.1), one ODE per distinct eigenvalue lambda_j of K:
 *
 *   dD_j/dt = -2 gamma_t lambda_j D_j + 2 gamma_t^2 lambda_j R(t),
 *   R(t)    = 1/2 ( sum_j w_j lambda_j D_j + omega^2 ),    w_j = multiplicity_j / d,
 *
 * where D_j = d E<theta_t - theta*, u_i>^2 for the eigenvectors u_i of lambda_j, so
 * D_j(0) = 1 + init^2 for theta* ~ N(0, I/d), theta_0 ~ N(0, init^2 I/d). R is the population
 * risk 1/2 E(<x, theta> - y)^2. Modes with equal lambda share D exactly, so the sums equal the sums
 * over all d eigenvalues. Integrated by DOPRI5 with dense output on the recording grid.
 */
import { CancelledError } from '../model-kind-errors.js';
import { solveOde, type OdeStatus } from '../../numerics/ode/solve.js';
import type { LrPolicy } from './lr-policies.js';

export interface LsTheoryInput {
  /** Distinct eigenvalues. */
  lambda: Float64Array;
  /** Their weights multiplicity / d (sum 1). */
  weight: Float64Array;
  /** Label-noise standard deviation. */
  omega: number;
  /** Initial D_j, one value for all modes or one per mode. */
  d0: number | Float64Array;
  policy: LrPolicy;
}

export interface TheorySolverSettings {
  rtol: number;
  atol: number;
  maxSteps: number;
}

/** Nearly pure relative control: every D_j is a positive second moment, decaying at worst exponentially. */
export const THEORY_SOLVER: TheorySolverSettings = { rtol: 1e-10, atol: 1e-20, maxSteps: 5_000_000 };

export interface TheoryOutput {
  t: Float64Array;
  /** Risk at each time; NaN beyond the point reached if the solver stopped early. */
  risk: Float64Array;
  solver: TheorySolverSettings & {
    method: 'dopri5';
    status: OdeStatus;
    nfev: number;
    nsteps: number;
    naccepted: number;
    nrejected: number;
  };
}

export interface TheoryHooks {
  isCancelled?: () => boolean;
  progress?: (fraction: number) => void;
  solver?: Partial<TheorySolverSettings>;
}

/** Solves the per-mode least-squares ODE on `times` (ascending, times[0] >= 0, starting from t = 0). */
export function leastSquaresTheory(input: LsTheoryInput, times: Float64Array, hooks: TheoryHooks = {}): TheoryOutput {
  const { lambda, weight, omega, policy } = input;
  const m = lambda.length;
  const extra = policy.theoryStates;
  const dim = m + extra;
  const wl = new Float64Array(m);
  for (let j = 0; j < m; j++) wl[j] = weight[j] * lambda[j];
  const omega2 = omega * omega;
  const policyStates = new Float64Array(extra);
  const policyRates = new Float64Array(extra);

  const riskOf = (y: Float64Array): number => {
    let s = 0;
    for (let j = 0; j < m; j++) s += wl[j] * y[j];
    return 0.5 * (s + omega2);
  };

  const rhs = (t: number, y: Float64Array, dy: Float64Array): void => {
    const risk = riskOf(y);
    const fisher = 2 * risk; // I(B) = a - 2c + b + omega^2 = 2 h(B) for least squares
    for (let i = 0; i < extra; i++) policyStates[i] = y[m + i];
    const gamma = policy.theoryGamma(t, policyStates, risk, fisher);
    const a = -2 * gamma;
    const b = gamma * gamma * fisher;
    for (let j = 0; j < m; j++) dy[j] = lambda[j] * (a * y[j] + b);
    if (extra > 0) {
      policy.theoryRhs(t, policyStates, risk, fisher, policyRates);
      for (let i = 0; i < extra; i++) dy[m + i] = policyRates[i];
    }
  };

  const y0 = new Float64Array(dim);
  for (let j = 0; j < m; j++) y0[j] = typeof input.d0 === 'number' ? input.d0 : input.d0[j];
  policy.initialStates(policyStates);
  for (let i = 0; i < extra; i++) y0[m + i] = policyStates[i];

  const settings = { ...THEORY_SOLVER, ...hooks.solver };
  const risk = new Float64Array(times.length).fill(Number.NaN);
  const tEnd = times.length > 0 ? times[times.length - 1] : 0;
  let accepted = 0;
  const sol = solveOde({
    rhs,
    y0,
    t0: 0,
    tEval: times,
    rtol: settings.rtol,
    atol: settings.atol,
    maxSteps: settings.maxSteps,
    store: false,
    isCancelled: hooks.isCancelled,
    onOutput: (i, _t, y) => {
      risk[i] = riskOf(y);
    },
    onStep: hooks.progress
      ? (t) => {
          if ((++accepted & 255) === 0 && tEnd > 0) hooks.progress?.(t / tEnd);
        }
      : undefined,
  });
  if (sol.status === 'cancelled') throw new CancelledError();
  return {
    t: Float64Array.from(times),
    risk,
    solver: {
      method: 'dopri5',
      ...settings,
      status: sol.status,
      nfev: sol.nfev,
      nsteps: sol.nsteps,
      naccepted: sol.naccepted,
      nrejected: sol.nrejected,
    },
  };
}

/**
 * Long-time limit of the least-squares risk for gamma < gamma_c = 2 / mean(lambda): the fixed
 * point D_j = gamma R gives R_inf = omega^2 / (2 - gamma mean(lambda)) (note §1.5). Infinity at or
 * above gamma_c (with omega > 0; for omega = 0 the limit is 0 below and the risk diverges above).
 */
export function leastSquaresRiskLimit(gamma: number, meanLambda: number, omega: number): number {
  const denom = 2 - gamma * meanLambda;
  if (denom <= 0) return Number.POSITIVE_INFINITY;
  return (omega * omega) / denom;
}
