import { describe, expect, it } from 'vitest';
import { createRng } from '../../../core/numerics/rng.js';
import { solveDense } from '../../../core/numerics/small-linear.js';
import {
  type GroupedSpectrum,
  choleskyInPlace,
  choleskySolveInPlace,
  effectiveRidge,
  gpPosterior,
  learnability,
  learningCurvePoint,
  symmetricEigen,
  symmetricEigenvalues,
} from '../../../core/numerics/gp/index.js';

/** A random SPD matrix B Bᵀ/m + δ I (n×n). */
function randomSpd(n: number, seed: number, delta = 1e-3): Float64Array {
  const rng = createRng(seed);
  const m = n + 3;
  const b = new Float64Array(n * m);
  rng.fillNormal(b);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < m; k++) s += b[i * m + k] * b[j * m + k];
      a[i * n + j] = s / m + (i === j ? delta : 0);
    }
  }
  return a;
}

/** x = A⁻¹ b by Gaussian elimination with partial pivoting (an independent solver). */
function directSolve(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const lu = Float64Array.from(a);
  const x = Float64Array.from(b);
  if (!solveDense(lu, x, n)) throw new Error('singular');
  return x;
}

describe('GP regression (theory note §3)', () => {
  it('G1: the posterior mean and variance equal a direct solve to 1e-10 on random SPD kernels', () => {
    for (const [n, m, seed] of [
      [12, 5, 1],
      [40, 7, 2],
      [80, 3, 3],
    ] as const) {
      // a joint SPD kernel over n training and m test points
      const joint = randomSpd(n + m, seed);
      const N = n + m;
      const k = new Float64Array(n * n);
      const kStar = new Float64Array(m * n);
      const kss = new Float64Array(m);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) k[i * n + j] = joint[i * N + j];
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < n; j++) kStar[i * n + j] = joint[(n + i) * N + j];
        kss[i] = joint[(n + i) * N + n + i];
      }
      const y = new Float64Array(n);
      createRng(seed + 100).fillNormal(y);
      const noise = 0.05;
      const post = gpPosterior(k, n, kStar, kss, m, y, noise);
      const kn = Float64Array.from(k);
      for (let i = 0; i < n; i++) kn[i * n + i] += noise;
      const t = directSolve(kn, y, n);
      for (let i = 0; i < n; i++) expect(Math.abs(post.t[i] - t[i])).toBeLessThan(1e-10 * Math.max(1, Math.abs(t[i])));
      for (let i = 0; i < m; i++) {
        const ks = kStar.subarray(i * n, (i + 1) * n);
        let mean = 0;
        for (let j = 0; j < n; j++) mean += ks[j] * t[j];
        const u = directSolve(kn, ks, n);
        let q = 0;
        for (let j = 0; j < n; j++) q += ks[j] * u[j];
        expect(Math.abs(post.mean[i] - mean)).toBeLessThan(1e-10);
        expect(Math.abs(post.variance[i] - (kss[i] - q))).toBeLessThan(1e-10);
        expect(post.variance[i]).toBeGreaterThan(0);
      }
      // y − f̄_train = σ² t: predicting the training points themselves
      const self = gpPosterior(k, n, k, new Float64Array(n), n, y, noise);
      for (let i = 0; i < n; i++) expect(Math.abs(y[i] - self.mean[i] - noise * post.t[i])).toBeLessThan(1e-10);
      // log evidence against the determinant from the eigenvalues of K + σ²I
      const ev = symmetricEigenvalues(kn, n);
      let logDet = 0;
      for (const v of ev) logDet += Math.log(v);
      let quad = 0;
      for (let i = 0; i < n; i++) quad += y[i] * t[i];
      expect(Math.abs(post.logEvidence - (-0.5 * quad - 0.5 * logDet - 0.5 * n * Math.log(2 * Math.PI)))).toBeLessThan(1e-9 * n);
    }
  });

  it('one Cholesky factor serves every nested training set (its leading blocks)', () => {
    const n = 30;
    const a = randomSpd(n, 7);
    const l = Float64Array.from(a);
    expect(choleskyInPlace(l, n)).toBe(-1);
    const b = new Float64Array(n);
    createRng(8).fillNormal(b);
    for (const k of [1, 5, 17, 30]) {
      const x = Float64Array.from(b);
      choleskySolveInPlace(l, n, k, x);
      const block = new Float64Array(k * k);
      for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) block[i * k + j] = a[i * n + j];
      const ref = directSolve(block, b.subarray(0, k), k);
      for (let i = 0; i < k; i++) expect(Math.abs(x[i] - ref[i])).toBeLessThan(1e-10 * Math.max(1, Math.abs(ref[i])));
    }
    const notSpd = Float64Array.from([1, 2, 2, 1]);
    expect(choleskyInPlace(notSpd, 2)).toBe(1);
  });

  it('the symmetric eigensolvers satisfy A v = λ v with orthonormal vectors and agree with each other', () => {
    for (const n of [1, 2, 7, 60]) {
      const a = randomSpd(n, 20 + n, 0);
      for (let i = 0; i < n; i++) a[i * n + i] -= 0.5; // indefinite
      const { values, vectors } = symmetricEigen(a, n);
      const only = symmetricEigenvalues(a, n);
      for (let k = 0; k < n; k++) {
        expect(Math.abs(only[k] - values[k])).toBeLessThan(1e-12 * n);
        if (k > 0) expect(values[k]).toBeGreaterThanOrEqual(values[k - 1]);
        for (let i = 0; i < n; i++) {
          let s = 0;
          for (let j = 0; j < n; j++) s += a[i * n + j] * vectors[j * n + k];
          expect(Math.abs(s - values[k] * vectors[i * n + k])).toBeLessThan(1e-12 * n);
        }
        for (let l = 0; l < n; l++) {
          let s = 0;
          for (let i = 0; i < n; i++) s += vectors[i * n + k] * vectors[i * n + l];
          expect(Math.abs(s - (k === l ? 1 : 0))).toBeLessThan(1e-12 * n);
        }
      }
      let trace = 0;
      let sum = 0;
      for (let i = 0; i < n; i++) trace += a[i * n + i];
      for (const v of values) sum += v;
      expect(Math.abs(trace - sum)).toBeLessThan(1e-12 * n);
    }
  });
});

