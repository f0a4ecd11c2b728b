/**
 * Merging a `dp-sgd` run: the theory's series (ODE, bounds, privacy profile), every replica, then
 * per observable the DP-SGD mean with its 10-90% band; the final excess risk, its gap to the ODE,
 * and the replicas' expansive steps summed.
 */
import type { MergeContext, PartResult, RunResult, Series } from '../model-kind.js';
import { collectParts, mainReplicas, meanLabel, replicaMean, theoryGap } from '../kit/index.js';
import type { DpSgdParams } from './params.js';

const AVERAGED = ['risk', 'excess_risk', 'clip_fraction'] as const;

export function merge(p: DpSgdParams, parts: PartResult[], ctx: MergeContext): RunResult {
  const collected = collectParts(parts);
  const { theory, scalars, notes } = collected;
  const replicas = mainReplicas(collected);
  const out: Series[] = [...theory, ...replicas];
  const R = new Set(replicas.map((s) => s.replica)).size;
  for (const name of AVERAGED) {
    const reps = replicas.filter((s) => s.name === name);
    if (reps.length === 0) continue;
    const { series, mean } = replicaMean(reps, meanLabel('DP-SGD mean', reps.length), ctx.seed);
    out.push(series);
    if (name === 'excess_risk') {
      scalars.final_excess_risk_simulation = mean[mean.length - 1];
      const th = theory.find((s) => s.name === name && s.source === 'theory');
      if (th) scalars.max_rel_gap = theoryGap(th.y, mean).maxRel;
    }
  }
  const expansive = collected.replicaScalars.expansive_steps;
  if (expansive) {
    const total = expansive.reduce((a, b) => a + b, 0);
    scalars.expansive_steps = total;
    notes.push(`simulation: ${R} replica${R === 1 ? '' : 's'}, band = 10%-90% quantiles across replicas`);
    if (total > 0 && p.clip.enabled) {
      notes.push(`simulation: ${total} step(s) had eta_k ||x_k||^2 > 2 (not non-expansive): the last-iterate rho does not cover this data`);
    }
  }
  return { series: out, scalars, notes };
}
