/**
 * Dense symmetric linear algebra on row-major Float64Arrays (n x n), for the P x P kernel systems
 * and the d x d weight covariances of the equations of state. No allocation: callers pass the
 * output arrays. Inner loops run over contiguous rows.
 */
import { symmetricTridiagonalEigenvalues } from '../../numerics/tridiagonal-eigen.js';
import { matmulRowsT } from '../kit/index.js';

/**
 * Cholesky factor A = L L^T of the symmetric matrix `a`, written as the lower triangle of `l` (the
 * upper triangle is zeroed). Returns false when A is not (numerically) positive definite.
 */
export function cholesky(a: Float64Array, n: number, l: Float64Array): boolean {
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let j = 0; j <= i; j++) {
      const rj = j * n;
      let s = a[ri + j];
      for (let k = 0; k < j; k++) s -= l[ri + k] * l[rj + k];
      if (i === j) {
        if (!(s > 0) || !Number.isFinite(s)) return false;
        l[ri + i] = Math.sqrt(s);
      } else l[ri + j] = s / l[rj + j];
    }
    for (let j = i + 1; j < n; j++) l[ri + j] = 0;
  }
  return true;
}

/** Solves (L L^T) x = b in place (`b` becomes x), L the lower factor of `cholesky`. */
export function choleskySolve(l: Float64Array, n: number, b: Float64Array): void {
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[ri + k] * b[k];
    b[i] = s / l[ri + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i];
    for (let k = i + 1; k < n; k++) s -= l[k * n + i] * b[k];
    b[i] = s / l[i * n + i];
  }
}

/**
 * The inverse of A = L L^T into `out` (symmetric, both triangles), using `scratch` (n x n):
 * U = L^{-1} row by row, then A^{-1} = U^T U read as dot products of the columns of U, stored as
 * the rows of U^T in `scratch`.
 */
export function choleskyInverse(l: Float64Array, n: number, out: Float64Array, scratch: Float64Array): void {
  // out <- L^{-1} (lower), row i = (e_i - sum_{k<i} L_ik row_k) / L_ii
  out.fill(0);
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    const inv = 1 / l[ri + i];
    for (let k = 0; k < i; k++) {
      const f = l[ri + k];
      if (f === 0) continue;
      const rk = k * n;
      for (let j = 0; j <= k; j++) out[ri + j] -= f * out[rk + j];
    }
    for (let j = 0; j < i; j++) out[ri + j] *= inv;
    out[ri + i] = inv;
  }
  // scratch row j = column j of L^{-1} (nonzero from index j on)
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) scratch[j * n + i] = out[i * n + j];
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let j = i; j < n; j++) {
      const rj = j * n;
      let s = 0;
      for (let k = j; k < n; k++) s += scratch[ri + k] * scratch[rj + k];
      out[ri + j] = s;
      out[rj + i] = s;
    }
  }
}

/**
 * out (m x m) = X A X^T for X (m x n, row-major) and symmetric A (n x n); `xa` (m x n) is scratch.
 * Both products run through the blocked kernel `matmulRowsT` (C = A B^T on rows).
 */
export function congruence(x: Float64Array, m: number, n: number, a: Float64Array, out: Float64Array, xa: Float64Array): void {
  matmulRowsT(x, a, xa, m, n, n); // X A (A symmetric: its rows are its columns)
  matmulRowsT(xa, x, out, m, m, n);
}

/**
 * out (n x n) = X^T B X for X given as its transpose xt (n x m) and symmetric B (m x m); `bxt`
 * (n x m) is scratch, holding (B X)^T.
 */
export function transposeCongruence(xt: Float64Array, m: number, n: number, b: Float64Array, out: Float64Array, bxt: Float64Array): void {
  matmulRowsT(xt, b, bxt, n, m, m); // (B X)^T = X^T B
  matmulRowsT(xt, bxt, out, n, n, m);
}

/** out (m x p) = A (m x n) B (n x p), row-major. */
export function multiply(a: Float64Array, m: number, n: number, b: Float64Array, p: number, out: Float64Array): void {
  out.fill(0, 0, m * p);
  for (let i = 0; i < m; i++) {
    const ri = i * n;
    const ro = i * p;
    for (let k = 0; k < n; k++) {
      const f = a[ri + k];
      if (f === 0) continue;
      const rk = k * p;
      for (let j = 0; j < p; j++) out[ro + j] += f * b[rk + j];
    }
  }
}

/**
 * Eigenvalues of a symmetric n x n matrix (row-major; not modified), in decreasing order:
 * Householder reduction to tridiagonal form (Golub & Van Loan, Algorithm 8.3.1, eigenvalues only,
 * 4n^3/3 flops) and the implicit QL iteration of core/numerics/tridiagonal-eigen.
 */
export function symmetricEigenvalues(a: Float64Array, n: number): Float64Array {
  const m = Float64Array.from(a.subarray(0, n * n));
  const diag = new Float64Array(n);
  const off = new Float64Array(Math.max(0, n - 1));
  const v = new Float64Array(n);
  const p = new Float64Array(n);
  for (let k = 0; k < n - 2; k++) {
    // Householder vector v for the column below the diagonal, x = m[k+1.., k].
    let norm = 0;
    for (let i = k + 1; i < n; i++) norm += m[i * n + k] * m[i * n + k];
    norm = Math.sqrt(norm);
    const x0 = m[(k + 1) * n + k];
    if (norm === 0) {
      off[k] = 0;
      continue;
    }
    const alpha = x0 > 0 ? -norm : norm;
    for (let i = k + 1; i < n; i++) v[i] = m[i * n + k];
    v[k + 1] -= alpha;
    let vv = 0;
    for (let i = k + 1; i < n; i++) vv += v[i] * v[i];
    off[k] = alpha;
    if (vv === 0) continue;
    const beta = 2 / vv;
    // p = beta A v, w = p - (beta/2)(p.v) v; A <- A - v w^T - w v^T on the trailing block.
    for (let i = k + 1; i < n; i++) {
      const ri = i * n;
      let s = 0;
      for (let j = k + 1; j < n; j++) s += m[ri + j] * v[j];
      p[i] = beta * s;
    }
    let pv = 0;
    for (let i = k + 1; i < n; i++) pv += p[i] * v[i];
    const c = 0.5 * beta * pv;
    for (let i = k + 1; i < n; i++) p[i] -= c * v[i];
    for (let i = k + 1; i < n; i++) {
      const ri = i * n;
      const vi = v[i];
      const wi = p[i];
      for (let j = k + 1; j < n; j++) m[ri + j] -= vi * p[j] + wi * v[j];
    }
  }
  for (let i = 0; i < n; i++) diag[i] = m[i * n + i];
  if (n >= 2) off[n - 2] = m[(n - 1) * n + (n - 2)];
  return symmetricTridiagonalEigenvalues(diag, off).reverse();
}
