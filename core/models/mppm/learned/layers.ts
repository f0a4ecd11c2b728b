/**
 * The layers of the MPPM networks (arXiv 2510.00666 §3.4, as in the authors' PyTorch code), built
 * from tensor ops whose gradients exist on every backend (the WebAssembly one has no kernel for a
 * convolution's filter gradient): a 3×3 stride-2 convolution with padding 1 as im2col (the patches
 * gathered by a constant 0/1 matrix product), its transpose (padding 1, output padding 1) in
 * sub-pixel form (each of the four output phases a product of shifted inputs with kernel taps),
 * and dense layers. Weights
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

/** 0/1 matrices that gather the 3×3 patches of an h × w image (im2col as one matrix product), by size and mode. */
const selections = new Map<string, tf.Tensor2D>();

/**
 * The patch-gathering matrix S [h·w, P·9] of the stride-2 layer with padding 1 (P = h/2 · w/2):
 * column (o·9 + kh·3 + kw) picks the input pixel that tap (kh, kw) of output pixel o reads, or
 * nothing where it reads padding.
 */
function selection(h: number, w: number): tf.Tensor2D {
  const key = `${h}x${w}`;
  let s = selections.get(key);
  if (s) return s;
  const [ho, wo] = [h / 2, w / 2];
  const m = new Float32Array(h * w * ho * wo * 9);
  const cols = ho * wo * 9;
  for (let oh = 0; oh < ho; oh++) {
    for (let ow = 0; ow < wo; ow++) {
      for (let kh = 0; kh < 3; kh++) {
        for (let kw = 0; kw < 3; kw++) {
          const ih = 2 * oh + kh - 1;
          const iw = 2 * ow + kw - 1;
          if (ih < 0 || ih >= h || iw < 0 || iw >= w) continue;
          m[(ih * w + iw) * cols + (oh * wo + ow) * 9 + kh * 3 + kw] = 1;
        }
      }
    }
  }
  s = tf.keep(tf.tensor2d(m, [h * w, cols]));
  selections.set(key, s);
  return s;
}

/** The 3×3 layer as im2col: patches [n·P, 9·c] (tap-major, channel inner) times the kernel [9·c, cout], plus the bias. */
function patchConv(x: tf.Tensor4D, p: ParamSet, name: string): tf.Tensor4D {
  const [n, h, w, c] = x.shape;
  const [ho, wo] = [h / 2, w / 2];
  const perChannel = tf.reshape(tf.transpose(x, [0, 3, 1, 2]), [n * c, h * w]);
  const gathered = tf.matMul(perChannel as tf.Tensor2D, selection(h, w));
  const cols = tf.reshape(tf.transpose(tf.reshape(gathered, [n, c, ho * wo, 9]), [0, 2, 3, 1]), [n * ho * wo, 9 * c]);
  const kernel = p.get(`${name}.w`);
  const cout = kernel.shape[3]!;
  const y = tf.add(tf.matMul(cols as tf.Tensor2D, tf.reshape(kernel, [9 * c, cout]) as tf.Tensor2D), p.get(`${name}.b`));
  return tf.reshape(y, [n, ho, wo, cout]);
}

/** 3×3 convolution of NHWC `x` (even height and width) with stride 2 and padding 1 on each side: PyTorch's Conv2d(k=3, s=2, p=1). */
export function conv3x3s2(x: tf.Tensor4D, p: ParamSet, name: string): tf.Tensor4D {
  const [, h, w] = x.shape;
  if (h % 2 !== 0 || w % 2 !== 0) throw new Error(`conv3x3s2 needs an even height and width, got ${h}×${w}`);
  return patchConv(x, p, name);
}

/**
 * Transposed 3×3 convolution of NHWC `x` with stride 2, padding 1 and output padding 1 (height and
 * width double): PyTorch's ConvTranspose2d(k=3, s=2, p=1, output_padding=1). It equals a stride-1
 * convolution of the zero-inserted, padded input with the kernel `name.w` [3, 3, cin, cout], which
 * is the transposed layer's kernel flipped in both spatial axes.
 */
export function convT3x3s2(x: tf.Tensor4D, p: ParamSet, name: string): tf.Tensor4D {
  // Sub-pixel form: output (2i + a, 2j + b) reads input (i + di, j + dj) through tap (kh, kw), with
  // row phase a = 0 → {(kh 1, di 0)} and a = 1 → {(kh 0, di 0), (kh 2, di 1)}, the same for columns.
  const [n, h, w, c] = x.shape;
  const kernel = p.get(`${name}.w`);
  const cout = kernel.shape[3]!;
  const padded = tf.pad(x, [[0, 0], [0, 1], [0, 1], [0, 0]]);
  const view = (di: number, dj: number) => tf.reshape(tf.slice(padded, [0, di, dj, 0], [n, h, w, c]), [n * h * w, c]);
  const views = [view(0, 0), view(0, 1), view(1, 0), view(1, 1)];
  const taps = (phase: number) => (phase === 0 ? [[1, 0]] : [[0, 0], [2, 1]]);
  const phase = (a: number, b: number) => {
    const cols: tf.Tensor[] = [];
    const ks: tf.Tensor[] = [];
    for (const [kh, di] of taps(a)) {
      for (const [kw, dj] of taps(b)) {
        cols.push(views[di! * 2 + dj!]!);
        ks.push(tf.reshape(tf.slice(kernel, [kh!, kw!, 0, 0], [1, 1, c, cout]), [c, cout]));
      }
    }
    const y = tf.matMul(tf.concat(cols, 1) as tf.Tensor2D, tf.concat(ks, 0) as tf.Tensor2D);
    return tf.reshape(y, [n, h, 1, w, 1, cout]);
  };
  const rows = [0, 1].map((a) => tf.concat([phase(a, 0), phase(a, 1)], 4));
  const y = tf.reshape(tf.concat(rows, 2), [n, 2 * h, 2 * w, cout]);
  return tf.add(y, p.get(`${name}.b`)) as tf.Tensor4D;
}
