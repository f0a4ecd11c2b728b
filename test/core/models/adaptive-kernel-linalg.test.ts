/** The dense linear algebra of `adaptive-kernel` against ml-matrix (an independent implementation). */
import { CholeskyDecomposition, EigenvalueDecomposition, Matrix, inverse } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { cholesky, choleskyInverse, choleskySolve, congruence, symmetricEigenvalues, transposeCongruence } from '../../../core/models/adaptive-kernel/linalg.js';
import { createRng } from '../../../core/numerics/rng.js';

function randomSpd(n: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const b = new Float64Array(n * n);
  rng.fillNormal(b);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    let s = i === j ? 0.1 : 0;
    for (let k = 0; k < n; k++) s += (b[i * n + k] * b[j * n + k]) / n;
    a[i * n + j] = s;
  }
  return a;
}

const toMatrix = (a: Float64Array, r: number, c: number) => new Matrix(Array.from({ length: r }, (_, i) => Array.from(a.subarray(i * c, (i + 1) * c))));

describe('adaptive-kernel linear algebra', () => {
  it.each([1, 2, 7, 33])('Cholesky factor, solve and inverse of an SPD matrix (n = %d) agree with ml-matrix', (n) => {
    const a = randomSpd(n, n);
    const l = new Float64Array(n * n);
    expect(cholesky(a, n, l)).toBe(true);
    const ref = new CholeskyDecomposition(toMatrix(a, n, n)).lowerTriangularMatrix;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) expect(Math.abs(l[i * n + j] - ref.get(i, j))).toBeLessThan(1e-12);
    const inv = new Float64Array(n * n);
    choleskyInverse(l, n, inv, new Float64Array(n * n));
    const refInv = inverse(toMatrix(a, n, n));
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) expect(Math.abs(inv[i * n + j] - refInv.get(i, j))).toBeLessThan(1e-9 * (1 + Math.abs(refInv.get(i, j))));
    const b = Float64Array.from({ length: n }, (_, i) => Math.sin(i + 1));
    const x = Float64Array.from(b);
    choleskySolve(l, n, x);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += a[i * n + j] * x[j];
      expect(Math.abs(s - b[i])).toBeLessThan(1e-10);
    }
  });

  it('refuses an indefinite matrix', () => {
    const a = Float64Array.of(1, 2, 2, 1);
    expect(cholesky(a, 2, new Float64Array(4))).toBe(false);
  });

  it('X A X^T and X^T B X agree with ml-matrix products', () => {
    const m = 9;
    const n = 6;
    const rng = createRng(5);
    const x = new Float64Array(m * n);
    rng.fillNormal(x);
    const a = randomSpd(n, 3);
    const b = randomSpd(m, 4);
    const out = new Float64Array(m * m);
    congruence(x, m, n, a, out, new Float64Array(m * n));
    const X = toMatrix(x, m, n);
    const ref = X.mmul(toMatrix(a, n, n)).mmul(X.transpose());
    for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) expect(Math.abs(out[i * m + j] - ref.get(i, j))).toBeLessThan(1e-12);
    const xt = new Float64Array(n * m);
    for (let i = 0; i < m; i++) for (let k = 0; k < n; k++) xt[k * m + i] = x[i * n + k];
    const out2 = new Float64Array(n * n);
    transposeCongruence(xt, m, n, b, out2, new Float64Array(n * m));
    const ref2 = X.transpose().mmul(toMatrix(b, m, m)).mmul(X);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) expect(Math.abs(out2[i * n + j] - ref2.get(i, j))).toBeLessThan(1e-11);
  });

  it.each([1, 2, 3, 10, 64])('eigenvalues of a symmetric matrix (n = %d) agree with ml-matrix, in decreasing order', (n) => {
    const a = randomSpd(n, 100 + n);
    a[0] -= 0.5; // not necessarily positive
    const ev = symmetricEigenvalues(a, n);
    const ref = new EigenvalueDecomposition(toMatrix(a, n, n), { assumeSymmetric: true }).realEigenvalues.sort((u, v) => v - u);
    for (let i = 0; i < n; i++) expect(Math.abs(ev[i] - ref[i])).toBeLessThan(1e-11 * (1 + Math.abs(ref[0])));
  });

  it('eigenvalues of a diagonal and of a rank-one matrix', () => {
    expect(Array.from(symmetricEigenvalues(Float64Array.of(3, 0, 0, 0, 1, 0, 0, 0, 2), 3))).toEqual([3, 2, 1]);
    const u = [1, 2, 3, 4];
    const r1 = Float64Array.from({ length: 16 }, (_, k) => u[Math.floor(k / 4)] * u[k % 4]);
    const ev = symmetricEigenvalues(r1, 4);
    expect(ev[0]).toBeCloseTo(30, 12);
    for (let i = 1; i < 4; i++) expect(Math.abs(ev[i])).toBeLessThan(1e-12);
  });
});
