/**
 * Merging the parts of a standard run: per observable the theory, the SGD replicas, their mean
 * with the 10-90% band, and the mean and band of homogenized SGD; scalars and notes.
 */
import type { PartResult, RunResult, Series } from '../model-kind.js';
import { aggregateReplicas } from '../../numerics/replica-aggregate.js';
import type { SgdGlmParams } from './params.js';
import { parameterScalars, theoryScalars } from './scalars.js';
import { SERIES_INFO, SERIES_ORDER, curveSeries } from './series.js';
import { simulationHorizon, spectrumOf } from './setup.js';
import type { Observable } from './observe.js';

/** The last finite value (a noiseless theory may stop early below 1e-250, leaving NaN). */
function last(a: Float64Array): number {
  for (let i = a.length - 1; i >= 0; i--) if (Number.isFinite(a[i])) return a[i];
  return Number.NaN;
}

function suffix(obs: Observable): string {
  return SERIES_INFO[obs].name;
}

/** max |y - theory| / max |theory| over the points of y, and the fraction of points where the theory lies in the band. */
export function compareToTheory(theory: Float64Array, mean: Float64Array, lo: Float64Array, hi: Float64Array): { gap: number; coverage: number } {
  let maxTheory = 0;
  let maxGap = 0;
  let inside = 0;
  let n = 0;
  for (let i = 0; i < mean.length; i++) {
    const th = theory[i];
    if (!Number.isFinite(th)) continue;
    n++;
    maxTheory = Math.max(maxTheory, Math.abs(th));
    maxGap = Math.max(maxGap, Math.abs(mean[i] - th));
    if (th >= lo[i] && th <= hi[i]) inside++;
  }
  return { gap: maxTheory > 0 ? maxGap / maxTheory : Number.NaN, coverage: n > 0 ? inside / n : Number.NaN };
}

export function mergeStandard(p: SgdGlmParams, parts: PartResult[], ctx: { seed: number; replicas: number }): RunResult {
  const results = parts.map((q) => q.result);
  const spectrum = spectrumOf(p);
  const theory = new Map<string, Series>();
  const sims = new Map<string, Series[]>();
  const sdes = new Map<string, Series[]>();
  const notes: string[] = [];
  const fromTheory: Record<string, number> = {};
  for (const r of results) {
    for (const s of r.series) {
      if (s.source === 'theory') theory.set(s.name, s);
      else if (s.source === 'simulation' && s.replica !== undefined) sims.set(s.name, [...(sims.get(s.name) ?? []), s]);
      else if (s.source === 'sde' && s.replica !== undefined) sdes.set(s.name, [...(sdes.get(s.name) ?? []), s]);
    }
    if (r.notes) notes.push(...r.notes);
    Object.assign(fromTheory, r.scalars);
  }
  const { scalars, notes: paramNotes } = parameterScalars(p, spectrum);
  Object.assign(scalars, fromTheory);
  notes.push(...paramNotes);

  const series: Series[] = [];
  for (const obs of SERIES_ORDER) {
    const name = SERIES_INFO[obs].name;
    const th = theory.get(name);
    if (th) {
      series.push(th);
      scalars[`final_${suffix(obs)}_theory`] = last(th.y);
    }
    const reps = sims.get(name) ?? [];
    series.push(...reps);
    for (const [group, source, label] of [
      [reps, 'simulation', 'SGD mean'],
      [sdes.get(name) ?? [], 'sde', 'homogenized SGD mean'],
    ] as const) {
      if (group.length === 0) continue;
      const R = group.length;
      const agg = aggregateReplicas(group.map((s) => s.y));
      series.push(
        curveSeries(obs, source, group[0].x, agg.mean, {
          label: `${label} (${R} replica${R === 1 ? '' : 's'})`,
          seed: ctx.seed,
          band: { lo: agg.lo, hi: agg.hi, kind: 'quantile' },
        }),
      );
      const tag = source === 'simulation' ? 'simulation' : 'sde';
      scalars[`final_${suffix(obs)}_${tag}`] = last(agg.mean);
      if (obs === 'risk' && th) {
        const cmp = compareToTheory(th.y, agg.mean, agg.lo, agg.hi);
        scalars[source === 'simulation' ? 'max_rel_gap' : 'max_rel_gap_sde'] = cmp.gap;
        scalars[source === 'simulation' ? 'band_coverage' : 'band_coverage_sde'] = cmp.coverage;
      }
    }
  }
  const lrTheory = theory.get('lr');
  if (lrTheory) Object.assign(scalars, theoryScalars(p, spectrum, last(lrTheory.y), fromTheory.theory_r1));
  delete scalars.theory_r1;
  if (sims.size > 0 || sdes.size > 0) {
    notes.push('simulation band: 10%-90% quantiles across replicas');
    const simT = simulationHorizon(p);
    if (simT < p.T) {
      notes.push(
        `the simulations stop at t = ${simT} (sim_T); the theory continues to T = ${p.T}; final_*_simulation are at t = ${simT}, ` +
          'compare them with *_theory_at_sim_T',
      );
      scalars.sim_T = simT;
      const n = (sims.values().next().value ?? sdes.values().next().value)?.[0]?.x.length ?? 0;
      for (const obs of SERIES_ORDER) {
        const th = theory.get(SERIES_INFO[obs].name);
        if (th && n > 0) scalars[`${suffix(obs)}_theory_at_sim_T`] = th.y[n - 1];
      }
    }
    if (sdes.size > 0) notes.push('sde: homogenized SGD, Euler–Maruyama in the eigenbasis with step 1/d');
  }
  return { series, scalars, notes };
}
