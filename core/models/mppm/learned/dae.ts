/**
 * The denoising-autoencoder baseline of MPPM (arXiv 2510.00666 §3.5): the same autoencoder as the
 * learned latent (./autoencoder.ts) trained on x̃ = clip(x + 0.4 ε) to reconstruct x (mean squared
 * error, Adam lr 1e-3); restoration is G(E(x̃)). Its encoder also gives the latent DDPM's latents.
 */
import { createRng, deriveSeed } from '../../../numerics/rng.js';
import { type AutoencoderConfig, type ImageShape, autoencoderSpecs, decodeT, defaultArch, encodeT } from './autoencoder.js';
import { ParamSet } from './layers.js';
import { requireBackend, tf } from './tf.js';
import { disposingOnFailure, trainEpochs } from './train-loop.js';
import { type TrainHooks, adam, corrupt, gatherRows, pick } from './training.js';

export interface DaeOptions {
  /** Latent dimension. Default 15. */
  latent?: number;
  arch?: 'conv' | 'dense';
  /** Default 100 (the authors'). */
  epochs?: number;
  /** Default 128. */
  batchSize?: number;
  /** Training noise s. Default 0.4. */
  trainNoise?: number;
  /** Adam learning rate. Default 1e-3. */
  lr?: number;
  /** Early stopping on the epoch's mean loss (0 = never). Default 0. */
  patience?: number;
}

export interface DaeConfig extends AutoencoderConfig {
  options: Required<DaeOptions>;
  seed: number;
  trainImages: number;
}

export function daeOptions(shape: ImageShape, o: DaeOptions = {}): Required<DaeOptions> {
  return { latent: 15, arch: defaultArch(shape), epochs: 100, batchSize: 128, trainNoise: 0.4, lr: 1e-3, patience: 0, ...o };
}

/** A trained denoising autoencoder. */
export class Dae {
  readonly pixels: number;
  readonly latent: number;

  constructor(
    readonly config: DaeConfig,
    readonly params: ParamSet,
    /** Mean training loss per epoch (empty when read from an artifact). */
    readonly epochLosses: number[] = [],
  ) {
    this.pixels = config.width * config.height * config.channels;
    this.latent = config.latent;
  }

  /** E(x) of n images into `out` (n × latent). */
  encode(x: Float64Array, n: number, out: Float64Array): void {
    if (n === 0) return;
    const v = tf.tidy(() => encodeT(this.config, this.params, tf.tensor2d(Float32Array.from(x.subarray(0, n * this.pixels)), [n, this.pixels])).dataSync());
    for (let i = 0; i < n * this.latent; i++) out[i] = v[i]!;
  }

  /** G(z) of n latents into `out` (n × pixels), values in [0, 1]. */
  decode(z: Float64Array, n: number, out: Float64Array): void {
    if (n === 0) return;
    const v = tf.tidy(() => decodeT(this.config, this.params, tf.tensor2d(Float32Array.from(z.subarray(0, n * this.latent)), [n, this.latent])).dataSync());
    for (let i = 0; i < n * this.pixels; i++) out[i] = Math.min(1, Math.max(0, v[i]!));
  }

  /** The DAE restoration G(E(x̃)) of n degraded images into `out`. */
  restore(xt: Float64Array, n: number, out: Float64Array): void {
    const z = new Float64Array(n * this.latent);
    this.encode(xt, n, z);
    this.decode(z, n, out);
  }

  dispose(): void {
    this.params.dispose();
  }
}

const S = { init: 1, shuffle: 2, noise: 3 } as const;

/** Trains the DAE on n clean images (n × pixels), deterministically given `seed`. */
export function trainDae(images: Float64Array, n: number, shape: ImageShape, options: DaeOptions, seed: number, hooks: TrainHooks = {}): Dae {
  requireBackend();
  const o = daeOptions(shape, options);
  const pixels = shape.width * shape.height * shape.channels;
  if (n < 1 || images.length < n * pixels) throw new Error(`expected ${n} images of ${pixels} pixels`);
  const cfg: DaeConfig = { ...shape, latent: o.latent, arch: o.arch, options: o, seed, trainImages: n };
  const params = ParamSet.init(autoencoderSpecs(cfg), deriveSeed(seed, S.init));
  const shuffle = createRng(deriveSeed(seed, S.shuffle));
  const noise = createRng(deriveSeed(seed, S.noise));
  const opt = adam(o.lr);
  /** One Adam step on the reconstruction error of a batch from its corrupted copy. */
  const step = (rows: Int32Array): number => {
    const xb = gatherRows(images, pixels, rows);
    const xtb = corrupt(xb, o.trainNoise, noise);
    return tf.tidy(() => {
      const x = tf.tensor2d(xb, [rows.length, pixels]);
      const xt = tf.tensor2d(xtb, [rows.length, pixels]);
      const { value, grads } = tf.variableGrads(() => tf.mean(tf.square(tf.sub(decodeT(cfg, params, encodeT(cfg, params, xt)), x))) as tf.Scalar, params.vars);
      opt.applyGradients(pick(grads, params.vars));
      return value.dataSync()[0]!;
    });
  };
  const loop = { name: 'denoising autoencoder', n, epochs: o.epochs, batchSize: o.batchSize, patience: o.patience, shuffle, hooks };
  const losses = disposingOnFailure(() => trainEpochs(loop, step).map(([loss]) => loss!), { kept: [params], scratch: [opt] });
  return new Dae(cfg, params, losses);
}
