/**
 * The cost estimate of an mppm run for the cost guard: the PCA (Gram or scatter products and the
 * subspace iterations), the kernel means and anchor distances of the MPPM iterations, and the
 * optimal denoiser's distances to every training image, each in multiply-adds or exponentials
 * times a per-unit time measured on this code (`npm run bench`, about 1 ns per multiply-add and
 * 10 ns per exponential on one laptop core).
 */
import type { CostTerm } from '../model-kind.js';
import { runLevels } from './data.js';
import type { MppmParams } from './params.js';

const NS_PER_MULTIPLY_ADD = 1;
const NS_PER_EXP = 10;

export function mppmCost(p: MppmParams): CostTerm[] {
  const pixels = p.data.side > 0 ? p.data.side * p.data.side * 3 : 784;
  const levels = runLevels(p).length;
  const n = p.data.train;
  const anchors = p.anchors.kind === 'all' ? n : Math.min(p.anchors.batch, n);
  const restored = levels * p.data.test;
  const generated = p.generation.enabled ? p.generation.count : 0;
  const terms: CostTerm[] = [];
  const pcaRuns = (p.methods.includes('lmppm_pca') ? levels : 0) + (p.generation.enabled ? 2 : 0);
  if (pcaRuns > 0) {
    const small = Math.min(n, pixels);
    const count = pcaRuns * (small * small * Math.max(n, pixels) * 0.5 + 60 * small * small * (p.latent.dim + 8));
    terms.push({ what: 'PCA multiply-adds', count, seconds: count * NS_PER_MULTIPLY_ADD * 1e-9 });
  }
  if (p.methods.includes('mppm')) {
    const count = (restored * p.mppm.steps + generated * p.generation.steps) * anchors * pixels;
    terms.push({ what: 'pixel MPPM kernel exponentials', count, seconds: count * NS_PER_EXP * 1e-9 });
  }
  if (p.methods.includes('lmppm_pca')) {
    const count = 2 * (restored * p.mppm.steps + generated * p.generation.steps) * anchors * p.latent.dim;
    terms.push({ what: 'LMPPM kernel exponentials', count, seconds: count * NS_PER_EXP * 1e-9 });
  }
  if (p.methods.includes('optimal_denoiser')) {
    const count = restored * n * pixels;
    terms.push({ what: 'optimal denoiser multiply-adds', count, seconds: count * NS_PER_MULTIPLY_ADD * 1e-9 });
  }
  // Training, per image and epoch, as measured on the shared 2-core machine (./learned/index.ts):
  // the learned latent 0.25 s with the convolutional autoencoder (28 x 28 grey), 0.006 s with the
  // dense fallback per 784 pixels; the DAE about a fifth of that (two passes instead of ten); the
  // DDPM's latent MLP about 2 ms.
  const conv = p.learned.arch === 'conv' && (p.data.side === 0 || p.data.side === 28);
  const latentEpoch = conv ? 0.25 : (0.006 * pixels) / 784;
  const trainSeconds =
    (p.methods.includes('lmppm_learned') && p.learned.model === '' ? p.learned.epochs * latentEpoch : 0) +
    ((p.methods.includes('dae') || p.methods.includes('ddpm')) && p.baselines.dae_model === '' ? (p.baselines.dae_epochs * latentEpoch) / 5 : 0) +
    (p.methods.includes('ddpm') && p.baselines.ddpm_model === '' ? p.baselines.ddpm_epochs * 0.002 : 0);
  if (trainSeconds > 0) terms.push({ what: 'network training, image-epochs', count: n, seconds: n * trainSeconds });
  return terms;
}
