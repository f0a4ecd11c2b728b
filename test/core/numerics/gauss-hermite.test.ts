import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { expectNormal, gaussHermite } from '../../../core/numerics/gauss-hermite.js';
import { symmetricTridiagonalEigenvalues } from '../../../core/numerics/tridiagonal-eigen.js';

const EPS = Number.EPSILON;

function doubleFactorial(m: number): number {
  let p = 1;
  for (let k = m; k > 1; k -= 2) p *= k;
  return p;
}

describe('symmetric tridiagonal eigenvalues (implicit QL)', () => {
  it('agree with ml-matrix EVD on random symmetric tridiagonal matrices', () => {
    let seed = 12345;
    const rand = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) | 0;
      return ((seed >>> 8) / 2 ** 24) * 2 - 1;
    };
    for (const n of [1, 2, 3, 7, 30]) {
      const diag = Array.from({ length: n }, rand);
      const off = Array.from({ length: n - 1 }, rand);
      const M = Matrix.zeros(n, n);
      for (let i = 0; i < n; i++) M.set(i, i, diag[i]);
      for (let i = 0; i < n - 1; i++) {
        M.set(i, i + 1, off[i]);
        M.set(i + 1, i, off[i]);
      }
      const ref = new EigenvalueDecomposition(M, { assumeSymmetric: true }).realEigenvalues.sort((a, b) => a - b);
      const got = symmetricTridiagonalEigenvalues(diag, off);
      for (let i = 0; i < n; i++) expect(Math.abs(got[i] - ref[i])).toBeLessThan(64 * EPS * n);
    }
  });
});

describe('Gauss–Hermite (probabilists\', weight N(0,1))', () => {
  it('n = 5 matches the published nodes +-2.856970013872806, +-1.355626179974266, 0 and weights', () => {
    const { nodes, weights } = gaussHermite(5);
    const x = [-2.856970013872806, -1.355626179974266, 0, 1.355626179974266, 2.856970013872806];
    // weights: (3 - sqrt 6)/12, (3 + sqrt 6)/12 ... scaled: published 0.011257411327720689, 0.2220759220056126, 8/15
    const w = [0.011257411327720689, 0.2220759220056126, 8 / 15, 0.2220759220056126, 0.011257411327720689];
    for (let i = 0; i < 5; i++) {
      expect(Math.abs(nodes[i] - x[i])).toBeLessThan(4 * EPS * 3);
      expect(Math.abs(weights[i] - w[i]) / w[i]).toBeLessThan(16 * EPS);
    }
    expect(nodes[2]).toBe(0);
  });

  it('weights are positive and sum to 1 within 4 n eps, nodes ascending and exactly symmetric', () => {
    for (const n of [1, 2, 3, 4, 10, 33, 48, 100, 300]) {
      const { nodes, weights } = gaussHermite(n);
      let sum = 0;
      for (let i = 0; i < n; i++) {
        expect(weights[i]).toBeGreaterThan(0);
        expect(nodes[i] === -nodes[n - 1 - i]).toBe(true);
        expect(weights[i]).toBe(weights[n - 1 - i]);
        if (i > 0) expect(nodes[i]).toBeGreaterThan(nodes[i - 1]);
        sum += weights[i];
      }
      expect(Math.abs(sum - 1)).toBeLessThan(4 * n * EPS);
    }
  });

  it('integrates E[x^2k] = (2k-1)!! exactly (relative 1e-12) for all 2k <= 2n - 1, n = 1..60', () => {
    let worst = 0;
    for (let n = 1; n <= 60; n++) {
      const { nodes, weights } = gaussHermite(n);
      for (let k = 1; 2 * k <= 2 * n - 1; k++) {
        let s = 0;
        for (let i = 0; i < n; i++) s += weights[i] * Math.pow(nodes[i], 2 * k);
        const rel = Math.abs(s / doubleFactorial(2 * k - 1) - 1);
        worst = Math.max(worst, rel);
      }
    }
    expect(worst).toBeLessThan(1e-12);
  });

  it('odd moments vanish to rounding (|sum w x^m| <= 8 n eps sum w |x|^m)', () => {
    for (const n of [2, 5, 20, 61]) {
      const { nodes, weights } = gaussHermite(n);
      for (let m = 1; m <= 2 * n - 1; m += 2) {
        let s = 0;
        let sAbs = 0;
        for (let i = 0; i < n; i++) {
          s += weights[i] * Math.pow(nodes[i], m);
          sAbs += weights[i] * Math.abs(Math.pow(nodes[i], m));
        }
        expect(Math.abs(s)).toBeLessThanOrEqual(8 * n * EPS * sAbs);
      }
    }
  });

  it('is not exact beyond degree 2n - 1: E[x^2n] differs from (2n-1)!! by n!', () => {
    // The error functional of the n-point rule on x^(2n) is n! (leading coefficient of He_n squared).
    for (const n of [3, 6]) {
      const { nodes, weights } = gaussHermite(n);
      let s = 0;
      for (let i = 0; i < n; i++) s += weights[i] * Math.pow(nodes[i], 2 * n);
      let nFact = 1;
      for (let k = 2; k <= n; k++) nFact *= k;
      expect(Math.abs(doubleFactorial(2 * n - 1) - s - nFact) / nFact).toBeLessThan(1e-12);
    }
  });

  it('expectNormal: E cos Z = e^(-1/2) and E e^Z = e^(1/2) to 4 eps', () => {
    expect(Math.abs(expectNormal(Math.cos) - Math.exp(-0.5))).toBeLessThan(4 * EPS);
    expect(Math.abs(expectNormal(Math.exp) / Math.exp(0.5) - 1)).toBeLessThan(4 * EPS);
  });

  it('caches one rule per n and rejects invalid n', () => {
    expect(gaussHermite(12)).toBe(gaussHermite(12));
    expect(() => gaussHermite(0)).toThrow(RangeError);
    expect(() => gaussHermite(2.5)).toThrow(RangeError);
    expect(() => gaussHermite(301)).toThrow(RangeError);
  });
});
