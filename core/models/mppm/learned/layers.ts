/**
 * The layers of the MPPM networks (arXiv 2510.00666 §3.4, as in the authors' PyTorch code), built
 * from tensor ops whose gradients exist on every backend: a 3×3 stride-2 convolution with padding 1
 * as nine strided taps and one matrix product (im2col), its transpose (padding 1, output padding 1)
 * as a zero-inserted upsampling followed by a 3×3 stride-1 convolution, and dense layers. Weights
 * live in a `ParamSet` initialised from our seeded streams, never from tfjs's own random ops.
 */
import { createRng } from '../../../numerics/rng.js';
import { tf } from './tf.js';

/** How a parameter is initialised: PyTorch's default U(−1/√fan_in, 1/√fan_in), He normal N(0, 2/fan_in), or zeros. */
export type Init = { kind: 'uniform'; fanIn: number } | { kind: 'he'; fanIn: number } | { kind: 'zeros' };

export interface ParamSpec {
  name: string;
  shape: number[];
  init: Init;
}

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

/** Named trainable tensors in a fixed order; their values flatten to one Float64Array (the artifact's data). */
export class ParamSet {
  readonly specs: ParamSpec[];
  readonly vars: tf.Variable[];
  private readonly byName = new Map<string, tf.Variable>();

  private constructor(specs: ParamSpec[], values: Float32Array[]) {
    this.specs = specs;
    this.vars = specs.map((s, i) => tf.variable(tf.tensor(values[i]!, s.shape, 'float32'), true));
    specs.forEach((s, i) => this.byName.set(s.name, this.vars[i]!));
  }

  /** Fresh weights drawn from one seeded stream, in the order of `specs`. */
  static init(specs: ParamSpec[], seed: number): ParamSet {
    const rng = createRng(seed);
    const values = specs.map((s) => {
      const v = new Float32Array(size(s.shape));
      if (s.init.kind === 'uniform') {
        const b = 1 / Math.sqrt(s.init.fanIn);
        for (let i = 0; i < v.length; i++) v[i] = (2 * rng.nextDouble() - 1) * b;
      } else if (s.init.kind === 'he') {
        const sd = Math.sqrt(2 / s.init.fanIn);
        for (let i = 0; i < v.length; i++) v[i] = sd * rng.normal();
      }
      return v;
    });
    return new ParamSet(specs, values);
  }

  /** Weights read back from `data` (the concatenation `toFloat64` writes); sizes are checked. */
  static fromFloat64(specs: ParamSpec[], data: Float64Array): ParamSet {
    const total = specs.reduce((s, p) => s + size(p.shape), 0);
    if (data.length !== total) throw new Error(`expected ${total} weights, got ${data.length}`);
    let at = 0;
    const values = specs.map((s) => {
      const v = Float32Array.from(data.subarray(at, at + size(s.shape)));
      at += v.length;
      return v;
    });
    return new ParamSet(specs, values);
  }

  get(name: string): tf.Variable {
    const v = this.byName.get(name);
    if (!v) throw new Error(`no parameter ${name}`);
    return v;
  }

  /** Number of weights. */
  get count(): number {
    return this.specs.reduce((s, p) => s + size(p.shape), 0);
  }

  /** All weights, in order, as doubles (each a float32 value exactly). */
  toFloat64(): Float64Array {
    const out = new Float64Array(this.count);
    let at = 0;
    for (const v of this.vars) {
      const d = v.dataSync();
      out.set(d, at);
      at += d.length;
    }
    return out;
  }

  dispose(): void {
    for (const v of this.vars) v.dispose();
  }
}

/** Specs of a dense layer `name` (weight in × out, bias out). */
export function denseSpecs(name: string, fanIn: number, fanOut: number, init: 'uniform' | 'he' = 'uniform'): ParamSpec[] {
  return [
    { name: `${name}.w`, shape: [fanIn, fanOut], init: init === 'he' ? { kind: 'he', fanIn } : { kind: 'uniform', fanIn } },
    { name: `${name}.b`, shape: [fanOut], init: init === 'he' ? { kind: 'zeros' } : { kind: 'uniform', fanIn } },
  ];
}

