/**
 * Model kind `sgd-glm`: one-pass SGD on a Gaussian generalised linear model, exact
 * high-dimensional limit (an ODE per eigenvalue of the data covariance) next to finite-d SGD
 * replicas (arXiv:2308.08977; arXiv:2405.19585). Least squares with a constant learning rate for
 * now; losses and learning-rate policies plug in through ./losses.ts and ./lr-policies.ts.
 */
import type { ModelKind, Preset, RunContext, RunPart, RunResult, Series } from '../model-kind.js';
import { buildSpectrum, type Spectrum } from '../../numerics/spectra.js';
import { aggregateReplicas } from './aggregate.js';
import { recordingGrid } from './grid.js';
import { lossFor } from './losses.js';
import { lrPolicyFor } from './lr-policies.js';
import { type SgdGlmParams, sgdGlmParams } from './params.js';
import { simulateReplica } from './simulate.js';
import { THEORY_SOLVER, leastSquaresRiskLimit, leastSquaresTheory } from './theory.js';

export { sgdGlmParams, type SgdGlmParams } from './params.js';

const X_LABEL = 't = steps / d';
const Y_LABEL = 'risk';

const presets: Record<string, Preset<SgdGlmParams>> = {
  'isotropic-ls': {
    description:
      'Default: isotropic least squares, noiseless, gamma = 1, d = 1000. Theory R(t) = R0 e^{-gamma(2-gamma)t}; SGD replicas concentrate on it.',
    params: {},
  },
  'noisy-floor': {
    description:
      'Label noise omega = 0.5, gamma = 0.5, isotropic: the risk settles at the floor omega^2/(2 - gamma) = 1/6 (note §1.5).',
    params: { noise: 0.5, lr: { gamma: 0.5 }, T: 20 },
  },
  'two-level': {
    description:
      'Two eigenvalues {2, 0.5} on halves (mean 1.25), omega = 1, gamma = 1: excess floor gamma mean omega^2 / (2(2 - gamma mean)) = 0.8333.',
    params: { spectrum: { kind: 'two_level', hi: 2, lo: 0.5, frac: 0.5 }, noise: 1, lr: { gamma: 1 }, T: 30 },
  },
  'threshold-below': {
    description:
      'gamma = 1.5 just below gamma_c = 2/mean = 1.6 on {2, 0.5}: converges (excess floor 7.5) although gamma lambda_max = 3 > 2; the threshold is set by the mean eigenvalue.',
    params: { spectrum: { kind: 'two_level', hi: 2, lo: 0.5, frac: 0.5 }, noise: 1, lr: { gamma: 1.5 }, d: 500, T: 200 },
  },
  'threshold-above': {
    description: 'gamma = 1.7 just above gamma_c = 1.6 on {2, 0.5}: the risk diverges in theory and in SGD.',
    params: { spectrum: { kind: 'two_level', hi: 2, lo: 0.5, frac: 0.5 }, noise: 1, lr: { gamma: 1.7 }, d: 500, T: 60 },
  },
  'power-law': {
    description:
      'Power-law spectrum density (1 - beta) lambda^-beta on (0,1), beta = 0.2 (arXiv:2405.19585 §3.4 / Fig. 4, delta = 0): noiseless constant-rate risk decays like t^(beta - 2).',
    params: { spectrum: { kind: 'power_law', beta: 0.2 }, d: 500, T: 1000, init: 0 },
  },
  's-power': {
    description:
      'The spectrum of arXiv:2405.19585 Fig. 2 (s = 4, d = 400, mean eigenvalue 1) with gamma = 1 = 1/mean, noiseless; its largest eigenvalue grows with d (warned).',
    params: { spectrum: { kind: 's_power', s: 4 }, d: 400, T: 60 },
  },
};

function spectrumOf(p: SgdGlmParams): Spectrum {
  return buildSpectrum(p.spectrum, p.d);
}

function theoryPart(p: SgdGlmParams, ctx: RunContext): RunResult {
  const spectrum = spectrumOf(p);
  const grid = recordingGrid(p.T, p.d, p.grid);
  const out = leastSquaresTheory(
    {
      lambda: spectrum.distinct,
      weight: spectrum.weights,
      omega: p.noise,
      d0: 1 + p.init * p.init,
      policy: lrPolicyFor(p.lr),
    },
    grid.t,
    { isCancelled: () => ctx.isCancelled(), progress: (f) => ctx.progress(f) },
  );
  const s = out.solver;
  const notes = [
    `theory: ${s.method} rtol=${s.rtol} atol=${s.atol}, ${spectrum.distinct.length} modes, ` +
      `${s.naccepted} steps (${s.nrejected} rejected), ${s.nfev} evaluations, status ${s.status}`,
  ];
  if (s.status !== 'success') notes.push(`theory stopped early (${s.status}); later points are NaN`);
  return {
    series: [{ name: 'risk', source: 'theory', label: 'ODE (theory)', x: out.t, y: out.risk, xLabel: X_LABEL, yLabel: Y_LABEL }],
    scalars: {},
    notes,
  };
}