describe('eigenvalues of a low-rank kernel matrix', () => {
  it('converge for the many zero eigenvalues of a linear kernel on n ≫ d points (trace and rank kept)', () => {
    const [n, d] = [400, 30];
    const x = new Float64Array(n * d);
    createRng(4).fillNormal(x);
    const k = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let c = 0; c < d; c++) k[i * n + j] += (x[i * d + c] * x[j * d + c]) / (d * n);
    const ev = symmetricEigenvalues(k, n);
    const full = symmetricEigen(k, n).values;
    let trace = 0;
    for (let i = 0; i < n; i++) trace += k[i * n + i];
    expect(Math.abs(ev.reduce((a, b) => a + b, 0) - trace)).toBeLessThan(1e-13);
    for (let i = 0; i < n; i++) expect(Math.abs(ev[i] - full[i])).toBeLessThan(1e-13);
    expect(ev.filter((v) => v > 1e-10).length).toBe(d);
  });
});

describe('renormalised ridge and equivalent kernel (theory note §3)', () => {
  const spectrum = (lambda: number[], mult: number[], power: number[], tailTrace = 0, tailPower = 0): GroupedSpectrum => ({
    lambda: Float64Array.from(lambda),
    multiplicity: Float64Array.from(mult),
    power: Float64Array.from(power),
    tailTrace,
    tailPower,
  });

  it('G1: κ_eff solves its equation, matches the closed-form root for one group, is ≥ σ̃² and tends to σ̃² as P → ∞', () => {
    // one group (m modes, eigenvalue λ): P t² + (Pλ − σ² − mλ) t − σ²λ = 0 with t = κ/P
    const [lam, m, s2] = [0.3, 7, 0.02];
    const one = spectrum([lam], [m], [1]);
    for (const P of [1, 3, 7, 20, 1000]) {
      const b = P * lam - s2 - m * lam;
      const t = (-b + Math.sqrt(b * b + 4 * P * s2 * lam)) / (2 * P);
      expect(Math.abs(effectiveRidge(one, P, s2) - P * t)).toBeLessThan(1e-12 * P * t);
    }
    // a power-law spectrum with a tail
    const lambdas = Array.from({ length: 200 }, (_, k) => (k + 1) ** -1.5);
    const s = spectrum(lambdas, lambdas.map(() => 1), lambdas.map((_, k) => (k + 1) ** -1.2), 1e-3, 0);
    let previous = Infinity;
    for (const P of [1, 10, 100, 1e3, 1e4, 1e6, 1e9]) {
      const kappa = effectiveRidge(s, P, s2);
      const t = kappa / P;
      let rhs = s2 + 1e-3;
      for (const l of lambdas) rhs += (l * t) / (l + t);
      expect(Math.abs(kappa - rhs)).toBeLessThan(1e-12 * kappa);
      expect(kappa).toBeGreaterThanOrEqual(s2);
      expect(kappa).toBeLessThanOrEqual(previous);
      previous = kappa;
    }
    // without a tail κ_eff → σ̃²
    const clean = spectrum(lambdas, lambdas.map(() => 1), lambdas.map(() => 0));
    expect(effectiveRidge(clean, 1e9, s2) / s2 - 1).toBeLessThan(1e-5);
    expect(effectiveRidge(clean, 1e3, s2) / s2 - 1).toBeGreaterThan(1e-3);
  });

  it('G1: EK learnability is λ/(λ + σ̃²/P), the limit of the renormalised one as κ_eff → σ̃²', () => {
    const s = spectrum([0.5, 0.05, 0.005], [1, 3, 9], [0.6, 0.3, 0.1]);
    const s2 = 0.01;
    for (const P of [2, 10, 100, 1e4, 1e8]) {
      const pt = learningCurvePoint(s, P, s2);
      let ek = 0;
      let rr = 0;
      let sumL2 = 0;
      for (let j = 0; j < 3; j++) {
        const lek = s.lambda[j] / (s.lambda[j] + s2 / P);
        expect(learnability(s.lambda[j], s2, P)).toBe(lek);
        ek += (1 - lek) ** 2 * s.power[j];
        const l = s.lambda[j] / (s.lambda[j] + pt.kappaEff / P);
        rr += (1 - l) ** 2 * s.power[j];
        sumL2 += s.multiplicity[j] * l * l;
      }
      expect(Math.abs(pt.testErrorEK - ek)).toBeLessThan(1e-15);
      expect(Math.abs(pt.testErrorRR - (P / (P - sumL2)) * rr)).toBeLessThan(1e-12 * pt.testErrorRR);
      // large P: κ_eff/σ̃² ≈ 1 + M/P and E₀ ≈ 1 + M/P with M = 13 modes, so RR/EK ≈ 1 + 3M/P
      if (P >= 1e4) expect(Math.abs((pt.testErrorRR / pt.testErrorEK - 1) / (39 / P) - 1)).toBeLessThan(0.02);
    }
  });

  it('label noise enters as E₀ ε² − ε², and the tail adds its trace to κ_eff and its power to the error', () => {
    const base = spectrum([0.2], [4], [1]);
    const P = 10;
    const a = learningCurvePoint(base, P, 0.01, 0);
    const b = learningCurvePoint(base, P, 0.01, 0.3);
    expect(Math.abs(b.testErrorRR - a.testErrorRR - 0.3 * (a.e0 - 1))).toBeLessThan(1e-14);
    const withTail = learningCurvePoint(spectrum([0.2], [4], [1], 0.05, 0.2), P, 0.01);
    expect(Math.abs(withTail.kappaEff - effectiveRidge(base, P, 0.06))).toBeLessThan(1e-13);
    const l = 0.2 / (0.2 + withTail.kappaEff / P);
    expect(Math.abs(withTail.testErrorRR - withTail.e0 * ((1 - l) ** 2 + 0.2))).toBeLessThan(1e-13);
  });
});
