/**
 * Seed aggregation: curves of runs that differ only in seed, on a common grid, reduced to a mean
 * with a band — sample standard deviation (n − 1), standard error (std/√n) or min–max.
 */
import type { Series } from '../../../core/models/model-kind.js';
import { commonGrid, interpolateLinear, sameGrid } from './interpolate.js';

export type AggregateBand = 'std' | 'stderr' | 'minmax';

/** Mean and band over curves sampled on the same grid. */
export function meanWithBand(curves: Float64Array[], band: AggregateBand): { mean: Float64Array; lo: Float64Array; hi: Float64Array } {
  const n = curves.length;
  const m = curves[0]?.length ?? 0;
  const mean = new Float64Array(m);
  const lo = new Float64Array(m);
  const hi = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let sum = 0;
    let min = Infinity;
    let max = -Infinity;
    for (const c of curves) {
      const v = c[i]!;
      sum += v;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    const mu = sum / n;
    let ss = 0;
    for (const c of curves) ss += (c[i]! - mu) ** 2;
    const std = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
    mean[i] = mu;
    if (band === 'minmax') {
      lo[i] = min;
      hi[i] = max;
    } else {
      const half = band === 'std' ? std : std / Math.sqrt(n);
      lo[i] = mu - half;
      hi[i] = mu + half;
    }
  }
  return { mean, lo, hi };
}

/**
 * Aggregate each (name, source) curve present in every run. Per run the curve is its aggregate
 * (the series without a replica index); replicas are not mixed across runs.
 */
export function aggregateRuns(runs: { id: string; series: Series[] }[], band: AggregateBand): Series[] {
  if (!runs.length) return [];
  const key = (s: Series) => `${s.name}\u0000${s.source}`;
  const perRun = runs.map((r) => new Map(r.series.filter((s) => s.replica === undefined).map((s) => [key(s), s])));
  const out: Series[] = [];
  for (const [k, first] of perRun[0]!) {
    const members = perRun.map((m) => m.get(k)).filter((s): s is Series => s !== undefined);
    if (members.length !== runs.length) continue;
    const grid = commonGrid(members.map((s) => s.x));
    const curves = members.map((s) => (sameGrid(s.x, grid) ? s.y : interpolateLinear(s.x, s.y, grid)));
    const { mean, lo, hi } = meanWithBand(curves, band);
    out.push({
      name: first.name,
      source: first.source,
      label: `${first.label ?? first.source} — mean of ${runs.length} runs (${band === 'minmax' ? 'min–max' : band})`,
      x: grid,
      y: mean,
      xLabel: first.xLabel,
      yLabel: first.yLabel,
      band: { lo, hi, kind: band },
    });
  }
  return out;
}
