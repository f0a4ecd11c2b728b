/**
 * The learned latent space of Latent MPPM (arXiv 2510.00666 §3.3–3.4): an autoencoder (E, G) and a
 * distance network d_ψ trained jointly with the losses L1–L8 of the authors' `loss_dist_al`, and
 * the `LatentSpace` they give (encode = E, decode = G, distance = d_ψ with ∇_z d_ψ by autograd).
 *
 * Per batch of clean images x: x̃ = clip(x + s ε); x* = the training image nearest to x̃ in pixel
 * ℓ2 (over all training images); z = E(x), z̃ = E(x̃), z* = E(x*); z̃⊥ = z̃ − d(z̃) ∇d(z̃);
 *   L1 = mean (d(z̃) − |z̃ − z*|)²,   L2 = mean (G(z) − x)²,   L3 = mean (√(|∇d(z̃)|² + ε) − 1)²,
 *   L4 = mean d(z)²,   L5 = mean (|d(z̃)| − d(z̃))² + mean (|d(z)| − d(z))²,   L6 = mean |z* − z̃⊥|,
 *   L7 = mean |x* − G(z̃⊥)|,   L8 = mean over pairs α < α' of |E((1−α)x̃ + αx*) − E((1−α')x̃ + α'x*)|²,
 * L = L1 + L2 + λ3 L3 + L4 + L5 + L6 + L7 + L8, Adam with lr 1e-3 for (E, G) and 1e-5 for d_ψ.
 * λ3 is 0 in the authors' shipped MNIST configuration; a constant λ3 > 0 or the adaptive update
 * λ3 = max(L1/L3, 1e-3) after each epoch gives the Eikonal variant.
 */
import type { LatentSpace } from '../latent-space.js';
import { createRng, deriveSeed } from '../../../numerics/rng.js';
import { type AutoencoderConfig, type ImageShape, autoencoderSpecs, decodeT, defaultArch, encodeT } from './autoencoder.js';
import { distanceGradT, distanceSpecs, distanceT, drawMasks } from './distance-net.js';
import { ParamSet } from './layers.js';
import { requireBackend, tf } from './tf.js';
import { disposingOnFailure, trainEpochs } from './train-loop.js';
import { type TrainHooks, adam, corrupt, gatherRows, pick } from './training.js';

export interface LearnedLatentOptions {
  /** Latent dimension p. Default 15 (the per-digit MNIST models). */
  latent?: number;
  /** "conv" (the paper's, 28×28 grey only by default) or "dense" (fallback). Default: by image shape. */
  arch?: 'conv' | 'dense';
  /** Training epochs. Default 120 (the authors'); minutes per digit here. */
  epochs?: number;
  /** Batch size. Default 128. */
  batchSize?: number;
  /** Noise level s of the training corruption x̃ = clip(x + s ε). Default 0.4 (MNIST). */
  trainNoise?: number;
  /** Weight of the Eikonal loss L3. Default 0 (the shipped MNIST configuration). */
  lambda3?: number;
  /** Update λ3 = max(L1/L3, 1e-3) after each epoch. Default false. */
  adaptiveLambda3?: boolean;
  /** ε of |∇d|_ε = √(|∇d|² + ε). Default 1e-10. */
  eikonalEps?: number;
  /** The α of L8's interpolations (1 − α) x̃ + α x*. Default 0.1, 0.2, 0.3, 0.4, 0.5. */
  alphas?: number[];
  /** Adam learning rate of the autoencoder. Default 1e-3. */
  lrAutoencoder?: number;
  /** Adam learning rate of the distance network. Default 1e-5. */
  lrDistance?: number;
  /** Stop after this many epochs without a lower mean training loss (0 = never). Default 0. */
  patience?: number;
}

/** Losses of one epoch (means over its batches). */
export interface EpochLosses {
  epoch: number;
  /** L1..L8 in order. */
  terms: number[];
  total: number;
  lambda3: number;
}

export interface LearnedLatentConfig extends AutoencoderConfig {
  options: Required<LearnedLatentOptions>;
  seed: number;
  trainImages: number;
}

export const LEARNED_DEFAULTS: Required<Omit<LearnedLatentOptions, 'arch'>> = {
  latent: 15,
  epochs: 120,
  batchSize: 128,
  trainNoise: 0.4,
  lambda3: 0,
  adaptiveLambda3: false,
  eikonalEps: 1e-10,
  alphas: [0.1, 0.2, 0.3, 0.4, 0.5],
  lrAutoencoder: 1e-3,
  lrDistance: 1e-5,
  patience: 0,
};

/** The options with their defaults filled in for images of this shape. */
export function learnedOptions(shape: ImageShape, o: LearnedLatentOptions = {}): Required<LearnedLatentOptions> {
  return { ...LEARNED_DEFAULTS, arch: defaultArch(shape), ...o };
}

