/**
 * Dense linear algebra for small systems (n up to a few dozen), on row-major Float64Arrays:
 * Gaussian elimination with partial pivoting. For the collocation and Newton systems of the ODE
 * solvers; large problems belong to ml-matrix.
 */

/**
 * Solves A x = b in place: `a` (n x n, row-major) is overwritten by its LU factors, `b` by x.
 * Returns false if a pivot is exactly zero or not finite.
 */
export function solveDense(a: Float64Array, b: Float64Array, n: number): boolean {
  for (let k = 0; k < n; k++) {
    let p = k;
    let best = Math.abs(a[k * n + k]);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(a[i * n + k]);
      if (v > best) {
        best = v;
        p = i;
      }
    }
    if (!(best > 0) || !Number.isFinite(best)) return false;
    if (p !== k) {
      for (let j = 0; j < n; j++) {
        const t = a[k * n + j];
        a[k * n + j] = a[p * n + j];
        a[p * n + j] = t;
      }
      const t = b[k];
      b[k] = b[p];
      b[p] = t;
    }
    const pivot = a[k * n + k];
    for (let i = k + 1; i < n; i++) {
      const f = a[i * n + k] / pivot;
      if (f === 0) continue;
      a[i * n + k] = f;
      for (let j = k + 1; j < n; j++) a[i * n + j] -= f * a[k * n + j];
      b[i] -= f * b[k];
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i];
    for (let j = i + 1; j < n; j++) s -= a[i * n + j] * b[j];
    b[i] = s / a[i * n + i];
  }
  return true;
}

/** The inverse of the Vandermonde matrix V[k][p] = x_k^p (n x n), row-major: (V^-1)[p][k]. */
export function vandermondeInverse(x: ArrayLike<number>): Float64Array {
  const n = x.length;
  const inv = new Float64Array(n * n);
  for (let k = 0; k < n; k++) {
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let p = 0; p < n; p++) a[i * n + p] = Math.pow(x[i], p);
    const e = new Float64Array(n);
    e[k] = 1;
    if (!solveDense(a, e, n)) throw new RangeError('vandermondeInverse: nodes must be distinct');
    for (let p = 0; p < n; p++) inv[p * n + k] = e[p];
  }
  return inv;
}
