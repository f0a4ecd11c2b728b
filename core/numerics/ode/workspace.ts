/**
 * The memory of one WebAssembly-backed solve: an instance of the ODE kernels (../wasm/ode.wat)
 * with its own memory, holding the solver's vectors of the dimension and the extra arrays a
 * right-hand side asks for (coefficients it hands to the kernels).
 *
 * solveOde with a workspace passes its right-hand side y and dy that are views of this memory, so
 * a right-hand side built with the workspace can call the kernels on byte offsets
 * (`y.byteOffset`, `arrays.name.byteOffset`) where `holds` says its arrays are here, and run its
 * JavaScript reference otherwise. A workspace serves one solve at a time, and its views stay
 * valid until `release`, which hands the instance back for a later workspace and detaches them
 * all (a workspace never released is simply collected).
 */
import { ODE_LAYOUT } from '../wasm/layout.js';
import { type OdeKernels, acquireOdeKernels, releaseOdeKernels } from '../wasm/ode.js';

/** The solver's vectors, each of length dim, by index into `vectors`. */
export const VECTOR = {
  /** Stage derivatives k1..k7 take 0..6. */
  stages: 0,
  /** Input of the stages 2..6. */
  stageInput: 7,
  /** The error estimate without its FSAL term. */
  error: 8,
  /** Per-component absolute tolerances. */
  atol: 9,
  /** Copies of y and y_new for a step on arrays held elsewhere. */
  yIn: 10,
  yOut: 11,
  /** solveOde's state and next state, its output row and a scratch vector (initial step). */
  state: 12,
  next: 13,
  row: 14,
  scratch: 15,
} as const;

const VECTORS = 16;

/** Bytes of an array of `length` f64, rounded up to whole f64x2 pairs. */
const stride = (length: number) => 16 * Math.ceil(length / 2);

export class OdeWorkspace<Name extends string = string> {
  /** The solver's vectors (see VECTOR), zero-filled at creation. */
  readonly vectors: readonly Float64Array[];
  /** The extra arrays, zero-filled at creation. */
  readonly arrays: Readonly<Record<Name, Float64Array>>;
  /** RESULTS of the kernels (dot2: <w, x>, <w, z>). */
  readonly results: Float64Array;
  /** The kernels, on byte offsets into this workspace's memory. */
  get kernels(): OdeKernels {
    if (!this.instance) throw new Error('OdeWorkspace: used after release');
    return this.instance;
  }
  private instance: OdeKernels | null;
  /** The views `holds` recognises, the stage input and the solver's states first (see VECTOR). */
  private own: Float64Array[];

  private constructor(
    readonly dim: number,
    kernels: OdeKernels,
    extras: Readonly<Record<Name, number>>,
  ) {
    this.instance = kernels;
    const buffer = kernels.memory.buffer;
    let at: number = ODE_LAYOUT.vectors;
    const take = (length: number) => {
      const view = new Float64Array(buffer, at, length);
      at += stride(length);
      return view;
    };
    this.vectors = Array.from({ length: VECTORS }, () => take(dim));
    const arrays = {} as Record<Name, Float64Array>;
    for (const name of Object.keys(extras) as Name[]) arrays[name] = take(extras[name]);
    this.arrays = arrays;
    const first: number[] = [VECTOR.stageInput, VECTOR.next, VECTOR.state, VECTOR.row];
    const rest = this.vectors.filter((_, i) => !first.includes(i));
    this.own = [...first.map((i) => this.vectors[i]), ...rest, ...Object.values<Float64Array>(arrays)];
    this.results = new Float64Array(buffer, ODE_LAYOUT.results, 2);
  }

  /**
   * A workspace for dimension `dim` with extra arrays of the given lengths, or null where
   * WebAssembly cannot run (or the memory cannot be had).
   */
  static create<Name extends string = never>(dim: number, extras: Readonly<Record<Name, number>> = {} as Record<Name, number>): OdeWorkspace<Name> | null {
    if (!(Number.isInteger(dim) && dim >= 0)) throw new RangeError('OdeWorkspace: dimension must be a nonnegative integer');
    let bytes = ODE_LAYOUT.vectors + VECTORS * stride(dim);
    for (const name of Object.keys(extras) as Name[]) {
      const length = extras[name];
      if (!(Number.isInteger(length) && length >= 0)) throw new RangeError(`OdeWorkspace: length of ${name} must be a nonnegative integer`);
      bytes += stride(length);
    }
    const kernels = acquireOdeKernels(bytes);
    return kernels ? new OdeWorkspace(dim, kernels, extras) : null;
  }

  /**
   * Whether `a` is one of this workspace's vectors or arrays, so that kernels can take its byte
   * offset (other views of the memory, such as subarrays, count as held elsewhere). A scan of a
   * few identities: reading `a.buffer` costs several times more.
   */
  holds(a: ArrayBufferView): boolean {
    const own = this.own;
    for (let i = 0; i < own.length; i++) if (own[i] === a) return true;
    return false;
  }

  /**
   * Hands the instance back for a later workspace. Every view of this workspace (its vectors and
   * arrays, and the y, dy and states solveOde handed out) is detached, to length 0, and the
   * workspace must not be used again. Releasing twice does nothing.
   */
  release(): void {
    const kernels = this.instance;
    if (!kernels) return;
    this.instance = null;
    this.own = [];
    releaseOdeKernels(kernels);
  }
}

/**
 * <a[aStart..aStart+n), b[bStart..bStart+n)> in the order of the `dot` and `dot2` kernels: four
 * accumulators s0..s3 for the classes of j mod 4 over the whole quadruples, a remaining pair into
 * s0 and s1, an odd last term into s0, and (s0 + s2) + (s1 + s3) at the end.
 */
export function dotQuad(a: Float64Array, aStart: number, b: Float64Array, bStart: number, n: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let j = 0;
  for (; j + 3 < n; j += 4) {
    s0 += a[aStart + j] * b[bStart + j];
    s1 += a[aStart + j + 1] * b[bStart + j + 1];
    s2 += a[aStart + j + 2] * b[bStart + j + 2];
    s3 += a[aStart + j + 3] * b[bStart + j + 3];
  }
  if (j + 1 < n) {
    s0 += a[aStart + j] * b[bStart + j];
    s1 += a[aStart + j + 1] * b[bStart + j + 1];
    j += 2;
  }
  if (j < n) s0 += a[aStart + j] * b[bStart + j];
  return s0 + s2 + (s1 + s3);
}
