/**
 * Merging the parts of a standard run: per observable the theory, the SGD replicas, their mean
 * with the 10-90% band, and the mean and band of homogenized SGD; scalars and notes.
 */
import type { MergeContext, PartResult, RunResult, Series } from '../model-kind.js';
import { collectParts, lastFinite, mainReplicas, meanLabel, replicaMean, theoryGap } from '../kit/index.js';
import type { SgdGlmParams } from './params.js';
import { parameterScalars, theoryScalars } from './scalars.js';
import { OBSERVABLE_SPEC, SERIES_ORDER } from './series.js';
import { simulationHorizon, spectrumOf } from './setup.js';

function byName(series: readonly Series[]): Map<string, Series[]> {
  const out = new Map<string, Series[]>();
  for (const s of series) out.set(s.name, [...(out.get(s.name) ?? []), s]);
  return out;
}

export function mergeStandard(p: SgdGlmParams, parts: PartResult[], ctx: MergeContext): RunResult {
  const spectrum = spectrumOf(p);
  const collected = collectParts(parts);
  const notes = collected.notes;
  const fromTheory = collected.scalars;
  const theory = new Map(collected.theory.map((s) => [s.name, s]));
  const sims = byName(mainReplicas(collected));
  const sdes = byName(collected.replicas.get('sde') ?? []);
  const { scalars, notes: paramNotes } = parameterScalars(p, spectrum);
  Object.assign(scalars, fromTheory);
  notes.push(...paramNotes);

  const series: Series[] = [];
  for (const obs of SERIES_ORDER) {
    const name = OBSERVABLE_SPEC[obs].name;
    const th = theory.get(name);
    if (th) {
      series.push(th);
      scalars[`final_${name}_theory`] = lastFinite(th.y);
    }
    const reps = sims.get(name) ?? [];
    series.push(...reps);
    for (const [group, tag, what] of [
      [reps, 'simulation', 'SGD mean'],
      [sdes.get(name) ?? [], 'sde', 'homogenized SGD mean'],
    ] as const) {
      if (group.length === 0) continue;
      const mean = replicaMean(group, meanLabel(what, group.length), ctx.seed);
      series.push(mean.series);
      scalars[`final_${name}_${tag}`] = lastFinite(mean.mean);
      if (obs === 'risk' && th) {
        const gap = theoryGap(th.y, mean.mean, mean);
        scalars[tag === 'simulation' ? 'max_rel_gap' : 'max_rel_gap_sde'] = gap.maxRel;
        scalars[tag === 'simulation' ? 'band_coverage' : 'band_coverage_sde'] = gap.coverage;
      }
    }
  }
  const lrTheory = theory.get('lr');
  if (lrTheory) Object.assign(scalars, theoryScalars(p, spectrum, lastFinite(lrTheory.y), fromTheory.theory_r1));
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
        const th = theory.get(OBSERVABLE_SPEC[obs].name);
        if (th && n > 0) scalars[`${OBSERVABLE_SPEC[obs].name}_theory_at_sim_T`] = th.y[n - 1];
      }
    }
    if (sdes.size > 0) notes.push('sde: homogenized SGD, Euler–Maruyama in the eigenbasis with step 1/d');
  }
  return { series, scalars, notes };
}
