import { describe, expect, it } from 'vitest';
import { createRng } from '../../../core/numerics/rng.js';
import { symmetricEigenvalues } from '../../../core/numerics/gp/index.js';
import {
  type NngpSpec,
  degreeProjections,
  gaussLegendre,
  isotropicCovariance,
  nngpGram,
  nngpKernel,
  sphereDegeneracy,
  sphereRule,
} from '../../../core/numerics/nngp/index.js';

/** C(n, k) exactly as a BigInt. */
function binom(n: number, k: number): bigint {
  if (k < 0 || k > n) return 0n;
  let r = 1n;
  for (let i = 1; i <= k; i++) r = (r * BigInt(n - k + i)) / BigInt(i);
  return r;
}

describe('spherical-harmonic degeneracies (theory note §3)', () => {
  it('G2: the cubic sector of d = 150 has N(150, 3) = 573 650 harmonics, ≈ d³/6 = 562 500', () => {
    expect(150 ** 3 / 6).toBe(562_500);
    expect(sphereDegeneracy(150, 3)).toBe(573_650);
    // the count d^l/l! is its leading order: the ratio tends to 1 as d grows
    expect(sphereDegeneracy(150, 1)).toBe(150);
    for (const l of [2, 3, 4]) {
      const fact = [1, 1, 2, 6, 24][l]!;
      const ratio = (d: number) => sphereDegeneracy(d, l) / (d ** l / fact);
      expect(Math.abs(ratio(1e5) - 1)).toBeLessThan((l * l) / 1e5 + 1e-12);
      expect(Math.abs(ratio(150) - 1)).toBeGreaterThan(Math.abs(ratio(1e5) - 1));
    }
  });

  it('N(d, l) is the dimension of degree-l harmonic polynomials: C(l+d−1, d−1) − C(l+d−3, d−1)', () => {
    for (const d of [2, 3, 4, 7, 20, 150]) {
      for (let l = 0; l <= 8; l++) {
        const exact = binom(l + d - 1, d - 1) - binom(l + d - 3, d - 1);
        expect(BigInt(Math.round(sphereDegeneracy(d, l)))).toBe(exact);
      }
    }
    expect(sphereDegeneracy(3, 5)).toBe(11); // 2l + 1 in three dimensions
    expect(sphereDegeneracy(2, 9)).toBe(2); // cos, sin in two
  });
});

describe('Funk–Hecke eigenvalues of dot-product kernels on √d·S^{d−1}', () => {
  it('Gauss–Legendre integrates polynomials of degree 2n − 1 exactly', () => {
    const { nodes, weights } = gaussLegendre(7);
    for (let k = 0; k <= 13; k++) {
      let s = 0;
      for (let i = 0; i < 7; i++) s += weights[i] * nodes[i] ** k;
      expect(Math.abs(s - (k % 2 === 0 ? 2 / (k + 1) : 0))).toBeLessThan(1e-14);
    }
  });

  it('linear and square kernels: λ₁ = s/d; λ₀ = s(1 + 2/d), λ₂ = 4s/(d(d+2)), nothing else', () => {
    const s = 1.7;
    for (const d of [2, 3, 10, 150, 5000]) {
      const rule = sphereRule(d, 6);
      const lin = degreeProjections(rule, (u) => s * u, 6);
      const sq = degreeProjections(rule, (u) => s * (1 + 2 * u * u), 6);
      // accuracy is absolute, about 1e-16 of max|h| (the sphereRule contract), plus rounding relative to λ
      const tol = (lam: number) => 1e-15 * s + 1e-13 * lam;
      expect(Math.abs(lin[1] - s / d)).toBeLessThan(tol(s / d));
      expect(Math.abs(sq[0] - s * (1 + 2 / d))).toBeLessThan(tol(s));
      expect(Math.abs(sq[2] - (4 * s) / (d * (d + 2)))).toBeLessThan(tol((4 * s) / (d * (d + 2))));
      for (const l of [0, 2, 3, 4, 5, 6]) expect(Math.abs(lin[l])).toBeLessThan(1e-15 * s);
      for (const l of [1, 3, 4, 5, 6]) expect(Math.abs(sq[l])).toBeLessThan(1e-15 * s);
    }
  });

  it('the degrees exhaust the trace: Σ_l N(d, l) λ_l = K(x, x), and λ_l d^l stays O(1) (λ_l ∝ d^{−l})', () => {
    const spec: NngpSpec = { activation: 'erf', depth: 2, sigmaW2: 1.5, sigmaA2: 1 };
    for (const d of [3, 20]) {
      const L = d === 3 ? 120 : 30;
      const h = (u: number) => nngpKernel(spec, 1.5, 1.5 * u, 1.5);
      const lam = degreeProjections(sphereRule(d, L), h, L);
      let trace = 0;
      for (let l = 0; l <= L; l++) trace += sphereDegeneracy(d, l) * lam[l];
      expect(Math.abs(trace - h(1))).toBeLessThan(1e-6 * h(1));
      for (let l = 0; l <= L; l++) expect(lam[l]).toBeGreaterThan(-1e-15);
    }
    // d^l λ_l converges as d grows (the degree-l eigenvalue scales as d^{−l})
    const h = (u: number) => nngpKernel({ ...spec, depth: 1 }, 1.5, 1.5 * u, 1.5);
    const scaled = (d: number, l: number) => degreeProjections(sphereRule(d, 4), h, 4)[l]! * d ** l;
    for (const l of [1, 3]) expect(Math.abs(scaled(4000, l) / scaled(8000, l) - 1)).toBeLessThan(2e-3);
  });

  it('the eigenvalues of K/n on n uniform points approach the operator eigenvalues with their multiplicities', () => {
    // d = 4, ReLU: degree 0 (1 mode), 1 (4 modes), 2 (9 modes) on top
    const d = 4;
    const n = 700;
    const spec: NngpSpec = { activation: 'relu', depth: 1, sigmaW2: 1, sigmaA2: 1 };
    const lam = degreeProjections(sphereRule(d, 4), (u) => nngpKernel(spec, 1, u, 1), 4);
    const x = new Float64Array(n * d);
    const rng = createRng(3);
    rng.fillNormal(x);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += x[i * d + k] ** 2;
      for (let k = 0; k < d; k++) x[i * d + k] *= Math.sqrt(d / s);
    }
    const k = nngpGram(spec, isotropicCovariance(x, n, x, n, d, 1), n);
    for (let i = 0; i < n * n; i++) k[i] /= n;
    const ev = Array.from(symmetricEigenvalues(k, n)).reverse();
    const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
    // sampling error of the Nyström eigenvalues is O(1/√n) ≈ 4 % here
    expect(Math.abs(ev[0]! / lam[0]! - 1)).toBeLessThan(0.08);
    expect(Math.abs(mean(ev.slice(1, 5)) / lam[1]! - 1)).toBeLessThan(0.08);
    expect(Math.abs(mean(ev.slice(5, 14)) / lam[2]! - 1)).toBeLessThan(0.12);
    expect(lam[1]! / lam[2]!).toBeGreaterThan(2); // the groups are distinct
  });
});
