/**
 * Model kind `mppm`: Manifold-Probabilistic Projection Models (arXiv 2510.00666) restoring
 * degraded images — the deterministic projection / kernel-mean iteration in pixel space and in a
 * latent space — against the degraded input and the empirical optimal denoiser, scored by PSNR and
 * SSIM per degradation level, with the images as grids (docs/theory/mppm.md).
 */
import type { ModelKind } from '../model-kind.js';
import { claims } from './claims.js';
import { mppmCost } from './cost.js';
import { dataInput, modelInputs } from './data.js';
import { merge } from './merge.js';
import { outputs } from './outputs.js';
import { type MppmParams, mppmParams } from './params.js';
import { runPart, runParts } from './parts.js';
import { presets } from './presets.js';

export { mppmParams, type MppmParams } from './params.js';

export const mppm: ModelKind<MppmParams> = {
  id: 'mppm',
  title: 'Manifold-probabilistic projection (MPPM, Latent MPPM) for image restoration',
  paper: [{ arxiv: '2510.00666', title: 'Manifold-Probabilistic Projection Models' }],
  summary:
    'Clean images are read as a low-dimensional manifold M with a density on it. MPPM restores a degraded image by a deterministic ' +
    'iteration that blends a projection onto M (using the distance d to M and its gradient) with a kernel mean of anchor images in ' +
    'manifold coordinates (a mean-shift towards likely images), with the projection weight lambda growing from lambda0 and step sizes ' +
    'beta_k = (k+1)/K. Latent MPPM runs it in a latent space (encoder E, decoder G); here the latent is PCA of the training images ' +
    'and d is the distance to the mean of the nearest anchors (training-free; the paper trains an autoencoder and a distance network). ' +
    'Pixel MPPM runs the same iteration on pixels. Baselines: the degraded input and the empirical optimal denoiser (the posterior ' +
    'mean of the training set at the noise level). Degradations: clipped Gaussian noise, down/up-scaling, rotation, elastic ' +
    'deformation, blur and pixel masking at the paper\'s severities; PSNR and SSIM as scikit-image computes them.',
  equations: [
    String.raw`z_0=E(\tilde x),\qquad \bar z_c=\frac{\sum_i e^{-|z_c-z_{i,c}|/\sigma}\,z_{i,c}}{\sum_i e^{-|z_c-z_{i,c}|/\sigma}}\quad(\text{each coordinate }c)`,
    String.raw`z^{\perp}=z-|d(z)|\,\frac{\nabla d(z)}{|\nabla d(z)|},\qquad d(z)=\Big|z-\tfrac1k\textstyle\sum_{j\in N_k(z)}z_j\Big|`,
    String.raw`z\leftarrow z-\beta_k\big[\lambda_k(z-z^{\perp})+(1-\lambda_k)(z-\bar z)\big],\quad \beta_k=\tfrac{k+1}{K},\quad \lambda_{k+1}=\min(1,\lambda_k+\delta)`,
    String.raw`\hat x=\mathrm{clip}_{[0,1]}\big(G(z_K)\big),\qquad E(x)=U^{\top}(x-\mu),\quad G(z)=\mu+Uz\ \ (\text{PCA})`,
    String.raw`\hat x_{\mathrm{opt}}(\tilde x)=\sum_i\mathrm{softmax}_i\Big(-\frac{|\tilde x-x_i|^2}{2\sigma^2}\Big)\,x_i`,
    String.raw`\mathrm{PSNR}=10\log_{10}\frac{1}{\mathrm{MSE}},\qquad \mathrm{SSIM}=\frac{(2\mu_x\mu_y+C_1)(2\sigma_{xy}+C_2)}{(\mu_x^2+\mu_y^2+C_1)(\sigma_x^2+\sigma_y^2+C_2)}`,
  ],
  params: mppmParams,
  presets,
  outputs,
  inputs: [dataInput, ...modelInputs],
  parts: (p) => runParts(p),
  runPart,
  merge,
  solver: (p) => ({
    integrator: 'mppm-iteration',
    steps: p.mppm.steps,
    lambda0: p.mppm.lambda0,
    kernel: p.mppm.kernel,
    latent: `pca(${p.latent.dim})`,
    distance: `anchor-mean(k=${p.latent.neighbours})`,
  }),
  cost: (p) => mppmCost(p),
  claims,
};
