/**
 * Merging a run: each repetition's error curve over M, their mean with the 10–90% band, the
 * least-squares power law through the mean (source `fit`) and the theory's slope -2 beta/(2 beta + 1)
 * drawn through the measured mean at the smallest M (source `theory`; only its slope is theory).
 */
import type { MergeContext, PartResult, RunResult, Series } from '../model-kind.js';
import { meanLabel, observableSeries, observablesOf, replicaMean } from '../kit/index.js';
import { fitPowerLaw } from '../../numerics/fit.js';
import { outputs } from './outputs.js';
import { type AttentionParams, intervalsAt, sampleSizes, theorySlope } from './params.js';
import { plantedModel } from './truth.js';

const spec = observablesOf(outputs);

function mean(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((s, v) => s + v, 0) / values.length;
}

export function merge(p: AttentionParams, parts: PartResult[], ctx: MergeContext): RunResult {
  const sizes = sampleSizes(p);
  const column = new Map(sizes.map((M, k) => [M, k]));
  const curves = new Map<number, Float64Array>();
  const steps: number[] = [];
  const reductions: number[] = [];
  let ridged = 0;
  const notes: string[] = [];
  for (const { key, result } of parts) {
    if (key.role !== 'replica' || key.dim === undefined) continue;
    const k = column.get(key.dim);
    const point = result.series[0];
    if (k === undefined || !point) continue;
    const curve = curves.get(key.index) ?? new Float64Array(sizes.length).fill(Number.NaN);
    curve[k] = point.y[0]!;
    curves.set(key.index, curve);
    if (result.scalars.lm_steps !== undefined) steps.push(result.scalars.lm_steps);
    if (result.scalars.rss_reduction !== undefined) reductions.push(result.scalars.rss_reduction);
    if ((result.scalars.ridge ?? 0) !== 0) ridged++;
    if (result.notes) notes.push(...result.notes);
  }
  const x = Float64Array.from(sizes);
  const err = spec('error');
  const series: Series[] = [];
  const reps = [...curves.keys()].sort((a, b) => a - b);
  const perRep = reps.map((r) => observableSeries(err, 'simulation', x, curves.get(r)!, { label: `repetition ${r}`, replica: r, seed: ctx.seed }));
  series.push(...perRep);
  const slopeTheory = theorySlope(p.beta);
  const Mmax = sizes[sizes.length - 1]!;
  const scalars: Record<string, number> = {};
  if (perRep.length > 0) {
    const m = replicaMean(perRep, meanLabel(p.estimator === 'joint' ? 'joint (A, phi) estimate' : 'phi with A* known', perRep.length), ctx.seed);
    series.push(m.series);
    if (sizes.length >= 2) {
      const fit = fitPowerLaw(x, m.mean);
      if (Number.isFinite(fit.slope)) {
        const yFit = x.map((M) => Math.exp(fit.intercept + fit.slope * Math.log(M)));
        series.push(observableSeries(err, 'fit', x, yFit, { label: `fit to the means, slope ${fit.slope.toFixed(3)}` }));
        scalars.slope = fit.slope;
      }
      const y0 = m.mean[0]!;
      if (y0 > 0 && Number.isFinite(y0)) {
        const yTheory = x.map((M) => y0 * (M / sizes[0]!) ** slopeTheory);
        series.push(observableSeries(err, 'theory', x, yTheory, { label: `theory slope ${slopeTheory.toFixed(3)}` }));
        notes.push(
          `theory: the minimax slope -2 beta/(2 beta + 1) = ${slopeTheory.toFixed(3)}, not fitted; the line is drawn through the measured mean at M = ${sizes[0]} ` +
            '(the theorem gives no constant). fit: least squares of log mean error on log M.',
        );
      }
    }
    scalars.slope_theory = slopeTheory;
    if (scalars.slope !== undefined) {
      const fit = fitPowerLaw(x, m.mean);
      if (Number.isFinite(fit.slopeStderr)) scalars.slope_stderr = fit.slopeStderr;
    }
    scalars.error_M_max = m.mean[sizes.length - 1]!;
    scalars.error_M_min = m.mean[0]!;
    notes.push(`band: 10%-90% quantiles over ${perRep.length} repetitions; the samples of one repetition are nested in M, and its fresh pairs are shared by every M`);
  } else {
    scalars.slope_theory = slopeTheory;
  }
  scalars.rd = p.rank * p.d;
  scalars.rd_bound_M_max = (Mmax / Math.log(Mmax)) ** (1 / (2 * p.beta + 1));
  scalars.basis_size_M_min = intervalsAt(p, sizes[0]!) + p.basis.degree;
  scalars.basis_size_M_max = intervalsAt(p, Mmax) + p.basis.degree;
  if (steps.length > 0) scalars.lm_steps = mean(steps);
  if (reductions.length > 0) scalars.rss_reduction = mean(reductions);
  scalars.ridged_fits = ridged;
  scalars.truncation_L = plantedModel(p, ctx.seed).L;
  return { series, scalars, notes };
}
