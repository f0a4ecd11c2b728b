/**
 * Model kind `attention-pairwise`: the minimax rate M^(-2 beta/(2 beta + 1)) for learning the
 * pairwise interaction g(x, y) = phi(x^T A y) of a single-layer attention-style model
 * (arXiv:2510.11789), shown against the measured error of an estimator over a sweep of the sample
 * size M. The derivations are in docs/theory/attention-pairwise.md.
 */
import type { ModelKind } from '../model-kind.js';
import { claims } from './claims.js';
import { attentionCost } from './cost.js';
import { merge } from './merge.js';
import { outputs } from './outputs.js';
import { type AttentionParams, attentionParams, sampleSizes } from './params.js';
import { presets } from './presets.js';
import { replicaPart } from './simulate.js';
import { warnings } from './warnings.js';
import { fitWork } from './work.js';

export { attentionParams, type AttentionParams } from './params.js';

function weight(p: AttentionParams, M: number): number {
  const w = fitWork(p, M);
  return 25 * w.spline + 1.5 * w.gaussNewton + 30 * w.metric;
}

export const attentionPairwise: ModelKind<AttentionParams> = {
  id: 'attention-pairwise',
  title: 'Pairwise interactions in attention-style models: minimax rate in the sample size',
  paper: [{ arxiv: '2510.11789', title: 'Minimax rates for learning pairwise interactions in attention-style models' }],
  summary:
    'N tokens X_1..X_N in R^d interact through a bilinear form and an activation: the output of token i is the average over j != i of ' +
    'phi*(X_i^T A* X_j), plus Gaussian noise, with A* of rank r. Only g(x, y) = phi(x^T A y) is identifiable. From M samples the ' +
    'estimator fits phi in a B-spline basis of size growing like M^(1/(2 beta + 1)), with A* known (oracle_A) or jointly with a rank-r A ' +
    'by variable projection from a spectral start; its error is the mean squared difference of the truncated estimate and g* on fresh ' +
    'pairs of tokens. The theorem: the minimax rate is M^(-2 beta/(2 beta + 1)), whatever N, d and r, as long as r d is small against ' +
    '(M / log M)^(1/(2 beta + 1)). A run sweeps M with repetitions, fits the slope of log error against log M and draws the rate\'s slope ' +
    'beside it.',
  equations: [
    String.raw`Y_i=\frac{1}{N-1}\sum_{j\ne i}\phi^\star\big(X_i^\top A^\star X_j\big)+\eta_i,\qquad \eta_i\sim\mathcal N(0,\sigma^2),\quad \operatorname{rank}A^\star=r`,
    String.raw`\hat\phi=\sum_{k}c_kB_k,\quad K_M=\lceil c\,M^{1/(2\beta+1)}\rceil,\qquad (\hat A,\hat c)=\arg\min_{A=PQ^\top,\,c}\ \sum_{m,i}\Big(Y^m_i-\frac{1}{N-1}\sum_{j\ne i}\sum_k c_kB_k\big(X_i^{m\top}AX^m_j\big)\Big)^2`,
    String.raw`\mathcal E(M)=\mathbb E\,\big|\operatorname{clip}_L\hat\phi(x^\top\hat Ay)-\phi^\star(x^\top A^\star y)\big|^2\ \asymp\ M^{-2\beta/(2\beta+1)}\quad\text{if } rd\lesssim (M/\log M)^{1/(2\beta+1)}`,
  ],
  params: attentionParams,
  presets,
  outputs,
  parts: (p) => {
    const out = [];
    for (const M of sampleSizes(p)) for (let k = 0; k < p.reps; k++) out.push({ key: { role: 'replica' as const, index: k, dim: M }, weight: weight(p, M) });
    return out;
  },
  runPart: (p, key, ctx) => {
    if (key.role !== 'replica' || key.dim === undefined) throw new RangeError('attention-pairwise: every part is a repetition at a sample size');
    return replicaPart(p, key.dim, key.index, ctx);
  },
  merge: (p, parts, ctx) => merge(p, parts, ctx),
  warnings,
  cost: (p) => attentionCost(p),
  repetitions: { param: 'reps', noun: 'repetition', plural: 'repetitions', dimName: () => 'M' },
  claims,
};
