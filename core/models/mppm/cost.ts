/**
 * The cost estimate of an mppm run for the cost guard: the PCA (Gram or scatter products and the
 * subspace iterations), the kernel means and anchor distances of the MPPM iterations, and the
 * optimal denoiser's distances to every training image, each in multiply-adds or exponentials
 * times a per-unit time measured on this code (`npm run bench`, about 1 ns per multiply-add and
 * 10 ns per exponential on one laptop core); the training of the networks in seconds per image
 * and epoch as measured; the trained networks' passes at restoration and generation (autoencoder
 * passes, the DDPM's reverse chain, d_ψ) and the Fréchet distance of generation with its features
 * (the feature classifier's training and forward passes, or the PCA latent).
 */
import type { CostTerm } from '../model-kind.js';
import { runLevels } from './data.js';
import { CODE_SAMPLER_STEPS, ddpmOptions, epsSpecs } from './learned/ddpm.js';
import { distanceSpecs } from './learned/distance-net.js';
import { FEATURE_DIM, featureNetSpecs } from './learned/feature-net.js';
import type { ParamSpec } from './learned/layers.js';
import { GENERATIVE_METHODS, type MppmParams } from './params.js';

const NS_PER_MULTIPLY_ADD = 1;
const NS_PER_EXP = 10;
/**
 * A multiply-add of a trained network's forward pass on a batch (tfjs, WebAssembly backend):
 * measured 0.15–0.46 ns for the DDPM's ε-MLP on 16–200 latents and 0.2–0.36 ns for the
 * classifier's features of 1 000 digits, on the shared 2-core machine.
 */
const NS_PER_NETWORK_MULTIPLY_ADD = 0.3;
/**
 * A multiply-add of training (a forward pass, its backward pass counted as two more, and Adam):
 * measured 0.9–1.0 ns for the feature classifier (1.2–1.4 s per epoch of 2 000 MNIST digits).
 */
const NS_PER_TRAINING_MULTIPLY_ADD = 1;
/**
 * A Fréchet distance of d-dimensional features costs about 60 d³ multiply-adds' time (two symmetric
 * eigendecompositions and three d × d products with ml-matrix: measured 0.13–0.19 s at d = 128).
 */
const FRECHET_CUBES = 60;
/** The classifier's held-out images scored for its accuracy (./features.ts). */
const CLASSIFIER_HELD_OUT = 500;
/** Classes of the labelled images the classifier needs (MNIST digits). */
const CLASSES = 10;

/** Multiply-adds of one forward pass of a fully connected network for one input: one per weight. */
export function denseMultiplyAdds(specs: ParamSpec[]): number {
  return specs.filter((s) => s.name.endsWith('.w') && s.shape.length === 2).reduce((sum, s) => sum + s.shape[0]! * s.shape[1]!, 0);
}

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
  // Per image and step, the kernel mean over the anchors, and on the PCA latent the anchor distance
  // as well (the learned latent's d_ψ is a network, counted below).
  const latentMppm = (p.methods.includes('lmppm_pca') ? 2 : 0) + (p.methods.includes('lmppm_learned') ? 1 : 0);
  if (latentMppm > 0) {
    const count = latentMppm * (restored * p.mppm.steps + generated * p.generation.steps) * anchors * p.latent.dim;
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
  const passes = autoencoderPasses(p, restored, generated, anchors);
  // A forward pass of the autoencoder on one image in a batch, measured on the shared 2-core machine:
  // 0.9–1.8 ms with the convolutional one, 0.24–0.55 ms with the dense fallback (784 pixels).
  const passSeconds = conv ? 2e-3 : (0.5e-3 * pixels) / 784;
  if (passes > 0) terms.push({ what: 'autoencoder passes', count: passes, seconds: passes * passSeconds });
  const networkCount = networkMultiplyAdds(p, restored, generated);
  if (networkCount > 0) terms.push({ what: 'DDPM chain and distance network multiply-adds', count: networkCount, seconds: networkCount * NS_PER_NETWORK_MULTIPLY_ADD * 1e-9 });
  if (p.generation.enabled) terms.push(...frechetTerms(p, pixels, n));
  return terms;
}

/**
 * Forward passes of an autoencoder, one image each: E and G at every restoration; at generation E
 * of the start and G for Latent MPPM, G for the DDPM; E of the anchors for Latent MPPM.
 */
function autoencoderPasses(p: MppmParams, restored: number, generated: number, anchors: number): number {
  const learned = p.methods.includes('lmppm_learned') ? anchors + 2 * restored + 2 * generated : 0;
  const dae = p.methods.includes('dae') ? 2 * restored : 0;
  const ddpm = p.methods.includes('ddpm') ? 2 * restored + generated : 0;
  return learned + dae + ddpm;
}

/** The latent DDPM's reverse chains (ε-MLP per latent and step) and d_ψ with its gradient (three passes) per LMPPM image and step. */
function networkMultiplyAdds(p: MppmParams, restored: number, generated: number): number {
  let count = 0;
  if (p.methods.includes('ddpm')) {
    const generationSteps = p.generation.ddpm_steps > 0 ? p.generation.ddpm_steps : p.baselines.variant === 'as_in_code' ? CODE_SAMPLER_STEPS : ddpmOptions().trainSteps;
    count += (restored * p.baselines.steps_used + generated * generationSteps) * denseMultiplyAdds(epsSpecs(p.latent.dim));
  }
  if (p.methods.includes('lmppm_learned')) count += 3 * (restored * p.mppm.steps + generated * p.generation.steps) * denseMultiplyAdds(distanceSpecs(p.latent.dim));
  return count;
}

/**
 * Generation's Fréchet distances: each generating method scores its images on the features of the
 * test images, of its generated ones and of as many held training images, with two distances. The
 * classifier features are the classifier's forward passes (and its held-out accuracy); a classifier
 * not read from `generation.feature_model` is trained by every generating part, since each part
 * runs as its own pool job (the per-process cache of ./features.ts does not cross jobs).
 */
function frechetTerms(p: MppmParams, pixels: number, n: number): CostTerm[] {
  const scorings = p.methods.filter((m) => GENERATIVE_METHODS.includes(m)).length;
  if (scorings === 0) return [];
  const g = p.generation.count;
  const featured = p.data.test + g + Math.min(n, g);
  const terms: CostTerm[] = [];
  let dim = p.latent.dim;
  if (p.generation.features === 'classifier') {
    dim = FEATURE_DIM;
    const forward = denseMultiplyAdds(featureNetSpecs(pixels, CLASSES));
    if (p.generation.feature_model === '') {
      const count = scorings * p.generation.classifier_epochs * p.generation.classifier_images * 3 * forward;
      terms.push({ what: 'feature classifier training multiply-adds', count, seconds: count * NS_PER_TRAINING_MULTIPLY_ADD * 1e-9 });
    }
    const count = scorings * (featured + CLASSIFIER_HELD_OUT) * forward;
    terms.push({ what: 'feature classifier multiply-adds', count, seconds: count * NS_PER_NETWORK_MULTIPLY_ADD * 1e-9 });
  } else {
    const count = scorings * featured * pixels * dim;
    terms.push({ what: 'PCA feature multiply-adds', count, seconds: count * NS_PER_MULTIPLY_ADD * 1e-9 });
  }
  // Two distances per scoring, each with the feature moments of both sets.
  const count = scorings * (2 * FRECHET_CUBES * dim ** 3 + ((featured + p.data.test) * dim * dim) / 2);
  terms.push({ what: 'Fréchet distance multiply-adds', count, seconds: count * NS_PER_MULTIPLY_ADD * 1e-9 });
  return terms;
}
