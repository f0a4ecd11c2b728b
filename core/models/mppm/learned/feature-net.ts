/**
 * The feature net of the Fréchet distance (arXiv 2510.00666 §3.6): a small classifier of the
 * training digits whose 128-d penultimate activations are the features. The authors use a CNN
 * conv32–conv64–pool–FC256–FC128 trained 5 epochs; on the WebAssembly backend full-resolution
 * convolutions are far too slow here, so this is the fully connected pixels → 256 → 128 → classes
 * with ReLU (a documented deviation), trained 5 epochs with Adam (lr 1e-3, batch 128) on softmax
 * cross-entropy, deterministically given the seed.
 */
import { createRng, deriveSeed } from '../../../numerics/rng.js';
import type { ArtifactResult } from '../../model-kind.js';
import { ParamSet, type ParamSpec, dense, denseSpecs } from './layers.js';
import { requireBackend, tf } from './tf.js';
import { disposingOnFailure, trainEpochs } from './train-loop.js';
import { type TrainHooks, adam, gatherRows, pick } from './training.js';

export const FEATURE_NET_FORMAT = 'mppm-feature-net/v1';
export const FEATURE_HIDDEN = [256, 128] as const;
/** Dimension of the features (the authors' FC128). */
export const FEATURE_DIM = FEATURE_HIDDEN[1];

export interface FeatureNetOptions {
  /** Default 5 (the authors'). */
  epochs?: number;
  /** Default 128. */
  batchSize?: number;
  /** Default 1e-3. */
  lr?: number;
}

export interface FeatureNetConfig {
  pixels: number;
  classes: number;
  options: Required<FeatureNetOptions>;
  seed: number;
  trainImages: number;
}

/** The classifier's layers: pixels → 256 → 128 → classes. */
export function featureNetSpecs(pixels: number, classes: number): ParamSpec[] {
  const [a, b] = FEATURE_HIDDEN;
  return [...denseSpecs('f1', pixels, a, 'he'), ...denseSpecs('f2', a, b, 'he'), ...denseSpecs('f3', b, classes)];
}

function featuresT(p: ParamSet, x: tf.Tensor): tf.Tensor2D {
  return tf.relu(dense(tf.relu(dense(x, p, 'f1')), p, 'f2'));
}

/** A trained digit classifier whose penultimate layer gives the Fréchet features. */
export class FeatureNet {
  constructor(
    readonly config: FeatureNetConfig,
    readonly params: ParamSet,
    readonly epochLosses: number[] = [],
  ) {}

  /** The 128-d features of n images (n × pixels) into a new array (n × 128). */
  features(x: Float64Array, n: number): Float64Array {
    const { pixels } = this.config;
    const out = new Float64Array(n * FEATURE_DIM);
    if (n === 0) return out;
    const v = tf.tidy(() => featuresT(this.params, tf.tensor2d(Float32Array.from(x.subarray(0, n * pixels)), [n, pixels])).dataSync());
    for (let i = 0; i < out.length; i++) out[i] = v[i]!;
    return out;
  }

  /** The predicted class of each of n images. */
  classify(x: Float64Array, n: number): Int32Array {
    const { pixels } = this.config;
    if (n === 0) return new Int32Array(0);
    const v = tf.tidy(() => tf.argMax(dense(featuresT(this.params, tf.tensor2d(Float32Array.from(x.subarray(0, n * pixels)), [n, pixels])), this.params, 'f3'), 1).dataSync());
    return Int32Array.from(v);
  }

  /** Fraction of n images whose predicted class is their label. */
  accuracy(x: Float64Array, labels: ArrayLike<number>, n: number): number {
    const got = this.classify(x, n);
    let right = 0;
    for (let i = 0; i < n; i++) if (got[i] === labels[i]) right++;
    return n > 0 ? right / n : NaN;
  }

  dispose(): void {
    this.params.dispose();
  }
}

const S = { init: 1, shuffle: 2 } as const;

/** Trains the classifier on n labelled images (labels in 0..classes−1), deterministically given `seed`. */
export function trainFeatureNet(images: Float64Array, labels: ArrayLike<number>, n: number, pixels: number, classes: number, options: FeatureNetOptions, seed: number, hooks: TrainHooks = {}): FeatureNet {
  requireBackend();
  const o: Required<FeatureNetOptions> = { epochs: 5, batchSize: 128, lr: 1e-3, ...options };
  if (n < 1 || images.length < n * pixels) throw new Error(`expected ${n} images of ${pixels} pixels`);
  const cfg: FeatureNetConfig = { pixels, classes, options: o, seed, trainImages: n };
  const params = ParamSet.init(featureNetSpecs(pixels, classes), deriveSeed(seed, S.init));
  const shuffle = createRng(deriveSeed(seed, S.shuffle));
  const opt = adam(o.lr);
  /** One Adam step on the softmax cross-entropy of a batch against its one-hot labels. */
  const step = (rows: Int32Array): number => {
    const xb = gatherRows(images, pixels, rows);
    const yb = new Float32Array(rows.length * classes);
    for (let r = 0; r < rows.length; r++) yb[r * classes + labels[rows[r]!]!] = 1;
    return tf.tidy(() => {
      const x = tf.tensor2d(xb, [rows.length, pixels]);
      const y = tf.tensor2d(yb, [rows.length, classes]);
      const { value, grads } = tf.variableGrads(() => {
        const logits = dense(featuresT(params, x), params, 'f3');
        return tf.neg(tf.mean(tf.sum(tf.mul(y, tf.logSoftmax(logits)), 1))) as tf.Scalar;
      }, params.vars);
      opt.applyGradients(pick(grads, params.vars));
      return value.dataSync()[0]!;
    });
  };
  const loop = { name: 'feature classifier', n, epochs: o.epochs, batchSize: o.batchSize, patience: 0, shuffle, hooks };
  const losses = disposingOnFailure(() => trainEpochs(loop, step).map(([loss]) => loss!), { kept: [params], scratch: [opt] });
  return new FeatureNet(cfg, params, losses);
}

export function featureNetToArtifact(m: FeatureNet, name = 'feature_net'): ArtifactResult {
  return { name, format: FEATURE_NET_FORMAT, config: { ...m.config, hidden: [...FEATURE_HIDDEN] }, data: m.params.toFloat64() };
}

export function featureNetFromArtifact(a: ArtifactResult): FeatureNet {
  if (a.format !== FEATURE_NET_FORMAT) throw new Error(`expected a ${FEATURE_NET_FORMAT} artifact, got ${a.format}`);
  const c = a.config as unknown as FeatureNetConfig;
  if (!Number.isInteger(c.pixels) || !Number.isInteger(c.classes) || c.pixels < 1 || c.classes < 2) throw new Error('feature net artifact: bad pixels or classes');
  requireBackend();
  return new FeatureNet(c, ParamSet.fromFloat64(featureNetSpecs(c.pixels, c.classes), a.data));
}
