/**
 * The inner pass of eigenbasis SGD that dominates a replica's cost: with x the data of step k and
 * kappa = gamma_k f'/d its coefficient,
 *
 *   xn <- the next d normals of the data stream;  e <- e - kappa x;  xn <- sqrt(lambda) * xn;
 *   returns <xn, e> and, as asked, <xn, xn>, <xn, theta*> and (for the oracle policies) the
 *   moments P = sum lambda e^2, C = sum lambda e theta*, P2 = sum lambda^2 e^2 and
 *   C2 = sum lambda^2 e theta* of the updated e
 *
 * (the update of step k and the inner products of step k + 1 in one pass). It runs in the
 * WebAssembly kernel (core/numerics/wasm) where WebAssembly is available and in JavaScript
 * otherwise; both give the same bits: each sum has an accumulator for even and one for odd
 * coordinates, added at the end.
 */
import { type Rng, liveStateWords } from '../../numerics/rng.js';
import { type Kernels, SGD_SUMS, type SgdArena, type SgdSums, kernels } from '../../numerics/wasm/kernels.js';

export { SGD_SUMS, type SgdSums };

/** What one pass returns; the fields a pass was not asked for are left unspecified. */
export interface PassSums {
  /** <xn, e>. */
  residual: number;
  /** <xn, xn>. */
  norm: number;
  /** <xn, theta*>. */
  signal: number;
  /** The oracle's moments of the updated e: P, C, P2, C2. */
  P: number;
  C: number;
  P2: number;
  C2: number;
}

export const emptyPassSums = (): PassSums => ({ residual: 0, norm: 0, signal: 0, P: 0, C: 0, P2: 0, C2: 0 });

export interface SgdPass {
  /** e, theta*, sqrt(lambda), lambda and the two data buffers, of length d, zero-filled. */
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
      const words = liveStateWords(data);
      if (sums === SGD_SUMS.oracle) {
        out.residual = k.sgdPassOracle(words, arrays, x, xn, kappa);
        const m = k.lastOracle;
        out.P = m[0];
        out.C = m[1];
        out.P2 = m[2];
        out.C2 = m[3];
      } else {
        out.residual = k.sgdPass(words, arrays.e, x, xn, arrays.sq, arrays.th, kappa, sums);
      }
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
    lam: new Float64Array(d),
  };
  const { e, sq, th, lam } = arrays;
  // The even (0) and odd (1) partial sums of <xn, e>, <xn, xn>, <xn, th>, P, C, P2, C2.
  const acc = new Float64Array(14);
  return {
    arrays,
    run(data, x, xn, kappa, sums, out) {
      data.fillNormal(xn);
      const oracle = sums === SGD_SUMS.oracle;
      acc.fill(0);
      for (let i = 0; i < d; i++) {
        const a = i & 1; // the lane of the kernel's pair (i - a, i - a + 1); an odd last coordinate is even
        const ei = e[i] - kappa * x[i];
        e[i] = ei;
        const xi = sq[i] * xn[i];
        xn[i] = xi;
        const ti = th[i];
        acc[a] += xi * ei;
        acc[2 + a] += xi * xi;
        acc[4 + a] += xi * ti;
        if (oracle) {
          const l = lam[i];
          const le = l * ei;
          const lle = l * le;
          acc[6 + a] += le * ei;
          acc[8 + a] += le * ti;
          acc[10 + a] += lle * ei;
          acc[12 + a] += lle * ti;
        }
      }
      out.residual = acc[0] + acc[1];
      out.norm = sums >= SGD_SUMS.withNorm ? acc[2] + acc[3] : 0;
      out.signal = sums >= SGD_SUMS.withSignal ? acc[4] + acc[5] : 0;
      if (oracle) {
        out.P = acc[6] + acc[7];
        out.C = acc[8] + acc[9];
        out.P2 = acc[10] + acc[11];
        out.C2 = acc[12] + acc[13];
      }
    },
  };
}
