/**
 * The Gauss–Hermite fallback for an arbitrary activation: κ_φ(c_xx, c_xy, c_yy) = E[φ(u)φ(v)] by
 * the tensor rule of ../gaussian-pair.ts after conditioning v on u (the approach of
 * neural-tangents' `ElementwiseNumerical`), and the same depth recursion as ./depth.ts. Exact for
 * polynomial φ of degree < n; for smooth φ (erf) it converges geometrically in n (1e-12 at the
 * default 96 points, through depth 3), for a kink (ReLU) only like 1/n (about 1e-3 at 128 points) —
 * use the closed forms where they exist.
 */
import { expectGaussianPair } from '../gaussian-pair.js';

/** Default order of the rule along each axis. */
export const NNGP_QUADRATURE_ORDER = 96;

/** E[φ(u)φ(v)], (u, v) ~ N(0, [[c_xx, c_xy], [c_xy, c_yy]]), by the n×n Gauss–Hermite rule. */
export function pairKernelQuadrature(
  phi: (z: number) => number,
  cxx: number,
  cxy: number,
  cyy: number,
  n = NNGP_QUADRATURE_ORDER,
): number {
  return expectGaussianPair((u, v) => phi(u) * phi(v), cxx, cxy, cyy, n);
}

/** The depth recursion of ./depth.ts with every κ by quadrature. */
export function nngpKernelQuadrature(
  phi: (z: number) => number,
  spec: { depth: number; sigmaW2: number; sigmaA2: number; sigmaB2?: number },
  cxx: number,
  cxy: number,
  cyy: number,
  n = NNGP_QUADRATURE_ORDER,
): number {
  if (!Number.isInteger(spec.depth) || spec.depth < 1) throw new RangeError('NNGP kernel: depth must be a whole number ≥ 1');
  const bias = spec.sigmaB2 ?? 0;
  let kxx = cxx;
  let kxy = cxy;
  let kyy = cyy;
  for (let l = 1; l < spec.depth; l++) {
    const nxy = spec.sigmaW2 * pairKernelQuadrature(phi, kxx, kxy, kyy, n) + bias;
    const nxx = spec.sigmaW2 * pairKernelQuadrature(phi, kxx, kxx, kxx, n) + bias;
    const nyy = spec.sigmaW2 * pairKernelQuadrature(phi, kyy, kyy, kyy, n) + bias;
    kxx = nxx;
    kxy = nxy;
    kyy = nyy;
  }
  return spec.sigmaA2 * pairKernelQuadrature(phi, kxx, kxy, kyy, n);
}
