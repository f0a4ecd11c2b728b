/**
 * The estimated cost of a gmm-sgd run (`ModelKind.cost`), term by term, in seconds on one core:
 *
 * - SGD: each replica takes T·d steps of O(d) work, plus O(d) per mean direction (K = classes for
 *   random means, else 1): (6 + 0.1 K) ns per step × dimension;
 * - theory: 2d states (per coordinate) and per-class expectations over the K mean directions,
 *   integrated with about 100 + 20 ln(1 + T) steps plus 0.15 per recording time: 20 ns per
 *   (K + 3)·d·step.
 *
 * Rough to a factor of a few: it tells seconds from hours from years.
 */
import type { CostTerm } from '../model-kind.js';
import type { GmmSgdParams } from './params.js';

const SGD_NS_PER_STEP_DIM = 6;
const SGD_NS_PER_STEP_DIM_DIRECTION = 0.1;
const THEORY_NS_PER_UNIT = 20;

export function gmmSgdCost(p: GmmSgdParams, replicas: number): CostTerm[] {
  const directions = p.means.kind === 'random' ? p.classes : 1;
  const theoryUnits = (directions + 3) * p.d * (100 + 20 * Math.log1p(p.T) + 0.15 * p.grid);
  const stepDims = replicas * p.T * p.d * p.d;
  const nsPerStepDim = SGD_NS_PER_STEP_DIM + SGD_NS_PER_STEP_DIM_DIRECTION * directions;
  return [
    { what: 'theory (directions + 3)·d·steps', count: theoryUnits, seconds: theoryUnits * THEORY_NS_PER_UNIT * 1e-9 },
    { what: 'SGD steps·d·replicas', count: stepDims, seconds: stepDims * nsPerStepDim * 1e-9 },
  ];
}
