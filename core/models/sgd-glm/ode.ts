/**
 * The deterministic-equivalent ODE of one-pass SGD on a GLM, in Stein form, one pair of
 * equations per distinct eigenvalue lambda_j of K (theory note §1.2; arXiv:2405.19585 eq. 9 with
 * grad h = E[grad^2 f] / 2, HL Lemma B.1; arXiv:2308.08977 Thm 1.1). In error variables
 * e = theta - theta*, with D_j = d<e, u_i>^2 and E_j = d<e, u_i><theta*, u_i> averaged over the
 * modes that share lambda_j (exact: the equations are the same for all of them),
 *
 *   dE_j/dt = -gamma lambda_j (e_xx E_j + (e_xx + e_x*) V22_j),
 *   dD_j/dt = -2 gamma lambda_j (e_xx D_j + (e_xx + e_x*) E_j) + gamma^2 lambda_j I(B),
 *
 * B from P = sum_j w_j lambda_j D_j, C = sum_j w_j lambda_j E_j, b = sum_j w_j lambda_j V22_j
 * (w_j = multiplicity / d): a = b + 2C + P, c = b + C. For least squares e_xx + e_x* = 0, so
 * dD_j = -2 gamma lambda_j D_j + 2 gamma^2 lambda_j R (HL eq. 8 with noise). The policy appends
 * its states (AdaGrad's integral of I, ...). Outputs: risk h(B), its excess, gamma, the distance
 * |theta - theta*|^2 = sum w D and the overlap <theta, theta*> = sum w (E + V22).
 *
 * Two integrators: DOPRI5 (explicit; steps limited by gamma lambda_max e_xx) and ETDRK4 with the
 * per-mode rates -gamma lambda_j e_xx (E) and -2 gamma lambda_j e_xx (D) as the exact linear part
 * (numerics/ode/solve-etd), for stiff spectra and horizons up to 1e7. DOPRI5 runs on an ODE
 * workspace, its passes over the modes in WebAssembly (./stein-modes.ts), where WebAssembly is
 * available and the state has at least WASM_MIN_DIM components; the JavaScript path gives the same
 * bits.
 */
import { type OdeSolution, type OdeStatus, WASM_MIN_DIM } from '../../numerics/ode/solve.js';
import { solveEtd } from '../../numerics/ode/solve-etd.js';
import { type RunHooks, gridSolve, solveTheory } from '../kit/index.js';
import { type GlmLoss, type LossExpectations, type Moments, emptyExpectations, momentsOf } from './losses.js';
import { type SimulationCurves, emptyTheoryCurves } from './observe.js';
import { type LrPolicy, type LrView, emptyView, oracleGrad2, setView } from './lr/index.js';
import { lsCollocationTheory } from './ls-collocation.js';
import { SteinModes } from './stein-modes.js';

export interface GlmTheoryInput {
  /** Distinct eigenvalues. */
  lambda: Float64Array;
  /** multiplicity / d (sum 1). */
  weight: Float64Array;
  /** V22_j = d E<theta*, u>^2 per mode. */
  v22: Float64Array;
  /** Initial D_j and E_j. */
  d0: Float64Array;
  e0: Float64Array;
  loss: GlmLoss;
  /** Label-noise standard deviation. */
  omega: number;
  policy: LrPolicy;
}

export type TheoryMethod = 'dopri5' | 'exponential';
export type TheoryScheme = 'dopri5' | 'exprk4s5' | 'collocation';

export const SCHEME_NAMES: Record<TheoryScheme, string> = {
  dopri5: 'DOPRI5',
  exprk4s5: 'exponential Runge–Kutta (Hochbruck–Ostermann, stiff order 4)',
  collocation: 'exponential collocation in Gamma-time (7 Chebyshev–Lobatto nodes)',
};

export interface TheorySolverSettings {
  method: TheoryMethod;
  rtol: number;
  atol: number;
  maxSteps: number;
  /** false keeps DOPRI5 on its JavaScript path (the same steps and bits; for comparisons). */
  wasm?: boolean;
}

/** Nearly pure relative control: D_j are positive second moments, decaying at worst exponentially. */
export const THEORY_SOLVER: TheorySolverSettings = { method: 'dopri5', rtol: 1e-10, atol: 1e-20, maxSteps: 5_000_000 };

/** The ODE's curves on the output times (b11 = a and b12 = c of the overlap matrix B). */
export interface TheoryCurves extends SimulationCurves {
  t: Float64Array;
}


export interface TheoryOutput extends TheoryCurves {
  /** Policy states at the last point reached. */
  policyStates: Float64Array;
  solver: TheorySolverSettings & {
    /** dopri5, exprk4s5 (exponential Runge–Kutta) or collocation (least-squares exponential collocation). */
    scheme: TheoryScheme;
    status: OdeStatus;
    /** Right-hand-side evaluations (collocation: passes over the modes, one per step). */
    nfev: number;
    nsteps: number;
    naccepted: number;
    nrejected: number;
    /** Time at which a noiseless least-squares risk fell below 1e-250 and the integration stopped (collocation). */
    underflowAt?: number;
  };
}

/** Cancel flag and progress (reported once per output time). */
export type TheoryHooks = RunHooks;

/** Evaluates the scalars of the ODE at a state: moments, loss expectations, view and gamma. */
class TheoryScalars {
  readonly m: number;
  readonly b: number;
  readonly b2: number;
  readonly meanLambda: number;
  readonly meanLambda2: number;
  readonly moments: Moments = { a: 0, b: 0, c: 0, P: 0, C: 0 };
  readonly ex: LossExpectations = emptyExpectations();
  readonly view: LrView = emptyView();
  readonly states: Float64Array;
  gamma = 0;

