/**
 * Operation counts of one fit at sample size M, shared by the part weights and the cost estimate:
 * the pairs' B-spline evaluations and normal-matrix updates, and for the joint estimator the
 * Gauss–Newton passes (np = 2 d r parameters, about `JOINT_PASSES` of them).
 */
import type { AttentionParams } from './params.js';

/** Typical number of Gauss–Newton passes (accepted steps plus the rejected trials' fits). */
export const JOINT_PASSES = 8;

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
  return {
    spline: splineOnce * (joint ? JOINT_PASSES + 1 : 1),
    gaussNewton: joint ? JOINT_PASSES * (M * p.N * ((np * np) / 2 + (p.N - 1) * s1 * np) + M * p.N * p.d * p.d) : 0,
    metric: p.eval_pairs * 2 * p.d * p.rank,
  };
}