/** Specs of a 3×3 convolution `name` with kernel [3, 3, cin, cout] (its fan-in as PyTorch counts it). */
export function convSpecs(name: string, cin: number, cout: number, fanIn: number): ParamSpec[] {
  return [
    { name: `${name}.w`, shape: [3, 3, cin, cout], init: { kind: 'uniform', fanIn } },
    { name: `${name}.b`, shape: [cout], init: { kind: 'uniform', fanIn } },
  ];
}

export function dense(x: tf.Tensor, p: ParamSet, name: string): tf.Tensor2D {
  return tf.add(tf.matMul(x as tf.Tensor2D, p.get(`${name}.w`) as tf.Tensor2D), p.get(`${name}.b`)) as tf.Tensor2D;
}

/** 3×3 convolution of NHWC `x` (even height and width) with stride 2 and padding 1 on each side: PyTorch's Conv2d(k=3, s=2, p=1). */
export function conv3x3s2(x: tf.Tensor4D, p: ParamSet, name: string): tf.Tensor4D {
  const [n, h, w, c] = x.shape;
  if (h % 2 !== 0 || w % 2 !== 0) throw new Error(`conv3x3s2 needs an even height and width, got ${h}×${w}`);
  const ho = h / 2;
  const wo = w / 2;
  const padded = tf.reshape(tf.pad(x, [[0, 0], [1, 1], [1, 1], [0, 0]]), [n, ho + 1, 2, wo + 1, 2, c]);
  // Row 2·o + k of the padded input: k = 0 → (o, 0), k = 1 → (o, 1), k = 2 → (o + 1, 0).
  const at = (k: number) => (k === 2 ? [1, 0] : [0, k]);
  const taps: tf.Tensor[] = [];
  for (let kh = 0; kh < 3; kh++) {
    for (let kw = 0; kw < 3; kw++) {
      const [r0, r1] = at(kh);
      const [c0, c1] = at(kw);
      taps.push(tf.reshape(tf.slice(padded, [0, r0!, r1!, c0!, c1!, 0], [n, ho, 1, wo, 1, c]), [n * ho * wo, c]));
    }
  }
  const cols = tf.concat(taps, 1);
  const kernel = p.get(`${name}.w`);
  const cout = kernel.shape[3]!;
  const y = tf.add(tf.matMul(cols as tf.Tensor2D, tf.reshape(kernel, [9 * c, cout]) as tf.Tensor2D), p.get(`${name}.b`));
  return tf.reshape(y, [n, ho, wo, cout]);
}

/**
 * Transposed 3×3 convolution of NHWC `x` with stride 2, padding 1 and output padding 1 (height and
 * width double): PyTorch's ConvTranspose2d(k=3, s=2, p=1, output_padding=1). It equals a stride-1
 * convolution of the zero-inserted, padded input with the kernel `name.w` [3, 3, cin, cout], which
 * is the transposed layer's kernel flipped in both spatial axes.
 */
export function convT3x3s2(x: tf.Tensor4D, p: ParamSet, name: string): tf.Tensor4D {
  const [n, h, w, c] = x.shape;
  const up = tf.reshape(tf.pad(tf.reshape(x, [n, h, 1, w, 1, c]), [[0, 0], [0, 0], [0, 1], [0, 0], [0, 1], [0, 0]]), [n, 2 * h, 2 * w, c]);
  const padded = tf.pad(up, [[0, 0], [1, 1], [1, 1], [0, 0]]);
  const taps: tf.Tensor[] = [];
  for (let kh = 0; kh < 3; kh++) {
    for (let kw = 0; kw < 3; kw++) taps.push(tf.reshape(tf.slice(padded, [0, kh, kw, 0], [n, 2 * h, 2 * w, c]), [n * 4 * h * w, c]));
  }
  const cols = tf.concat(taps, 1);
  const kernel = p.get(`${name}.w`);
  const cout = kernel.shape[3]!;
  const y = tf.add(tf.matMul(cols as tf.Tensor2D, tf.reshape(kernel, [9 * c, cout]) as tf.Tensor2D), p.get(`${name}.b`));
  return tf.reshape(y, [n, 2 * h, 2 * w, cout]);
}
