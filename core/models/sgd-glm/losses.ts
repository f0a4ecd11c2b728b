/**
 * Losses of one-pass SGD on a GLM, f(r, y) with r = <x, theta>, and the label model that generates
 * y from the teacher's r* = <x, theta*> (conventions of the theory note; arXiv:2308.08977 §1,
 * arXiv:2405.19585 §1). Each loss also gives the Stein-form scalars the general per-mode ODE needs
 * (note §1.2–1.3), so logistic regression and phase retrieval plug in here.
 */
import type { Problem } from './params.js';

/** Gaussian expectations under (r, r*) ~ N(0, B), B = [[a, c], [c, b]]. */
export interface LossExpectations {
  /** E[d^2 f / dr^2]. */
  exx: number;
  /** E[d^2 f / dr dr*] (label randomness averaged before differentiating). */
  exs: number;
  /** Fisher term I(B) = E[(df/dr)^2]. */
  fisher: number;
  /** Population risk h(B) = E f. */
  risk: number;
}

export interface GlmLoss {
  readonly id: Problem;
  /** The label for teacher pre-activation `rStar`, standard normal `eps` and noise std `omega`. */
  label(rStar: number, eps: number, omega: number): number;
  /** df/dr at (r, y). */
  dLoss(r: number, y: number): number;
  /**
   * Population risk at the iterate, from eigenbasis coordinates: theta, theta*, eigenvalues.
   * Computed directly from the coordinates (not from B) to avoid cancellation near theta*.
   */
  populationRisk(theta: Float64Array, thetaStar: Float64Array, lambda: Float64Array, omega: number): number;
  /** Stein-form scalars at B = [[a, c], [c, b]]. */
  expectations(a: number, c: number, b: number, omega: number): LossExpectations;
}

/** f = (r - y)^2 / 2, y = r* + omega eps: e_xx = 1, e_x* = -1, I = a - 2c + b + omega^2, h = I / 2. */
export const leastSquares: GlmLoss = {
  id: 'least_squares',
  label: (rStar, eps, omega) => rStar + omega * eps,
  dLoss: (r, y) => r - y,
  populationRisk(theta, thetaStar, lambda, omega) {
    let s = 0;
    for (let i = 0; i < theta.length; i++) {
      const e = theta[i] - thetaStar[i];
      s += lambda[i] * e * e;
    }
    return 0.5 * (s + omega * omega);
  },
  expectations(a, c, b, omega) {
    const fisher = a - 2 * c + b + omega * omega;
    return { exx: 1, exs: -1, fisher, risk: 0.5 * fisher };
  },
};

const LOSSES: Record<Problem, GlmLoss> = { least_squares: leastSquares };

export function lossFor(problem: Problem): GlmLoss {
  return LOSSES[problem];
}
