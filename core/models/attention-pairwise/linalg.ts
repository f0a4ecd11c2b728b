/** Small dense symmetric positive-definite solves (row-major Float64Arrays, n up to a few hundred). */

/** Overwrites the lower triangle of `a` (n x n) with its Cholesky factor; false if not positive definite. */
export function cholesky(a: Float64Array, n: number): boolean {
  for (let j = 0; j < n; j++) {
    let s = a[j * n + j];
    for (let k = 0; k < j; k++) s -= a[j * n + k] * a[j * n + k];
    if (!(s > 0) || !Number.isFinite(s)) return false;
    const l = Math.sqrt(s);
    a[j * n + j] = l;
    for (let i = j + 1; i < n; i++) {
      let t = a[i * n + j];
      for (let k = 0; k < j; k++) t -= a[i * n + k] * a[j * n + k];
      a[i * n + j] = t / l;
    }
  }
  return true;
}

/** Solves L L^T x = b in place (L from `cholesky`). */
export function choleskySolve(l: Float64Array, n: number, b: Float64Array): void {
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i * n + k] * b[k];
    b[i] = s / l[i * n + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i];
    for (let k = i + 1; k < n; k++) s -= l[k * n + i] * b[k];
    b[i] = s / l[i * n + i];
  }
}

/**
 * Factors the symmetric positive semi-definite `g` (left unchanged) into `work`, adding the
 * smallest ridge eps max_i g_ii, eps = 1e-14, 1e-12, ..., that makes it positive definite.
 * Returns the ridge used (0 when none was needed), or NaN if even 1e-4 max g_ii fails.
 */
export function factorWithRidge(g: Float64Array, n: number, work: Float64Array): number {
  let maxDiag = 0;
  for (let i = 0; i < n; i++) maxDiag = Math.max(maxDiag, g[i * n + i]);
  for (let eps = 0; eps <= 1e-4; eps = eps === 0 ? 1e-14 : eps * 100) {
    work.set(g.subarray(0, n * n));
    const ridge = eps * maxDiag;
    for (let i = 0; i < n; i++) work[i * n + i] += ridge;
    if (cholesky(work, n)) return ridge;
  }
  return Number.NaN;
}