/** Streams of the learned latent's training (each purpose its own). */
const S = { initAe: 1, initD: 2, shuffle: 3, noise: 4, dropout: 5 } as const;

/** The scalar losses of `loss_dist_al` for one batch, and their weighted sum. */
export function latentLosses(
  cfg: AutoencoderConfig,
  ae: ParamSet,
  dn: ParamSet,
  batch: { x: tf.Tensor; xt: tf.Tensor; xs: tf.Tensor },
  masks: { noisy: tf.Tensor2D[] | null; clean: tf.Tensor2D[] | null },
  o: { lambda3: number; eikonalEps: number; alphas: number[] },
): { total: tf.Scalar; terms: tf.Tensor1D } {
  const { x, xt, xs } = batch;
  const z = encodeT(cfg, ae, x);
  const zt = encodeT(cfg, ae, xt);
  const zs = encodeT(cfg, ae, xs);
  const dt = distanceT(dn, zt, masks.noisy);
  const dc = distanceT(dn, z, masks.clean);
  const g = distanceGradT(dn, zt, masks.noisy);
  const gnorm = tf.sqrt(tf.add(tf.sum(tf.square(g), 1, true), o.eikonalEps));
  const trueDist = tf.sqrt(tf.sum(tf.square(tf.sub(zt, zs)), 1, true));
  const L1 = tf.mean(tf.square(tf.sub(dt, trueDist)));
  const L2 = tf.mean(tf.square(tf.sub(decodeT(cfg, ae, z), x)));
  const L3 = tf.mean(tf.square(tf.sub(gnorm, 1)));
  const L4 = tf.mean(tf.square(dc));
  const L5 = tf.add(tf.mean(tf.square(tf.sub(tf.abs(dt), dt))), tf.mean(tf.square(tf.sub(tf.abs(dc), dc))));
  const zperp = tf.sub(zt, tf.mul(dt, g));
  const L6 = tf.mean(tf.abs(tf.sub(zs, zperp)));
  const L7 = tf.mean(tf.abs(tf.sub(xs, decodeT(cfg, ae, zperp))));
  let L8: tf.Scalar = tf.scalar(0);
  if (o.alphas.length > 1) {
    const za = o.alphas.map((a) => encodeT(cfg, ae, tf.add(tf.mul(xt, 1 - a), tf.mul(xs, a))));
    const pairs: tf.Tensor[] = [];
    for (let i = 0; i < za.length; i++) for (let j = i + 1; j < za.length; j++) pairs.push(tf.sum(tf.square(tf.sub(za[i]!, za[j]!)), 1));
    L8 = tf.mean(tf.stack(pairs));
  }
  const terms = tf.stack([L1, L2, L3, L4, L5, L6, L7, L8]) as tf.Tensor1D;
  const w = tf.tensor1d([1, 1, o.lambda3, 1, 1, 1, 1, 1]);
  return { total: tf.sum(tf.mul(terms, w)) as tf.Scalar, terms };
}

/** Index of the nearest row of `all` [N, D] to each row of `q` [n, D] in ℓ2. */
function nearest(all: tf.Tensor2D, allSq: tf.Tensor1D, q: tf.Tensor2D): Int32Array {
  return tf.tidy(() => {
    const d2 = tf.sub(allSq, tf.mul(tf.matMul(q, all, false, true), 2));
    return tf.argMin(d2, 1).dataSync() as Int32Array;
  });
}

/** A trained autoencoder with its distance network: the `LatentSpace` of kind "learned". */
export class LearnedLatent implements LatentSpace {
  readonly kind = 'learned';
  readonly pixels: number;
  readonly latent: number;
  private scratch = new Float32Array(0);

  constructor(
    readonly config: LearnedLatentConfig,
    readonly autoencoder: ParamSet,
    readonly distanceNet: ParamSet,
    /** Losses per epoch of the training (empty for a model read from an artifact). */
    readonly epochLosses: EpochLosses[] = [],
  ) {
    this.pixels = config.width * config.height * config.channels;
    this.latent = config.latent;
  }

  private input(a: Float64Array, n: number, width: number): tf.Tensor2D {
    const len = n * width;
    if (this.scratch.length < len) this.scratch = new Float32Array(len);
    for (let i = 0; i < len; i++) this.scratch[i] = a[i]!;
    return tf.tensor2d(this.scratch.subarray(0, len), [n, width]);
  }

  encode(x: Float64Array, n: number, out: Float64Array): void {
    if (n === 0) return;
    const v = tf.tidy(() => encodeT(this.config, this.autoencoder, this.input(x, n, this.pixels)).dataSync());
    for (let i = 0; i < n * this.latent; i++) out[i] = v[i]!;
  }

