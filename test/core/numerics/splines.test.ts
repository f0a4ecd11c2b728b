import { describe, expect, it } from 'vitest';
import {
  BSplineBasis,
  PiecewisePolynomialBasis,
  gaussLegendre,
  projectOnto,
  quantileKnots,
  uniformKnots,
  weightedDistance2,
  weightedNorm2,
} from '../../../core/numerics/splines/index.js';

/** Composite Simpson on [a, b] with `m` (even) panels: an independent reference for the integrals below. */
function simpson(f: (x: number) => number, a: number, b: number, m: number): number {
  const h = (b - a) / m;
  let s = f(a) + f(b);
  for (let i = 1; i < m; i++) s += (i % 2 === 1 ? 4 : 2) * f(a + i * h);
  return (s * h) / 3;
}

/** Gram matrix of every basis function against the weight, by Simpson on each interval (independent of the basis's quadrature). */
function simpsonGram(basis: PiecewisePolynomialBasis, weight: (r: number) => number, cuts: number[] = [], constantPieces = false): Float64Array {
  const n = basis.size;
  const m = basis.perInterval;
  const G = new Float64Array(n * n);
  const v = new Float64Array(m);
  for (let k = 0; k < basis.intervals; k++) {
    const edges = [basis.knots[k], ...cuts.filter((c) => c > basis.knots[k] && c < basis.knots[k + 1]), basis.knots[k + 1]];
    for (let a = 0; a < m; a++) {
      for (let b = 0; b < m; b++) {
        let s = 0;
        for (let e = 0; e + 1 < edges.length; e++) {
          const height = weight((edges[e] + edges[e + 1]) / 2);
          s += simpson((r) => {
            basis.localValues(k, r, v);
            return v[a] * v[b] * (constantPieces ? height : weight(r));
          }, edges[e], edges[e + 1], 2000);
        }
        G[(k * m + a) * n + k * m + b] = s;
      }
    }
  }
  return G;
}

function maxDeviationFromIdentity(G: Float64Array, n: number): number {
  let worst = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) worst = Math.max(worst, Math.abs(G[i * n + j] - (i === j ? 1 : 0)));
  return worst;
}

const rhoUniform1d = (r: number) => (r >= 0 && r <= 1 ? 2 * (1 - r) : 0);
const quantileUniform1d = (p: number) => 1 - Math.sqrt(1 - p);

describe('Gauss–Legendre rule', () => {
  it('matches the tabulated 5-point nodes and weights (Abramowitz & Stegun table 25.4)', () => {
    const { nodes, weights } = gaussLegendre(5);
    const x = [-0.906179845938664, -0.5384693101056831, 0, 0.5384693101056831, 0.906179845938664];
    const w = [0.2369268850561891, 0.4786286704993665, 0.5688888888888889, 0.4786286704993665, 0.2369268850561891];
    for (let i = 0; i < 5; i++) {
      expect(Math.abs(nodes[i] - x[i])).toBeLessThan(1e-15);
      expect(Math.abs(weights[i] - w[i])).toBeLessThan(1e-15);
    }
  });

  it('integrates x^k exactly for k <= 2n - 1 (and misses x^2n for small n)', () => {
    for (const n of [1, 2, 3, 7, 20, 64]) {
      const { nodes, weights } = gaussLegendre(n);
      const integral = (k: number) => nodes.reduce((s, x, i) => s + weights[i] * x ** k, 0);
      for (let k = 0; k <= 2 * n - 1; k++) expect(Math.abs(integral(k) - (k % 2 === 0 ? 2 / (k + 1) : 0)), `n=${n} k=${k}`).toBeLessThan(1e-13);
      if (n <= 7) expect(Math.abs(integral(2 * n) - 2 / (2 * n + 1))).toBeGreaterThan(1e-6);
    }
  });

  it('refuses n outside [1, 256]', () => {
    expect(() => gaussLegendre(0)).toThrow(RangeError);
    expect(() => gaussLegendre(2.5)).toThrow(RangeError);
    expect(() => gaussLegendre(257)).toThrow(RangeError);
  });
});

