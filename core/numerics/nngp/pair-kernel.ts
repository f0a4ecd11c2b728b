/**
 * Closed-form Gaussian-pair kernels κ_φ(c_xx, c_xy, c_yy) = E[φ(u) φ(v)] with
 * (u, v) ~ N(0, [[c_xx, c_xy], [c_xy, c_yy]]), their partial derivatives in the three
 * covariance entries, and the derivative ("NTK") kernels E[φ'(u) φ'(v)]; arXiv 2502.18553 (the
 * review's NNGP section), theory note §2:
 *
 * - linear: κ = c_xy;
 * - erf (Williams 1997): κ = (2/π) asin(2c_xy / √((1+2c_xx)(1+2c_yy))), evaluated as
 *   (2/π) atan2(2c_xy, √((1+2c_xx)(1+2c_yy) − 4c_xy²)), which stays accurate as |ρ| → 1;
 * - ReLU (arc-cosine kernel, Cho & Saul 2009): θ = arccos(c_xy/√(c_xx c_yy)),
 *   κ = (√(c_xx c_yy − c_xy²) + (π − θ) c_xy) / (2π), diagonal c_xx/2;
 * - square: κ = c_xx c_yy + 2 c_xy² (Wick / Isserlis).
 *
 * Partials (the order of every gradient triple is [∂/∂c_xx, ∂/∂c_xy, ∂/∂c_yy]):
 * - erf, with a = 1+2c_xx, b = 1+2c_yy, D = ab − 4c_xy²:
 *   ∂κ/∂c_xy = (4/π)/√D (Price's theorem: the derivative kernel), ∂κ/∂c_xx = −(4c_xy/π)/(a√D);
 * - ReLU: ∂κ/∂c_xy = (π − θ)/(2π), ∂κ/∂c_xx = √(c_xx c_yy − c_xy²)/(4π c_xx);
 * - square: (c_yy, 4c_xy, c_xx); linear: (0, 1, 0).
 *
 * Domain: c_xx, c_yy ≥ 0 and c_xy² ≤ c_xx c_yy (a covariance); rounding beyond |ρ| = 1 is
 * clamped. At c_xx = 0 the ReLU kernel is 0 and its ∂/∂c_xx is +∞ unless c_yy = 0 too (the
 * kernel grows like √c_xx there).
 */
import type { Activation } from './activation.js';

const TWO_OVER_PI = 2 / Math.PI;
const FOUR_OVER_PI = 4 / Math.PI;
const INV_TWO_PI = 1 / (2 * Math.PI);

/** κ_φ(c_xx, c_xy, c_yy) = E[φ(u)φ(v)]. */
export function pairKernel(activation: Activation, cxx: number, cxy: number, cyy: number): number {
  switch (activation) {
    case 'linear':
      return cxy;
    case 'erf': {
      const d = (1 + 2 * cxx) * (1 + 2 * cyy) - 4 * cxy * cxy;
      return TWO_OVER_PI * Math.atan2(2 * cxy, Math.sqrt(Math.max(0, d)));
    }
    case 'relu': {
      const prod = cxx * cyy;
      if (!(prod > 0)) return 0;
      const root = Math.sqrt(prod);
      const rho = Math.min(1, Math.max(-1, cxy / root));
      const theta = Math.acos(rho);
      return INV_TWO_PI * (Math.sqrt(Math.max(0, prod - cxy * cxy)) + (Math.PI - theta) * rho * root);
    }
    case 'square':
      return cxx * cyy + 2 * cxy * cxy;
  }
}

/**
 * κ and its gradient: writes [∂κ/∂c_xx, ∂κ/∂c_xy, ∂κ/∂c_yy] into out[offset..offset+3) and
 * returns κ. No allocation.
 */
export function pairKernelWithGradient(
  activation: Activation,
  cxx: number,
  cxy: number,
  cyy: number,
  out: Float64Array,
  offset = 0,
): number {
  switch (activation) {
    case 'linear':
      out[offset] = 0;
      out[offset + 1] = 1;
      out[offset + 2] = 0;
      return cxy;
    case 'erf': {
      const a = 1 + 2 * cxx;
      const b = 1 + 2 * cyy;
      const rootD = Math.sqrt(Math.max(0, a * b - 4 * cxy * cxy));
      const dxy = FOUR_OVER_PI / rootD;
      out[offset] = (-cxy * dxy) / a;
      out[offset + 1] = dxy;
      out[offset + 2] = (-cxy * dxy) / b;
      return TWO_OVER_PI * Math.atan2(2 * cxy, rootD);
    }
    case 'relu': {
      const prod = cxx * cyy;
      if (!(prod > 0)) {
        // κ = 0 on the boundary, where it grows like √(c_xx c_yy)/(2π); ∂/∂c_xy is taken at ρ = 0.
        out[offset] = cyy > 0 ? Infinity : 0;
        out[offset + 1] = 0.25;
        out[offset + 2] = cxx > 0 ? Infinity : 0;
        return 0;
      }
      const root = Math.sqrt(prod);
      const rho = Math.min(1, Math.max(-1, cxy / root));
      const theta = Math.acos(rho);
      const s = Math.sqrt(Math.max(0, prod - cxy * cxy));
      out[offset] = s / (4 * Math.PI * cxx);
      out[offset + 1] = (Math.PI - theta) * INV_TWO_PI;
      out[offset + 2] = s / (4 * Math.PI * cyy);
      return INV_TWO_PI * (s + (Math.PI - theta) * rho * root);
    }
    case 'square':
      out[offset] = cyy;
      out[offset + 1] = 4 * cxy;
      out[offset + 2] = cxx;
      return cxx * cyy + 2 * cxy * cxy;
  }
}

/**
 * The derivative kernel E[φ'(u) φ'(v)] (the NTK's second factor); by Price's theorem it equals
 * ∂κ/∂c_xy. ReLU: (π − θ)/(2π); erf: (4/π)/√((1+2c_xx)(1+2c_yy) − 4c_xy²); square: 4c_xy.
 */
export function derivativeKernel(activation: Activation, cxx: number, cxy: number, cyy: number): number {
  switch (activation) {
    case 'linear':
      return 1;
    case 'erf':
      return FOUR_OVER_PI / Math.sqrt(Math.max(0, (1 + 2 * cxx) * (1 + 2 * cyy) - 4 * cxy * cxy));
    case 'relu': {
      const prod = cxx * cyy;
      if (!(prod > 0)) return 0; // one of u, v is 0, where φ' = 0
      const rho = Math.min(1, Math.max(-1, cxy / Math.sqrt(prod)));
      return (Math.PI - Math.acos(rho)) * INV_TWO_PI;
    }
    case 'square':
      return 4 * cxy;
  }
}
