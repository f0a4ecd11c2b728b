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
 * interpolation). Eleven right-hand-side evaluations and one expm1 per component per step.
 *
 * Returns the same `OdeSolution` as `solveOde`.
 */
import { EtdCoefficients, EtdWork, etdCoefficientPair, etdrk4Step, nonlinearPart } from './etdrk4.js';
import type { OdeRhs } from './rhs.js';
import type { OdeSolution, OdeStatus } from './solve.js';
import { type Atol, PiController, errorNorm, initialStep } from './step-control.js';

export interface SolveEtdOptions {
  rhs: OdeRhs;
  /** Writes the stiff diagonal rates l(t, y) (frozen over each step); l_i = ∂f_i/∂y_i is the natural choice. */
  diagonal: (t: number, y: Float64Array, out: Float64Array) => void;
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
  const { rhs, diagonal, t0 } = options;
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
  const nn = new Float64Array(n);
  const nm = new Float64Array(n);
  const yFull = new Float64Array(n);
  const yMid = new Float64Array(n);
  const yNew = new Float64Array(n);
  const err = new Float64Array(n);
  const full = new EtdCoefficients(n);
  const half = new EtdCoefficients(n);
  const work = new EtdWork(n);
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
  diagonal(t, y, l);
  nonlinearPart(rhs, l, t, y, nn);
  nfev++;
  let hAbs: number;
  if (options.firstStep !== undefined) hAbs = Math.min(Math.abs(options.firstStep), tEnd - t0);
  else {
    // The explicit heuristic on the full f (conservative for stiff problems; the controller grows it).
    const f0 = new Float64Array(n);
    for (let i = 0; i < n; i++) f0[i] = nn[i] + l[i] * y[i];
    hAbs = initialStep(rhs, t0, y, f0, 1, 4, rtol, atol, tEnd - t0, { y1: yNew, f1: err });
    nfev++;
  }
  hAbs = Math.min(hAbs, maxStep);
  let fresh = true; // nn and l belong to (t, y)

  while (iOut < nOutTotal) {
    if (options.isCancelled?.()) return result('cancelled');
    if (nsteps >= maxSteps) return result('max_steps');
    if (hAbs < 10 * EPS * Math.max(Math.abs(t), Number.MIN_VALUE)) return result('step_too_small');
    if (!fresh) {
      diagonal(t, y, l);
      nonlinearPart(rhs, l, t, y, nn);
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
    etdCoefficientPair(l, h, full, half);
    etdrk4Step(rhs, l, t, y, nn, full, work, yFull);
    etdrk4Step(rhs, l, t, y, nn, half, work, yMid);
    nonlinearPart(rhs, l, t + 0.5 * h, yMid, nm);
    etdrk4Step(rhs, l, t + 0.5 * h, yMid, nm, half, work, yNew);
    nfev += 10;
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
