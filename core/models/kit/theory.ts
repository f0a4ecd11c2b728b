/**
 * An ODE solve inside a theory part: the run's cancel flag is polled every step (a cancelled solve
 * throws CancelledError instead of returning a partial result) and progress is reported as
 * t / tEnd every `progressEvery` accepted steps (0: the caller reports progress itself).
 */
import { CancelledError } from '../model-kind-errors.js';
import type { OdeRhs } from '../../numerics/ode/rhs.js';
import { type OdeSolution, type OdeStatus, type SolveOdeOptions, solveOde } from '../../numerics/ode/solve.js';
import type { RunHooks } from './hooks.js';

/** The options every solver of core/numerics/ode shares with solveOde. */
export type HookedSolveOptions = Pick<SolveOdeOptions, 'tEval' | 'isCancelled' | 'onStep'>;

/** The default solver, and any other of core/numerics/ode (solveEtd, solveExpCollocation) through `solver`. */
export function solveTheory<O extends HookedSolveOptions>(options: O & SolveOdeOptions, hooks: RunHooks, settings?: { progressEvery?: number }): OdeSolution;
export function solveTheory<O extends HookedSolveOptions, R extends { status: OdeStatus }>(
  options: O,
  hooks: RunHooks,
  settings: { progressEvery?: number; solver: (options: O) => R },
): R;
export function solveTheory<O extends HookedSolveOptions, R extends { status: OdeStatus }>(
  options: O,
  hooks: RunHooks,
  settings: { progressEvery?: number; solver?: (options: O) => R } = {},
): R {
  const { progressEvery = 256 } = settings;
  const solver = settings.solver ?? (solveOde as unknown as (options: O) => R);
  const times = options.tEval;
  const tEnd = times.length > 0 ? times[times.length - 1]! : 0;
  const report = hooks.progress;
  let accepted = 0;
  const onStep =
    report && progressEvery > 0
      ? (t: number, y: Float64Array) => {
          options.onStep?.(t, y);
          if (++accepted % progressEvery === 0 && tEnd > 0) report(t / tEnd);
        }
      : options.onStep;
  const sol = solver({ ...options, isCancelled: hooks.isCancelled, ...(onStep ? { onStep } : {}) });
  if (sol.status === 'cancelled') throw new CancelledError();
  return sol;
}

/** Tolerances and step cap of a theory solve. */
export interface SolveTolerances {
  rtol: number;
  atol: number;
  maxSteps: number;
}

/**
 * The options of a theory solve from t = 0 through the recording times `times`, keeping no
 * trajectory: each output row goes to `onOutput` (for solveOde and solveEtd alike).
 */
export function gridSolve(
  rhs: OdeRhs,
  y0: ArrayLike<number>,
  times: Float64Array,
  tol: SolveTolerances,
  onOutput: (index: number, t: number, y: Float64Array) => void,
) {
  return { rhs, y0, t0: 0, tEval: times, rtol: tol.rtol, atol: tol.atol, maxSteps: tol.maxSteps, store: false, onOutput };
}
