/**
 * Adaptive exponential integration of y' = f(t, y) with a stiff diagonal part: ETDRK4 steps
 * (./etdrk4.ts) with error control by step doubling (Hairer, Nørsett & Wanner I, §II.4): each
 * step of size h is also taken as two steps of h/2 with the same frozen rates l(t_n, y_n); the
 * local error of the two half steps is estimated as |y_{h/2,h/2} − y_h| / (2^4 − 1), and the two
 * half steps are kept. Rates are refrozen at the start of every step.
 *
 * Stable for any stiffness of the diagonal part (the linear part is integrated exactly), so the
 * step follows the accuracy of the slow dynamics: on a log time grid the cost grows with
 * log(t_end) rather than with t_end · max|l|. Steps end exactly on the output times (no
 * interpolation). Eleven evaluations of the right-hand side and one expm1 per component per step.
 *
 * Returns the same `OdeSolution` as `solveOde`.
 */
import {
  EtdCoefficients,
  EtdWork,
  type SemilinearSplit,
  etdCoefficientPair,
  etdrk4Step,
  nonlinearPart,
  splitNonlinear,
} from './etdrk4.js';
import { Exprk4s5Coefficients, Exprk4s5Work, exprk4s5CoefficientPair, exprk4s5Step } from './exprk4s5.js';
import type { OdeRhs } from './rhs.js';
import type { OdeSolution, OdeStatus } from './solve.js';
import { type Atol, PiController, errorNorm, initialStep } from './step-control.js';

export interface SolveEtdOptions {
  /**
   * The right-hand side split as f = l(t, y) ⊙ y + g(t, y) (preferred: exact cancellation of the
   * linear part, see `splitNonlinear`). Either `split`, or `rhs` with `diagonal`.
   */
  split?: SemilinearSplit;
  rhs?: OdeRhs;
  /** With `rhs`: the stiff diagonal rates l(t, y); l_i = ∂f_i/∂y_i is the natural choice. */
  diagonal?: (t: number, y: Float64Array, out: Float64Array) => void;
  y0: ArrayLike<number>;
  t0: number;
  /** Output times, increasing, none before t0 (forward integration only). */
  tEval: ArrayLike<number>;
  rtol?: number;
  atol?: Atol;
  /** Cap on attempted steps (default 1e6). */
  maxSteps?: number;
  maxStep?: number;
  firstStep?: number;
  /** The exponential scheme: Hochbruck–Ostermann's stiff-order-4 method (default) or Cox–Matthews ETDRK4. */
  scheme?: 'exprk4s5' | 'etdrk4';
  isCancelled?: () => boolean;
  onStep?: (t: number, y: Float64Array) => void;
  onOutput?: (index: number, t: number, y: Float64Array) => void;
  store?: boolean;
}

const EPS = 2.220446049250313e-16;
/** 2^p − 1 for the order p = 4 of ETDRK4. */
const RICHARDSON = 15;

