/**
 * Model kind `interaction-kernel`: the tamed least-squares estimator of a radial interaction kernel
 * from M i.i.d. samples of N interacting particles, and its minimax rate M^(-2 beta/(2 beta + 1))
 * (arXiv:2311.16852). A run sweeps M; its "simulation" is the estimator's error on fresh data
 * (mean over repetitions with a band), its "theory" the reference line of the rate.
 */
import type { ModelKind } from '../model-kind.js';
import { claims } from './claims.js';
import { interactionKernelCost } from './cost.js';
import { merge } from './merge.js';
import { outputs } from './outputs.js';
import { type InteractionKernelParams, interactionKernelParams } from './params.js';
import { presets } from './presets.js';
import { BIAS_VARIANCE, parts, runPart } from './simulate.js';
import { warnings } from './warnings.js';

export { interactionKernelParams, type InteractionKernelParams } from './params.js';

export const interactionKernel: ModelKind<InteractionKernelParams> = {
  id: 'interaction-kernel',
  title: 'Learning a radial interaction kernel: tamed least squares and its minimax rate',
  paper: [{ arxiv: '2311.16852', title: 'Optimal minimax rate of learning interaction kernels' }],
  summary:
    'N particles with an exchangeable law (here i.i.d. uniform on [0, 1]^d or Gaussian) interact through a radial kernel phi*; from M ' +
    'i.i.d. samples of the positions X and the noisy responses Y = R_phi*[X] + sigma eta, the tamed least-squares estimator fits phi in ' +
    'n piecewise polynomials orthonormal in L2(rho), rho the law of a pair distance, and returns 0 when the smallest eigenvalue of the ' +
    'normal matrix falls below c_L/4 (c_L = 1/(N-1), the coercivity constant of i.i.d. particles). With n ~ M^(1/(2 beta + 1)) the ' +
    'error in L2(rho) decays like M^(-2 beta/(2 beta + 1)), the classical one-dimensional rate: the nonlocal dependence does not ' +
    'change it. A run sweeps M (repetitions at each), fits the log-log slope of the mean error and draws the reference slope, ' +
    'whose line is the variance bound sigma^2 (N - 1) n/(M N). Repetitions come from the run\'s `reps` (the engine\'s replica count is not used).',
  equations: [
    String.raw`R_\phi[X]_i=\frac{1}{N-1}\sum_{j\ne i}\phi(r_{ij})\,\frac{X_j-X_i}{r_{ij}}\ \text{(static)},\qquad R_\varphi[X]_i=\frac1N\sum_{j\ne i}\varphi(r_{ij})(X_j-X_i)\ \text{(dynamics)},\quad \phi(r)=\tfrac{N-1}{N}\,r\,\varphi(r)`,
    String.raw`Y=R_{\phi^\star}[X]+\sigma\eta,\quad \eta\sim\mathcal N(0,I_{Nd});\qquad \rho=\operatorname{Law}(|X_1-X_2|)`,
    String.raw`\hat A_{kl}=\frac{1}{MN}\sum_{m=1}^M\langle R_{\psi_k}[X^m],R_{\psi_l}[X^m]\rangle,\quad \hat b_k=\frac{1}{MN}\sum_{m=1}^M\langle R_{\psi_k}[X^m],Y^m\rangle,\quad \int\psi_k\psi_l\,d\rho=\delta_{kl}`,
    String.raw`\hat\theta=\hat A^{-1}\hat b\ \ \text{if}\ \lambda_{\min}(\hat A)>c_L/4,\ \text{else}\ 0;\qquad c_L=\frac{1}{N-1};\qquad n=K(s+1),\ K=\operatorname{round}\big(c\,M^{1/(2\beta+1)}/(s+1)\big)`,
    String.raw`\mathbb E\,\|\hat\phi-\phi^\star\|^2_{L^2(\rho)}\lesssim M^{-2\beta/(2\beta+1)};\qquad \text{variance}\approx\frac{\sigma^2\operatorname{tr}\hat A^{-1}}{MN}\le\frac{\sigma^2(N-1)\,n}{MN}`,
  ],
  params: interactionKernelParams,
  presets,
  outputs,
  parts: (p) => parts(p),
  runPart,
  merge,
  warnings,
  cost: (p) => interactionKernelCost(p),
  // A part is a fit at a sample size M, or (bias-variance study) at a basis size K.
  repetitions: { param: 'reps', noun: 'repetition', plural: 'repetitions', dimName: (key) => (key.role === 'replica' && key.process === BIAS_VARIANCE ? 'K' : 'M') },
  claims,
};
