/**
 * The distance network d_ψ of Latent MPPM (arXiv 2510.00666 §3.4; the authors' MLP): p → 100 →
 * 50 → 20 → 1 with ReLU, dropout 0.2 after each hidden layer while training, He-normal hidden
 * weights with zero biases and PyTorch's default for the output layer. Dropout masks come from our
 * seeded stream (inverted dropout, kept units scaled by 1/(1 − rate)), never from tfjs.
 */
import type { Rng } from '../../../numerics/rng.js';
import { ParamSet, type ParamSpec, dense, denseSpecs } from './layers.js';
import { tf } from './tf.js';

export const DISTANCE_HIDDEN = [100, 50, 20] as const;
export const DISTANCE_DROPOUT = 0.2;

export function distanceSpecs(latent: number): ParamSpec[] {
  const [a, b, c] = DISTANCE_HIDDEN;
  return [...denseSpecs('d1', latent, a, 'he'), ...denseSpecs('d2', a, b, 'he'), ...denseSpecs('d3', b, c, 'he'), ...denseSpecs('d4', c, 1)];
}

/** Dropout masks for a batch of n (one per hidden layer), or null in evaluation. */
export type DropoutMasks = tf.Tensor2D[] | null;

/** Draws the three masks of one forward pass for a batch of n rows. */
export function drawMasks(n: number, rng: Rng, rate = DISTANCE_DROPOUT): tf.Tensor2D[] {
  return DISTANCE_HIDDEN.map((width) => {
    const m = new Float32Array(n * width);
    const keep = 1 / (1 - rate);
    for (let i = 0; i < m.length; i++) m[i] = rng.nextDouble() >= rate ? keep : 0;
    return tf.tensor2d(m, [n, width]);
  });
}

/** d_ψ(z): latents [n, p] → distances [n, 1]. */
export function distanceT(p: ParamSet, z: tf.Tensor, masks: DropoutMasks): tf.Tensor2D {
  let h: tf.Tensor2D = z as tf.Tensor2D;
  for (let k = 0; k < 3; k++) {
    h = tf.relu(dense(h, p, `d${k + 1}`));
    if (masks) h = tf.mul(h, masks[k]!);
  }
  return dense(h, p, 'd4');
}

/** ∇_z d_ψ(z) [n, p] by automatic differentiation (rows are independent, so the gradient of the sum is per row). */
export function distanceGradT(p: ParamSet, z: tf.Tensor, masks: DropoutMasks): tf.Tensor2D {
  return tf.grad((zz: tf.Tensor) => tf.sum(distanceT(p, zz, masks)))(z) as tf.Tensor2D;
}