describe('knots', () => {
  it('places quantile knots at equal mass of rho(r) = 2(1 - r): F(r_k) = k / K', () => {
    const K = 8;
    const t = quantileKnots(K, quantileUniform1d, 0, 1);
    for (let k = 0; k <= K; k++) expect(Math.abs(1 - (1 - t[k]) ** 2 - k / K)).toBeLessThan(1e-15);
    expect(Array.from(uniformKnots(4, 0, 2))).toEqual([0, 0.5, 1, 1.5, 2]);
  });

  it('refuses coinciding knots and empty counts', () => {
    expect(() => quantileKnots(4, () => 0.5, 0, 1)).toThrow(/coincide/);
    expect(() => uniformKnots(0, 0, 1)).toThrow(RangeError);
  });
});

describe('piecewise polynomials orthonormal in L2(w)', () => {
  it('are orthonormal against rho(r) = 2(1 - r) for quantile and uniform knots, degrees 0 to 3', () => {
    for (const degree of [0, 1, 2, 3]) {
      for (const knots of [quantileKnots(6, quantileUniform1d, 0, 1), uniformKnots(6, 0, 1)]) {
        const basis = new PiecewisePolynomialBasis({ knots, degree, weight: rhoUniform1d });
        expect(maxDeviationFromIdentity(simpsonGram(basis, rhoUniform1d), basis.size), `degree ${degree}`).toBeLessThan(1e-10);
      }
    }
  });

  it('degree 0: psi_k = 1 / sqrt(mass of I_k) on I_k', () => {
    const knots = uniformKnots(4, 0, 1);
    const basis = new PiecewisePolynomialBasis({ knots, degree: 0, weight: rhoUniform1d });
    const out = new Float64Array(1);
    for (let k = 0; k < 4; k++) {
      const mass = (1 - knots[k]) ** 2 - (1 - knots[k + 1]) ** 2;
      expect(basis.valuesAt((knots[k] + knots[k + 1]) / 2, out)).toBe(k);
      expect(Math.abs(out[0] - 1 / Math.sqrt(mass))).toBeLessThan(1e-13);
    }
  });

  it('integrates a histogram weight exactly by splitting at its breakpoints', () => {
    const edges = [0, 0.13, 0.41, 0.5, 0.77, 1];
    const heights = [0.4, 1.9, 0.2, 1.3, 0.9];
    const weight = (r: number) => {
      for (let i = 0; i + 1 < edges.length; i++) if (r >= edges[i] && r < edges[i + 1]) return heights[i];
      return r === 1 ? heights[heights.length - 1] : 0;
    };
    const basis = new PiecewisePolynomialBasis({ knots: uniformKnots(3, 0, 1), degree: 2, weight, breakpoints: edges.slice(1, -1) });
    expect(maxDeviationFromIdentity(simpsonGram(basis, weight, edges, true), basis.size)).toBeLessThan(1e-10);
  });

  it('reproduces a function of the space: projection then distance is zero', () => {
    const knots = quantileKnots(5, quantileUniform1d, 0, 1);
    const basis = new PiecewisePolynomialBasis({ knots, degree: 1, weight: rhoUniform1d });
    // Piecewise linear with breaks at the knots, continuous or not.
    const f = (r: number) => {
      const k = basis.locate(r);
      return k < 0 ? 0 : (k % 2 === 0 ? 1 : -2) * (r - knots[k]) + k * 0.3;
    };
    const coef = projectOnto(basis, f);
    expect(weightedDistance2(basis, coef, f)).toBeLessThan(1e-28);
    for (const r of [0.01, 0.2, 0.5, 0.9, 1]) expect(Math.abs(basis.evaluate(coef, r) - f(r))).toBeLessThan(1e-13);
    // ||f||^2 = sum of squared coefficients (Parseval in an orthonormal basis).
    expect(Math.abs(weightedNorm2(basis, f) - coef.reduce((s, c) => s + c * c, 0))).toBeLessThan(1e-13);
  });

  it('the distance to a function outside the space is ||f||^2 - ||P f||^2 (Pythagoras)', () => {
    const basis = new PiecewisePolynomialBasis({ knots: quantileKnots(4, quantileUniform1d, 0, 1), degree: 1, weight: rhoUniform1d });
    const f = (r: number) => Math.sin(2 * Math.PI * r) + 0.5 * Math.cos(6 * r);
    const coef = projectOnto(basis, f, { sub: 8 });
    const d2 = weightedDistance2(basis, coef, f, { sub: 8 });
    const exact = simpson((r) => f(r) ** 2 * rhoUniform1d(r), 0, 1, 20000);
    expect(d2).toBeGreaterThan(1e-4);
    expect(Math.abs(d2 - (exact - coef.reduce((s, c) => s + c * c, 0)))).toBeLessThan(1e-12);
  });

  it('locates points: -1 outside [r_0, r_K] and for NaN, the last interval holds r_K', () => {
    const basis = new PiecewisePolynomialBasis({ knots: [0, 0.5, 1], degree: 1, weight: () => 1 });
    expect([basis.locate(-1e-12), basis.locate(0), basis.locate(0.5), basis.locate(1), basis.locate(1.0000001), basis.locate(Number.NaN)]).toEqual([-1, 0, 1, 1, -1, -1]);
    expect(basis.evaluate([1, 1, 1, 1], 2)).toBe(0);
  });

  it('refuses a weight that leaves an interval empty, and bad knots or degrees', () => {
    expect(() => new PiecewisePolynomialBasis({ knots: [0, 0.5, 1], degree: 1, weight: (r) => (r < 0.5 ? 1 : 0) })).toThrow(/interval 1/);
    expect(() => new PiecewisePolynomialBasis({ knots: [0, 0, 1], degree: 1, weight: () => 1 })).toThrow(RangeError);
    expect(() => new PiecewisePolynomialBasis({ knots: [0, 1], degree: -1, weight: () => 1 })).toThrow(RangeError);
  });
});

