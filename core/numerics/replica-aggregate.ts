/**
 * Pointwise aggregation of replica curves on a common grid: the mean, and a band between the 10%
 * and 90% quantiles across replicas (type-7 quantiles). Replicas are combined in the order given,
 * so the result is bit-for-bit reproducible. NaN entries (e.g. an undefined window) stay NaN.
 */
import { quantileSorted } from './quantile.js';

export interface ReplicaAggregate {
  mean: Float64Array;
  lo: Float64Array;
  hi: Float64Array;
}

export const BAND_QUANTILES = { lo: 0.1, hi: 0.9 } as const;

export function aggregateReplicas(curves: readonly Float64Array[]): ReplicaAggregate {
  const r = curves.length;
  const n = r > 0 ? curves[0].length : 0;
  const mean = new Float64Array(n);
  const lo = new Float64Array(n);
  const hi = new Float64Array(n);
  const column = new Float64Array(r);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = 0; k < r; k++) {
      column[k] = curves[k][i];
      s += column[k];
    }
    mean[i] = s / r;
    column.sort();
    lo[i] = quantileSorted(column, BAND_QUANTILES.lo);
    hi[i] = quantileSorted(column, BAND_QUANTILES.hi);
  }
  return { mean, lo, hi };
}
