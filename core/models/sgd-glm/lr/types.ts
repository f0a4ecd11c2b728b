/**
 * The learning-rate policy contract. A policy gives gamma on both sides of the comparison: in the
 * theory as a function of the deterministic scalars of the ODE and of the policy's own appended
 * states (arXiv:2405.19585 Thm 2.1), and in SGD / homogenized SGD as a per-replica controller.
 * Each policy is one module (./constant.ts, ./schedule.ts, ...), used by the ODE and by both
 * simulations.
 */
import type { LrPolicyId } from '../params.js';

/** The deterministic scalars a policy may read, at the current state (ODE) or iterate (simulation). */
export interface LrView {
  /** Time t = steps / d. */
  t: number;
  /** Population risk h(B). */
  risk: number;
  /** I(B) = E (df/dr)^2. */
  fisher: number;
  exx: number;
  exs: number;
  /** P = sum_i lambda_i e_i^2 = a - 2c + b, C = sum_i lambda_i e_i theta*_i = c - b (e = theta - theta*). */
  P: number;
  C: number;
  /** |grad R|^2 = sum_i lambda_i^2 (e_xx theta_i + e_x* theta*_i)^2; filled only for policies that need the oracle. */
  grad2: number;
  /** tr K / d and tr K^2 / d. */
  meanLambda: number;
  meanLambda2: number;
}

export function emptyView(): LrView {
  return { t: 0, risk: 0, fisher: 0, exx: 0, exs: 0, P: 0, C: 0, grad2: 0, meanLambda: 0, meanLambda2: 0 };
}

/** Sets the view's time, the loss expectations at the current moments, and P and C (ODE and simulation alike). */
export function setView(view: LrView, t: number, ex: { risk: number; fisher: number; exx: number; exs: number }, P: number, C: number): void {
  view.t = t;
  view.risk = ex.risk;
  view.fisher = ex.fisher;
  view.exx = ex.exx;
  view.exs = ex.exs;
  view.P = P;
  view.C = C;
}

/**
 * |grad R|^2 = e_xx^2 P2 + 2 e_xx (e_xx + e_x*) C2 + (e_xx + e_x*)^2 b2 (clamped at 0), with
 * P2 = sum lambda^2 e^2, C2 = sum lambda^2 e theta*, b2 = sum lambda^2 theta*^2.
 */
export function oracleGrad2(ex: { exx: number; exs: number }, P2: number, C2: number, b2: number): number {
  const s = ex.exx + ex.exs;
  return Math.max(0, ex.exx * ex.exx * P2 + 2 * ex.exx * s * C2 + s * s * b2);
}

/** One replica's learning-rate state (SGD or homogenized SGD). */
export interface SgdLrController {
  /**
   * gamma for step k (0-based), from q = |grad Psi_k|^2 / d of this step's sample (SGD; its
   * homogenized counterpart is mean(lambda) I(B)) and the view at the current iterate (filled when
   * the policy needs the oracle). Advances the controller.
   */
  step(k: number, q: number, view: LrView): number;
  /** gamma before step k's sample is seen (what the `lr` series records); does not advance. */
  current(k: number, view: LrView): number;
}

export interface LrPolicy {
  readonly id: LrPolicyId;
  /** Needs |grad R|^2 and the loss scalars at the current iterate at every step (line search, Polyak). */
  readonly needsOracle: boolean;
  /** Needs the squared norm of each stochastic gradient (AdaGrad-Norm, RMSprop-Norm). */
  readonly needsGradNorm: boolean;
  /** Number of ODE states the policy appends. */
  readonly theoryStates: number;
  initialStates(out: Float64Array): void;
  /** gamma(t) in the theory. */
  gamma(states: Float64Array, view: LrView): number;
  /** Time derivatives of the policy states (given gamma at this point). */
  rates(states: Float64Array, view: LrView, gamma: number, out: Float64Array): void;
  /** An upper bound of gamma over the run when one is known (for the choice of integrator), else NaN. */
  readonly gammaBound: number;
  /** A fresh controller for one replica in dimension d. */
  controller(d: number): SgdLrController;
}
