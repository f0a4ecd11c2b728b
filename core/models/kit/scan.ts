/**
 * Scanning an internal axis of a run (the dimension d, a sample size, ...): a theory part and
 * replica parts at each value of the axis (part keys carry the value as `dim`), and a power law
 * C x^slope fitted to a measurement along the axis (least squares on log-log axes), shown as the
 * measured points (source `empirical`) and the fitted curve (source `fit`).
 */
import type { ObservableSpec, PartResult, RunPart, Series } from '../model-kind.js';
import { fitPowerLaw } from '../../numerics/fit.js';

/** The theory at each value, then the replicas at each value. */
export function scanParts(values: readonly number[], replicas: number, weight: { theory(v: number): number; replica(v: number): number }): RunPart[] {
  const out: RunPart[] = values.map((v) => ({ key: { role: 'theory', dim: v }, weight: weight.theory(v) }));
  for (const v of values) for (let k = 0; k < replicas; k++) out.push({ key: { role: 'replica', index: k, dim: v }, weight: weight.replica(v) });
  return out;
}

/** The results of a scan by axis value: the theory's series and each replica's series. */
export function scanResults(parts: readonly PartResult[]): Map<number, { theory: Series[]; replicas: Series[][] }> {
  const out = new Map<number, { theory: Series[]; replicas: Series[][] }>();
  for (const { key, result } of parts) {
    if (key.dim === undefined) continue;
    const entry = out.get(key.dim) ?? { theory: [], replicas: [] };
    if (key.role === 'theory') entry.theory.push(...result.series);
    else entry.replicas.push(result.series);
    out.set(key.dim, entry);
  }
  return out;
}

export interface PowerLawScan {
  /** The measurements (`empirical`) and the fit (`fit`, labelled with its slope). */
  series: [Series, Series];
  slope: number;
  slopeStderr: number;
  intercept: number;
}

/** Measurements `y` at axis values `x` and their power-law fit, as series of the observable `spec`. */
export function powerLawScan(spec: ObservableSpec, x: readonly number[], y: readonly number[], label: string): PowerLawScan {
  const xs = Float64Array.from(x);
  const ys = Float64Array.from(y);
  const fit = fitPowerLaw(xs, ys);
  const yFit = xs.map((v) => Math.exp(fit.intercept + fit.slope * Math.log(v)));
  const common = { xLabel: spec.xLabel, yLabel: spec.yLabel, name: spec.name };
  return {
    series: [
      { ...common, source: 'empirical', label, x: xs, y: ys },
      { ...common, source: 'fit', label: `fit C ${spec.xLabel}^slope, slope ${fit.slope.toFixed(3)}`, x: xs, y: yFit },
    ],
    slope: fit.slope,
    slopeStderr: fit.slopeStderr,
    intercept: fit.intercept,
  };
}
