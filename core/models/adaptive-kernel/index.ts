/**
 * Model kind `adaptive-kernel`: the Gaussian equations of state of a two-layer network (hidden
 * weights Gaussian with a data-adapted covariance Sigma; arXiv:2502.03210, the adaptive-kernel
 * approach of arXiv:2112.15383, reviewed in arXiv:2502.18553), solved with chi annealing, next to
 * Langevin ensembles of the same network sampling its Bayesian posterior.
 */
import type { ModelKind } from '../model-kind.js';
import { LANGEVIN_CHAINS, replicaParts } from '../kit/index.js';
import { claims } from './claims.js';
import { adaptiveKernelCost } from './cost.js';
import { dataInput } from './dataset.js';
import { merge } from './merge.js';
import { outputs } from './outputs.js';
import { type AdaptiveKernelParams, adaptiveKernelParams } from './params.js';
import { presets } from './presets.js';
import { chainPart } from './simulate.js';
import { theoryPart } from './theory-part.js';
import { warnings } from './warnings.js';

export { adaptiveKernelParams, type AdaptiveKernelParams } from './params.js';

/** Rough operation counts of the theory (EoS along the path) and of one chain. */
function weights(p: AdaptiveKernelParams) {
  const [eos, chains] = adaptiveKernelCost(p, 1);
  return { theory: eos.count, replica: p.langevin.chains > 0 ? chains.count / p.langevin.chains : 0 };
}

export const adaptiveKernel: ModelKind<AdaptiveKernelParams> = {
  id: 'adaptive-kernel',
  title: 'Adaptive kernels of a two-layer network (Gaussian equations of state) beside Langevin ensembles',
  paper: [
    { arxiv: '2502.03210', title: 'A multi-scale adaptive theory of feature learning' },
    { arxiv: '2502.18553', title: 'Statistical field theory in deep learning (review)' },
    { arxiv: '2112.15383', title: 'Separation of scales and a thermodynamic description of feature learning in some CNNs' },
  ],
  summary:
    'A two-layer network f(x) = sum_i a_i phi(w_i . x) with priors w ~ N(0, sigma_w2 I/d), a ~ N(0, sigma_a2/(N chi)) and Gaussian likelihood ' +
    'of variance noise/chi is a Bayesian model whose posterior Langevin training samples. Integrating out the readout and linearising in the ' +
    'output kernel decouples the neurons; restricting each to a Gaussian N(0, Sigma) gives the equations of state: Sigma^-1 = (d/sigma_w2) I ' +
    'minus the derivative of Tr[A Q(Sigma)] / (N chi), with Q the NNGP-type kernel of Sigma and A = chi^2 t t^T - chi (Q + noise)^-1, ' +
    't = (Q + noise)^-1 y. At N -> infinity Sigma = sigma_w2 I/d (the NNGP); the strength of adaptation is chi/N (standard chi = 1, mean-field chi = N). ' +
    'The EoS are solved by damped Anderson iteration while chi is annealed up from chi_start (or, solver.anneal = width, the width down from width_start); reported: the mean predictor at test points, the ' +
    'spectrum of (d/sigma_w2) Sigma (adaptation shows as outliers along target directions), the kernel spectrum, train/test errors along chi ' +
    'and the emergent scale chi t0^T K0 t0 of the NNGP discrepancy t0; beside them a Langevin ensemble (chains, mean and band, two-halves diagnostic). ' +
    'Data are synthetic (Gaussian inputs, linear / Hermite / teacher target) or a CSV file.',
  equations: [
    String.raw`f(x)=\sum_{i=1}^{N}a_i\,\phi(w_i\cdot x),\quad w_i\sim\mathcal N\big(0,\tfrac{\sigma_w^2}{d}I\big),\quad a_i\sim\mathcal N\big(0,\tfrac{\tilde\sigma_a^2}{N\chi}\big),\quad y\mid f\sim\mathcal N\big(f,\tfrac{\tilde\sigma^2}{\chi}\big)`,
    String.raw`Q(\Sigma)_{\mu\nu}=\tilde\sigma_a^2\,\kappa_\phi\big(x_\mu^\top\Sigma x_\mu,\;x_\mu^\top\Sigma x_\nu,\;x_\nu^\top\Sigma x_\nu\big),\quad \bar K=Q(\Sigma),\quad t=(\bar K+\tilde\sigma^2 I)^{-1}y`,
    String.raw`\Sigma^{-1}=\frac{d}{\sigma_w^2}I-\frac{1}{N\chi}\,\partial_\Sigma\operatorname{Tr}\big[A\,Q(\Sigma)\big],\quad A=\chi^2tt^\top-\chi(\bar K+\tilde\sigma^2I)^{-1}\ \text{(held fixed)}`,
    String.raw`\partial_\Sigma\operatorname{Tr}[AQ]=X^\top\Big[A\circ\partial_{c_{xy}}Q+2\,\mathrm{diag}_\mu\Big(\sum_\nu A_{\mu\nu}\,\partial_{c_{xx}}Q_{\mu\nu}\Big)\Big]X`,
    String.raw`\bar f(x_*)=Q(\Sigma)(x_*,X)\,t,\qquad \chi_{\mathrm{em}}=\chi\,t_0^\top K_0\,t_0,\quad t_0=(K_0+\tilde\sigma^2I)^{-1}y,\quad K_0=Q\big(\tfrac{\sigma_w^2}{d}I\big)`,
    String.raw`\text{Langevin: }\theta_l\leftarrow\theta_l-\varepsilon_l\,\partial_{\theta_l}U+\sqrt{2\varepsilon_l}\,\xi,\quad U=\frac{\chi}{2\tilde\sigma^2}\sum_\mu(f(x_\mu)-y_\mu)^2+\frac{d}{2\sigma_w^2}\sum_i|w_i|^2+\frac{N\chi}{2\tilde\sigma_a^2}\sum_ia_i^2`,
  ],
  params: adaptiveKernelParams,
  presets,
  outputs,
  inputs: [dataInput],
  parts: (p) => {
    const w = weights(p);
    return [{ key: { role: 'theory' }, weight: w.theory }, ...replicaParts(p.langevin.chains, w.replica)];
  },
  runPart: (p, key, ctx) => (key.role === 'theory' ? theoryPart(p, ctx) : chainPart(p, key.index, ctx)),
  merge,
  warnings,
  solver: (p) => ({
    integrator: 'anderson-fixed-point',
    anneal: p.solver.anneal,
    closure: p.solver.closure,
    ...(p.solver.anneal === 'width' ? { width_start: Math.max(p.solver.width_start, p.N) } : { chi_start: Math.min(p.solver.chi_start, p.chi) }),
    path_points: p.solver.path_points,
    tol: p.solver.tol,
    max_iter: p.solver.max_iter,
    damping: p.solver.damping,
    anderson: p.solver.anderson,
  }),
  cost: adaptiveKernelCost,
  repetitions: LANGEVIN_CHAINS,
  claims,
};
