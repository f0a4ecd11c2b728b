/**
 * Merging a `gmm-sgd` run: the theory's series, every replica, then per observable the SGD mean
 * with its 10-90% band; the final values, the risk's decay slope and its gap to the theory.
 */
import type { MergeContext, PartResult, RunResult, Series } from '../model-kind.js';
import { collectParts, mainReplicas, meanLabel, replicaMean, theoryGap } from '../kit/index.js';
import { OBSERVABLES, decadeSlope } from './observables.js';

export function merge(parts: PartResult[], ctx: MergeContext): RunResult {
  const collected = collectParts(parts);
  const { theory, scalars, notes } = collected;
  const replicas = mainReplicas(collected);
  const out: Series[] = [...theory, ...replicas];
  let R = 0;
  for (const { spec } of OBSERVABLES) {
    const reps = replicas.filter((s) => s.name === spec.name);
    if (reps.length === 0) continue;
    R = reps.length;
    const { series, mean } = replicaMean(reps, meanLabel('SGD mean', R), ctx.seed);
    out.push(series);
    scalars[`final_${spec.name}_simulation`] = mean[mean.length - 1];
    if (spec.name === 'risk') {
      const slope = decadeSlope(series.x, mean);
      if (Number.isFinite(slope)) scalars.risk_decay_exponent_simulation = slope;
      const th = theory.find((s) => s.name === 'risk');
      if (th) scalars.max_rel_gap = theoryGap(th.y, mean).maxRel;
    }
  }
  if (R > 0) notes.push('simulation band: 10%-90% quantiles across replicas; observables are exact population values at the SGD iterate');
  return { series: out, scalars, notes };
}
