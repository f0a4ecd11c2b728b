/**
 * Model kind `linear-net-scaling`: the two-layer linear network f(x) = Σ_i a_i w_i·x between
 * standard (χ = 1) and mean-field (χ = N) scaling (field-theory note §4, §5.3; arXiv 2502.03210,
 * 2502.18553). Its exact posterior is a Gamma scale mixture of the NNGP; at large N it concentrates
 * on a rescaled kernel QK̂ (saddle point, tree level), while the hidden-weight covariance adapts in
 * one direction only — beside a Langevin ensemble sampling the same posterior.
 *
 * Symbols (workbench ← papers; note §1): P (n in 2310.03789); σ_w² = `sigma_w2` (input prior ×d;
 * deepbays 1/l0); σ̃_a² = `sigma_a2` (readout: a_i ~ N(0, σ̃_a²/(Nχ)); 2310.03789's σ_a² = σ̃_a²/χ;
 * deepbays 1/l1); σ̃² = `noise` (the GP noise; the likelihood variance is σ̃²/χ, 2310.03789's σ²;
 * Langevin temperature T = σ̃²/χ with ½-MSE loss); χ = `chi` (2310.03789 App. A.1; "lazy" χ = 1,
 * "rich" χ = N); N = `N` (AdaptiveGPs C, deepbays N1).
 */
import { type ModelKind, type RunContext } from '../model-kind.js';
import { LANGEVIN_CHAINS, replicaParts } from '../kit/index.js';
import { claims } from './claims.js';
import { linearNetScalingCost } from './cost.js';
import { type NetData, checkTable, syntheticData, tableData } from './data.js';
import { merge } from './merge.js';
import { outputs } from './outputs.js';
import { type LinearNetScalingParams, linearNetScalingParams } from './params.js';
import { presets } from './presets.js';
import { chainPart } from './simulate.js';
import { theoryPart } from './theory.js';
import { warnings } from './warnings.js';

export { linearNetScalingParams, type LinearNetScalingParams } from './params.js';

/** The run's data: synthetic from the seed, or the table the engine read from data.path. */
export function dataOf(p: LinearNetScalingParams, ctx: Pick<RunContext, 'seed' | 'inputs'>): NetData {
  if (p.data.source === 'synthetic') return syntheticData(p, ctx.seed);
  const table = ctx.inputs?.['data'];
  if (!table || table.type !== 'table') throw new Error('data.source = file: the run was given no table for data.path');
  return tableData(p, table, ctx.seed);
}

function weights(p: LinearNetScalingParams) {
  return { theory: 1e6 + 4000 * p.d ** 3, chain: p.langevin.steps * (p.P + 2 * p.N) * p.d };
}

