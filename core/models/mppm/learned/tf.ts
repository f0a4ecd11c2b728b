/**
 * tfjs-core for the trained networks of MPPM (arXiv 2510.00666 §3.3–3.6), with every gradient
 * registered (tfjs-core alone registers none). The backend (WebAssembly or CPU) is selected by
 * the host before parts run (app/engine/tensor-backend.ts); here only its presence is checked.
 * All tensors are float32; arrays crossing this boundary are row-major Float64Array.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients.js';

export { tf };

/** Throws a clear error when no tensor backend was selected by the host. */
export function requireBackend(): void {
  let name: string | undefined;
  try {
    name = tf.getBackend();
  } catch {
    name = undefined;
  }
  if (!name) throw new Error('no tensor backend: the host must call initTensorBackend() (app/engine/tensor-backend.ts) before the MPPM networks run');
}

/** A float32 tensor of the given shape from a Float64Array (or a part of it). */
export function tensorOf(a: Float64Array, shape: number[]): tf.Tensor {
  return tf.tensor(Float32Array.from(a), shape, 'float32');
}

/** Copies a tensor's values into `out` (as many as it has). */
export function readInto(t: tf.Tensor, out: Float64Array): void {
  const v = t.dataSync();
  for (let i = 0; i < v.length; i++) out[i] = v[i]!;
}
