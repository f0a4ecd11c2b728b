/**
 * The inner pass of eigenbasis SGD that dominates a replica's cost: with x the data of step k and
 * kappa = gamma_k f'/d its coefficient,
 *
 *   xn <- the next d normals of the data stream;  e <- e - kappa x;  xn <- sqrt(lambda) * xn;
 *   returns <xn, e> and, as asked, <xn, xn> and <xn, theta*>
 *
 * (the update of step k and the inner products of step k + 1 in one pass). It runs in the
 * WebAssembly kernel (core/numerics/wasm) where WebAssembly is available and in JavaScript
 * otherwise; both give the same bits: each sum has an accumulator for even and one for odd
 * coordinates, added at the end.
 */
import { type Rng, liveStateWords } from '../../numerics/rng.js';
import { type Kernels, SGD_SUMS, type SgdArena, type SgdSums, kernels } from '../../numerics/wasm/kernels.js';

export { SGD_SUMS, type SgdSums };

/** What one pass returns: <xn, e>, <xn, xn> (if asked) and <xn, theta*> (if asked). */
export interface PassSums {
  residual: number;
  norm: number;
  signal: number;
}

export interface SgdPass {
  /** e, theta*, sqrt(lambda) and the two data buffers, of length d, zero-filled. */
  readonly arrays: SgdArena;
  /** One pass; x and xn are `arrays.x` and `arrays.xn` in either order (they swap every step). */
  run(data: Rng, x: Float64Array, xn: Float64Array, kappa: number, sums: SgdSums, out: PassSums): void;
}

/**
 * A pass for dimension d. With the WebAssembly kernel its arrays live in the kernel's memory and
 * stay valid until the next `sgdPass` call in the same thread.
 */
export function sgdPass(d: number, options: { wasm?: boolean } = {}): SgdPass {
  const k = options.wasm === false ? null : kernels();
  return k ? wasmPass(k, d) : jsPass(d);
}

function wasmPass(k: Kernels, d: number): SgdPass {
  const arrays = k.arena(d);
  return {
    arrays,
    run(data, x, xn, kappa, sums, out) {
      out.residual = k.sgdPass(liveStateWords(data), arrays.e, x, xn, arrays.sq, arrays.th, kappa, sums);
      out.norm = k.lastNorm;
      out.signal = k.lastSignal;
    },
  };
}

function jsPass(d: number): SgdPass {
  const arrays: SgdArena = {
    e: new Float64Array(d),
    x: new Float64Array(d),
    xn: new Float64Array(d),
    sq: new Float64Array(d),
    th: new Float64Array(d),
  };
  const { e, sq, th } = arrays;
  return {
    arrays,
    run(data, x, xn, kappa, sums, out) {
      data.fillNormal(xn);
      let r0 = 0;
      let r1 = 0;
      let q0 = 0;
      let q1 = 0;
      let s0 = 0;
      let s1 = 0;
      let i = 0;
      for (; i + 1 < d; i += 2) {
        const e0 = e[i] - kappa * x[i];
        const e1 = e[i + 1] - kappa * x[i + 1];
        e[i] = e0;
        e[i + 1] = e1;
        const x0 = sq[i] * xn[i];
        const x1 = sq[i + 1] * xn[i + 1];
        xn[i] = x0;
        xn[i + 1] = x1;
        r0 += x0 * e0;
        r1 += x1 * e1;
        q0 += x0 * x0;
        q1 += x1 * x1;
        s0 += x0 * th[i];
        s1 += x1 * th[i + 1];
      }
      if (i < d) {
        const e0 = e[i] - kappa * x[i];
        e[i] = e0;
        const x0 = sq[i] * xn[i];
        xn[i] = x0;
        r0 += x0 * e0;
        q0 += x0 * x0;
        s0 += x0 * th[i];
      }
      out.residual = r0 + r1;
      out.norm = sums >= SGD_SUMS.withNorm ? q0 + q1 : 0;
      out.signal = sums === SGD_SUMS.withSignal ? s0 + s1 : 0;
    },
  };
}
