/**
 * The theory part of `gmm-sgd`: the ODE of ./ode.ts on the recording grid, its observables as
 * series, the scalars read off them and the solver's notes.
 */
import type { RunContext, RunResult, Series } from '../model-kind.js';
import { hooksOf, observableSeries } from '../kit/index.js';
import { gmmTheory } from './ode.js';
import { activeObservables, decadeSlope } from './observables.js';
import type { GmmSgdParams } from './params.js';
import { buildMixture, gridOf } from './problem.js';

export function theoryPart(p: GmmSgdParams, ctx: RunContext): RunResult {
  const mix = buildMixture(p, ctx.seed);
  const grid = gridOf(p);
  const out = gmmTheory(mix, p.loss, p.lr.gamma, p.init, grid.t, hooksOf(ctx));
  const series: Series[] = activeObservables(mix).map((o) => observableSeries(o.spec, 'theory', grid.t, out[o.key], { label: 'ODE (theory)' }));
  const last = grid.t.length - 1;
  const scalars: Record<string, number> = {
    final_risk_theory: out.risk[last],
    final_accuracy_theory: out.accuracy[last],
    mean_eigenvalue: mix.meanLambda,
    clean_coordinates: mix.cleanCount,
  };
  if (mix.deltaCleanNorm > 0) scalars.final_overlap_clean_theory = out.overlapClean[last];
  if (mix.deltaNoisyNorm > 0) scalars.final_overlap_noisy_theory = out.overlapNoisy[last];
  const slope = decadeSlope(grid.t, out.risk);
  if (Number.isFinite(slope)) scalars.risk_decay_exponent_theory = slope;
  const s = out.solver;
  const notes = [
    `theory: dopri5 rtol=${s.rtol} atol=${s.atol}, ${2 * p.d} states (u_i, V_i per coordinate), ${s.naccepted} steps ` +
      `(${s.nrejected} rejected), ${s.nfev} evaluations, status ${s.status}`,
    `mixture: ${mix.C} classes, ${mix.rows} distinct spectra, ${mix.K} mean direction(s), ${mix.cleanCount} clean coordinates; ` +
      `||P_clean delta_mu|| = ${mix.deltaCleanNorm.toPrecision(4)}, ||P_noisy delta_mu|| = ${mix.deltaNoisyNorm.toPrecision(4)}`,
  ];
  if (mix.deltaCleanNorm === 0) notes.push('overlap_clean omitted: the mean difference has no component on the clean coordinates');
  if (mix.deltaNoisyNorm === 0) notes.push('overlap_noisy omitted: the mean difference has no component off the clean coordinates');
  if (s.status !== 'success') notes.push(`theory stopped early (${s.status}); later points are NaN`);
  return { series, scalars, notes };
}
