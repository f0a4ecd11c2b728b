/**
 * Model kind `gmm-sgd`: one-pass SGD with a single linear output on a multi-class Gaussian
 * mixture whose class covariances share one eigenbasis (arXiv:2510.14074). The per-coordinate
 * ODE of the note (1-D Gaussian expectations per class) next to finite-d SGD replicas in the
 * common eigenbasis, on the same grid t = steps / d.
 */
import type { ModelKind, PartKey, PartResult, Preset, RunContext, RunPart, RunResult, Series, SweepAxis, SweepBoundaryCurve } from '../model-kind.js';
import { aggregateReplicas } from '../../numerics/replica-aggregate.js';
import { recordingGrid } from './grid.js';
import { type GmmSgdParams, gmmSgdParams } from './params.js';
import { buildMixture, type Mixture } from './problem.js';
import { simulateGmmReplica } from './simulate.js';
import { GMM_SOLVER, type GmmObservables, gmmTheory } from './theory.js';
import { outputs } from './outputs.js';

export { gmmSgdParams, type GmmSgdParams } from './params.js';

const X_LABEL = 't = steps / d';

interface Observable {
  name: string;
  key: keyof GmmObservables;
  yLabel: string;
}

const OBSERVABLES: Observable[] = [
  { name: 'risk', key: 'risk', yLabel: 'population risk sum_c p_c E_c loss' },
  { name: 'accuracy', key: 'accuracy', yLabel: 'Pr(sign(<theta, x>) = y)' },
  { name: 'overlap_clean', key: 'overlapClean', yLabel: 'cos(theta, P_clean delta_mu)' },
  { name: 'overlap_noisy', key: 'overlapNoisy', yLabel: 'cos(theta, P_noisy delta_mu)' },
];

/** Observables with a defined value for this mixture (an overlap needs a nonzero projection). */
function activeObservables(mix: Mixture): Observable[] {
  return OBSERVABLES.filter(
    (o) => (o.key !== 'overlapClean' || mix.deltaCleanNorm > 0) && (o.key !== 'overlapNoisy' || mix.deltaNoisyNorm > 0),
  );
}

function gridOf(p: GmmSgdParams) {
  return recordingGrid(p.T, p.d, p.grid, p.grid_spacing);
}

/** d log R / d log t between the grid point nearest (in log t) to T/10 and T; NaN if undefined. */
function decadeSlope(t: Float64Array, y: Float64Array): number {
  const last = t.length - 1;
  const target = Math.log(t[last] / 10);
  let best = -1;
  for (let j = 1; j < last; j++) {
    if (best < 0 || Math.abs(Math.log(t[j]) - target) < Math.abs(Math.log(t[best]) - target)) best = j;
  }
  if (best < 0 || !(y[best] > 0) || !(y[last] > 0)) return Number.NaN;
  return Math.log(y[last] / y[best]) / Math.log(t[last] / t[best]);
}

