/**
 * Finite-size mode: SGD replicas at several dimensions d, each against the theory on its own
 * spectrum and grid. For each d,
 *   gap(d)  = mean over replicas of sup_t |R_replica(t) - R_theory(t)|,
 *   band(d) = sup_t (q90(t) - q10(t)) across replicas,
 * and straight-line fits of log gap and log band against log d. Concentration of the risk around
 * the deterministic equivalent at rate d^(-1/2) (arXiv:2308.08977 Thm 1.1 and Cor. 4.2; note §2,
 * claim 1) predicts slopes of about -1/2.
 */
import type { PartResult, RunResult, Series } from '../model-kind.js';
import { fitPowerLaw } from '../../numerics/fit.js';
import { aggregateReplicas } from '../../numerics/replica-aggregate.js';
import type { SgdGlmParams } from './params.js';
import { parameterScalars } from './scalars.js';
import { SERIES_INFO, curveSeries } from './series.js';
import { simulationHorizon, spectrumOf } from './setup.js';

function gapSeries(name: string, yLabel: string, dims: number[], values: number[], what: string): { series: Series[]; slope: number; stderr: number } {
  const x = Float64Array.from(dims);
  const y = Float64Array.from(values);
  const fit = fitPowerLaw(x, y);
  const yFit = x.map((d) => Math.exp(fit.intercept + fit.slope * Math.log(d)));
  const common = { xLabel: 'd', yLabel, name };
  return {
    series: [
      { ...common, source: 'empirical', label: what, x, y },
      { ...common, source: 'fit', label: `fit C d^slope, slope ${fit.slope.toFixed(3)}`, x, y: yFit },
    ],
    slope: fit.slope,
    stderr: fit.slopeStderr,
  };
}

export function mergeFiniteSize(p: SgdGlmParams, parts: PartResult[], ctx: { seed: number; replicas: number }): RunResult {
  const theoryRisk = new Map<number, Series>();
  const theoryLr = new Map<number, Series>();
  const reps = new Map<number, { risk: Series[]; lr: Series[] }>();
  const notes: string[] = [];
  for (const { key, result: r } of parts) {
    if (r.notes) notes.push(...r.notes);
    if (key.dim === undefined) continue;
    if (key.role === 'theory') {
      for (const s of r.series) {
        if (s.name === 'risk') theoryRisk.set(key.dim, s);
        if (s.name === 'lr') theoryLr.set(key.dim, s);
      }
    } else {
      const entry = reps.get(key.dim) ?? { risk: [], lr: [] };
      for (const s of r.series) {
        if (s.name === 'risk') entry.risk.push(s);
        if (s.name === 'lr') entry.lr.push(s);
      }
      reps.set(key.dim, entry);
    }
  }
  const dims = [...p.finite_size.dims].sort((a, b) => a - b);
  const { scalars, notes: paramNotes } = parameterScalars(p, spectrumOf(p, dims[dims.length - 1]));
  notes.push(...paramNotes);
  const series: Series[] = [];
  const top = theoryRisk.get(dims[dims.length - 1]);
  if (top) series.push({ ...top, label: `ODE (theory, d = ${dims[dims.length - 1]})` });
  const adaptive = p.lr.policy !== 'constant';
  const topLr = theoryLr.get(dims[dims.length - 1]);
  if (adaptive && topLr) series.push({ ...topLr, label: `ODE (theory, d = ${dims[dims.length - 1]})` });
  const gaps: number[] = [];
  const bands: number[] = [];
  const used: number[] = [];
  for (const d of dims) {
    const entry = reps.get(d);
    const th = theoryRisk.get(d);
    if (!entry || entry.risk.length === 0 || !th) continue;
    const R = entry.risk.length;
    const agg = aggregateReplicas(entry.risk.map((s) => s.y));
    series.push(
      curveSeries('risk', 'simulation', entry.risk[0].x, agg.mean, {
        label: `SGD d = ${d} (mean of ${R})`,
        seed: ctx.seed,
        band: { lo: agg.lo, hi: agg.hi, kind: 'quantile' },
      }),
    );
    if (adaptive && entry.lr.length > 0) {
      const aggLr = aggregateReplicas(entry.lr.map((s) => s.y));
      series.push(
        curveSeries('lr', 'simulation', entry.lr[0].x, aggLr.mean, {
          label: `SGD d = ${d} (mean of ${R})`,
          seed: ctx.seed,
          band: { lo: aggLr.lo, hi: aggLr.hi, kind: 'quantile' },
        }),
      );
    }
    let gap = 0;
    for (const s of entry.risk) {
      let sup = 0;
      for (let i = 0; i < s.y.length; i++) sup = Math.max(sup, Math.abs(s.y[i] - th.y[i]));
      gap += sup / R;
    }
    let band = 0;
    for (let i = 0; i < agg.lo.length; i++) band = Math.max(band, agg.hi[i] - agg.lo[i]);
    gaps.push(gap);
    bands.push(band);
    used.push(d);
    scalars[`gap_d${d}`] = gap;
    scalars[`band_d${d}`] = band;
  }
  if (used.length >= 2) {
    const g = gapSeries('gap_vs_d', 'sup_t |R_SGD - R_theory| (mean over replicas)', used, gaps, 'theory-to-SGD gap');
    const b = gapSeries('band_vs_d', 'sup_t width of the 10-90% band', used, bands, 'band width');
    series.push(...g.series, ...b.series);
    scalars.gap_slope = g.slope;
    scalars.band_slope = b.slope;
    if (Number.isFinite(g.stderr)) scalars.gap_slope_stderr = g.stderr;
    if (Number.isFinite(b.stderr)) scalars.band_slope_stderr = b.stderr;
    notes.push(
      `finite-size check: log-log slopes gap ${g.slope.toFixed(3)}, band ${b.slope.toFixed(3)} over d = ${used.join(', ')} ` +
        `(${p.finite_size.replicas} replicas each; concentration at rate d^(-1/2) predicts about -0.5)`,
    );
  }
  const simT = simulationHorizon(p);
  if (simT < p.T) notes.push(`the simulations stop at t = ${simT} (sim_T); the theory continues to T = ${p.T}`);
  notes.push(`finite-size mode: d = ${p.d} and the run's replica count are not used; ${SERIES_INFO.risk.name} is shown per d`);
  return { series, scalars, notes };
}
