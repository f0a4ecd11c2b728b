/**
 * The latent DDPM baseline of MPPM (arXiv 2510.00666 §3.5; the authors' ldm.py): an ε-MLP on the
 * DAE latent, time embedding 1 → 128 → 128 (SiLU) of the raw integer step t, network
 * (p + 128) → 256 → 512 → 256 → p (SiLU), trained on ε-prediction with T_train = 1200 linear steps
 * (Adam lr 1e-3). Restoration runs the reverse chain for t = T_used − 1, …, 0 starting directly
 * from E(x̃) (no forward noising); generation starts from N(0, I_p). Two samplers:
 * "as_in_code" uses the module-level 1000-step schedule of the authors' sampler (β, ᾱ at a given
 * index then differ from training by ≈ 20 %), "consistent" the training schedule.
 */
import { type Rng, createRng, deriveSeed } from '../../../numerics/rng.js';
import type { Dae } from './dae.js';
import { type Schedule, linearSchedule, reverseChain } from './ddpm-schedule.js';
import { ParamSet, type ParamSpec, dense, denseSpecs } from './layers.js';
import { requireBackend, tf } from './tf.js';
import { disposingOnFailure, trainEpochs } from './train-loop.js';
import { type TrainHooks, adam, pick } from './training.js';

export type DdpmVariant = 'as_in_code' | 'consistent';

export interface DdpmOptions {
  /** Steps of the training schedule. Default 1200. */
  trainSteps?: number;
  /** Default 100 (the authors'). */
  epochs?: number;
  /** Default 128. */
  batchSize?: number;
  /** Adam learning rate. Default 1e-3. */
  lr?: number;
  patience?: number;
}

export interface DdpmConfig {
  latent: number;
  options: Required<DdpmOptions>;
  seed: number;
}

/** The steps of the authors' sampler schedule ("as_in_code"). */
export const CODE_SAMPLER_STEPS = 1000;

export function ddpmOptions(o: DdpmOptions = {}): Required<DdpmOptions> {
  return { trainSteps: 1200, epochs: 100, batchSize: 128, lr: 1e-3, patience: 0, ...o };
}

export function epsSpecs(latent: number): ParamSpec[] {
  return [
    ...denseSpecs('te1', 1, 128),
    ...denseSpecs('te2', 128, 128),
    ...denseSpecs('n1', latent + 128, 256),
    ...denseSpecs('n2', 256, 512),
    ...denseSpecs('n3', 512, 256),
    ...denseSpecs('n4', 256, latent),
  ];
}

const silu = (x: tf.Tensor) => tf.mul(x, tf.sigmoid(x));

/** ε̂(x, t): x [n, p], t [n, 1] (the raw step index as a float) → [n, p]. */
export function epsT(p: ParamSet, x: tf.Tensor, t: tf.Tensor): tf.Tensor2D {
  const emb = dense(silu(dense(t, p, 'te1')), p, 'te2');
  const h1 = silu(dense(tf.concat([x, emb], 1), p, 'n1'));
  const h2 = silu(dense(h1, p, 'n2'));
  const h3 = silu(dense(h2, p, 'n3'));
  return dense(h3, p, 'n4');
}

/** A trained latent DDPM on the latent of `dae`. */
export class LatentDdpm {
  constructor(
    readonly config: DdpmConfig,
    readonly params: ParamSet,
    readonly epochLosses: number[] = [],
  ) {}

  /** The sampler's schedule of a variant. */
  schedule(variant: DdpmVariant): Schedule {
    return linearSchedule(variant === 'as_in_code' ? CODE_SAMPLER_STEPS : this.config.options.trainSteps);
  }

  private predictor() {
    const p = this.config.latent;
    return (x: Float64Array, n: number, t: number, out: Float64Array) => {
      const v = tf.tidy(() => epsT(this.params, tf.tensor2d(Float32Array.from(x.subarray(0, n * p)), [n, p]), tf.fill([n, 1], t)).dataSync());
      for (let i = 0; i < n * p; i++) out[i] = v[i]!;
    };
  }

