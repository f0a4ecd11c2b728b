/**
 * Cholesky factorisation and triangular solves on row-major Float64Arrays, for the SPD systems of
 * Gaussian-process regression (K + σ²I). The factor of a leading k×k block is the leading block of
 * the factor, so one factorisation of the largest training set serves every nested subset.
 */

/**
 * Overwrites the lower triangle of `a` (n×n, row-major, symmetric) with L, A = L Lᵀ (the strict
 * upper triangle is left untouched). Returns the first index whose pivot is not positive and
 * finite, or -1 when A is positive definite. `onRow` (optional) is called after each row.
 */
export function choleskyInPlace(a: Float64Array, n: number, onRow?: (row: number) => void): number {
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let j = 0; j <= i; j++) {
      const rj = j * n;
      // Σ_k<j L_ik L_jk with four partial sums (independent dependency chains)
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let k = 0;
      for (; k + 3 < j; k += 4) {
        s0 += a[ri + k] * a[rj + k];
        s1 += a[ri + k + 1] * a[rj + k + 1];
        s2 += a[ri + k + 2] * a[rj + k + 2];
        s3 += a[ri + k + 3] * a[rj + k + 3];
      }
      for (; k < j; k++) s0 += a[ri + k] * a[rj + k];
      const s = a[ri + j] - (s0 + s1 + (s2 + s3));
      if (i === j) {
        if (!(s > 0) || !Number.isFinite(s)) return i;
        a[ri + i] = Math.sqrt(s);
      } else {
        a[ri + j] = s / a[rj + j];
      }
    }
    onRow?.(i);
  }
  return -1;
}

/** Solves L z = b in place for the leading k×k block of a lower factor L stored n×n. */
export function solveLowerInPlace(l: Float64Array, n: number, k: number, b: Float64Array): void {
  for (let i = 0; i < k; i++) {
    const ri = i * n;
    let s = b[i];
    for (let j = 0; j < i; j++) s -= l[ri + j] * b[j];
    b[i] = s / l[ri + i];
  }
}

/** Solves Lᵀ z = b in place for the leading k×k block of a lower factor L stored n×n. */
export function solveLowerTransposeInPlace(l: Float64Array, n: number, k: number, b: Float64Array): void {
  for (let i = k - 1; i >= 0; i--) {
    let s = b[i];
    for (let j = i + 1; j < k; j++) s -= l[j * n + i] * b[j];
    b[i] = s / l[i * n + i];
  }
}

/** Solves (L Lᵀ) z = b in place on the leading k×k block. */
export function choleskySolveInPlace(l: Float64Array, n: number, k: number, b: Float64Array): void {
  solveLowerInPlace(l, n, k, b);
  solveLowerTransposeInPlace(l, n, k, b);
}
