/**
 * The theory part of `sgd-glm`: the ODE of ./ode.ts on the recording grid of dimension d (the
 * run's d, or one d of the finite-size mode), its curves as series, the solver's notes and the
 * scalars the policy's states give.
 */
import type { RunContext, RunResult, Series } from '../model-kind.js';
import { hooksOf } from '../kit/index.js';
import { SCHEME_NAMES, glmTheory } from './ode.js';
import type { SgdGlmParams } from './params.js';
import { curveSeries, SERIES_ORDER } from './series.js';
import { gridsOf, solverSettings, spectrumOf, theoryInputOf } from './setup.js';

/** The theory on the recording grid of dimension d. */
export function theoryPart(p: SgdGlmParams, ctx: RunContext, d = p.d, label = 'ODE (theory)'): RunResult {
  const spectrum = spectrumOf(p, d);
  const { theory: grid } = gridsOf(p, d);
  const input = theoryInputOf(p, spectrum);
  const settings = solverSettings(p, spectrum, input);
  const out = glmTheory(input, grid.t, settings, hooksOf(ctx));
  const s = out.solver;
  const notes = [
    `theory${p.finite_size.enabled ? ` (d = ${d})` : ''}: ${SCHEME_NAMES[s.scheme]}, ` +
      `rtol=${s.rtol}, ${spectrum.distinct.length} distinct eigenvalues, ${s.naccepted} steps (${s.nrejected} rejected), ` +
      `${s.nfev} ${s.scheme === 'collocation' ? 'passes over the modes' : 'evaluations'}, status ${s.status}`,
  ];
  if (s.status !== 'success') notes.push(`theory stopped early (${s.status}); later points are NaN`);
  if (s.underflowAt !== undefined && Number.isFinite(s.underflowAt)) {
    notes.push(`theory: the risk fell below 1e-250 at t = ${s.underflowAt.toPrecision(4)}; later points are left empty (NaN)`);
  }
  const series: Series[] = SERIES_ORDER.map((obs) => curveSeries(obs, 'theory', out.t, out[obs], { label }));
  const scalars: Record<string, number> = { theory_steps: s.naccepted, theory_evaluations: s.nfev };
  if (input.policy.id === 'adagrad_norm') {
    scalars.theory_fisher_integral = out.policyStates[0];
    scalars.theory_r1 = out.policyStates[1];
  }
  return { series, scalars, notes };
}
