/**
 * What the training steps of the MPPM networks share: progress and cancel hooks, seeded noise,
 * row gathering, and Adam as PyTorch defines it (β = 0.9, 0.999, ε = 1e-8). The epoch loop itself
 * (shuffling, batches, epoch losses, early stopping) is ./train-loop.ts.
 */
import { CancelledError } from '../../model-kind-errors.js';
import type { Rng } from '../../../numerics/rng.js';
import { tf } from './tf.js';

/** How a training loop reports progress and learns that it must stop. */
export interface TrainHooks {
  isCancelled?: () => boolean;
  progress?: (fraction: number, note?: string) => void;
}

/** Throws CancelledError when cancelled, else reports progress. */
export function checkpoint(hooks: TrainHooks, fraction: number, note?: string): void {
  if (hooks.isCancelled?.()) throw new CancelledError();
  hooks.progress?.(Math.min(1, Math.max(0, fraction)), note);
}

/** Rows `idx` of a row-major [N, width] array as a float32 array. */
export function gatherRows(src: Float64Array, width: number, idx: ArrayLike<number>, out = new Float32Array(idx.length * width)): Float32Array {
  for (let r = 0; r < idx.length; r++) {
    const s = idx[r]! * width;
    for (let k = 0; k < width; k++) out[r * width + k] = src[s + k]!;
  }
  return out;
}

/** clip_[0,1](x + s·ε) with ε standard normal from the stream (the paper's training corruption, §3.3). */
export function corrupt(x: Float32Array, s: number, rng: Rng): Float32Array {
  const eps = new Float64Array(x.length);
  rng.fillNormal(eps);
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = Math.min(1, Math.max(0, x[i]! + s * eps[i]!));
  return out;
}

export function adam(lr: number): tf.AdamOptimizer {
  return tf.train.adam(lr, 0.9, 0.999, 1e-8);
}

/** The gradients of `vars` in a map keyed by variable name (for an optimizer's applyGradients). */
export function pick(grads: tf.NamedTensorMap, vars: tf.Variable[]): { name: string; tensor: tf.Tensor }[] {
  return vars.filter((v) => grads[v.name]).map((v) => ({ name: v.name, tensor: grads[v.name]! }));
}
