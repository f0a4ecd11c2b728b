/**
 * The error of an estimate on the identifiable object g(x, y) = phi(x^T A y) (note §2.3 step 4):
 * the mean of (clip_L(g_hat) - g*)^2 over fresh pairs (x_p, y_p) of independent tokens, where
 * g_hat = phi_hat(x^T A_hat y) with phi_hat clamped to its breakpoint range and clipped to
 * [-L, L]. (A, phi) and (c A, phi(./c)) give the same g, so the metric never compares A_hat with
 * A* or phi_hat with phi*.
 */
import type { RunHooks } from '../kit/index.js';
import { checkpoint } from '../kit/index.js';
import { type BSplineBasis, clampedValue } from './spline-basis.js';
import { project } from './pair-fit.js';
import { type Activation, type LowRank } from './truth.js';

/** A fitted pairwise interaction: phi_hat = sum_k coef_k B_k on `basis`, and A_hat. */
export interface PairwiseEstimate {
  A: LowRank;
  basis: BSplineBasis;
  coef: Float64Array;
}

/** Fresh pairs: tokens 2p (x) and 2p + 1 (y), row-major, d per token. */
export interface EvaluationPairs {
  count: number;
  d: number;
  tokens: Float64Array;
}

/** The planted g*(x_p, y_p) at every pair. */
export function plantedValues(A: LowRank, phi: Activation, pairs: EvaluationPairs): Float64Array {
  const a = new Float64Array(2 * pairs.count * A.r);
  const b = new Float64Array(2 * pairs.count * A.r);
  project(A, pairs.tokens, 2 * pairs.count, a, b);
  const out = new Float64Array(pairs.count);
  for (let p = 0; p < pairs.count; p++) {
    let u = 0;
    for (let k = 0; k < A.r; k++) u += a[2 * p * A.r + k] * b[(2 * p + 1) * A.r + k];
    out[p] = phi.value(u);
  }
  return out;
}

/** mean_p (clip_L(g_hat(x_p, y_p)) - g*_p)^2. */
export function pairError(estimate: PairwiseEstimate, pairs: EvaluationPairs, planted: Float64Array, L: number, hooks: RunHooks = {}, progressAt = 0): number {
  const { A, basis, coef } = estimate;
  const r = A.r;
  const a = new Float64Array(2 * r);
  const b = new Float64Array(2 * r);
  let sum = 0;
  for (let p = 0; p < pairs.count; p++) {
    if ((p & 8191) === 0) checkpoint(hooks, progressAt);
    project(A, pairs.tokens, 2, a, b, 2 * p);
    let u = 0;
    for (let k = 0; k < r; k++) u += a[k] * b[r + k];
    const g = Math.max(-L, Math.min(L, clampedValue(basis, coef, u)));
    sum += (g - planted[p]) ** 2;
  }
  return sum / pairs.count;
}
