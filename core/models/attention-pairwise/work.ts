/**
 * Operation counts of one fit at sample size M, shared by the part weights and the cost estimate:
 * the pairs' B-spline evaluations and normal-matrix updates, and for the joint estimator the
 * Gauss–Newton passes (np = 2 d r parameters, about `jointPasses` of them).
 */
import type { AttentionParams } from './params.js';

/**
 * Typical number of Gauss–Newton passes: a few steps while r d is small, more as the direction of A
 * gets harder to find (measured: about 3 steps at d = 3, 5 at d = 4, 32 at d = 16, r = 1), at most
 * the iteration limit.
 */
export function jointPasses(p: Pick<AttentionParams, 'd' | 'rank' | 'joint'>): number {
  return Math.max(1, Math.min(p.joint.iterations, 2 * p.d * p.rank - 3));
}

export interface FitWork {
  /** Pair evaluations and normal-matrix updates: M N (N - 1) (s + 1)^2 plus the data draw M N^2 d r. */
  spline: number;
  /** Gauss–Newton accumulations: passes x M N ((np)^2 / 2 + (N - 1)(s + 1) np); 0 for oracle_A. */
  gaussNewton: number;
  /** The error on fresh pairs: eval_pairs x 2 d r. */
  metric: number;
}

export function fitWork(p: AttentionParams, M: number): FitWork {
  const s1 = p.basis.degree + 1;
  const pairs = M * p.N * (p.N - 1);
  const np = 2 * p.d * p.rank;
  const splineOnce = pairs * s1 * s1 + M * p.N * p.N * p.d * p.rank;
  const joint = p.estimator === 'joint';
  const passes = jointPasses(p);
  return {
    spline: splineOnce * (joint ? 2 * passes + 1 : 1),
    gaussNewton: joint ? passes * (M * p.N * ((np * np) / 2 + (p.N - 1) * s1 * np) + M * p.N * p.d * p.d) : 0,
    metric: p.eval_pairs * 2 * p.d * p.rank,
  };
}
