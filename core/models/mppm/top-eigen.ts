/**
 * The top eigenpairs of a symmetric positive semi-definite n × n matrix by block subspace
 * iteration with Rayleigh–Ritz (Golub & Van Loan, Matrix Computations, §8.2.4), the small
 * Ritz problems by cyclic Jacobi. Used for PCA, where only the leading p ≪ n directions are
 * needed and a full eigendecomposition of a 1000 × 1000 Gram matrix would cost seconds.
 * Deterministic: the start block comes from a fixed seed.
 */
import { createRng } from '../../numerics/rng.js';

/** Eigenvalues (descending) and orthonormal eigenvectors of a small symmetric matrix a (m × m, row-major; destroyed). */
export function jacobiEigen(a: Float64Array, m: number): { values: Float64Array; vectors: Float64Array } {
  const v = new Float64Array(m * m);
  for (let i = 0; i < m; i++) v[i * m + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let diag = 0;
    for (let i = 0; i < m; i++) {
      diag += a[i * m + i]! ** 2;
      for (let j = i + 1; j < m; j++) off += a[i * m + j]! ** 2;
    }
    if (off <= 1e-30 * diag || off === 0) break;
    for (let p = 0; p < m - 1; p++) {
      for (let q = p + 1; q < m; q++) {
        const apq = a[p * m + q]!;
        if (apq === 0) continue;
        const theta = (a[q * m + q]! - a[p * m + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < m; k++) {
          const akp = a[k * m + p]!;
          const akq = a[k * m + q]!;
          a[k * m + p] = c * akp - s * akq;
          a[k * m + q] = s * akp + c * akq;
        }
        for (let k = 0; k < m; k++) {
          const apk = a[p * m + k]!;
          const aqk = a[q * m + k]!;
          a[p * m + k] = c * apk - s * aqk;
          a[q * m + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < m; k++) {
          const vkp = v[k * m + p]!;
          const vkq = v[k * m + q]!;
          v[k * m + p] = c * vkp - s * vkq;
          v[k * m + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: m }, (_, i) => i).sort((x, y) => a[y * m + y]! - a[x * m + x]! || x - y);
  const values = new Float64Array(m);
  const vectors = new Float64Array(m * m);
  order.forEach((col, j) => {
    values[j] = a[col * m + col]!;
    for (let k = 0; k < m; k++) vectors[k * m + j] = v[k * m + col]!;
  });
  return { values, vectors };
}

/** Orthonormalises the columns of q (n × l, row-major) in place, twice-applied modified Gram–Schmidt. */
function orthonormalise(q: Float64Array, n: number, l: number): void {
  for (let pass = 0; pass < 2; pass++) {
    for (let j = 0; j < l; j++) {
      for (let i = 0; i < j; i++) {
        let dot = 0;
        for (let k = 0; k < n; k++) dot += q[k * l + i]! * q[k * l + j]!;
        for (let k = 0; k < n; k++) q[k * l + j]! -= dot * q[k * l + i]!;
      }
      let norm = 0;
      for (let k = 0; k < n; k++) norm += q[k * l + j]! ** 2;
      norm = Math.sqrt(norm);
      for (let k = 0; k < n; k++) q[k * l + j] = norm > 0 ? q[k * l + j]! / norm : 0;
    }
  }
}

/**
 * The p largest eigenvalues (descending) and their eigenvectors (n × p, row-major, orthonormal
 * columns) of the symmetric PSD matrix g (n × n), to a relative change of the Ritz values below
 * `tol` between checks. `poll` is called once per iteration (it throws to cancel).
 */
export function topEigen(g: Float64Array, n: number, p: number, poll: () => void = () => undefined, tol = 1e-12, maxIterations = 2000): { values: Float64Array; vectors: Float64Array } {
  const l = Math.min(n, p + Math.max(8, Math.ceil(p / 2)));
  const rng = createRng(0x70ca);
  let q = new Float64Array(n * l);
  rng.fillNormal(q);
  orthonormalise(q, n, l);
  let y = new Float64Array(n * l);
  const t = new Float64Array(l * l);
  let previous = new Float64Array(p).fill(Infinity);
  let ritz: { values: Float64Array; vectors: Float64Array } = { values: new Float64Array(l), vectors: new Float64Array(l * l) };
  const gq = (src: Float64Array, dst: Float64Array) => {
    dst.fill(0);
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < n; k++) {
        const gik = g[i * n + k]!;
        if (gik === 0) continue;
        for (let j = 0; j < l; j++) dst[i * l + j]! += gik * src[k * l + j]!;
      }
    }
  };
  for (let it = 1; it <= maxIterations; it++) {
    poll();
    gq(q, y);
    [q, y] = [y, q];
    orthonormalise(q, n, l);
    if (it % 4 !== 0 && it !== maxIterations) continue;
    // Rayleigh–Ritz: T = Qᵀ G Q, rotate Q onto T's eigenvectors.
    gq(q, y);
    for (let a = 0; a < l; a++) {
      for (let b = a; b < l; b++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += q[k * l + a]! * y[k * l + b]!;
        t[a * l + b] = s;
        t[b * l + a] = s;
      }
    }
    ritz = jacobiEigen(Float64Array.from(t), l);
    const rotated = new Float64Array(n * l);
    for (let k = 0; k < n; k++) {
      for (let j = 0; j < l; j++) {
        let s = 0;
        for (let a = 0; a < l; a++) s += q[k * l + a]! * ritz.vectors[a * l + j]!;
        rotated[k * l + j] = s;
      }
    }
    q = rotated;
    let change = 0;
    for (let j = 0; j < p; j++) change = Math.max(change, Math.abs(ritz.values[j]! - previous[j]!) / Math.max(Math.abs(ritz.values[0]!), 1e-300));
    previous = ritz.values.slice(0, p);
    if (change < tol) break;
  }
  const vectors = new Float64Array(n * p);
  for (let k = 0; k < n; k++) for (let j = 0; j < p; j++) vectors[k * p + j] = q[k * l + j]!;
  return { values: ritz.values.slice(0, p), vectors };
}