function theoryPart(p: GmmSgdParams, ctx: RunContext): RunResult {
  const mix = buildMixture(p, ctx.seed);
  const grid = gridOf(p);
  const out = gmmTheory(mix, p.loss, p.lr.gamma, p.init, grid.t, {
    isCancelled: () => ctx.isCancelled(),
    progress: (f) => ctx.progress(f),
  });
  const series: Series[] = activeObservables(mix).map((o) => ({
    name: o.name,
    source: 'theory',
    label: 'ODE (theory)',
    x: grid.t,
    y: out[o.key],
    xLabel: X_LABEL,
    yLabel: o.yLabel,
  }));
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

function replicaPart(p: GmmSgdParams, replica: number, ctx: RunContext): RunResult {
  const mix = buildMixture(p, ctx.seed);
  const grid = gridOf(p);
  const obs = simulateGmmReplica(
    { mix, loss: p.loss, gamma: p.lr.gamma, init: p.init, steps: grid.steps, seed: ctx.seed, replica },
    { isCancelled: () => ctx.isCancelled(), progress: (f) => ctx.progress(f) },
  );
  const series: Series[] = activeObservables(mix).map((o) => ({
    name: o.name,
    source: 'simulation',
    label: `SGD replica ${replica}`,
    replica,
    seed: ctx.seed,
    x: grid.t,
    y: obs[o.key],
    xLabel: X_LABEL,
    yLabel: o.yLabel,
  }));
  return { series, scalars: {} };
}

function parts(p: GmmSgdParams, replicas: number): RunPart[] {
  const K = p.means.kind === 'random' ? p.classes : 1;
  const theoryCost = 40 * (K + 3) * p.d * (100 + 20 * Math.log1p(p.T)) + 2000 * p.classes;
  const replicaCost = 4 * p.d * p.d * p.T;
  const out: RunPart[] = [{ key: { role: 'theory' }, weight: theoryCost }];
  for (let k = 0; k < replicas; k++) out.push({ key: { role: 'replica', index: k }, weight: replicaCost });
  return out;
}

function runPart(p: GmmSgdParams, key: PartKey, ctx: RunContext): RunResult {
  return key.role === 'theory' ? theoryPart(p, ctx) : replicaPart(p, key.index, ctx);
}

function merge(_p: GmmSgdParams, parts: PartResult[], ctx: { seed: number; replicas: number }): RunResult {
  const results = parts.map((q) => q.result);
  const theory: Series[] = [];
  const replicas: Series[] = [];
  const scalars: Record<string, number> = {};
  const notes: string[] = [];
  for (const r of results) {
    for (const s of r.series) (s.source === 'simulation' ? replicas : theory).push(s);
    Object.assign(scalars, r.scalars);
    if (r.notes) notes.push(...r.notes);
  }
  const out: Series[] = [...theory, ...replicas];
  let R = 0;
  for (const o of OBSERVABLES) {
    const reps = replicas.filter((s) => s.name === o.name);
    if (reps.length === 0) continue;
    R = reps.length;
    const agg = aggregateReplicas(reps.map((s) => s.y));
    out.push({
      name: o.name,
      source: 'simulation',
      label: `SGD mean (${R} replica${R === 1 ? '' : 's'})`,
      seed: ctx.seed,
      x: reps[0].x,
      y: agg.mean,
      xLabel: X_LABEL,
      yLabel: o.yLabel,
      band: { lo: agg.lo, hi: agg.hi, kind: 'quantile' },
    });
    const last = agg.mean.length - 1;
    scalars[`final_${o.name}_simulation`] = agg.mean[last];
    if (o.name === 'risk') {
      const slope = decadeSlope(reps[0].x, agg.mean);
      if (Number.isFinite(slope)) scalars.risk_decay_exponent_simulation = slope;
      const th = theory.find((s) => s.name === 'risk');
      if (th) {
        let maxTheory = 0;
        let maxGap = 0;
        for (let i = 0; i < th.y.length; i++) {
          maxTheory = Math.max(maxTheory, Math.abs(th.y[i]));
          maxGap = Math.max(maxGap, Math.abs(agg.mean[i] - th.y[i]));
        }
        scalars.max_rel_gap = maxGap / maxTheory;
      }
    }
  }
  if (R > 0) notes.push('simulation band: 10%-90% quantiles across replicas; observables are exact population values at the SGD iterate');
  return { series: out, scalars, notes };
}

function warnings(p: GmmSgdParams): string[] {
  const out: string[] = [];
  if (p.loss === 'least_squares') {
    // Mean eigenvalue of the pooled second moment (the rank-C mean part is O(1/d)).
    const mix = buildMixture(p, 0);
    if (mix.meanLambda > 0 && p.lr.gamma >= 2 / mix.meanLambda) {
      out.push(`gamma = ${p.lr.gamma} is at or above 2 / mean(lambda) = ${(2 / mix.meanLambda).toPrecision(4)}: least squares diverges`);
    }
  }
  const work = p.T * p.d * p.d;
  if (work > 2e10) out.push(`each SGD replica costs about T d^2 = ${work.toPrecision(2)} multiply-adds (minutes or more)`);
  if (p.means.kind === 'random' && p.classes * p.d > 2e6) {
    out.push(`the ODE carries ${p.classes} mean directions over d = ${p.d} coordinates: each evaluation costs C d = ${p.classes * p.d}`);
  }
  if (p.spectrum.kind === 'power_law') {
    const maxA = Math.max(p.spectrum.exponent, p.spectrum.exponent + p.spectrum.exponent_spread);
    if (maxA > 6) out.push(`power-law exponent ${maxA} makes most variances tiny ((1/2)^${maxA} at the median coordinate)`);
  }
  return out;
}

/**
 * On sweeps over spectrum.exponent (power_law): the linear-separability threshold min_c a_c = 1.
 * For a_min < 1 the best linear separation has a finite signal-to-noise ratio mu^T K_c^-1 mu
 * (sum over coordinates of order int_0^1 u^-a du), so the risk saturates; for a_min >= 1 it diverges
 * with d and the risk can go to 0 (docs/theory/gmm-sgd.md §4).
 */
function sweepBoundaries(base: GmmSgdParams, axes: SweepAxis[]): SweepBoundaryCurve[] {
  if (axes.length !== 1 || axes[0].path !== 'spectrum.exponent' || base.spectrum.kind !== 'power_law') return [];
  const spread = base.spectrum.exponent_spread;
  const x = 1 - Math.min(0, spread);
  return [{ label: 'separability threshold min_c a_c = 1', x: [x], y: [] }];
}

const A10 = { d: 2000, T: 10, lr: { gamma: 1 }, means: { kind: 'antipodal', norm: 1 }, loss: 'logistic', grid: 100, grid_spacing: 'linear' } as const;

const presets: Record<string, Preset<GmmSgdParams>> = {
  'a10-isotropic': {
    description:
      'Note check A10: two classes +-mu, ||mu|| = 1, p = 1/2, logistic, gamma = 1, d = 2000, isotropic lambda = 1. Risk at t = 1, 5, 10: ' +
      '0.551, 0.420, 0.394: it saturates at a positive constant.',
    params: { ...A10, spectrum: { kind: 'isotropic', scale: 1 } },
  },
  'a10-zero-one': {
    description:
      'A10 zero-one: variance 2 on half the coordinates, 0 on the half that carries the mean (means.kind = clean). Risk at t = 1, 5, 10: ' +
      '0.526, 0.209, 0.108, going to 0 like 1/t; theta aligns with the clean projection of the mean (overlap_clean -> 1).',
    params: { ...A10, spectrum: { kind: 'zero_one', scale: 2, frac_zero: 0.5 }, means: { kind: 'clean', norm: 1 }, clean_frac: 0.5 },
  },
  'power-law': {
    description:
      'Class-dependent power-law spectra lambda_{c,i} = ((i - 1/2)/d)^a_c with a_1 = 1.1, a_2 = 1.5 (exponents of the paper\'s figure, ' +
      'parameterisation ours), antipodal means, logistic, d = 500, t up to 1000 on a log grid: the risk keeps decreasing (a_min > 1).',
    params: {
      d: 500,
      T: 1000,
      grid: 60,
      grid_spacing: 'log',
      spectrum: { kind: 'power_law', exponent: 1.1, exponent_spread: 0.4 },
      means: { kind: 'antipodal', norm: 1 },
      clean_frac: 0.1,
    },
  },
  'power-law-transition': {
    description:
      'Base for the structural phase transition: power law with one exponent a for both classes, d = 500, t up to 1000. Sweep ' +
      'limitlab sweep gmm-sgd --preset power-law-transition --grid spectrum.exponent=0,0.25,0.5,0.75,1,1.25,1.5,2,3 and plot ' +
      'risk_decay_exponent_theory (slope of log risk over the last decade: about 0 below a = 1, the risk saturates; clearly negative ' +
      'above, the risk goes to 0) or final_risk_theory; the threshold a = 1 is marked.',
    params: {
      d: 500,
      T: 1000,
      grid: 60,
      grid_spacing: 'log',
      spectrum: { kind: 'power_law', exponent: 1.5 },
      means: { kind: 'antipodal', norm: 1 },
      clean_frac: 0.1,
    },
  },
  'many-classes': {
    description:
      'C = 64 classes, alternating +-1 labels, antipodal means (||mu|| = 1) and 64 distinct power-law spectra, class c with exponent ' +
      'a_c = 0.25 + 2 (c - 1)/63, logistic, d = 1000, t up to 20. For independent random class means use means.kind = random ' +
      '(a single output then separates 64 random directions poorly: risk near log 2).',
    params: {
      classes: 64,
      d: 1000,
      T: 20,
      means: { kind: 'antipodal', norm: 1 },
      labels: { kind: 'alternate' },
      spectrum: { kind: 'power_law', exponent: 0.25, exponent_spread: 2 },
    },
  },
  'least-squares-zero-one': {
    description:
      'Least squares on the +-1 labels, zero-one spectrum (variance 2 on half, 0 on the clean half carrying the means), gamma = 0.5, ' +
      'd = 1000, t up to 20: the risk also goes to 0 along the clean directions.',
    params: {
      d: 1000,
      T: 20,
      loss: 'least_squares',
      lr: { gamma: 0.5 },
      spectrum: { kind: 'zero_one', scale: 2, frac_zero: 0.5 },
      means: { kind: 'clean', norm: 1 },
    },
  },
};

export const gmmSgd: ModelKind<GmmSgdParams> = {
  id: 'gmm-sgd',
  title: 'One-pass SGD on a multi-class Gaussian mixture',
  paper: [{ arxiv: '2510.14074', title: 'Exact dynamics of multi-class stochastic gradient descent' }],
  summary:
    'Streaming SGD with step gamma/d trains a single linear output on samples x = mu_c + sqrt(K_c) z from a mixture of C Gaussian ' +
    'classes whose covariances share one eigenbasis; class c carries a fixed label y_c = +-1 (logistic loss, or least squares on ' +
    'the labels). As d grows, risk, accuracy and overlaps concentrate on an ODE for u_i = sqrt(d) E theta_i and V_i = d E theta_i^2 ' +
    'in each eigendirection, driven by one-dimensional Gaussian expectations per class. Coordinates of zero or small variance carry ' +
    'drift but no noise: when the mean has a component there (zero-one spectra, power laws with exponent >= 1) theta grows along ' +
    'that clean projection and the risk goes to 0; otherwise it saturates. overlap_clean and overlap_noisy are the cosines of theta ' +
    'with the label-conditional mean difference projected on the clean coordinates (the clean_frac d of smallest class-averaged ' +
    'variance) and on the rest. Class means are drawn once per run from the seed and shared by theory and all replicas.',
  equations: [
    String.raw`c\sim p;\quad x=\mu_c+K_c^{1/2}z;\quad \theta_{k+1}=\theta_k-\frac{\gamma}{d}\,f'(\langle\theta_k,x\rangle;y_c)\,x;\quad t=k/d`,
    String.raw`f=\log(1+e^{-yx})\ \text{(logistic) or }(x-y)^2/2;\quad x\mid c\sim\mathcal N(m_c,v_c),\quad m_c=\langle\theta,\mu_c\rangle,\quad v_c=\sum_i\lambda_{c,i}\theta_i^2`,
    String.raw`\dot u_i=-\gamma\sum_cp_c\big(\mathbb E_cf'\,\hat\mu_{c,i}+\lambda_{c,i}\,\mathbb E_cf''\,u_i\big),\quad u_i=\sqrt d\,\mathbb E\theta_i,\quad \hat\mu=\sqrt d\,\mu`,
    String.raw`\dot V_i=-2\gamma\sum_cp_c\big(\mathbb E_cf'\,u_i\hat\mu_{c,i}+\lambda_{c,i}\,\mathbb E_cf''\,V_i\big)+\gamma^2\sum_cp_c\lambda_{c,i}\,\mathbb E_c(f')^2,\quad V_i=d\,\mathbb E\theta_i^2`,
    String.raw`m_c=\frac1d\sum_iu_i\hat\mu_{c,i},\quad v_c=\frac1d\sum_i\lambda_{c,i}V_i;\quad \text{risk}=\sum_cp_c\mathbb E_cf;\quad \text{accuracy}=\sum_cp_c\,\Phi\big(y_cm_c/\sqrt{v_c}\big)`,
    String.raw`\delta=\mathbb E[\mu_c\mid y=+1]-\mathbb E[\mu_c\mid y=-1];\quad \text{overlap}_{\text{clean}}=\frac{\langle\theta,P_S\delta\rangle}{\|\theta\|\,\|P_S\delta\|},\quad \|\theta\|^2=\frac1d\sum_iV_i;\quad \text{overlap}_{\text{noisy}}:\ S\to S^c`,
  ],
  params: gmmSgdParams,
  presets,
  outputs,
  parts,
  runPart,
  merge,
  warnings,
  solver: () => ({ integrator: 'dopri5', rtol: GMM_SOLVER.rtol, atol: GMM_SOLVER.atol }),
  sweepBoundaries,
};
