/**
 * One replica of one-pass SGD in the eigenbasis of K (O(d) per step, no allocation per step):
 *
 *   x = sqrt(lambda) * z,  z ~ N(0, I_d);  y = label(<x, theta*>, eps, omega);
 *   theta <- theta - (gamma_k / d) * f'(<x, theta>, y) * x,
 *
 * theta* ~ N(0, I/d) and theta_0 ~ N(0, init^2 I/d) drawn from the replica's own streams
 * (deriveSeed(seed, replica, STREAM.signal | STREAM.init)); z from STREAM.data and eps from
 * STREAM.noise, so runs that differ only in omega see the same x. The exact population risk at
 * the current theta is recorded after steps[j] steps.
 */
import { CancelledError } from '../model-kind-errors.js';
import { STREAM, createRng, deriveSeed } from '../../numerics/rng.js';
import type { GlmLoss } from './losses.js';
import type { LrPolicy } from './lr-policies.js';

export interface ReplicaInput {
  /** All d eigenvalues. */
  eigenvalues: Float64Array;
  omega: number;
  init: number;
  loss: GlmLoss;
  policy: LrPolicy;
  /** Recording step counts, strictly increasing, starting at 0. */
  steps: Float64Array;
  seed: number;
  replica: number;
}

export interface ReplicaHooks {
  isCancelled?: () => boolean;
  progress?: (fraction: number) => void;
}

/** Steps between cancellation/progress polls: about 2^20 coordinate updates, at most 4096 steps. */
export function pollInterval(d: number): number {
  return Math.max(1, Math.min(4096, Math.floor(1_048_576 / d)));
}

/** Runs one replica; returns the risk at each recording step. */
export function simulateReplica(input: ReplicaInput, hooks: ReplicaHooks = {}): Float64Array {
  const { eigenvalues, omega, init, loss, policy, steps, seed, replica } = input;
  const d = eigenvalues.length;
  const sqrtLambda = eigenvalues.map(Math.sqrt);
  const thetaStar = new Float64Array(d);
  const theta = new Float64Array(d);
  const x = new Float64Array(d);
  const invSqrtD = 1 / Math.sqrt(d);

  createRng(deriveSeed(seed, replica, STREAM.signal)).fillNormal(thetaStar);
  for (let i = 0; i < d; i++) thetaStar[i] *= invSqrtD;
  if (init > 0) {
    createRng(deriveSeed(seed, replica, STREAM.init)).fillNormal(theta);
    const s = init * invSqrtD;
    for (let i = 0; i < d; i++) theta[i] *= s;
  }
  const data = createRng(deriveSeed(seed, replica, STREAM.data));
  const noise = createRng(deriveSeed(seed, replica, STREAM.noise));
  const lr = policy.sgd();
  const needsGradNorm = lr.needsGradNorm;

  const out = new Float64Array(steps.length);
  const total = steps[steps.length - 1];
  const poll = pollInterval(d);
  const invD = 1 / d;
  let next = 0;
  for (let k = 0; ; k++) {
    if (k === steps[next]) {
      out[next] = loss.populationRisk(theta, thetaStar, eigenvalues, omega);
      next++;
      if (next === steps.length) break;
    }
    if (k % poll === 0 && k > 0) {
      if (hooks.isCancelled?.()) throw new CancelledError();
      hooks.progress?.(k / total);
    }
    data.fillNormal(x);
    let r = 0;
    let rStar = 0;
    let xx = 0;
    for (let i = 0; i < d; i++) {
      const xi = sqrtLambda[i] * x[i];
      x[i] = xi;
      r += xi * theta[i];
      rStar += xi * thetaStar[i];
    }
    if (needsGradNorm) for (let i = 0; i < d; i++) xx += x[i] * x[i];
    const y = loss.label(rStar, noise.normal(), omega);
    const g = loss.dLoss(r, y);
    const coef = lr.gamma(k, g * g * xx) * invD * g;
    for (let i = 0; i < d; i++) theta[i] -= coef * x[i];
  }
  return out;
}
