/**
 * The NNGP kernel of a fully connected network with `depth` hidden layers as a function of the
 * first layer's pre-activation covariance (c_xx, c_xy, c_yy) (theory note §2, "depth recursion";
 * arXiv 2502.18553):
 *
 *   K¹ = c,   K^{l+1} = σ_w² κ_φ(K^l_xx, K^l_xy, K^l_yy) + σ_b²  (l = 1..depth−1),
 *   K₀ = σ̃_a² κ_φ(K^depth_xx, K^depth_xy, K^depth_yy).
 *
 * The first layer's covariance is c_xy = xᵀΣx' (Σ = σ_w² I/d gives σ_w² x·x'/d; see ./gram.ts),
 * so the same σ_w² multiplies the inner layers (their weights have variance σ_w²/width). The
 * gradient of K₀ in (c_xx, c_xy, c_yy) follows by the chain rule: the diagonal entries K^l_xx
 * depend on c_xx only (through the kernel's diagonal), the off-diagonal one on all three.
 */
import type { Activation } from './activation.js';
import { pairKernel, pairKernelWithGradient } from './pair-kernel.js';

export interface NngpSpec {
  activation: Activation;
  /** Number of hidden layers (≥ 1). */
  depth: number;
  /** Variance scale of the inner layers' weights (variance σ_w²/width); the first layer's is in c. */
  sigmaW2: number;
  /** Output scale σ̃_a² (readout variance × width, before the 1/χ of the scaling). */
  sigmaA2: number;
  /** Bias variance of the inner layers; 0 when absent. */
  sigmaB2?: number;
}

function checkDepth(spec: NngpSpec): void {
  if (!Number.isInteger(spec.depth) || spec.depth < 1) throw new RangeError('NNGP kernel: depth must be a whole number ≥ 1');
}

/** K₀(x, x') from the first-layer covariance entries. */
export function nngpKernel(spec: NngpSpec, cxx: number, cxy: number, cyy: number): number {
  checkDepth(spec);
  const { activation, sigmaW2 } = spec;
  const bias = spec.sigmaB2 ?? 0;
  let kxx = cxx;
  let kxy = cxy;
  let kyy = cyy;
  for (let l = 1; l < spec.depth; l++) {
    const nxy = sigmaW2 * pairKernel(activation, kxx, kxy, kyy) + bias;
    const nxx = sigmaW2 * pairKernel(activation, kxx, kxx, kxx) + bias;
    const nyy = sigmaW2 * pairKernel(activation, kyy, kyy, kyy) + bias;
    kxx = nxx;
    kxy = nxy;
    kyy = nyy;
  }
  return spec.sigmaA2 * pairKernel(activation, kxx, kxy, kyy);
}

/** The diagonal K₀(x, x) from c_xx alone. */
export function nngpDiagonal(spec: NngpSpec, cxx: number): number {
  return nngpKernel(spec, cxx, cxx, cxx);
}

/**
 * K₀ and its gradient [∂K₀/∂c_xx, ∂K₀/∂c_xy, ∂K₀/∂c_yy] written into out[offset..offset+3).
 * Uses `scratch` (length ≥ 9) when given, to stay allocation-free in loops.
 */
export function nngpKernelWithGradient(
  spec: NngpSpec,
  cxx: number,
  cxy: number,
  cyy: number,
  out: Float64Array,
  offset = 0,
  scratch: Float64Array = new Float64Array(9),
): number {
  checkDepth(spec);
  const { activation, sigmaW2 } = spec;
  const bias = spec.sigmaB2 ?? 0;
  let kxx = cxx;
  let kxy = cxy;
  let kyy = cyy;
  // Jacobians so far: dkxx/dcxx, dkyy/dcyy, and dkxy/d(cxx, cxy, cyy).
  let jxx = 1;
  let jyy = 1;
  let jxyX = 0;
  let jxyC = 1;
  let jxyY = 0;
  for (let l = 1; l < spec.depth; l++) {
    const vxy = pairKernelWithGradient(activation, kxx, kxy, kyy, scratch, 0);
    const vxx = pairKernelWithGradient(activation, kxx, kxx, kxx, scratch, 3);
    const vyy = pairKernelWithGradient(activation, kyy, kyy, kyy, scratch, 6);
    const nJxx = sigmaW2 * (scratch[3] + scratch[4] + scratch[5]) * jxx;
    const nJyy = sigmaW2 * (scratch[6] + scratch[7] + scratch[8]) * jyy;
    const nJxyX = sigmaW2 * (scratch[0] * jxx + scratch[1] * jxyX);
    const nJxyC = sigmaW2 * scratch[1] * jxyC;
    const nJxyY = sigmaW2 * (scratch[2] * jyy + scratch[1] * jxyY);
    kxx = sigmaW2 * vxx + bias;
    kxy = sigmaW2 * vxy + bias;
    kyy = sigmaW2 * vyy + bias;
    jxx = nJxx;
    jyy = nJyy;
    jxyX = nJxyX;
    jxyC = nJxyC;
    jxyY = nJxyY;
  }
  const a = spec.sigmaA2;
  const v = pairKernelWithGradient(activation, kxx, kxy, kyy, scratch, 0);
  out[offset] = a * (scratch[0] * jxx + scratch[1] * jxyX);
  out[offset + 1] = a * scratch[1] * jxyC;
  out[offset + 2] = a * (scratch[2] * jyy + scratch[1] * jxyY);
  return a * v;
}
