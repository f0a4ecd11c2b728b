/** The observables of `sgd-glm` (declared in ./outputs.ts) as series, in the order a result lists them. */
import type { ObservableSpec, Series, SeriesSource } from '../model-kind.js';
import { observableSeries, observablesOf } from '../kit/index.js';
import type { Observable, SimulationCurves } from './observe.js';
import { outputs } from './outputs.js';

const spec = observablesOf(outputs);

/** The declared observable of each curve the theory and the simulations compute. */
export const OBSERVABLE_SPEC: Record<Observable, ObservableSpec> = {
  risk: spec('risk'),
  lr: spec('lr'),
  distance: spec('distance'),
  overlap: spec('overlap'),
  excess: spec('excess_risk'),
};

/** Order in which observables appear in a result. */
export const SERIES_ORDER: readonly Observable[] = ['risk', 'lr', 'distance', 'overlap', 'excess'];

export function curveSeries(obs: Observable, source: SeriesSource, x: Float64Array, y: Float64Array, extra: Partial<Series> = {}): Series {
  return observableSeries(OBSERVABLE_SPEC[obs], source, x, y, extra);
}

/** All observables of one simulated replica as series. */
export function replicaSeries(curves: SimulationCurves, source: SeriesSource, x: Float64Array, label: string, replica: number, seed: number): Series[] {
  return SERIES_ORDER.map((obs) => curveSeries(obs, source, x, curves[obs], { label, replica, seed }));
}
