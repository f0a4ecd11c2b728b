/**
 * Merging an `nngp-gp` run: the theory's curves, every replica, the GP-regression mean with its
 * 10–90% band, and the largest relative gap of each theory to that mean over the GPR grid.
 */
import type { MergeContext, PartResult, RunResult, Series } from '../model-kind.js';
import { collectParts, mainReplicas, meanLabel, replicaMean } from '../kit/index.js';

/** max_i |a(x_i) − b_i| / b_i over the x of `b` (theory `a` is on a grid containing them). */
function maxRelativeGap(theory: Series, x: Float64Array, mean: Float64Array): number {
  let worst = 0;
  for (let i = 0; i < x.length; i++) {
    const j = theory.x.indexOf(x[i]!);
    if (j < 0) continue;
    worst = Math.max(worst, Math.abs(theory.y[j]! - mean[i]!) / mean[i]!);
  }
  return worst;
}

export function merge(parts: PartResult[], ctx: MergeContext): RunResult {
  const collected = collectParts(parts);
  const { theory, scalars, notes } = collected;
  const replicas = mainReplicas(collected);
  const out: Series[] = [...theory, ...replicas];
  for (const name of ['test_error', 'kernel_spectrum', 'prediction']) {
    const reps = replicas.filter((s) => s.name === name);
    if (reps.length === 0) continue;
    const what = name === 'kernel_spectrum' ? 'K/n eigenvalues, mean' : 'GP regression mean';
    const { series, mean } = replicaMean(reps, meanLabel(what, reps.length), ctx.seed);
    out.push(series);
    if (name !== 'test_error') continue;
    scalars.test_error_gpr = mean[mean.length - 1]!;
    const rr = theory.find((s) => s.name === 'test_error' && s.label === 'renormalised ridge');
    const ek = theory.find((s) => s.name === 'test_error' && s.label === 'EK');
    if (rr) scalars.rel_gap_rr = maxRelativeGap(rr, series.x, mean);
    if (ek) scalars.rel_gap_ek = maxRelativeGap(ek, series.x, mean);
    notes.push('empirical band: 10%–90% quantiles across replicas (independent draws of the training and test sets)');
  }
  return { series: out, scalars, notes };
}