describe('clamped B-splines', () => {
  const breaks = [0, 0.1, 0.35, 0.5, 0.8, 1];

  it('are non-negative and sum to one on [x_0, x_L], for degrees 0 to 4', () => {
    for (let p = 0; p <= 4; p++) {
      const B = new BSplineBasis(breaks, p);
      expect(B.size).toBe(breaks.length - 1 + p);
      const out = new Float64Array(p + 1);
      for (let i = 0; i <= 200; i++) {
        const x = i / 200;
        const f = B.valuesAt(x, out);
        expect(f).toBeGreaterThanOrEqual(0);
        expect(f + p).toBeLessThan(B.size);
        expect(Math.abs(out.reduce((s, v) => s + v, 0) - 1)).toBeLessThan(1e-14);
        for (const v of out) expect(v).toBeGreaterThanOrEqual(-1e-16);
      }
    }
  });

  it('uniform cubic B-spline: 1/6, 2/3, 1/6 at an interior knot', () => {
    const B = new BSplineBasis([0, 1, 2, 3, 4, 5, 6, 7, 8], 3);
    const out = new Float64Array(4);
    const f = B.valuesAt(4, out);
    // On span [4, 5): B_f..B_{f+3}; the one starting at knot 1 (index f) is 1/6, the next 2/3, then 1/6, then 0.
    expect(Array.from(out).map((v) => Math.round(v * 1e14) / 1e14)).toEqual([1 / 6, 2 / 3, 1 / 6, 0].map((v) => Math.round(v * 1e14) / 1e14));
    expect(f).toBe(4);
  });

  it('degree 1 gives hat functions', () => {
    const B = new BSplineBasis([0, 1, 3], 1);
    const out = new Float64Array(2);
    expect(B.valuesAt(2, out)).toBe(1);
    expect(Array.from(out)).toEqual([0.5, 0.5]);
    expect(B.evaluate([10, 20, 40], 2)).toBe(30);
  });

  it('derivatives agree with central differences away from breakpoints and sum to zero', () => {
    for (const p of [1, 2, 3]) {
      const B = new BSplineBasis(breaks, p);
      const v = new Float64Array(p + 1);
      const d = new Float64Array(p + 1);
      const coef = Float64Array.from({ length: B.size }, (_, i) => Math.sin(1 + 2 * i));
      for (const x of [0.03, 0.2, 0.42, 0.6, 0.93]) {
        const f = B.derivativesAt(x, v, d);
        let slope = 0;
        for (let r = 0; r <= p; r++) slope += coef[f + r] * d[r];
        const h = 1e-6;
        const fd = (B.evaluate(coef, x + h) - B.evaluate(coef, x - h)) / (2 * h);
        expect(Math.abs(slope - fd), `p=${p} x=${x}`).toBeLessThan(1e-6);
        expect(Math.abs(d.reduce((s, t) => s + t, 0))).toBeLessThan(1e-12);
      }
    }
  });

  it('is zero outside [x_0, x_L]', () => {
    const B = new BSplineBasis(breaks, 3);
    expect(B.valuesAt(-0.1, new Float64Array(4))).toBe(-1);
    expect(B.evaluate(new Float64Array(B.size).fill(1), 1.2)).toBe(0);
  });
});
