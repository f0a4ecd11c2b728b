/**
 * The estimated cost of a dp-sgd run (`ModelKind.cost`), term by term, in seconds on one core:
 *
 * - DP-SGD: each replica makes one pass of n = round(d / aspect) steps of O(d) work (clipping,
 *   noise) and records the excess risk, O(d), at each of the grid times: 7 ns per step × dimension;
 * - theory: the per-mode ODE on t in [0, 1] with its bounds and the privacy accounting, about
 *   5 µs per mode (distinct eigenvalue, at most d) plus 5 ms.
 *
 * Rough to a factor of a few: it tells seconds from hours from years.
 */
import type { CostTerm } from '../model-kind.js';
import { distinctEigenvaluesAtMost } from '../spectrum-params.js';
import { type DpSgdParams, sampleCount } from './params.js';

const PASS_NS_PER_STEP_DIM = 7;
const THEORY_NS_PER_MODE = 5000;
const THEORY_NS_FIXED = 5e6;

export function dpSgdCost(p: DpSgdParams, replicas: number): CostTerm[] {
  const modes = distinctEigenvaluesAtMost(p.spectrum, p.d);
  const stepDims = replicas * (sampleCount(p) + p.grid) * p.d;
  return [
    { what: 'theory modes', count: modes, seconds: (modes * THEORY_NS_PER_MODE + THEORY_NS_FIXED) * 1e-9 },
    { what: 'DP-SGD steps·d·replicas', count: stepDims, seconds: stepDims * PASS_NS_PER_STEP_DIM * 1e-9 },
  ];
}
