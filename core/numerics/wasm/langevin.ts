/**
 * The WebAssembly kernels of langevin.wat: the forward pass, the readout step and the input
 * weights' step of a Langevin chain of a two-layer network (core/models/kit/simulators/langevin.ts),
 * bit-identical to the simulator's JavaScript loops (tested), erf and e^{-h²} as the simulator's
 * erfExp (langevin-activations.ts) on f64x2 pairs.
 *
 * Each chain takes an instance of its own, with its own memory (a chain's arrays live in it for
 * the whole run), so chains in one thread share nothing; the module is compiled once per thread.
 */
import { WASM_PAGE, compileWasm } from './compile.js';
import { LANGEVIN_WASM_BASE64 } from './langevin-binary.js';

/** The codes of the activations in langevin.wat. */
export const LANGEVIN_ACT = { linear: 0, erf: 1, relu: 2, square: 3 } as const;

/** The exports of langevin.wat; arrays are byte offsets into `memory`. */
export interface LangevinKernels {
  readonly memory: WebAssembly.Memory;
  /**
   * phi, phi' (N × Pp) and f = Σ_i a_i φ_i over Pp inputs (Pp a multiple of 8; XT d × Pp);
   * `scratch`: `langevinForwardScratch(N, Pp)` bytes of work space.
   */
  forward(W: number, XT: number, a: number, phi: number, dphi: number, f: number, N: number, d: number, Pp: number, act: number, scratch: number): void;
  /**
   * The readout's gradient and Langevin update, and delta = r a φ' (rows of stride Pp); with
   * `relu` 1, no delta: a (before its update) copied to `aOld` instead.
   */
  readout(phi: number, dphi: number, r: number, a: number, delta: number, xi: number, N: number, P: number, Pp: number, precA: number, stepA: number, sA: number, aOld: number, relu: number): void;
  /** G = delta X (X P × dp, dp a multiple of 8) and the input weights' Langevin update. */
  weights(delta: number, X: number, G: number, W: number, xi: number, N: number, d: number, dp: number, P: number, Pp: number, precW: number, stepW: number, sW: number): void;
  /**
   * A ReLU network's G_i = a_i Σ_{μ: φ > 0} r_μ x_μ (its φ' is not stored) (summed four inputs at a time from tables of
   * subset sums; `work`: `langevinReluWork(Pp, dp)` bytes) and the input weights' Langevin update.
   */
  weightsRelu(phi: number, r: number, aOld: number, X: number, work: number, G: number, W: number, xi: number, N: number, d: number, dp: number, P: number, Pp: number, precW: number, stepW: number, sW: number): void;
  /** A linear network's outputs f = X v over Pp inputs (Pp a multiple of 8; XT d × Pp). */
  linearForward(XT: number, v: number, f: number, d: number, Pp: number): void;
  /** A linear network's readout direction v = Wᵀa. */
  linearDirection(W: number, a: number, v: number, N: number, d: number): void;
  /**
   * A linear network's fused step (g = Xᵀr, the updates of W and a, v = Wᵀa after them; X P × dp,
   * g dp doubles of work space), with keepW = 1 − stepW·precW and sW, sA the noise scales.
   */
  linearStep(X: number, r: number, g: number, W: number, a: number, v: number, xiW: number, xiA: number, N: number, d: number, dp: number, P: number,
    keepW: number, stepW: number, sW: number, precA: number, stepA: number, sA: number): void;
}

/** Bytes of the forward pass's work space: erf's e^{-h²} (N × Pp doubles) and its two lists of offsets. */
export const langevinForwardScratch = (N: number, Pp: number): number => 8 * N * Pp + 2 * 4 * (N * Pp + 16);

/** Bytes of weightsRelu's work space: z = r x (Pp × dp), one tile's subset sums (16 chunks × 16 × dp), the masks (N × Pp/4). */
export const langevinReluWork = (N: number, Pp: number, dp: number): number => 8 * Pp * dp + 8 * 16 * 16 * dp + N * (Pp / 4);

/** Largest memory an instance may have (2^32 bytes: 32-bit offsets). */
const MAX_PAGES = 65536;

let compiled: WebAssembly.Module | null | undefined;

/**
 * An instance whose memory holds at least `bytes` bytes (zero-filled), for one chain alone; null
 * where WebAssembly cannot run or the memory cannot be had (the chain then runs its JavaScript
 * loops).
 */
export function langevinKernels(bytes: number): LangevinKernels | null {
  const pages = Math.ceil(bytes / WASM_PAGE);
  if (!(pages <= MAX_PAGES)) return null;
  if (compiled === undefined) compiled = compileWasm(LANGEVIN_WASM_BASE64);
  if (!compiled) return null;
  try {
    const kernels = new WebAssembly.Instance(compiled, {}).exports as unknown as LangevinKernels;
    const have = kernels.memory.buffer.byteLength / WASM_PAGE;
    if (pages > have) kernels.memory.grow(pages - have);
    return kernels;
  } catch {
    return null;
  }
}
