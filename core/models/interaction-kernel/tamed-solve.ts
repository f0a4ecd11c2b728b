/**
 * The tamed least-squares solve (arXiv:2311.16852, the tLSE): theta = A^-1 b if
 * lambda_min(A) > c_L / 4, else theta = 0 ("tamed"), with the coercivity constant c_L = 1/(N-1) of
 * i.i.d. particles in the L2(rho)-orthonormal basis. The eigenvalues come from a Householder
 * tridiagonalisation and the QL algorithm (core/numerics/tridiagonal-eigen), the solve and
 * tr(A^-1) from a Cholesky factorisation; all on n x n row-major Float64Arrays.
 */
import { symmetricTridiagonalEigenvalues } from '../../numerics/tridiagonal-eigen.js';

/** Eigenvalues (ascending) of the symmetric n x n matrix `a` (not modified). */
export function symmetricEigenvalues(a: Float64Array, n: number): Float64Array {
  if (n === 1) return Float64Array.of(a[0]);
  const m = Float64Array.from(a.subarray(0, n * n));
  const diag = new Float64Array(n);
  const off = new Float64Array(n - 1);
  const v = new Float64Array(n);
  const p = new Float64Array(n);
  for (let k = 0; k < n - 2; k++) {
    // Reflect column k below the diagonal onto a multiple of e_{k+1}.
    let norm2 = 0;
    for (let i = k + 1; i < n; i++) norm2 += m[i * n + k] * m[i * n + k];
    const x0 = m[(k + 1) * n + k];
    const alpha = x0 >= 0 ? -Math.sqrt(norm2) : Math.sqrt(norm2);
    let vv = 0;
    for (let i = k + 1; i < n; i++) {
      v[i] = m[i * n + k];
      if (i === k + 1) v[i] -= alpha;
      vv += v[i] * v[i];
    }
    off[k] = norm2 === 0 ? 0 : alpha;
    if (vv === 0) continue;
    const beta = 2 / vv;
    // p = beta A22 v, K = beta v.p / 2, w = p - K v; A22 -= v w^T + w v^T.
    let vp = 0;
    for (let i = k + 1; i < n; i++) {
      let s = 0;
      for (let j = k + 1; j < n; j++) s += m[i * n + j] * v[j];
      p[i] = beta * s;
      vp += v[i] * p[i];
    }
    const K = (beta * vp) / 2;
    for (let i = k + 1; i < n; i++) p[i] -= K * v[i];
    for (let i = k + 1; i < n; i++) {
      const vi = v[i];
      const pi = p[i];
      for (let j = k + 1; j < n; j++) m[i * n + j] -= vi * p[j] + pi * v[j];
    }
  }
  for (let i = 0; i < n; i++) diag[i] = m[i * n + i];
  off[n - 2] = m[(n - 1) * n + (n - 2)];
  return symmetricTridiagonalEigenvalues(diag, off);
}

/** The lower Cholesky factor of the symmetric positive definite `a` (n x n), or null if a pivot is not positive. */
export function cholesky(a: Float64Array, n: number): Float64Array | null {
  const L = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j];
    for (let q = 0; q < j; q++) d -= L[j * n + q] * L[j * n + q];
    if (!(d > 0)) return null;
    const ljj = Math.sqrt(d);
    L[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j];
      for (let q = 0; q < j; q++) s -= L[i * n + q] * L[j * n + q];
      L[i * n + j] = s / ljj;
    }
  }
  return L;
}

/** Solves L L^T x = b for x. */
export function choleskySolve(L: Float64Array, n: number, b: Float64Array): Float64Array {
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let q = 0; q < i; q++) s -= L[i * n + q] * y[q];
    y[i] = s / L[i * n + i];
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i];
    for (let q = i + 1; q < n; q++) s -= L[q * n + i] * x[q];
    x[i] = s / L[i * n + i];
  }
  return x;
}

/** tr((L L^T)^-1) = ||L^-1||_F^2, by forward substitution column by column. */
export function choleskyTraceInverse(L: Float64Array, n: number): number {
  const col = new Float64Array(n);
  let trace = 0;
  for (let c = 0; c < n; c++) {
    col.fill(0);
    for (let i = c; i < n; i++) {
      let s = i === c ? 1 : 0;
      for (let q = c; q < i; q++) s -= L[i * n + q] * col[q];
      col[i] = s / L[i * n + i];
      trace += col[i] * col[i];
    }
  }
  return trace;
}

export interface TamedSolution {
  theta: Float64Array;
  tamed: boolean;
  lambdaMin: number;
  lambdaMax: number;
  /** lambda_max / lambda_min (Infinity when lambda_min <= 0). */
  condition: number;
  /** tr(A^-1) (NaN when tamed). */
  traceInverse: number;
}

/** theta = A^-1 b if lambda_min(A) > threshold, else 0. */
export function tamedSolve(A: Float64Array, b: Float64Array, n: number, threshold: number): TamedSolution {
  const ev = symmetricEigenvalues(A, n);
  const lambdaMin = ev[0];
  const lambdaMax = ev[n - 1];
  const condition = lambdaMin > 0 ? lambdaMax / lambdaMin : Infinity;
  const L = lambdaMin > threshold ? cholesky(A, n) : null;
  if (!L) return { theta: new Float64Array(n), tamed: true, lambdaMin, lambdaMax, condition, traceInverse: Number.NaN };
  return { theta: choleskySolve(L, n, b), tamed: false, lambdaMin, lambdaMax, condition, traceInverse: choleskyTraceInverse(L, n) };
}
