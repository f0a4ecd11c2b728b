/**
 * Dense symmetric linear algebra on row-major Float64Arrays (n x n), for the P x P kernel systems
 * and the d x d weight covariances of the equations of state. No allocation: callers pass the
 * output arrays. Inner loops run over contiguous rows.
 */

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

/** out = X A X^T for X (m x n, row-major) and symmetric A (n x n); `xa` (m x n) is scratch. */
export function congruence(x: Float64Array, m: number, n: number, a: Float64Array, out: Float64Array, xa: Float64Array): void {
  multiply(x, m, n, a, n, xa);
  for (let i = 0; i < m; i++) {
    const ri = i * n;
    for (let j = i; j < m; j++) {
      const rj = j * n;
      let s = 0;
      for (let k = 0; k < n; k++) s += xa[ri + k] * x[rj + k];
      out[i * m + j] = s;
      out[j * m + i] = s;
    }
  }
}

/** out = X^T B X for X (m x n) and symmetric B (m x m); `bx` (m x n) is scratch. */
export function transposeCongruence(x: Float64Array, m: number, n: number, b: Float64Array, out: Float64Array, bx: Float64Array): void {
  multiply(b, m, m, x, n, bx);
  out.fill(0);
  for (let k = 0; k < m; k++) {
    const rk = k * n;
    for (let i = 0; i < n; i++) {
      const f = x[rk + i];
      if (f === 0) continue;
      const ri = i * n;
      for (let j = i; j < n; j++) out[ri + j] += f * bx[rk + j];
    }
  }
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) out[j * n + i] = out[i * n + j];
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
