/**
 * Adaptive integration of y' = f(t, y) with an embedded explicit Runge–Kutta pair (Dormand–Prince
 * 5(4) by default), PI step control and dense output at requested times.
 *
 * Outputs are interpolated at `tEval` by the step's free interpolant, so the requested times never
 * shorten the steps; the last step is clipped to end exactly at the last requested time. Forward
 * and backward integration are both supported (tEval monotone away from t0).
 *
 * DOPRI5 runs its WebAssembly stepper (./dopri5-wasm-step.ts) on an ODE workspace
 * (./workspace.ts) when one is given or the dimension is at least WASM_MIN_DIM, and its JavaScript
 * stepper (./dopri5-step.ts) otherwise or where WebAssembly cannot run; both take the same steps
 * to the last bit. With the workspace, y, the stage inputs and dy handed to the right-hand side
 * and the states handed to onStep / onOutput are views of the workspace's memory.
 */
import { DOPRI5 } from './dopri5-tableau.js';
import { DenseOutput } from './dense-output.js';
import { Dopri5Stepper } from './dopri5-step.js';
import { Dopri5WasmStepper } from './dopri5-wasm-step.js';
import type { OdeRhs } from './rhs.js';
import { type AdaptiveRkStepper, EmbeddedRkStepper } from './rk-step.js';
import { type Atol, PiController, initialStep } from './step-control.js';
import type { ExplicitRkTableau } from './tableau.js';
import { OdeWorkspace, VECTOR } from './workspace.js';

/** Smallest dimension for which solveOde makes a workspace of its own (an instance costs tens of microseconds). */
export const WASM_MIN_DIM = 64;

export type OdeStatus = 'success' | 'max_steps' | 'step_too_small' | 'cancelled';

export interface SolveOdeOptions {
  rhs: OdeRhs;
  y0: ArrayLike<number>;
  t0: number;
  /** Output times, monotone in the direction of integration, none before t0. */
  tEval: ArrayLike<number>;
  /** Relative tolerance (default 1e-6). */
  rtol?: number;
  /** Absolute tolerance, scalar or per component (default 1e-9). */
  atol?: Atol;
  /** Cap on attempted steps (default 1e6). */
  maxSteps?: number;
  /** Cap on |h| (default Infinity). */
  maxStep?: number;
  /** First step size |h|; by default chosen by the Hairer heuristic. */
  firstStep?: number;
  /**
   * The embedded pair (default DOPRI5). The DOPRI5 object itself runs the specialised stepper of
   * ./dopri5-step.ts; any other tableau, including a copy of DOPRI5, runs the generic one.
   */
  tableau?: ExplicitRkTableau;
  /** Polled once per step; integration stops with status 'cancelled' when it returns true. */
  isCancelled?: () => boolean;
  /** Called after each accepted step with the new time and state (do not keep the array). */
  onStep?: (t: number, y: Float64Array) => void;
  /** Called for each output row with its index, time and state (do not keep the array). */
  onOutput?: (index: number, t: number, y: Float64Array) => void;
  /** Keep the output rows in `y` (default true); false keeps memory at O(dim) for large systems. */
  store?: boolean;
  /**
   * The workspace of the WebAssembly stepper (dimension y0.length), for a right-hand side that
   * calls its kernels; used with the DOPRI5 tableau only. Without it, solveOde makes one for
   * dimensions of at least WASM_MIN_DIM.
   */
  workspace?: OdeWorkspace;
  /** false runs the JavaScript stepper, with or without a workspace (the same steps and bits). */
  wasm?: boolean;
}

export interface OdeSolution {
  /** The requested output times (a copy of tEval). */
  t: Float64Array;
  /** Row-major states, tEval.length x dim; rows not reached (on failure) are NaN. Empty if `store` is false. */
  y: Float64Array;
  dim: number;
  /** Number of output rows actually computed. */
  nOut: number;
  nfev: number;
  /** Attempted steps. */
  nsteps: number;
  naccepted: number;
  nrejected: number;
  status: OdeStatus;
  /** Time reached. */
  tFinal: number;
}

const EPS = 2.220446049250313e-16;

export function solveOde(options: SolveOdeOptions): OdeSolution {
  const tableau = options.tableau ?? DOPRI5;
  const rtol = options.rtol ?? 1e-6;
  const atol = options.atol ?? 1e-9;
  const maxSteps = options.maxSteps ?? 1_000_000;
  const maxStep = options.maxStep ?? Number.POSITIVE_INFINITY;
  const { t0 } = options;
  const n = options.y0.length;
  const nOutTotal = options.tEval.length;
  const tOut = Float64Array.from(options.tEval);

  if (!(rtol > 0) || !(typeof atol === 'number' ? atol >= 0 : atol.length === n)) {
    throw new RangeError('solveOde: rtol must be > 0 and atol >= 0 (scalar or one per component)');
  }
  if (!Number.isFinite(t0) || tOut.some((t) => !Number.isFinite(t))) {
    throw new RangeError('solveOde: t0 and tEval must be finite');
  }
  const tEnd = nOutTotal > 0 ? tOut[nOutTotal - 1] : t0;
  const direction = tEnd >= t0 ? 1 : -1;
  for (let i = 0; i < nOutTotal; i++) {
    const prev = i === 0 ? t0 : tOut[i - 1];
    if ((tOut[i] - prev) * direction < 0) {
      throw new RangeError('solveOde: tEval must be monotone and not before t0');
    }
  }

  if (options.workspace && options.workspace.dim !== n) throw new RangeError('solveOde: the workspace has another dimension than y0');
  const ws = tableau !== DOPRI5 || options.wasm === false ? null : (options.workspace ?? (n >= WASM_MIN_DIM ? OdeWorkspace.create(n) : null));
  try {
    return integrate(options, { tableau, rtol, atol, maxSteps, maxStep, tOut, tEnd, direction }, ws);
  } finally {
    if (ws && ws !== options.workspace) ws.release();
  }
}

