/**
 * The restoration methods of a run on a set of degraded images: the input itself, pixel MPPM,
 * Latent MPPM on the PCA latent, and the empirical optimal denoiser (docs/theory/mppm.md).
 */
import type { RunHooks } from '../kit/index.js';
import type { ImageSet, RunData } from './data.js';
import { type IterationSettings, defaultDelta, mppmRestore } from './iteration.js';
import { blindNoiseLevels, optimalDenoise } from './optimal-denoiser.js';
import type { Method, MppmParams } from './params.js';
import { type PcaBasis, PcaLatent, PixelSpace, fitPca, pcaEncode } from './pca-latent.js';

/** The iteration settings of restoration (latent or pixel bandwidth). */
export function restorationSettings(p: MppmParams, space: 'latent' | 'pixel'): IterationSettings {
  return {
    steps: p.mppm.steps,
    lambda0: p.mppm.lambda0,
    delta: p.mppm.delta < 0 ? defaultDelta(p.mppm.lambda0, p.mppm.steps) : p.mppm.delta,
    sigma: space === 'latent' ? p.mppm.sigma : p.mppm.pixel_sigma,
    kernel: p.mppm.kernel,
    threshold: p.mppm.threshold,
  };
}

/** The iteration settings of generation from noise (K = 15, λ₀ = 0.3, δ = 0.03125 by default). */
export function generationSettings(p: MppmParams, space: 'latent' | 'pixel'): IterationSettings {
  return { ...restorationSettings(p, space), steps: p.generation.steps, lambda0: p.generation.lambda0, delta: p.generation.delta };
}

/** PCA bases already fitted to a training set (one part's data), by latent dimension. */
const fitted = new WeakMap<ImageSet, Map<number, PcaBasis>>();

/** The PCA of the run's training images (fitted once per training set and dimension). */
export function pcaOf(p: MppmParams, data: RunData, isCancelled?: () => boolean): PcaBasis {
  const byDim = fitted.get(data.train) ?? new Map<number, PcaBasis>();
  fitted.set(data.train, byDim);
  let basis = byDim.get(p.latent.dim);
  if (!basis) {
    basis = fitPca(data.train.data, data.train.count, data.train.pixels, p.latent.dim, isCancelled);
    byDim.set(p.latent.dim, basis);
  }
  return basis;
}

/** An MPPM method's space and the anchors' coordinates in it. */
export function spaceOf(method: 'mppm' | 'lmppm_pca', p: MppmParams, data: RunData, isCancelled?: () => boolean): { space: PixelSpace | PcaLatent; anchors: Float64Array } {
  if (method === 'mppm') return { space: new PixelSpace(data.train.pixels, data.anchors.data, p.latent.neighbours), anchors: data.anchors.data };
  const basis = pcaOf(p, data, isCancelled);
  const anchors = new Float64Array(data.anchors.count * basis.latent);
  pcaEncode(basis, data.anchors.data, data.anchors.count, anchors);
  return { space: new PcaLatent(basis, data.anchors.data, p.latent.neighbours), anchors };
}

/** The noise level per image the optimal denoiser assumes. */
function denoiserSigmas(p: MppmParams, data: RunData, degraded: ImageSet, level: number): Float64Array {
  if (p.optimal_denoiser.sigma > 0) return new Float64Array(degraded.count).fill(p.optimal_denoiser.sigma);
  if (p.degradation.kind === 'noise' && level > 0) return new Float64Array(degraded.count).fill(level);
  return blindNoiseLevels(data.train.data, data.train.pixels, degraded.data, degraded.count);
}

/** The restored images (count × pixels) of `method`. */
export function restore(method: Method, p: MppmParams, data: RunData, degraded: ImageSet, level: number, hooks: RunHooks): Float64Array {
  switch (method) {
    case 'degraded':
      return degraded.data;
    case 'optimal_denoiser':
      return optimalDenoise(data.train.data, data.train.pixels, degraded.data, degraded.count, denoiserSigmas(p, data, degraded, level), hooks);
    case 'mppm':
    case 'lmppm_pca': {
      const { space, anchors } = spaceOf(method, p, data, hooks.isCancelled);
      return mppmRestore(space, anchors, degraded.data, degraded.count, restorationSettings(p, method === 'mppm' ? 'pixel' : 'latent'), hooks);
    }
    case 'lmppm_learned':
    case 'dae':
    case 'ddpm':
      throw new RangeError(`${method} restores in its training part (./learned-part.ts)`);
  }
}