function replicaPart(p: SgdGlmParams, replica: number, ctx: RunContext): RunResult {
  const spectrum = spectrumOf(p);
  const grid = recordingGrid(p.T, p.d, p.grid);
  const y = simulateReplica(
    {
      eigenvalues: spectrum.eigenvalues,
      omega: p.noise,
      init: p.init,
      loss: lossFor(p.problem),
      policy: lrPolicyFor(p.lr),
      steps: grid.steps,
      seed: ctx.seed,
      replica,
    },
    { isCancelled: () => ctx.isCancelled(), progress: (f) => ctx.progress(f) },
  );
  return {
    series: [
      {
        name: 'risk',
        source: 'simulation',
        label: `SGD replica ${replica}`,
        replica,
        seed: ctx.seed,
        x: grid.t,
        y,
        xLabel: X_LABEL,
        yLabel: Y_LABEL,
      },
    ],
    scalars: {},
  };
}

function parseReplicaId(id: string): number | undefined {
  const m = /^replica:(\d+)$/.exec(id);
  return m ? Number(m[1]) : undefined;
}

function parts(params: SgdGlmParams, replicas: number): RunPart[] {
  const p = sgdGlmParams.parse(params);
  const spectrum = spectrumOf(p);
  // Rough relative costs: the ODE does ~6 passes over the modes per step, with about
  // 1 + 3 gamma lambda_max T steps; a replica does about 4 passes over d per step, T d steps.
  const theoryCost = 6 * spectrum.distinct.length * (50 + 3 * p.lr.gamma * spectrum.max * p.T);
  const replicaCost = 4 * p.d * p.d * p.T;
  const out: RunPart[] = [{ id: 'theory', weight: theoryCost }];
  for (let k = 0; k < replicas; k++) out.push({ id: `replica:${k}`, weight: replicaCost });
  return out;
}

function runPart(params: SgdGlmParams, part: RunPart, ctx: RunContext): RunResult {
  const p = sgdGlmParams.parse(params);
  if (part.id === 'theory') return theoryPart(p, ctx);
  const replica = parseReplicaId(part.id);
  if (replica === undefined) throw new RangeError(`sgd-glm: unknown part '${part.id}'`);
  return replicaPart(p, replica, ctx);
}

function merge(params: SgdGlmParams, results: RunResult[], ctx: { seed: number; replicas: number }): RunResult {
  const p = sgdGlmParams.parse(params);
  const spectrum = spectrumOf(p);
  const series: Series[] = [];
  const notes: string[] = [];
  let theory: Series | undefined;
  const replicaSeries: Series[] = [];
  for (const r of results) {
    for (const s of r.series) {
      if (s.source === 'theory' && s.name === 'risk') theory = s;
      else if (s.source === 'simulation' && s.name === 'risk' && s.replica !== undefined) replicaSeries.push(s);
    }
    if (r.notes) notes.push(...r.notes);
  }
  if (theory) series.push(theory);
  series.push(...replicaSeries);

  const gammaCritical = spectrum.mean > 0 ? 2 / spectrum.mean : Number.POSITIVE_INFINITY;
  const scalars: Record<string, number> = { mean_eigenvalue: spectrum.mean };
  if (Number.isFinite(gammaCritical)) scalars.gamma_critical = gammaCritical;
  else notes.push('K = 0: no critical learning rate');
  if (theory) scalars.final_risk_theory = theory.y[theory.y.length - 1];
  if (p.lr.policy === 'constant' && p.lr.gamma < gammaCritical) {
    scalars.risk_limit_theory = leastSquaresRiskLimit(p.lr.gamma, spectrum.mean, p.noise);
  }
  if (replicaSeries.length > 0) {
    const R = replicaSeries.length;
    const agg = aggregateReplicas(replicaSeries.map((s) => s.y));
    series.push({
      name: 'risk',
      source: 'simulation',
      label: `SGD mean (${R} replica${R === 1 ? '' : 's'})`,
      seed: ctx.seed,
      x: replicaSeries[0].x,
      y: agg.mean,
      xLabel: X_LABEL,
      yLabel: Y_LABEL,
      band: { lo: agg.lo, hi: agg.hi, kind: 'quantile' },
    });
    scalars.final_risk_simulation = agg.mean[agg.mean.length - 1];
    if (theory) {
      let maxTheory = 0;
      let maxGap = 0;
      for (let i = 0; i < theory.y.length; i++) {
        maxTheory = Math.max(maxTheory, Math.abs(theory.y[i]));
        maxGap = Math.max(maxGap, Math.abs(agg.mean[i] - theory.y[i]));
      }
      scalars.max_rel_gap = maxGap / maxTheory;
    }
    notes.push('simulation band: 10%-90% quantiles across replicas');
  }
  return { series, scalars, notes };
}

