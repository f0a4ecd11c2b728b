/**
 * Model kind `grokking-cubic`: grokking as a first-order phase transition (arXiv:2310.03789), the
 * cubic teacher y = He₁(w*·x) + ε He₃(w*·x) learnt by a mean-field erf network f(x) = Σ a_i erf(w_i·x):
 * the adaptive-kernel theory (reduced action S̃(q), 2×2 GPR for the discrepancy (b, c); phases GFL,
 * GMFL-I with droplets, GMFL-II; d → ∞ and finite d) beside Langevin ensembles of the network.
 */
import type { ModelKind } from '../model-kind.js';
import { LANGEVIN_CHAINS, replicaParts } from '../kit/index.js';
import { sweepBoundaries } from './boundaries.js';
import { claims } from './claims.js';
import { grokkingCubicCost } from './cost.js';
import { merge } from './merge.js';
import { outputs } from './outputs.js';
import { type GrokkingCubicParams, grokkingCubicParams } from './params.js';
import { presets } from './presets.js';
import { chainPart } from './simulate.js';
import { theoryPart } from './theory-part.js';
import { cubicTheory } from './theory.js';
import { warnings } from './warnings.js';

export { grokkingCubicParams, type GrokkingCubicParams } from './params.js';

function weights(p: GrokkingCubicParams) {
  const [theory, chains] = grokkingCubicCost(p, 1);
  return { theory: theory!.seconds, replica: p.langevin.chains > 0 ? chains!.seconds / p.langevin.chains : 0 };
}

export const grokkingCubic: ModelKind<GrokkingCubicParams> = {
  id: 'grokking-cubic',
  title: 'Grokking as a first-order transition: cubic teacher, adaptive-kernel phases beside Langevin ensembles',
  paper: [{ arxiv: '2310.03789', title: 'Grokking as a first order phase transition in two layer networks' }],
  summary:
    'A two-layer erf network f(x) = sum_i a_i erf(w_i . x) in mean-field scaling learns the teacher y = He1(w*.x) + eps He3(w*.x) from P Gaussian inputs; ' +
    'its Langevin posterior (priors w ~ N(0, sigma_w2 I/d), a ~ N(0, sigma_a^2/N), noise sigma^2) decouples into neurons with the reduced action ' +
    'd S(q), q = w.w*, S(q) = q^2/(2 sigma_w2) - (2u/pi) q^2/D (b - 2c q^2/D)^2, D = 1 + 2(sigma_w2 + q^2), u = P^2 sigma_a^2/(sigma^4 d N), ' +
    'and the discrepancy y - f = b He1 + c He3 follows from a 2x2 GP regression with ridge sigma^2/P over p(q) ~ exp(-d S(q)). ' +
    'As d -> infinity: GFL (all neurons near q = 0, c = eps) above sigma2_c; a mixed phase GMFL-I below it, where a fraction of the neurons (droplets) ' +
    'sits at +-q* with S(q*) = S(0) (first-order transition = grokking); GMFL-II when every neuron is at q*. At finite d the integral over q is done directly. ' +
    'Beside the theory: Langevin ensembles at a scaled size (scale = alpha = beta, the paper\'s invariance), the histogram of w.w* over neurons, chains and samples, ' +
    'and the Hermite projections of the discrepancy on held-out data.',
  equations: [
    String.raw`y=\mathrm{He}_1(w^*\!\cdot x)+\varepsilon\,\mathrm{He}_3(w^*\!\cdot x),\qquad f(x)=\sum_{i=1}^{N}a_i\,\mathrm{erf}(w_i\cdot x),\qquad \sigma^2\bar t(x)=b\,\mathrm{He}_1+c\,\mathrm{He}_3`,
    String.raw`p(q)\propto e^{-d\tilde S(q)},\quad \tilde S(q)=\frac{q^2}{2\sigma_w^2}-\frac{2u}{\pi}\frac{q^2}{D}\Big(b-\frac{2cq^2}{D}\Big)^2,\quad D=1+2(\sigma_w^2+q^2),\quad u=\frac{P^2\sigma_a^2}{\sigma^4dN}`,
    String.raw`\begin{pmatrix}b\\\sqrt6\,c\end{pmatrix}=\kappa\,(\tilde Q+\kappa I)^{-1}\begin{pmatrix}1\\\sqrt6\,\varepsilon\end{pmatrix},\quad \kappa=\frac{\sigma^2}{P},\quad \tilde Q=\sigma_a^2\Big\langle\begin{pmatrix}\frac{4q^2}{\pi D}&-\frac{8q^4}{\sqrt6\pi D^2}\\-\frac{8q^4}{\sqrt6\pi D^2}&\frac{8q^6}{3\pi D^3}\end{pmatrix}\Big\rangle_{p(q)}`,
    String.raw`\text{GFL: }c=\varepsilon,\ b=\Big(1+\frac{\nu\,g_0}{\tilde S''(0)}\Big)^{-1},\ \nu=\frac{\sigma_a^2P}{\sigma^2d},\ g_0=\frac{4}{\pi(1+2\sigma_w^2)};\qquad \text{GMFL-I: }\tilde S(q^*)=\tilde S'(q^*)=0`,
  ],
  params: grokkingCubicParams,
  presets,
  outputs,
  parts: (p) => {
    const w = weights(p);
    return [{ key: { role: 'theory' }, weight: w.theory }, ...replicaParts(p.langevin.chains, w.replica)];
  },
  runPart: (p, key, ctx) => (key.role === 'theory' ? theoryPart(p, ctx) : chainPart(p, key.index, ctx, cubicTheory(p).threshold)),
  merge,
  warnings,
  solver: (p) => ({
    integrator: 'saddle continuation (Newton, FD Jacobian) + finite-d Gauss-Legendre self-consistency',
    reading: p.reading,
    scale: p.scale,
  }),
  cost: grokkingCubicCost,
  sweepBoundaries,
  repetitions: LANGEVIN_CHAINS,
  claims,
};
