/**
 * The epoch loop every MPPM network trains with. Each epoch draws a fresh permutation of the n
 * training images from the seeded `shuffle` stream (Fisher–Yates), cuts it into mini-batches of
 * `batchSize` rows in that order (the last one shorter when n is not a multiple), and hands each
 * batch to the network's own step, which takes one optimiser step and returns the batch's mean
 * loss (or several, the first being the one minimised). Before every batch the loop checks for
 * cancellation and reports progress "NAME: epoch e/E" at (e − 1 + b/B)/E; after the last epoch,
 * "NAME: trained" at 1. An epoch's loss is the mean over its images, Σ_b m_b · loss_b / n, and
 * early stopping ends training after `patience` epochs in a row without a lower first loss.
 */
import type { Rng } from '../../../numerics/rng.js';
import { type TrainHooks, checkpoint } from './training.js';

/** A uniformly random permutation of 0..n−1 (Fisher–Yates on the seeded stream). */
export function permutation(n: number, rng: Rng): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng.nextDouble() * (i + 1));
    const t = p[i]!;
    p[i] = p[j]!;
    p[j] = t;
  }
  return p;
}

/** Early stopping on the epoch's mean loss: stop after `patience` epochs without improvement (0 = never). */
export class EarlyStop {
  private best = Infinity;
  private bad = 0;
  constructor(private readonly patience: number) {}
  /** Records an epoch's loss; true when training should stop. */
  update(loss: number): boolean {
    if (loss < this.best) {
      this.best = loss;
      this.bad = 0;
      return false;
    }
    this.bad++;
    return this.patience > 0 && this.bad >= this.patience;
  }
}

export interface EpochLoop {
  /** The network's name in progress notes and errors, e.g. "denoising autoencoder". */
  name: string;
  /** Training images. */
  n: number;
  epochs: number;
  batchSize: number;
  /** Stop after this many epochs without a lower mean of the first loss (0 = never). */
  patience: number;
  /** The stream of the per-epoch permutations (used for nothing else). */
  shuffle: Rng;
  hooks: TrainHooks;
}

/**
 * One optimiser step on the training images `rows` (indices into the training set) in epoch
 * `epoch` (from 0); returns the batch's mean loss, or its mean losses with the minimised one first.
 */
export type BatchStep = (rows: Int32Array, epoch: number) => number | readonly number[];

/** Sees an epoch's mean losses (epoch from 0) before early stopping does. */
export type EpochEnd = (means: number[], epoch: number) => void;

/**
 * Trains through `step` and returns each epoch's mean losses (in the step's order). Throws
 * CancelledError when cancelled, and a RangeError when there is no image or a loss is not finite.
 */
export function trainEpochs(loop: EpochLoop, step: BatchStep, onEpochEnd?: EpochEnd): number[][] {
  const { name, n, epochs, batchSize } = loop;
  if (!(n >= 1)) throw new RangeError(`${name}: no training images`);
  const stop = new EarlyStop(loop.patience);
  const batches = Math.ceil(n / batchSize);
  const perEpoch: number[][] = [];
  for (let epoch = 0; epoch < epochs; epoch++) {
    const order = permutation(n, loop.shuffle);
    let sums: Float64Array | null = null;
    for (let b = 0; b < batches; b++) {
      checkpoint(loop.hooks, (epoch + b / batches) / epochs, `${name}: epoch ${epoch + 1}/${epochs}`);
      const rows = order.subarray(b * batchSize, Math.min(n, (b + 1) * batchSize));
      const got = step(rows, epoch);
      const losses = typeof got === 'number' ? [got] : got;
      if (!losses.every(Number.isFinite)) throw new RangeError(`${name}: the loss is not finite at epoch ${epoch + 1}`);
      sums ??= new Float64Array(losses.length);
      for (let k = 0; k < losses.length; k++) sums[k] += losses[k]! * rows.length;
    }
    const means = Array.from(sums ?? [], (s) => s / n);
    perEpoch.push(means);
    onEpochEnd?.(means, epoch);
    if (stop.update(means[0] ?? NaN)) break;
  }
  checkpoint(loop.hooks, 1, `${name}: trained`);
  return perEpoch;
}

/** Anything holding memory that must be given back (tensors, variables, optimisers). */
export interface Disposable {
  dispose(): void;
}

/**
 * Runs `train` (a network's training): when it throws (cancelled, a loss not finite), the network
 * it was training (`kept`) is disposed before the error goes on; the training's own resources
 * (`scratch`: optimisers, tensors of the data) are disposed either way.
 */
export function disposingOnFailure<T>(train: () => T, resources: { kept: readonly Disposable[]; scratch: readonly Disposable[] }): T {
  try {
    return train();
  } catch (e) {
    for (const r of resources.kept) r.dispose();
    throw e;
  } finally {
    for (const r of resources.scratch) r.dispose();
  }
}
