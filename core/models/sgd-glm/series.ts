/** Names, labels and assembly of the series of the `sgd-glm` kind. */
import type { Series, SeriesSource } from '../model-kind.js';
import type { Observable, SimulationCurves } from './observe.js';

export const X_LABEL = 't = steps / d';

/** Series name and y label of each observable. */
export const SERIES_INFO: Record<Observable, { name: string; yLabel: string }> = {
  risk: { name: 'risk', yLabel: 'risk' },
  lr: { name: 'lr', yLabel: 'learning rate gamma_t' },
  distance: { name: 'distance', yLabel: '|theta - theta*|^2' },
  overlap: { name: 'overlap', yLabel: '<theta, theta*>' },
  excess: { name: 'excess_risk', yLabel: 'risk - risk at theta*' },
};

/** Order in which observables appear in a result. */
export const SERIES_ORDER: readonly Observable[] = ['risk', 'lr', 'distance', 'overlap', 'excess'];

export function curveSeries(
  obs: Observable,
  source: SeriesSource,
  x: Float64Array,
  y: Float64Array,
  extra: Partial<Series> = {},
): Series {
  const info = SERIES_INFO[obs];
  return { name: info.name, source, x, y, xLabel: X_LABEL, yLabel: info.yLabel, ...extra };
}

/** All observables of one simulated replica as series. */
export function replicaSeries(
  curves: SimulationCurves,
  source: SeriesSource,
  x: Float64Array,
  label: string,
  replica: number,
  seed: number,
): Series[] {
  return SERIES_ORDER.map((obs) => curveSeries(obs, source, x, curves[obs], { label, replica, seed }));
}

export function observableOfName(name: string): Observable | undefined {
  return SERIES_ORDER.find((o) => SERIES_INFO[o].name === name);
}
