import { describe, expect, it } from 'vitest';
import { conditionPair, expectGaussianPair } from '../../../core/numerics/gaussian-pair.js';

describe('Gaussian pair expectations by conditioning on x*', () => {
  it('reproduces the covariance and Isserlis moments exactly (to rounding)', () => {
    for (const [a, c, b] of [
      [1, 0.3, 2],
      [2.5, -1, 0.7],
      [0, 0, 1],
      [1, 1, 1],
      [4, 0, 0],
    ]) {
      const tol = 1e-12 * Math.max(1, a, b) ** 3;
      expect(Math.abs(expectGaussianPair((x) => x * x, a, c, b, 8) - a)).toBeLessThan(tol);
      expect(Math.abs(expectGaussianPair((x, y) => x * y, a, c, b, 8) - c)).toBeLessThan(tol);
      expect(Math.abs(expectGaussianPair((_x, y) => y * y, a, c, b, 8) - b)).toBeLessThan(tol);
      // E x^4 y^2 = 3 a^2 b + 12 a c^2 and E x^6 = 15 a^3 (the phase-retrieval moments)
      expect(Math.abs(expectGaussianPair((x, y) => x ** 4 * y * y, a, c, b, 8) - (3 * a * a * b + 12 * a * c * c))).toBeLessThan(tol * 10);
      expect(Math.abs(expectGaussianPair((x) => x ** 6, a, c, b, 8) - 15 * a ** 3)).toBeLessThan(tol * 10);
    }
  });

  it("satisfies Stein's identity E[x g(x*)] = c E g'(x*)", () => {
    const [a, c, b] = [1.3, 0.6, 0.9];
    const lhs = expectGaussianPair((x, y) => x * Math.sin(y), a, c, b, 48);
    const rhs = c * expectGaussianPair((_x, y) => Math.cos(y), a, c, b, 48);
    expect(Math.abs(rhs - c * Math.exp(-b / 2))).toBeLessThan(1e-14);
    expect(Math.abs(lhs - rhs)).toBeLessThan(1e-12);
  });

  it('is exact at a = 0 and for perfectly correlated pairs; rejects negative variances', () => {
    expect(conditionPair(0, 0, 2)).toEqual({ sb: Math.sqrt(2), m: 0, s: 0 });
    expect(conditionPair(4, 2, 1).s).toBe(0);
    expect(conditionPair(1, 1 + 1e-17, 1).s).toBe(0); // rounding below zero is clamped
    expect(() => conditionPair(-1, 0, 1)).toThrow(RangeError);
  });
});