export const linearNetScaling: ModelKind<LinearNetScalingParams> = {
  id: 'linear-net-scaling',
  title: 'Two-layer linear network between standard and mean-field scaling',
  paper: [
    { arxiv: '2502.03210', title: 'A multi-scale adaptive theory of feature learning' },
    { arxiv: '2502.18553', title: 'Statistical field theory for deep learning (review)' },
  ],
  summary:
    'A two-layer linear network f(x) = Σ_i a_i w_i·x with priors w_i ~ N(0, σ_w² I/d), a_i ~ N(0, σ̃_a²/(Nχ)) and Gaussian ' +
    'likelihood of variance σ̃²/χ: χ = 1 is standard scaling, χ = N mean-field. Integrating out the weights exactly, the output ' +
    'prior is a Gamma(N/2, N/2) scale mixture of the NNGP K̂ = σ̃_a²σ_w² XXᵀ/d, so the posterior is a one-dimensional mixture ' +
    'over the kernel scale Q (exact mixture); at large N, Q concentrates on a saddle point (tree level in mean-field), and the mean ' +
    'predictor is the GP with the rescaled kernel QK̂. The hidden weights adapt in one direction only: (d/σ_w²)⟨wwᵀ⟩ has one ' +
    'outlier along the target direction and a bulk near 1 (Gaussian closure, tree level), not the uniform rescaling by Q. ' +
    'Beside it, an ensemble of Langevin chains samples the same posterior (langevin.chains parts; the run\'s replica count is ' +
    'not used). Curves over χ (1 to N) draw the standard → mean-field continuum in one run; a sweep over chi adds Langevin ' +
    'ensembles at each χ. data.source = file runs everything on a CSV (columns x1..xd, y, optional split).',
  equations: [
    String.raw`f(x)=\sum_{i=1}^{N}a_i\,w_i\cdot x,\quad w_i\sim\mathcal N\!\big(0,\tfrac{\sigma_w^2}{d}I_d\big),\quad a_i\sim\mathcal N\!\big(0,\tfrac{\tilde\sigma_a^2}{N\chi}\big),\quad y\mid f\sim\mathcal N\!\big(f,\tfrac{\tilde\sigma^2}{\chi}\big)`,
    String.raw`\hat K=\tilde\sigma_a^2\sigma_w^2\,XX^\top/d,\qquad f\mid Q\sim\mathcal{GP}\big(0,Q\hat K/\chi\big),\qquad Q\sim\Gamma\big(\tfrac N2,\tfrac N2\big)`,
    String.raw`\log p(Q\mid y)=\big(\tfrac N2-1\big)\log Q-\tfrac{NQ}{2}-\tfrac12\log\det(Q\hat K+\tilde\sigma^2)-\tfrac\chi2\,y^\top(Q\hat K+\tilde\sigma^2)^{-1}y`,
    String.raw`\bar f(x_*)=\mathbb E_{Q\mid y}\big[Q\hat k_*^\top(Q\hat K+\tilde\sigma^2)^{-1}y\big]`,
    String.raw`1-\tfrac1Q=\tfrac{\chi}{N}s(Q)-\tfrac1N\tau(Q),\quad s=y^\top(Q\hat K+\tilde\sigma^2)^{-1}\hat K(Q\hat K+\tilde\sigma^2)^{-1}y,\quad \tau=\operatorname{Tr}\hat K(Q\hat K+\tilde\sigma^2)^{-1}`,
    String.raw`\Sigma^{-1}=\tfrac{d}{\sigma_w^2}I-\tfrac{\tilde\sigma_a^2}{N}\big[\chi\,uu^\top-X^\top(\bar K+\tilde\sigma^2)^{-1}X\big],\quad u=X^\top(\bar K+\tilde\sigma^2)^{-1}y,\quad \bar K=\tilde\sigma_a^2X\Sigma X^\top`,
    String.raw`\theta_l\leftarrow\theta_l-\epsilon_l\,\partial_{\theta_l}U+\sqrt{2\epsilon_l}\,\xi,\quad U=\tfrac{\chi}{2\tilde\sigma^2}\sum_\mu(f_\mu-y_\mu)^2+\tfrac{d}{2\sigma_w^2}\|W\|^2+\tfrac{N\chi}{2\tilde\sigma_a^2}\|a\|^2`,
  ],
  params: linearNetScalingParams,
  presets,
  outputs,
  parts: (p) => [{ key: { role: 'theory' }, weight: weights(p).theory }, ...replicaParts(p.langevin.chains, weights(p).chain)],
  runPart: (p, key, ctx) => {
    const data = dataOf(p, ctx);
    return key.role === 'theory' ? theoryPart(p, data, ctx) : chainPart(p, data, key.index, ctx);
  },
  merge: (p, parts, ctx) => merge(p, parts, ctx.seed),
  warnings,
  inputs: [{
    name: 'data',
    pathParam: 'data.path',
    accepts: ['csv'],
    textColumns: ['split'],
    used: (p) => p.data.source === 'file',
    check: (p, dataset) => (dataset.type === 'table' ? checkTable(p, dataset) : 'data.path: a CSV table is needed'),
  }],
  solver: () => ({ integrator: 'gamma-mixture trapezoid in log Q (801 nodes) + bisection roots + damped closure with χ annealing' }),
  cost: (p) => linearNetScalingCost(p),
  repetitions: LANGEVIN_CHAINS,
  claims,
};
