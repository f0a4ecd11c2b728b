/**
 * Kernel matrices on row-major Float64Arrays: the first layer's pre-activation covariances
 * (c_μν = x_μᵀ Σ x_ν, with Σ = σ_w² I/d or a general d×d Σ, as in the adaptive-kernel equations
 * of arXiv 2502.03210) and the NNGP kernel K₀ applied entrywise to them (./depth.ts). Inputs are
 * n×d row-major (row μ = x_μ).
 */
import { nngpKernel, nngpKernelWithGradient, type NngpSpec } from './depth.js';

function need(out: Float64Array | undefined, length: number): Float64Array {
  if (out === undefined) return new Float64Array(length);
  if (out.length < length) throw new RangeError(`kernel matrix: output has ${out.length} entries, needs ${length}`);
  return out;
}

/** C_μν = (σ_w²/d) x_μ·y_ν for A (nA×d) and B (nB×d); out is nA×nB. Pass A twice for the Gram. */
export function isotropicCovariance(
  a: Float64Array,
  nA: number,
  b: Float64Array,
  nB: number,
  d: number,
  sigmaW2: number,
  out?: Float64Array,
): Float64Array {
  const c = need(out, nA * nB);
  const scale = sigmaW2 / d;
  const symmetric = a === b && nA === nB;
  for (let i = 0; i < nA; i++) {
    const ri = i * d;
    for (let j = symmetric ? i : 0; j < nB; j++) {
      const rj = j * d;
      let s = 0;
      for (let k = 0; k < d; k++) s += a[ri + k] * b[rj + k];
      c[i * nB + j] = scale * s;
      if (symmetric) c[j * nB + i] = scale * s;
    }
  }
  return c;
}

/** C_μν = x_μᵀ Σ y_ν for a symmetric d×d Σ (row-major); out is nA×nB. */
export function weightedCovariance(
  a: Float64Array,
  nA: number,
  b: Float64Array,
  nB: number,
  d: number,
  sigma: Float64Array,
  out?: Float64Array,
): Float64Array {
  const c = need(out, nA * nB);
  const t = new Float64Array(d);
  for (let i = 0; i < nA; i++) {
    const ri = i * d;
    for (let k = 0; k < d; k++) {
      let s = 0;
      for (let l = 0; l < d; l++) s += sigma[k * d + l] * a[ri + l];
      t[k] = s;
    }
    for (let j = 0; j < nB; j++) {
      const rj = j * d;
      let s = 0;
      for (let k = 0; k < d; k++) s += t[k] * b[rj + k];
      c[i * nB + j] = s;
    }
  }
  return c;
}

/** The diagonal of a square n×n matrix. */
export function diagonalOf(c: Float64Array, n: number, out?: Float64Array): Float64Array {
  const v = need(out, n);
  for (let i = 0; i < n; i++) v[i] = c[i * n + i];
  return v;
}

/** K₀ entrywise on a square first-layer covariance C (n×n): K_μν = K₀(C_μμ, C_μν, C_νν). */
export function nngpGram(spec: NngpSpec, c: Float64Array, n: number, out?: Float64Array): Float64Array {
  const k = need(out, n * n);
  for (let i = 0; i < n; i++) {
    const cii = c[i * n + i];
    for (let j = i; j < n; j++) {
      const v = nngpKernel(spec, cii, c[i * n + j], c[j * n + j]);
      k[i * n + j] = v;
      k[j * n + i] = v;
    }
  }
  return k;
}

/**
 * The cross kernel K_μν = K₀(cA_μ, C_μν, cB_ν) between two sets, from the diagonals cA (nA),
 * cB (nB) of their own covariances and the cross covariance C (nA×nB).
 */
export function nngpCross(
  spec: NngpSpec,
  diagA: Float64Array,
  diagB: Float64Array,
  c: Float64Array,
  nA: number,
  nB: number,
  out?: Float64Array,
): Float64Array {
  const k = need(out, nA * nB);
  for (let i = 0; i < nA; i++) {
    for (let j = 0; j < nB; j++) k[i * nB + j] = nngpKernel(spec, diagA[i], c[i * nB + j], diagB[j]);
  }
  return k;
}

/**
 * The entrywise partials of K = nngpGram(spec, C): for every (μ, ν), dXX = ∂K₀/∂c_xx,
 * dXY = ∂K₀/∂c_xy, dYY = ∂K₀/∂c_yy at (C_μμ, C_μν, C_νν), each n×n. On the diagonal (μ = ν) the
 * three are the function's partials at the diagonal point; the total derivative of K_μμ in C_μμ
 * is their sum. So for a symmetric perturbation δC,
 *   δK_μν = dXX_μν δC_μμ + dXY_μν δC_μν + dYY_μν δC_νν   (μ ≠ ν),  δK_μμ = (dXX+dXY+dYY)_μμ δC_μμ.
 */
export function nngpGramPartials(
  spec: NngpSpec,
  c: Float64Array,
  n: number,
  dXX: Float64Array,
  dXY: Float64Array,
  dYY: Float64Array,
): void {
  const g = new Float64Array(3);
  const scratch = new Float64Array(9);
  for (let i = 0; i < n; i++) {
    const cii = c[i * n + i];
    for (let j = i; j < n; j++) {
      nngpKernelWithGradient(spec, cii, c[i * n + j], c[j * n + j], g, 0, scratch);
      dXX[i * n + j] = g[0];
      dXY[i * n + j] = g[1];
      dYY[i * n + j] = g[2];
      dXX[j * n + i] = g[2];
      dXY[j * n + i] = g[1];
      dYY[j * n + i] = g[0];
    }
  }
}