  /** Runs the reverse chain on latents z (n × p, in place) from step `steps` down to 0. */
  reverse(z: Float64Array, n: number, steps: number, variant: DdpmVariant, rng: Rng, isCancelled?: () => boolean): void {
    reverseChain(this.schedule(variant), z, n, this.config.latent, steps, this.predictor(), rng, isCancelled);
  }

  /** Restoration of n degraded images: G(chain(E(x̃))) with T_used steps (default 150), clipped to [0, 1]. */
  restore(dae: Dae, xt: Float64Array, n: number, out: Float64Array, o: { steps?: number; variant?: DdpmVariant; seed: number; isCancelled?: () => boolean }): void {
    const z = new Float64Array(n * this.config.latent);
    dae.encode(xt, n, z);
    this.reverse(z, n, o.steps ?? 150, o.variant ?? 'consistent', createRng(o.seed), o.isCancelled);
    dae.decode(z, n, out);
  }

  /** Generation of n images from z ~ N(0, I) over `steps` steps (default the whole sampler schedule). */
  generate(dae: Dae, n: number, out: Float64Array, o: { steps?: number; variant?: DdpmVariant; seed: number; isCancelled?: () => boolean }): void {
    const variant = o.variant ?? 'consistent';
    const rng = createRng(o.seed);
    const z = new Float64Array(n * this.config.latent);
    rng.fillNormal(z);
    this.reverse(z, n, o.steps ?? this.schedule(variant).steps, variant, rng, o.isCancelled);
    dae.decode(z, n, out);
  }

  dispose(): void {
    this.params.dispose();
  }
}

const S = { init: 1, shuffle: 2, steps: 3, noise: 4 } as const;

/** Trains the ε-MLP on the DAE latents of n clean images, deterministically given `seed`. */
export function trainDdpm(dae: Dae, images: Float64Array, n: number, options: DdpmOptions, seed: number, hooks: TrainHooks = {}): LatentDdpm {
  requireBackend();
  const o = ddpmOptions(options);
  const p = dae.latent;
  const latents = new Float64Array(n * p);
  dae.encode(images, n, latents);
  const sched = linearSchedule(o.trainSteps);
  const params = ParamSet.init(epsSpecs(p), deriveSeed(seed, S.init));
  const shuffle = createRng(deriveSeed(seed, S.shuffle));
  const steps = createRng(deriveSeed(seed, S.steps));
  const noise = createRng(deriveSeed(seed, S.noise));
  const opt = adam(o.lr);
  /** One Adam step on ε-prediction: each latent noised to its own uniformly drawn step t. */
  const step = (rows: Int32Array): number => {
    const m = rows.length;
    const xt = new Float32Array(m * p);
    const eps = new Float64Array(m * p);
    const tt = new Float32Array(m);
    noise.fillNormal(eps);
    for (let r = 0; r < m; r++) {
      const t = Math.min(o.trainSteps - 1, Math.floor(steps.nextDouble() * o.trainSteps));
      tt[r] = t;
      const a = Math.sqrt(sched.alphaBar[t]!);
      const s = Math.sqrt(1 - sched.alphaBar[t]!);
      for (let k = 0; k < p; k++) xt[r * p + k] = a * latents[rows[r]! * p + k]! + s * eps[r * p + k]!;
    }
    return tf.tidy(() => {
      const x = tf.tensor2d(xt, [m, p]);
      const t = tf.tensor2d(tt, [m, 1]);
      const e = tf.tensor2d(Float32Array.from(eps), [m, p]);
      const { value, grads } = tf.variableGrads(() => tf.mean(tf.square(tf.sub(epsT(params, x, t), e))) as tf.Scalar, params.vars);
      opt.applyGradients(pick(grads, params.vars));
      return value.dataSync()[0]!;
    });
  };
  const loop = { name: 'latent diffusion', n, epochs: o.epochs, batchSize: o.batchSize, patience: o.patience, shuffle, hooks };
  const losses = disposingOnFailure(() => trainEpochs(loop, step).map(([loss]) => loss!), { kept: [params], scratch: [opt] });
  return new LatentDdpm({ latent: p, options: o, seed }, params, losses);
}
