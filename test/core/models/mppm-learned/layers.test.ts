// The convolution layers of the MPPM autoencoder (arXiv 2510.00666 §3.4) against tfjs's own
// convolution kernels (an independent implementation): PyTorch's Conv2d(3, s2, p1) and
// ConvTranspose2d(3, s2, p1, output_padding 1) semantics.
import { describe, expect, it } from 'vitest';
import { ParamSet, conv3x3s2, convSpecs, convT3x3s2 } from '../../../../core/models/mppm/learned/layers.js';
import { tf } from '../../../../core/models/mppm/learned/tf.js';
import { createRng } from '../../../../core/numerics/rng.js';
import { useTensorBackend } from '../../../support/tensor-backend.js';

useTensorBackend();

function randomTensor(shape: number[], seed: number): tf.Tensor {
  const rng = createRng(seed);
  const v = new Float32Array(shape.reduce((a, b) => a * b, 1));
  for (let i = 0; i < v.length; i++) v[i] = rng.normal();
  return tf.tensor(v, shape);
}

function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): number {
  return tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!;
}

describe('MPPM layers', () => {
  it('conv3x3s2 equals tf.conv2d with stride 2 and padding 1', () => {
    const p = ParamSet.init(convSpecs('c', 3, 5, 27), 11);
    const x = randomTensor([2, 8, 6, 3], 1) as tf.Tensor4D;
    const ours = conv3x3s2(x, p, 'c');
    const ref = tf.add(tf.conv2d(x, p.get('c.w') as tf.Tensor4D, 2, 1), p.get('c.b'));
    expect(ours.shape).toEqual([2, 4, 3, 5]);
    expect(maxAbsDiff(ours, ref)).toBeLessThan(1e-5);
    p.dispose();
  });

  it('convT3x3s2 equals tf.conv2dTranspose (stride 2, padding 1, output 2h × 2w) with the flipped kernel', () => {
    const p = ParamSet.init(convSpecs('t', 4, 3, 27), 12);
    const x = randomTensor([2, 3, 5, 4], 2) as tf.Tensor4D;
    const ours = convT3x3s2(x, p, 't');
    // Our kernel K[kh, kw, cin, cout]; tfjs's transposed-convolution filter is [kh, kw, cout, cin], spatially flipped.
    const flipped = tf.transpose(tf.reverse(p.get('t.w'), [0, 1]), [0, 1, 3, 2]) as tf.Tensor4D;
    const ref = tf.add(tf.conv2dTranspose(x, flipped, [2, 6, 10, 3], 2, 1), p.get('t.b'));
    expect(ours.shape).toEqual([2, 6, 10, 3]);
    expect(maxAbsDiff(ours, ref)).toBeLessThan(1e-5);
    p.dispose();
  });

  it('gradients of both layers match finite differences', () => {
    const p = ParamSet.init([...convSpecs('c', 2, 3, 18), ...convSpecs('t', 3, 2, 18)], 13);
    const x = randomTensor([1, 4, 4, 2], 3) as tf.Tensor4D;
    const f = () => tf.sum(tf.square(convT3x3s2(conv3x3s2(x, p, 'c'), p, 't'))) as tf.Scalar;
    const { grads } = tf.variableGrads(f, p.vars);
    for (const v of [p.get('c.w'), p.get('t.w')]) {
      const g = grads[v.name]!.dataSync();
      const base = v.dataSync().slice();
      for (const i of [0, 7, 20]) {
        const h = 1e-2;
        const at = (d: number) => {
          const w = base.slice();
          w[i] = base[i]! + d;
          v.assign(tf.tensor(w, v.shape));
          return f().dataSync()[0]!;
        };
        const fd = (at(h) - at(-h)) / (2 * h);
        v.assign(tf.tensor(base, v.shape));
        expect(Math.abs(fd - g[i]!)).toBeLessThan(2e-2 * Math.max(1, Math.abs(g[i]!)));
      }
    }
    p.dispose();
  });
});