  constructor(
    readonly input: GlmTheoryInput,
    readonly modes: SteinModes,
  ) {
    const { wl, wl2, v22 } = modes;
    const m = modes.m;
    this.m = m;
    let b = 0;
    let b2 = 0;
    let ml = 0;
    let ml2 = 0;
    for (let j = 0; j < m; j++) {
      b += wl[j] * v22[j];
      b2 += wl2[j] * v22[j];
      ml += wl[j];
      ml2 += wl2[j];
    }
    this.b = b;
    this.b2 = b2;
    this.meanLambda = ml;
    this.meanLambda2 = ml2;
    this.states = new Float64Array(input.policy.theoryStates);
  }

  evaluate(t: number, y: Float64Array): void {
    const { modes, input, view, ex } = this;
    modes.sums('wl', y);
    const P = modes.sumD;
    const C = modes.sumE;
    momentsOf(P, C, this.b, this.moments);
    input.loss.expectations(this.moments, input.omega, ex);
    setView(view, t, ex, P, C);
    view.meanLambda = this.meanLambda;
    view.meanLambda2 = this.meanLambda2;
    if (input.policy.needsOracle) {
      modes.sums('wl2', y);
      view.grad2 = oracleGrad2(ex, modes.sumD, modes.sumE, this.b2);
    }
    const k = this.states.length;
    const m = this.m;
    for (let i = 0; i < k; i++) this.states[i] = y[2 * m + i];
    this.gamma = input.policy.gamma(this.states, view);
  }
}

/** Solves the ODE on `times` (increasing, times[0] >= 0, from t = 0). */
export function glmTheory(
  input: GlmTheoryInput,
  times: Float64Array,
  settings: TheorySolverSettings = THEORY_SOLVER,
  hooks: TheoryHooks = {},
): TheoryOutput {
  const { lambda, weight, v22, policy } = input;
  const m = lambda.length;
  const k = policy.theoryStates;
  const dim = 2 * m + k;
  const workspace = settings.method === 'dopri5' && settings.wasm !== false && dim >= WASM_MIN_DIM ? SteinModes.workspace(dim, m) : null;
  const modes = new SteinModes(lambda, weight, v22, workspace);
  const sc = new TheoryScalars(input, modes);
  const rates = new Float64Array(k);

  const rhs = (t: number, y: Float64Array, dy: Float64Array): void => {
    sc.evaluate(t, y);
    const { exx, exs, fisher } = sc.ex;
    const g = sc.gamma;
    modes.map(y, dy, g, exx, exx + exs, fisher);
    if (k > 0) {
      policy.rates(sc.states, sc.view, g, rates);
      for (let i = 0; i < k; i++) dy[2 * m + i] = rates[i];
    }
  };
  // The same right-hand side split as l ⊙ y + g, l the per-mode rates (exponential integrator).
  const split = (t: number, y: Float64Array, l: Float64Array, g: Float64Array): void => {
    sc.evaluate(t, y);
    const { exx, exs, fisher } = sc.ex;
    const gam = sc.gamma;
    const s = exx + exs;
    const r = -gam * exx;
    const gg = gam * gam * fisher;
    for (let j = 0; j < m; j++) {
      const gl = gam * lambda[j];
      l[j] = r * lambda[j];
      g[j] = -gl * s * v22[j];
      l[m + j] = 2 * r * lambda[j];
      g[m + j] = -2 * gl * s * y[j] + gg * lambda[j];
    }
    if (k > 0) {
      policy.rates(sc.states, sc.view, gam, rates);
      for (let i = 0; i < k; i++) {
        l[2 * m + i] = 0;
        g[2 * m + i] = rates[i];
      }
    }
  };

  const y0 = new Float64Array(dim);
  y0.set(input.e0, 0);
  y0.set(input.d0, m);
  policy.initialStates(sc.states);
  y0.set(sc.states, 2 * m);

  const n = times.length;
  const curves = emptyTheoryCurves(times);
  const policyStates = Float64Array.from(sc.states);
  const onOutput = (i: number, t: number, y: Float64Array): void => {
    sc.evaluate(t, y);
    curves.risk[i] = sc.ex.risk;
    curves.excess[i] = sc.ex.excess;
    curves.lr[i] = sc.gamma;
    modes.sums('weight', y);
    curves.distance[i] = modes.sumD;
    curves.overlap[i] = modes.sumE + modes.weightedV22;
    curves.b11[i] = sc.moments.a;
    curves.b12[i] = sc.moments.c;
    policyStates.set(sc.states);
    hooks.progress?.((i + 1) / n);
  };
  const common = gridSolve(rhs, y0, times, settings, onOutput);
  if (settings.method === 'exponential' && input.loss.id === 'least_squares') return lsCollocationTheory(input, times, settings, hooks);
  // Progress comes from onOutput; the solve polls the cancel flag and throws when it is raised.
  const cancelOnly = { isCancelled: hooks.isCancelled };
  let sol: OdeSolution;
  try {
    sol =
      settings.method === 'exponential'
        ? solveTheory({ ...common, rhs: undefined, split }, cancelOnly, { solver: solveEtd })
        : solveTheory({ ...common, workspace: workspace ?? undefined, wasm: settings.wasm }, cancelOnly);
  } finally {
    workspace?.release();
  }
  return {
    ...curves,
    policyStates,
    solver: {
      ...settings,
      scheme: settings.method === 'exponential' ? 'exprk4s5' : 'dopri5',
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
