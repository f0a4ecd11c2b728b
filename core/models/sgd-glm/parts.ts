/**
 * The independent parts of a run: the theory, and each simulated replica (SGD and homogenized
 * SGD), plus in finite-size mode the theory and the replicas at each dimension. Each part
 * rebuilds everything it needs from the parameters and derives its random streams from
 * (seed, replica, purpose), so the parts can run anywhere in any order.
 */
import type { PartKey, RunContext, RunPart, RunResult, Series } from '../model-kind.js';
import type { SgdGlmParams } from './params.js';
import { curveSeries, replicaSeries, SERIES_ORDER } from './series.js';
import { gridsOf, policyOf, solverSettings, spectrumOf, stepLoss, theoryInputOf, theoryLoss } from './setup.js';
import { simulateSdeReplica } from './sde.js';
import { type ReplicaInput, simulateReplica } from './sgd.js';
import { SCHEME_NAMES, glmTheory } from './ode.js';

/** The part list: relative weights are rough operation counts. */
export function partList(p: SgdGlmParams, replicas: number): RunPart[] {
  const out: RunPart[] = [];
  const simT = p.sim_T > 0 ? Math.min(p.sim_T, p.T) : p.T;
  const theoryCost = (d: number) => 2e4 * Math.min(d, spectrumOf(p, d).distinct.length + 10);
  if (p.finite_size.enabled) {
    for (const d of p.finite_size.dims) out.push({ key: { role: 'theory', dim: d }, weight: theoryCost(d) });
    for (const d of p.finite_size.dims) {
      for (let k = 0; k < p.finite_size.replicas; k++) {
        out.push({ key: { role: 'replica', index: k, dim: d }, weight: 4 * d * d * simT });
      }
    }
    return out;
  }
  out.push({ key: { role: 'theory' }, weight: theoryCost(p.d) });
  for (let k = 0; k < replicas; k++) out.push({ key: { role: 'replica', index: k }, weight: 4 * p.d * p.d * simT });
  if (p.sde) for (let k = 0; k < replicas; k++) out.push({ key: { role: 'replica', index: k, process: 'sde' }, weight: 5 * p.d * p.d * simT });
  return out;
}

/** Computes one part: the theory or a replica (SGD, or homogenized SGD for process "sde"), at d or at key.dim. */
export function runPartOf(p: SgdGlmParams, key: PartKey, ctx: RunContext): RunResult {
  if (key.role === 'theory') return key.dim === undefined ? theoryPart(p, ctx) : theoryPart(p, ctx, key.dim, `ODE (theory, d = ${key.dim})`);
  if (key.process !== undefined && key.process !== 'sde') throw new RangeError(`sgd-glm: no simulated process '${key.process}'`);
  if (key.dim === undefined) return simulationPart(p, ctx, key.index, key.process === 'sde');
  return simulationPart(p, ctx, key.index, false, key.dim, `SGD d = ${key.dim} replica ${key.index}`);
}

/** The theory on the recording grid of dimension d. */
export function theoryPart(p: SgdGlmParams, ctx: RunContext, d = p.d, label = 'ODE (theory)'): RunResult {
  const spectrum = spectrumOf(p, d);
  const { theory: grid } = gridsOf(p, d);
  const input = theoryInputOf(p, spectrum);
  const settings = solverSettings(p, spectrum, input);
  const out = glmTheory(input, grid.t, settings, { isCancelled: () => ctx.isCancelled(), progress: (f) => ctx.progress(f) });
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

function replicaInput(p: SgdGlmParams, d: number, steps: Float64Array, seed: number, replica: number): ReplicaInput {
  return {
    eigenvalues: spectrumOf(p, d).eigenvalues,
    omega: p.problem === 'logistic' ? 0 : p.noise,
    init: p.init,
    initSignal: p.init_signal,
    signal: p.signal,
    loss: theoryLoss(p),
    stepLoss: stepLoss(p),
    policy: policyOf(p),
    steps,
    seed,
    replica,
  };
}

/** One SGD replica (source simulation) or homogenized-SGD replica (source sde) at dimension d. */
export function simulationPart(p: SgdGlmParams, ctx: RunContext, replica: number, sde: boolean, d = p.d, label?: string): RunResult {
  const { simSteps } = gridsOf(p, d);
  const input = replicaInput(p, d, simSteps, ctx.seed, replica);
  const hooks = { isCancelled: () => ctx.isCancelled(), progress: (f: number) => ctx.progress(f) };
  const curves = sde ? simulateSdeReplica(input, hooks) : simulateReplica(input, hooks);
  const x = simSteps.map((k) => k / d);
  const name = label ?? (sde ? `homogenized SGD replica ${replica}` : `SGD replica ${replica}`);
  return { series: replicaSeries(curves, sde ? 'sde' : 'simulation', x, name, replica, ctx.seed), scalars: {} };
}