interface Resolved {
  tableau: ExplicitRkTableau;
  rtol: number;
  atol: Atol;
  maxSteps: number;
  maxStep: number;
  tOut: Float64Array;
  tEnd: number;
  direction: number;
}

/** The integration proper, on validated options, with the WebAssembly stepper when `ws` is given. */
function integrate(options: SolveOdeOptions, resolved: Resolved, ws: OdeWorkspace | null): OdeSolution {
  const { tableau, rtol, atol, maxSteps, maxStep, tOut, tEnd, direction } = resolved;
  const { rhs, t0 } = options;
  const n = options.y0.length;
  const nOutTotal = tOut.length;
  const store = options.store ?? true;
  const yOut = store ? new Float64Array(nOutTotal * n).fill(Number.NaN) : new Float64Array(0);
  const emit = (index: number, t: number, state: Float64Array): void => {
    if (store) yOut.set(state, index * n);
    options.onOutput?.(index, t, state);
  };
  let y: Float64Array;
  let yNew: Float64Array;
  let row: Float64Array;
  let scratch: Float64Array;
  let stepper: AdaptiveRkStepper;
  let tol: Atol = atol;
  if (ws) {
    const v = ws.vectors;
    y = v[VECTOR.state];
    y.set(options.y0);
    yNew = v[VECTOR.next];
    row = v[VECTOR.row];
    scratch = v[VECTOR.scratch];
    if (typeof atol !== 'number') {
      tol = v[VECTOR.atol];
      tol.set(atol);
    }
    stepper = new Dopri5WasmStepper(ws);
  } else {
    y = Float64Array.from(options.y0);
    yNew = new Float64Array(n);
    row = new Float64Array(n);
    scratch = new Float64Array(n);
    stepper = tableau === DOPRI5 && n <= Dopri5Stepper.MAX_DIM ? new Dopri5Stepper(n) : new EmbeddedRkStepper(tableau, n);
  }
  const dense = new DenseOutput(tableau, n, ws);
  const controller = new PiController(tableau.errorEstimatorOrder);

  let iOut = 0;
  while (iOut < nOutTotal && tOut[iOut] === t0) {
    emit(iOut, t0, y);
    iOut++;
  }
  const result = (status: OdeStatus, t: number, nfev: number, nsteps: number, nacc: number, nrej: number): OdeSolution => ({
    t: tOut,
    y: yOut,
    dim: n,
    nOut: iOut,
    nfev,
    nsteps,
    naccepted: nacc,
    nrejected: nrej,
    status,
    tFinal: t,
  });
  if (iOut === nOutTotal) return result('success', t0, 0, 0, 0, 0);

  let nfev = 0;
  let nsteps = 0;
  let naccepted = 0;
  let nrejected = 0;
  let t = t0;
  rhs(t, y, stepper.k[0]);
  nfev++;
  const interval = Math.abs(tEnd - t0);
  let hAbs: number;
  if (options.firstStep !== undefined) {
    hAbs = Math.min(Math.abs(options.firstStep), interval);
  } else {
    hAbs = initialStep(rhs, t0, y, stepper.k[0], direction, tableau.errorEstimatorOrder, rtol, tol, interval, { y1: yNew, f1: scratch });
    nfev++;
  }
  hAbs = Math.min(hAbs, maxStep);
  const evals = stepper.evaluationsPerStep;

  while (iOut < nOutTotal) {
    if (options.isCancelled?.()) return result('cancelled', t, nfev, nsteps, naccepted, nrejected);
    if (nsteps >= maxSteps) return result('max_steps', t, nfev, nsteps, naccepted, nrejected);
    const minStep = 10 * EPS * Math.max(Math.abs(t), Number.MIN_VALUE);
    if (hAbs < minStep) return result('step_too_small', t, nfev, nsteps, naccepted, nrejected);

    let h = hAbs * direction;
    let tNew = t + h;
    if ((tNew - tEnd) * direction >= 0) {
      tNew = tEnd;
      h = tNew - t;
    }
    const errN = stepper.attempt(rhs, t, y, h, yNew, rtol, tol);
    nfev += evals;
    nsteps++;
    if (errN <= 1) {
      naccepted++;
      // Outputs inside (t, tNew] from this step's interpolant (before the FSAL swap).
      while (iOut < nOutTotal && (tOut[iOut] - tNew) * direction <= 0) {
        const theta = (tOut[iOut] - t) / h;
        dense.evaluate(y, h, stepper.k, theta, row);
        emit(iOut, tOut[iOut], row);
        iOut++;
      }
      const factor = controller.accept(errN);
      if (tableau.fsal) stepper.acceptFsal();
      else {
        rhs(tNew, yNew, stepper.k[0]);
        nfev++;
      }
      const previous = y;
      y = yNew;
      yNew = previous;
      t = tNew;
      options.onStep?.(t, y);
      hAbs = Math.min(Math.abs(h) * factor, maxStep);
    } else {
      nrejected++;
      hAbs = Math.abs(h) * controller.reject(errN);
    }
  }
  return result('success', t, nfev, nsteps, naccepted, nrejected);
}
