/**
 * Gaussian-process regression (theory note §3, standard; arXiv 2502.18553): with kernel K on the
 * training inputs, noise σ² and targets y,
 *
 *   f̄(x*) = k*ᵀ (K + σ²I)⁻¹ y,   Var f(x*) = k** − k*ᵀ (K + σ²I)⁻¹ k*,
 *   log p(y) = −½ yᵀ(K + σ²I)⁻¹y − ½ log det(K + σ²I) − (P/2) log 2π,
 *
 * by one Cholesky factorisation. For the network with scaling χ multiply the variance by 1/χ.
 */
import { choleskyInPlace, solveLowerInPlace, solveLowerTransposeInPlace } from './cholesky.js';

export interface GpPosterior {
  /** Posterior means at the m test inputs. */
  mean: Float64Array;
  /** Posterior variances at the m test inputs. */
  variance: Float64Array;
  /** The discrepancy vector t = (K + σ²I)⁻¹ y (so y − f̄_train = σ² t). */
  t: Float64Array;
  /** log p(y) under the GP prior with noise. */
  logEvidence: number;
}

/**
 * The posterior at m test inputs from K (n×n), the cross kernel kStar (m×n, row i = k(x*_i, X)),
 * the test diagonal kStarStar (m) and targets y (n). Throws if K + σ²I is not positive definite.
 */
export function gpPosterior(
  k: Float64Array,
  n: number,
  kStar: Float64Array,
  kStarStar: Float64Array,
  m: number,
  y: Float64Array,
  noise: number,
): GpPosterior {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) l[i * n + j] = k[i * n + j];
    l[i * n + i] += noise;
  }
  const bad = choleskyInPlace(l, n);
  if (bad >= 0) throw new RangeError(`GP regression: K + σ²I is not positive definite (pivot ${bad})`);
  const t = Float64Array.from(y.subarray(0, n));
  solveLowerInPlace(l, n, n, t);
  let quad = 0;
  for (let i = 0; i < n; i++) quad += t[i] * t[i];
  let logDet = 0;
  for (let i = 0; i < n; i++) logDet += 2 * Math.log(l[i * n + i]);
  // t ← Lᵀ⁻¹ (L⁻¹ y)
  solveLowerTransposeInPlace(l, n, n, t);
  const mean = new Float64Array(m);
  const variance = new Float64Array(m);
  const v = new Float64Array(n);
  for (let i = 0; i < m; i++) {
    const row = i * n;
    let s = 0;
    for (let j = 0; j < n; j++) {
      s += kStar[row + j] * t[j];
      v[j] = kStar[row + j];
    }
    mean[i] = s;
    solveLowerInPlace(l, n, n, v);
    let q = 0;
    for (let j = 0; j < n; j++) q += v[j] * v[j];
    variance[i] = kStarStar[i] - q;
  }
  return { mean, variance, t, logEvidence: -0.5 * quad - 0.5 * logDet - 0.5 * n * Math.log(2 * Math.PI) };
}
