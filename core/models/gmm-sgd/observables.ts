/** The observables of `gmm-sgd` as the ODE and the simulation compute them, and the decay slope of the risk. */
import { observablesOf } from '../kit/index.js';
import type { ObservableSpec } from '../model-kind.js';
import type { GmmObservables } from './ode.js';
import { outputs } from './outputs.js';
import type { Mixture } from './problem.js';

const spec = observablesOf(outputs);

export interface GmmObservable {
  spec: ObservableSpec;
  key: keyof GmmObservables;
}

export const OBSERVABLES: GmmObservable[] = [
  { spec: spec('risk'), key: 'risk' },
  { spec: spec('accuracy'), key: 'accuracy' },
  { spec: spec('overlap_clean'), key: 'overlapClean' },
  { spec: spec('overlap_noisy'), key: 'overlapNoisy' },
];

/** Observables with a defined value for this mixture (an overlap needs a nonzero projection). */
export function activeObservables(mix: Mixture): GmmObservable[] {
  return OBSERVABLES.filter(
    (o) => (o.key !== 'overlapClean' || mix.deltaCleanNorm > 0) && (o.key !== 'overlapNoisy' || mix.deltaNoisyNorm > 0),
  );
}

/** d log R / d log t between the grid point nearest (in log t) to T/10 and T; NaN if undefined. */
export function decadeSlope(t: Float64Array, y: Float64Array): number {
  const last = t.length - 1;
  const target = Math.log(t[last] / 10);
  let best = -1;
  for (let j = 1; j < last; j++) {
    if (best < 0 || Math.abs(Math.log(t[j]) - target) < Math.abs(Math.log(t[best]) - target)) best = j;
  }
  if (best < 0 || !(y[best] > 0) || !(y[last] > 0)) return Number.NaN;
  return Math.log(y[last] / y[best]) / Math.log(t[last] / t[best]);
}