export function solveEtd(options: SolveEtdOptions): OdeSolution {
  const rtol = options.rtol ?? 1e-6;
  const atol = options.atol ?? 1e-9;
  const maxSteps = options.maxSteps ?? 1_000_000;
  const maxStep = options.maxStep ?? Number.POSITIVE_INFINITY;
  const { t0 } = options;
  const n = options.y0.length;
  const tOut = Float64Array.from(options.tEval);
  const nOutTotal = tOut.length;
  const store = options.store ?? true;
  const yOut = store ? new Float64Array(nOutTotal * n).fill(Number.NaN) : new Float64Array(0);
  if (!(rtol > 0) || !(typeof atol === 'number' ? atol >= 0 : atol.length === n)) {
    throw new RangeError('solveEtd: rtol must be > 0 and atol >= 0 (scalar or one per component)');
  }
  if (!Number.isFinite(t0) || tOut.some((t) => !Number.isFinite(t))) throw new RangeError('solveEtd: t0 and tEval must be finite');
  for (let i = 0; i < nOutTotal; i++) {
    if (tOut[i] < (i === 0 ? t0 : tOut[i - 1])) throw new RangeError('solveEtd: tEval must be increasing and not before t0');
  }
  const emit = (index: number, t: number, state: Float64Array): void => {
    if (store) yOut.set(state, index * n);
    options.onOutput?.(index, t, state);
  };

  const y = Float64Array.from(options.y0);
  const l = new Float64Array(n);
  const lWork = new Float64Array(n);
  const nn = new Float64Array(n);
  let frozen: (t: number, y: Float64Array, out: Float64Array) => void;
  /** Freezes l at (t, y) and writes N(t, y) into nn (one evaluation). */
  let freeze: (t: number, y: Float64Array) => void;
  let full0: (t: number, y: Float64Array, out: Float64Array) => void;
  if (options.split) {
    const split = options.split;
    frozen = (t, yy, out) => splitNonlinear(split, l, t, yy, out, lWork);
    freeze = (t, yy) => split(t, yy, l, nn);
    full0 = (t, yy, out) => {
      split(t, yy, lWork, out);
      for (let i = 0; i < n; i++) out[i] += lWork[i] * yy[i];
    };
  } else if (options.rhs && options.diagonal) {
    const rhs = options.rhs;
    const diagonal = options.diagonal;
    frozen = (t, yy, out) => nonlinearPart(rhs, l, t, yy, out);
    freeze = (t, yy) => {
      diagonal(t, yy, l);
      nonlinearPart(rhs, l, t, yy, nn);
    };
    full0 = rhs;
  } else {
    throw new RangeError('solveEtd: give `split`, or `rhs` and `diagonal`');
  }
  const nm = new Float64Array(n);
  const yFull = new Float64Array(n);
  const yMid = new Float64Array(n);
  const yNew = new Float64Array(n);
  const err = new Float64Array(n);
  const scheme = options.scheme ?? 'exprk4s5';
  let coefficients: (h: number) => void;
  let stepFull: (t: number, y: Float64Array, nn: Float64Array, out: Float64Array) => void;
  let stepHalf: (t: number, y: Float64Array, nn: Float64Array, out: Float64Array) => void;
  if (scheme === 'etdrk4') {
    const full = new EtdCoefficients(n);
    const half = new EtdCoefficients(n);
    const work = new EtdWork(n);
    coefficients = (h) => etdCoefficientPair(l, h, full, half);
    stepFull = (t, yy, nn0, out) => etdrk4Step(frozen, t, yy, nn0, full, work, out);
    stepHalf = (t, yy, nn0, out) => etdrk4Step(frozen, t, yy, nn0, half, work, out);
  } else {
    const full = new Exprk4s5Coefficients(n);
    const half = new Exprk4s5Coefficients(n);
    const work = new Exprk4s5Work(n);
    coefficients = (h) => exprk4s5CoefficientPair(l, h, full, half);
    stepFull = (t, yy, nn0, out) => exprk4s5Step(frozen, t, yy, nn0, full, work, out);
    stepHalf = (t, yy, nn0, out) => exprk4s5Step(frozen, t, yy, nn0, half, work, out);
  }
  const evalsPerStep = scheme === 'etdrk4' ? 10 : 13;
  const controller = new PiController(4);

  let iOut = 0;
  while (iOut < nOutTotal && tOut[iOut] === t0) {
    emit(iOut, t0, y);
    iOut++;
  }
  let nfev = 0;
  let nsteps = 0;
  let naccepted = 0;
  let nrejected = 0;
  let t = t0;
  const result = (status: OdeStatus): OdeSolution => ({
    t: tOut,
    y: yOut,
    dim: n,
    nOut: iOut,
    nfev,
    nsteps,
    naccepted,
    nrejected,
    status,
    tFinal: t,
  });
  if (iOut === nOutTotal) return result('success');

  const tEnd = tOut[nOutTotal - 1];
  freeze(t, y);
  nfev++;
  let hAbs: number;
  if (options.firstStep !== undefined) hAbs = Math.min(Math.abs(options.firstStep), tEnd - t0);
  else {
    // The explicit heuristic on the full f (conservative for stiff problems; the controller grows it).
    const f0 = new Float64Array(n);
    for (let i = 0; i < n; i++) f0[i] = nn[i] + l[i] * y[i];
    hAbs = initialStep(full0, t0, y, f0, 1, 4, rtol, atol, tEnd - t0, { y1: yNew, f1: err });
    nfev++;
  }
  hAbs = Math.min(hAbs, maxStep);
  let fresh = true; // nn and l belong to (t, y)

  while (iOut < nOutTotal) {
    if (options.isCancelled?.()) return result('cancelled');
    if (nsteps >= maxSteps) return result('max_steps');
    if (hAbs < 10 * EPS * Math.max(Math.abs(t), Number.MIN_VALUE)) return result('step_too_small');
    if (!fresh) {
      freeze(t, y);
      nfev++;
      fresh = true;
    }
    const target = tOut[iOut];
    let h = hAbs;
    let clipped = false;
    if (t + h >= target) {
      h = target - t;
      clipped = true;
    }
    coefficients(h);
    stepFull(t, y, nn, yFull);
    stepHalf(t, y, nn, yMid);
    frozen(t + 0.5 * h, yMid, nm);
    stepHalf(t + 0.5 * h, yMid, nm, yNew);
    nfev += evalsPerStep;
    nsteps++;
    for (let i = 0; i < n; i++) err[i] = (yNew[i] - yFull[i]) / RICHARDSON;
    const errN = errorNorm(err, y, yNew, rtol, atol);
    if (errN <= 1) {
      naccepted++;
      const factor = controller.accept(errN);
      y.set(yNew);
      t = clipped ? target : t + h;
      fresh = false;
      while (iOut < nOutTotal && tOut[iOut] <= t) {
        emit(iOut, tOut[iOut], y);
        iOut++;
      }
      options.onStep?.(t, y);
      // A step shortened to land on an output time says nothing against the longer step.
      hAbs = Math.min(clipped ? Math.max(hAbs, h * factor) : h * factor, maxStep);
    } else {
      nrejected++;
      hAbs = h * controller.reject(errN);
    }
  }
  return result('success');
}
