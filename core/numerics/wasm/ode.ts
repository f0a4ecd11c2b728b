/**
 * The WebAssembly kernels of ode.wat: the vector passes of the DOPRI5 step and the inner products
 * and per-mode maps of right-hand sides, bit-identical to their JavaScript references (tested).
 *
 * The module is compiled once per thread, on first use. Each ODE workspace (../ode/workspace.ts)
 * holds an instance, with its memory, for itself alone, so nested or interleaved solves share
 * nothing. A released instance is kept for the next workspace of this thread (a few, of moderate
 * size): a fresh instance costs tens of microseconds, and calls into an instance already used at
 * a call site are much cheaper than into a new one. Releasing detaches every view of the memory
 * handed out before (`memory.grow(0)`), so a view kept past its workspace reads nothing.
 */
import { WASM_PAGE, compileWasm } from './compile.js';
import { ODE_WASM_BASE64 } from './ode-binary.js';

/** The exports of ode.wat; array arguments are byte offsets into `memory`, n counts f64 components. */
export interface OdeKernels {
  readonly memory: WebAssembly.Memory;
  comb1(out: number, y: number, k1: number, n: number, c1: number): void;
  comb2(out: number, y: number, k1: number, k2: number, n: number, c1: number, c2: number): void;
  comb3(out: number, y: number, k1: number, k2: number, k3: number, n: number, c1: number, c2: number, c3: number): void;
  comb4(out: number, y: number, k1: number, k2: number, k3: number, k4: number, n: number, c1: number, c2: number, c3: number, c4: number): void;
  /** Stage 6's input, and y_new and the error estimate without their k6 and k7 terms. */
  stage6(
    out: number, yNew: number, err: number, y: number, k1: number, k2: number, k3: number, k4: number, k5: number, n: number,
    a1: number, a2: number, a3: number, a4: number, a5: number, b1: number, b3: number, b4: number, b5: number,
    e1: number, e3: number, e4: number, e5: number,
  ): void;
  stage7(yNew: number, err: number, k6: number, n: number, b6: number, e6: number): void;
  /** Sum of the squared scaled errors (scalar atol). */
  error_norm(err: number, y: number, yNew: number, k7: number, n: number, e7: number, rtol: number, atol: number): number;
  /** Sum of the squared scaled errors (atol per component, at byte offset `atol`). */
  error_norm_atol(err: number, y: number, yNew: number, k7: number, atol: number, n: number, e7: number, rtol: number): number;
  dot(a: number, b: number, n: number): number;
  /** <w, x> and <w, z> into RESULTS[0..1]. */
  dot2(w: number, x: number, z: number, n: number): void;
  stein_map(lambda: number, v22: number, e: number, d: number, de: number, dd: number, m: number, p: number, q: number, r: number, u: number, f: number): void;
  stein_map_s0(lambda: number, e: number, d: number, de: number, dd: number, m: number, p: number, r: number, f: number): void;
}

/** Largest memory an instance may have (2^32 bytes: 32-bit offsets). */
const MAX_PAGES = 65536;

let compiled: WebAssembly.Module | null | undefined;

function odeModule(): WebAssembly.Module | null {
  if (compiled === undefined) compiled = compileWasm(ODE_WASM_BASE64);
  return compiled;
}

/** Released instances, the most recent last, and the limits on what is kept. */
const idle: OdeKernels[] = [];
const IDLE_COUNT = 2;
const IDLE_BYTES = 8 * 2 ** 20;

/**
 * An instance for one workspace alone, whose memory holds at least `bytes` bytes, zero-filled:
 * the most recently released one if there is one, else a fresh one. Null where WebAssembly cannot
 * run or the memory cannot be had (callers then use their JavaScript paths).
 */
export function acquireOdeKernels(bytes: number): OdeKernels | null {
  const pages = Math.ceil(bytes / WASM_PAGE);
  if (!(pages <= MAX_PAGES)) return null;
  const reused = idle.pop();
  if (reused) {
    try {
      const have = reused.memory.buffer.byteLength / WASM_PAGE;
      if (pages > have) reused.memory.grow(pages - have);
      new Uint8Array(reused.memory.buffer, 0, bytes).fill(0);
      return reused;
    } catch {
      // could not grow: a fresh instance below
    }
  }
  const module = odeModule();
  if (!module) return null;
  try {
    const kernels = new WebAssembly.Instance(module, {}).exports as unknown as OdeKernels;
    const have = kernels.memory.buffer.byteLength / WASM_PAGE;
    if (pages > have) kernels.memory.grow(pages - have);
    return kernels;
  } catch {
    return null;
  }
}

/**
 * Hands an instance back for a later workspace: detaches every view of its memory and keeps it
 * if there is room. The caller must not use it again.
 */
export function releaseOdeKernels(kernels: OdeKernels): void {
  kernels.memory.grow(0);
  if (idle.length < IDLE_COUNT && kernels.memory.buffer.byteLength <= IDLE_BYTES && !idle.includes(kernels)) idle.push(kernels);
}
