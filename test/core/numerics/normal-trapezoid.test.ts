import { describe, expect, it } from 'vitest';
import { gaussHermite } from '../../../core/numerics/gauss-hermite.js';
import { normalTrapezoidRule, trapezoidSpacing } from '../../../core/numerics/normal-trapezoid.js';

function expectEven(g: (z: number) => number, h: number): number {
  const { nodes, weights } = normalTrapezoidRule(h);
  let s = weights[0] * g(0);
  for (let k = 1; k < nodes.length; k++) s += 2 * weights[k] * g(nodes[k]);
  return s;
}

const sigmoidPrime = (x: number) => {
  const e = Math.exp(-Math.abs(x));
  return e / (1 + e) ** 2;
};

// E sigma'(sqrt(v) Z) by adaptive quadrature in 30-digit arithmetic (mpmath).
const SIGMA_PRIME_MEAN: [number, number][] = [
  [0.01, 0.249378103064186086],
  [1, 0.206620964141907037],
  [11.25, 0.105317549654366358],
  [50, 0.0546793451498133153],
  [400, 0.0198657841423708322],
];

describe('trapezoidal rule for Gaussian expectations', () => {
  it('integrates the normal moments 1, z^2, z^4 to 1e-12 and z^6 to 1e-11', () => {
    for (const h of [0.5, 0.25, 0.1]) {
      expect(Math.abs(expectEven(() => 1, h) - 1)).toBeLessThan(1e-15);
      expect(Math.abs(expectEven((z) => z * z, h) - 1)).toBeLessThan(1e-14);
      expect(Math.abs(expectEven((z) => z ** 4, h) - 3)).toBeLessThan(1e-12);
      // the truncation at 8.3 costs about 1e-11 of the sixth moment
      expect(Math.abs(expectEven((z) => z ** 6, h) / 15 - 1)).toBeLessThan(1e-11);
    }
  });

  it('converges geometrically for the logistic integrand where Gauss–Hermite stalls', () => {
    for (const [v, ref] of SIGMA_PRIME_MEAN) {
      const s = Math.sqrt(v);
      const h = trapezoidSpacing(Math.PI / s, 13);
      const trap = expectEven((z) => sigmoidPrime(s * z), h);
      expect(Math.abs(trap / ref - 1), `v = ${v}`).toBeLessThan(1e-12);
    }
    // for comparison: 64-point Gauss–Hermite at v = 50 is off by more than 1e-4
    const gh = gaussHermite(64);
    let s = 0;
    for (let i = 0; i < 64; i++) s += gh.weights[i] * sigmoidPrime(Math.sqrt(50) * gh.nodes[i]);
    expect(Math.abs(s / SIGMA_PRIME_MEAN[3][1] - 1)).toBeGreaterThan(1e-5);
  });

  it('rules come from a fixed ladder of spacings, cached, never above 0.5', () => {
    const a = normalTrapezoidRule(0.3);
    expect(a.h).toBeLessThanOrEqual(0.3);
    expect(a.h).toBeGreaterThan(0.3 * Math.pow(2, -1 / 8) - 1e-15);
    expect(normalTrapezoidRule(0.3)).toBe(a);
    expect(normalTrapezoidRule(7).h).toBe(0.5);
    expect(trapezoidSpacing(Number.POSITIVE_INFINITY, 10)).toBe(0.5);
    expect(() => normalTrapezoidRule(0)).toThrow(RangeError);
    let total = a.weights[0];
    for (let k = 1; k < a.weights.length; k++) total += 2 * a.weights[k];
    expect(Math.abs(total - 1)).toBeLessThan(1e-15);
  });
});
