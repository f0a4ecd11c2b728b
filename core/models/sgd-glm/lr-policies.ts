/**
 * Learning-rate policies. A policy gives gamma on both sides of the comparison: in the theory as
 * a function of time, of the risk and of the policy's own appended ODE states (e.g. the running
 * integral of the Fisher term for AdaGrad-Norm, arXiv:2405.19585 eqs. 16–18), and on the SGD side
 * as a per-replica controller fed with the stochastic gradient norms. Only `constant` exists now.
 */
import type { LrPolicyId, SgdGlmParams } from './params.js';

export interface SgdLrController {
  /** Whether `gamma` needs the squared norm of the stochastic gradient (costs one pass over x). */
  readonly needsGradNorm: boolean;
  /** gamma for step k (0-based), given |grad f|^2 of that step when `needsGradNorm`. */
  gamma(k: number, gradNormSq: number): number;
}

export interface LrPolicy {
  readonly id: LrPolicyId;
  /** Number of ODE states the policy appends to the mode variables. */
  readonly theoryStates: number;
  initialStates(out: Float64Array): void;
  /** gamma(t) in the theory, from the policy states, the risk R(t) and the Fisher term I(t). */
  theoryGamma(t: number, states: Float64Array, risk: number, fisher: number): number;
  /** Time derivative of the policy states. */
  theoryRhs(t: number, states: Float64Array, risk: number, fisher: number, out: Float64Array): void;
  /** A fresh controller for one SGD replica. */
  sgd(): SgdLrController;
}

export function constantPolicy(gamma: number): LrPolicy {
  const controller: SgdLrController = { needsGradNorm: false, gamma: () => gamma };
  return {
    id: 'constant',
    theoryStates: 0,
    initialStates: () => undefined,
    theoryGamma: () => gamma,
    theoryRhs: () => undefined,
    sgd: () => controller,
  };
}

export function lrPolicyFor(lr: SgdGlmParams['lr']): LrPolicy {
  switch (lr.policy) {
    case 'constant':
      return constantPolicy(lr.gamma);
  }
}
