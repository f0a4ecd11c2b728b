/**
 * The latent DDPM baseline's noise schedule and reverse chain (arXiv 2510.00666 §3.5; Ho et al.
 * 2020): linear β_t from 1e-4 to 0.02 over T steps (torch.linspace), α_t = 1 − β_t,
 * ᾱ_t = Π_{s≤t} α_s, ᾱ_{−1} = 1, posterior variance β̃_t = β_t (1 − ᾱ_{t−1}) / (1 − ᾱ_t), and the
 * ancestral step x_{t−1} = (x_t − β_t ε̂ / √(1 − ᾱ_t)) / √α_t + √β̃_t ξ (no noise at t = 0).
 * Plain doubles; the ε-network is a callback.
 */
import type { Rng } from '../../../numerics/rng.js';
import { CancelledError } from '../../model-kind-errors.js';

export interface Schedule {
  steps: number;
  beta: Float64Array;
  alpha: Float64Array;
  alphaBar: Float64Array;
  posteriorVariance: Float64Array;
}

/** The linear schedule of `steps` steps from `betaStart` to `betaEnd`. */
export function linearSchedule(steps: number, betaStart = 1e-4, betaEnd = 0.02): Schedule {
  const beta = new Float64Array(steps);
  const alpha = new Float64Array(steps);
  const alphaBar = new Float64Array(steps);
  const posteriorVariance = new Float64Array(steps);
  let bar = 1;
  for (let t = 0; t < steps; t++) {
    beta[t] = steps === 1 ? betaStart : betaStart + ((betaEnd - betaStart) * t) / (steps - 1);
    alpha[t] = 1 - beta[t]!;
    const prev = bar;
    bar *= alpha[t]!;
    alphaBar[t] = bar;
    posteriorVariance[t] = (beta[t]! * (1 - prev)) / (1 - bar);
  }
  return { steps, beta, alpha, alphaBar, posteriorVariance };
}

/** ε̂(x, t): writes the predicted noise of n rows of x (n × p) at step t into `out`. */
export type EpsPredictor = (x: Float64Array, n: number, t: number, out: Float64Array) => void;

/**
 * Runs the ancestral chain on x (n × p, modified in place) for t = from − 1, …, 0 with the schedule
 * `s` (which must have at least `from` steps), noise from `rng`.
 */
export function reverseChain(
  s: Schedule,
  x: Float64Array,
  n: number,
  p: number,
  from: number,
  eps: EpsPredictor,
  rng: Rng,
  isCancelled?: () => boolean,
): void {
  if (from > s.steps) throw new Error(`the chain starts at step ${from} but the schedule has ${s.steps}`);
  const e = new Float64Array(n * p);
  const xi = new Float64Array(n * p);
  for (let t = from - 1; t >= 0; t--) {
    if (isCancelled?.()) throw new CancelledError();
    eps(x, n, t, e);
    const c = s.beta[t]! / Math.sqrt(1 - s.alphaBar[t]!);
    const r = 1 / Math.sqrt(s.alpha[t]!);
    const sd = Math.sqrt(s.posteriorVariance[t]!);
    if (t > 0) rng.fillNormal(xi);
    for (let i = 0; i < n * p; i++) x[i] = r * (x[i]! - c * e[i]!) + (t > 0 ? sd * xi[i]! : 0);
  }
}
