/**
 * The WebAssembly kernels of kernels.wat: the normal sampler of `rng.ts` and the fused SGD pass,
 * bit-identical to their JavaScript references (tested), about twice as fast.
 *
 * One instance per thread, created on first use. Simulation arrays that a kernel reads or writes
 * live in the instance's memory and are handed out by `arena`; growing the memory detaches every
 * view handed out before, so a simulation takes its arrays once, at its start, and a second
 * `arena` call invalidates the first's arrays (simulations in one thread run one at a time).
 */
import { ZIGGURAT } from '../ziggurat.js';
import { KERNELS_WASM_BASE64 } from './kernels-binary.js';
import { WASM_PAGE, compileWasm } from './compile.js';
import { LAYOUT, LAYOUT_LENGTH } from './layout.js';

interface KernelExports {
  memory: WebAssembly.Memory;
  fill_normal(out: number, n: number): void;
  sgd_pass(e: number, x: number, xn: number, sq: number, th: number, n: number, kappa: number, mode: number): void;
  sgd_pass_oracle(e: number, x: number, xn: number, sq: number, th: number, lam: number, n: number, kappa: number): void;
}

/**
 * What a pass accumulates besides <x', e'>: |x'|^2, <x', theta*>, and for the oracle policies
 * also the moments P, C, P2, C2 of the updated error (`sgd_pass_oracle`).
 */
export const SGD_SUMS = { residual: 0, withNorm: 1, withSignal: 2, oracle: 3 } as const;
export type SgdSums = (typeof SGD_SUMS)[keyof typeof SGD_SUMS];

/** Arrays of one simulation in kernel memory, each of length d, zero-filled. */
export interface SgdArena {
  readonly e: Float64Array;
  readonly x: Float64Array;
  readonly xn: Float64Array;
  readonly sq: Float64Array;
  readonly th: Float64Array;
  /** The eigenvalues (read by the oracle pass only). */
  readonly lam: Float64Array;
}

const ARENA_ARRAYS = 6;
/** Normals per `fill_normal` call when filling a JavaScript array. */
const SCRATCH_LENGTH = LAYOUT_LENGTH.scratch;

export class Kernels {
  private readonly exports: KernelExports;
  private state!: Int32Array;
  private sums!: Float64Array;
  private oracleSums!: Float64Array;
  private scratch!: Float64Array;

  constructor(module: WebAssembly.Module) {
    const instance = new WebAssembly.Instance(module, { math: { exp: Math.exp, log: Math.log } });
    this.exports = instance.exports as unknown as KernelExports;
    this.refreshViews();
    const buffer = this.exports.memory.buffer;
    const t = ZIGGURAT;
    new Int32Array(buffer, LAYOUT.zk, LAYOUT_LENGTH.zk).set(t.k);
    new Float64Array(buffer, LAYOUT.zw, LAYOUT_LENGTH.zw).set(t.w);
    new Float64Array(buffer, LAYOUT.zx, LAYOUT_LENGTH.zx).set(t.x);
    new Float64Array(buffer, LAYOUT.zf, LAYOUT_LENGTH.zf).set(t.f);
    new Float64Array(buffer, LAYOUT.tail, 1)[0] = t.r;
  }

  private refreshViews(): void {
    const buffer = this.exports.memory.buffer;
    this.state = new Int32Array(buffer, LAYOUT.state, LAYOUT_LENGTH.state);
    this.sums = new Float64Array(buffer, LAYOUT.sums, LAYOUT_LENGTH.sums);
    this.oracleSums = new Float64Array(buffer, LAYOUT.oracle, LAYOUT_LENGTH.oracle);
    this.scratch = new Float64Array(buffer, LAYOUT.scratch, SCRATCH_LENGTH);
  }

  /** Standard normals into out[start..end), advancing the generator words `words` in place. */
  fillNormal(words: Int32Array, out: Float64Array, start: number, end: number): void {
    this.state.set(words);
    for (let k = start; k < end; k += SCRATCH_LENGTH) {
      const n = Math.min(SCRATCH_LENGTH, end - k);
      this.exports.fill_normal(LAYOUT.scratch, n);
      out.set(n === SCRATCH_LENGTH ? this.scratch : this.scratch.subarray(0, n), k);
    }
    words.set(this.state);
  }

  /**
   * The zero-filled arrays of length d of one simulation in kernel memory (growing it if needed).
   * Invalidates the arrays of any earlier call.
   */
  arena(d: number): SgdArena {
    const bytes = ARENA_ARRAYS * 8 * d;
    const memory = this.exports.memory;
    const needed = Math.ceil((LAYOUT.arena + bytes) / WASM_PAGE);
    const pages = memory.buffer.byteLength / WASM_PAGE;
    if (needed > pages) {
      memory.grow(needed - pages);
      this.refreshViews();
    }
    const buffer = memory.buffer;
    const at = (slot: number) => new Float64Array(buffer, LAYOUT.arena + slot * 8 * d, d).fill(0);
    return { e: at(0), x: at(1), xn: at(2), sq: at(3), th: at(4), lam: at(5) };
  }

  /**
   * One fused pass over arena arrays (see kernels.wat): e -= kappa x; xn = sq * z with z the next
   * d normals of the generator `words` (advanced in place); returns <xn, e> and leaves <xn, xn>
   * and <xn, th> (when asked for) in `lastSums`.
   */
  sgdPass(words: Int32Array, e: Float64Array, x: Float64Array, xn: Float64Array, sq: Float64Array, th: Float64Array, kappa: number, sums: SgdSums): number {
    this.state.set(words);
    this.exports.sgd_pass(e.byteOffset, x.byteOffset, xn.byteOffset, sq.byteOffset, th.byteOffset, e.length, kappa, sums);
    words.set(this.state);
    return this.sums[0];
  }

  /**
   * `sgdPass` with every sum: leaves <xn, xn> and <xn, th> in `lastNorm` and `lastSignal`, and the
   * moments of the updated e in `lastOracle` (P, C, P2, C2).
   */
  sgdPassOracle(words: Int32Array, a: SgdArena, x: Float64Array, xn: Float64Array, kappa: number): number {
    this.state.set(words);
    this.exports.sgd_pass_oracle(a.e.byteOffset, x.byteOffset, xn.byteOffset, a.sq.byteOffset, a.th.byteOffset, a.lam.byteOffset, a.e.length, kappa);
    words.set(this.state);
    return this.sums[0];
  }

  /** P, C, P2, C2 of the last `sgdPassOracle`. */
  get lastOracle(): Float64Array {
    return this.oracleSums;
  }

  /** <xn, xn> and <xn, th> of the last `sgdPass` (0 when not asked for). */
  get lastNorm(): number {
    return this.sums[1];
  }

  get lastSignal(): number {
    return this.sums[2];
  }
}

let shared: Kernels | null | undefined;

/** This thread's kernels, or null where WebAssembly cannot run (the JavaScript paths are used). */
export function kernels(): Kernels | null {
  if (shared === undefined) {
    const module = compileWasm(KERNELS_WASM_BASE64);
    try {
      shared = module ? new Kernels(module) : null;
    } catch {
      shared = null;
    }
  }
  return shared;
}