function run(params: SgdGlmParams, ctx: RunContext): RunResult {
  const list = parts(params, ctx.replicas);
  const total = list.reduce((s, q) => s + q.weight, 0);
  let done = 0;
  const results = list.map((part) => {
    const sub: RunContext = {
      seed: ctx.seed,
      replicas: ctx.replicas,
      isCancelled: () => ctx.isCancelled(),
      progress: (f, note) => ctx.progress(total > 0 ? (done + f * part.weight) / total : 0, note),
    };
    const r = runPart(params, part, sub);
    done += part.weight;
    ctx.progress(total > 0 ? done / total : 1, part.id);
    return r;
  });
  return merge(params, results, { seed: ctx.seed, replicas: ctx.replicas });
}

function warnings(params: SgdGlmParams): string[] {
  const parsed = sgdGlmParams.safeParse(params);
  if (!parsed.success) return []; // invalid input is reported by validation, not here
  const p = parsed.data;
  const spectrum = spectrumOf(p);
  const out = [...spectrum.warnings];
  const gammaCritical = spectrum.mean > 0 ? 2 / spectrum.mean : Number.POSITIVE_INFINITY;
  if (p.lr.gamma >= gammaCritical) {
    out.push(
      `gamma = ${p.lr.gamma} is at or above the critical learning rate 2/mean(lambda) = ${gammaCritical.toPrecision(4)}: the risk diverges`,
    );
  }
  // DOPRI5 is stability-limited at h ~ 1.65 / (gamma lambda_max); in practice it takes about
  // gamma lambda_max T steps on these problems once the transient has decayed.
  const odeSteps = p.lr.gamma * spectrum.max * p.T;
  if (odeSteps > THEORY_SOLVER.maxSteps / 2) {
    out.push(
      `the explicit ODE solver needs about ${odeSteps.toPrecision(2)} steps (stability-limited by gamma lambda_max): ` +
        `slow for this horizon, and it stops after ${THEORY_SOLVER.maxSteps} steps`,
    );
  }
  const work = p.T * p.d * p.d;
  if (work > 2e10) {
    out.push(`each SGD replica costs about T d^2 = ${work.toPrecision(2)} multiply-adds (minutes or more)`);
  }
  return out;
}

export const sgdGlm: ModelKind<SgdGlmParams> = {
  id: 'sgd-glm',
  title: 'One-pass SGD on a Gaussian GLM (least squares)',
  paper: [
    {
      arxiv: '2308.08977',
      title: 'Hitting the high-dimensional notes: an ODE for SGD learning dynamics on GLMs and multi-index models',
    },
    {
      arxiv: '2405.19585',
      title: 'The High Line: Exact Risk and Learning Rate Curves of Stochastic Adaptive Learning Rate Algorithms',
    },
  ],
  summary:
    'One-pass SGD with step gamma/d on least squares with Gaussian data x ~ N(0, K) and a planted signal. ' +
    'As d grows the risk concentrates on the solution of a deterministic ODE, one equation per eigenvalue of K ' +
    '(the squared error along that eigendirection). The workbench integrates that ODE on a log time grid and ' +
    'runs finite-d SGD replicas in the eigenbasis on exactly the same grid, with the 10-90% band across replicas. ' +
    'The critical learning rate is 2 over the mean eigenvalue, not over the largest one; with label noise the ' +
    'risk settles at omega^2 / (2 - gamma mean(lambda)).',
  equations: [
    'x ~ N(0, K), K = diag(lambda_1, ..., lambda_d);  y = <x, theta*> + omega eps;  theta* ~ N(0, I/d), theta_0 ~ N(0, init^2 I/d)',
    'theta_{k+1} = theta_k - (gamma/d) (<x_{k+1}, theta_k> - y_{k+1}) x_{k+1},   t = k/d',
    'D_i(t) = d E<theta_t - theta*, u_i>^2:   dD_i/dt = -2 gamma lambda_i D_i + 2 gamma^2 lambda_i R(t),   D_i(0) = 1 + init^2',
    'R(t) = (1/2) ( (1/d) sum_i lambda_i D_i(t) + omega^2 )',
    'gamma_c = 2 d / tr K = 2 / mean(lambda);   R(inf) = omega^2 / (2 - gamma mean(lambda)) for gamma < gamma_c',
  ],
  params: sgdGlmParams,
  presets,
  run,
  parts,
  runPart,
  merge,
  warnings,
};