  decode(z: Float64Array, n: number, out: Float64Array): void {
    if (n === 0) return;
    const v = tf.tidy(() => decodeT(this.config, this.autoencoder, this.input(z, n, this.latent)).dataSync());
    for (let i = 0; i < n * this.pixels; i++) out[i] = v[i]!;
  }

  distance(z: Float64Array, n: number, dist: Float64Array, grad: Float64Array): void {
    if (n === 0) return;
    tf.tidy(() => {
      const zt = this.input(z, n, this.latent);
      const d = distanceT(this.distanceNet, zt, null).dataSync();
      const g = distanceGradT(this.distanceNet, zt, null).dataSync();
      for (let i = 0; i < n; i++) dist[i] = d[i]!;
      for (let i = 0; i < n * this.latent; i++) grad[i] = g[i]!;
    });
  }

  dispose(): void {
    this.autoencoder.dispose();
    this.distanceNet.dispose();
  }
}

/**
 * Trains the learned latent on `n` clean images (n × pixels, row-major, values in [0, 1]) of one
 * class, deterministically given `seed`. Progress and cancel through `hooks` (polled every batch).
 */
export function trainLearnedLatent(
  images: Float64Array,
  n: number,
  shape: ImageShape,
  options: LearnedLatentOptions,
  seed: number,
  hooks: TrainHooks = {},
): LearnedLatent {
  requireBackend();
  const o = learnedOptions(shape, options);
  const pixels = shape.width * shape.height * shape.channels;
  if (n < 2) throw new Error(`the learned latent needs at least 2 training images, got ${n}`);
  if (images.length < n * pixels) throw new Error(`expected ${n} images of ${pixels} pixels`);
  const cfg: LearnedLatentConfig = { ...shape, latent: o.latent, arch: o.arch, options: o, seed, trainImages: n };
  const ae = ParamSet.init(autoencoderSpecs(cfg), deriveSeed(seed, S.initAe));
  const dn = ParamSet.init(distanceSpecs(o.latent), deriveSeed(seed, S.initD));
  const shuffle = createRng(deriveSeed(seed, S.shuffle));
  const noise = createRng(deriveSeed(seed, S.noise));
  const dropout = createRng(deriveSeed(seed, S.dropout));
  const optAe = adam(o.lrAutoencoder);
  const optD = adam(o.lrDistance);
  const all = tf.tensor2d(gatherRows(images, pixels, Int32Array.from({ length: n }, (_, i) => i)), [n, pixels]);
  const allSq = tf.sum(tf.square(all), 1) as tf.Tensor1D;
  const vars = [...ae.vars, ...dn.vars];
  const epochLosses: EpochLosses[] = [];
  let lambda3 = o.lambda3;
  /** One step of both Adams on a batch's total loss; returns the total, then L1..L8. */
  const step = (rows: Int32Array): number[] => {
    const m = rows.length;
    const xb = gatherRows(images, pixels, rows);
    const xtb = corrupt(xb, o.trainNoise, noise);
    const noisyMasks = drawMasks(m, dropout);
    const cleanMasks = drawMasks(m, dropout);
    const record = tf.tidy(() => {
      const x = tf.tensor2d(xb, [m, pixels]);
      const xt = tf.tensor2d(xtb, [m, pixels]);
      const xs = tf.gather(all, tf.tensor1d(nearest(all, allSq, xt), 'int32'));
      let terms: tf.Tensor1D | null = null;
      const { value, grads } = tf.variableGrads(() => {
        const r = latentLosses(cfg, ae, dn, { x, xt, xs }, { noisy: noisyMasks, clean: cleanMasks }, { lambda3, eikonalEps: o.eikonalEps, alphas: o.alphas });
        terms = tf.keep(r.terms);
        return r.total;
      }, vars);
      optAe.applyGradients(pick(grads, ae.vars));
      optD.applyGradients(pick(grads, dn.vars));
      return [value.dataSync()[0]!, ...(terms as unknown as tf.Tensor1D).dataSync()];
    });
    for (const t of [...noisyMasks, ...cleanMasks]) t.dispose();
    return record;
  };
  /** Keeps the epoch's losses under the λ3 it trained with, then adapts λ3 for the next epoch. */
  const endEpoch = ([total, ...terms]: number[], epoch: number): void => {
    epochLosses.push({ epoch: epoch + 1, terms, total: total!, lambda3 });
    if (o.adaptiveLambda3 && terms[2]! > 0) lambda3 = Math.max(terms[0]! / terms[2]!, 1e-3);
  };
  const loop = { name: 'learned latent', n, epochs: o.epochs, batchSize: o.batchSize, patience: o.patience, shuffle, hooks };
  disposingOnFailure(() => trainEpochs(loop, step, endEpoch), { kept: [ae, dn], scratch: [all, allSq, optAe, optD] });
  return new LearnedLatent(cfg, ae, dn, epochLosses);
}
