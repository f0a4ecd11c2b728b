/**
 * linear-net-scaling theory against independent references (field-theory note §4, §5.3, §9):
 * R2 (saddle Q − exact Q = O(1/N)), R3 (the σ̃² → 0 closed form is the root of §4.2), R4 (tree level:
 * one outlier Q_tree·σ_w²/d in ⟨wwᵀ⟩, means equal to the rescaled GP to machine precision), the
 * exact mixture against Monte Carlo over the Gamma prior and a direct quadrature with dense
 * determinants, and the NNGP mean against a direct solve.
 */
import { Matrix, determinant, solve } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { solveClosure } from '../../../core/models/linear-net-scaling/closure.js';
import { exactMixture, saddleQ } from '../../../core/models/linear-net-scaling/mixture.js';
import { kernelSpectrum, predictor, rescaledWeights } from '../../../core/models/linear-net-scaling/spectral.js';
import { createRng } from '../../../core/numerics/rng.js';

interface Problem {
  d: number;
  P: number;
  Pt: number;
  X: Float64Array;
  y: Float64Array;
  Xt: Float64Array;
  yt: Float64Array;
}

function problem(d: number, P: number, Pt: number, seed: number): Problem {
  const rng = createRng(seed);
  const w = new Float64Array(d);
  rng.fillNormal(w);
  const X = new Float64Array(P * d);
  const Xt = new Float64Array(Pt * d);
  rng.fillNormal(X);
  rng.fillNormal(Xt);
  const f = (A: Float64Array, m: number) => A.subarray(m * d, (m + 1) * d).reduce((s, v, k) => s + v * w[k]!, 0) / Math.sqrt(d);
  return { d, P, Pt, X, y: Float64Array.from({ length: P }, (_, m) => f(X, m)), Xt, yt: Float64Array.from({ length: Pt }, (_, m) => f(Xt, m)) };
}

/** K̂ = c XXᵀ (and the cross kernel to test rows) as dense matrices. */
function kernels(pr: Problem, c: number) {
  const { d, P, Pt, X, Xt } = pr;
  const dot = (A: Float64Array, m: number, B: Float64Array, n: number) => {
    let s = 0;
    for (let k = 0; k < d; k++) s += A[m * d + k]! * B[n * d + k]!;
    return s;
  };
  const K = Matrix.zeros(P, P);
  for (let m = 0; m < P; m++) for (let n = 0; n < P; n++) K.set(m, n, c * dot(X, m, X, n));
  const Ks = Matrix.zeros(Pt, P);
  for (let m = 0; m < Pt; m++) for (let n = 0; n < P; n++) Ks.set(m, n, c * dot(Xt, m, X, n));
  return { K, Ks };
}

/** The GP mean with kernel QK̂ by a direct solve. */
function rescaledGp(pr: Problem, c: number, Q: number, noise: number) {
  const { K, Ks } = kernels(pr, c);
  const A = K.clone().mul(Q).add(Matrix.eye(pr.P).mul(noise));
  const t = solve(A, Matrix.columnVector(Array.from(pr.y)));
  return { train: Float64Array.from(K.mmul(t).mul(Q).getColumn(0)), test: Float64Array.from(Ks.mmul(t).mul(Q).getColumn(0)) };
}

function maxRel(a: Float64Array, b: Float64Array): number {
  const scale = Math.max(...Array.from(b, Math.abs));
  return Math.max(...Array.from(a, (v, k) => Math.abs(v - b[k]!))) / scale;
}

const SIGMA = { w2: 1, a2: 1 };

describe('linear-net-scaling theory', () => {
  it('the NNGP mean (Q = 1) and every rescaled mean equal a direct solve of the GP', () => {
    for (const [d, P] of [
      [8, 12],
      [20, 6],
    ] as const) {
      const pr = problem(d, P, 7, 4);
      const c = (SIGMA.a2 * SIGMA.w2) / d;
      const spec = kernelSpectrum(pr.X, pr.y, pr.Xt, pr.yt, P, 7, d, c);
      for (const Q of [1, 0.7, 2.5]) {
        const mine = predictor(spec, rescaledWeights(spec, Q, 0.1));
        const ref = rescaledGp(pr, c, Q, 0.1);
        expect(maxRel(mine.train, ref.train)).toBeLessThan(1e-10);
        expect(maxRel(mine.test, ref.test)).toBeLessThan(1e-10);
      }
    }
  });

  it('R3: at σ̃² → 0 (P ≤ d) the saddle-point Q is ½[(1−α) + √((1−α)² + 4χr/N)], r = yᵀK̂⁻¹y, α = P/N', () => {
    const pr = problem(20, 8, 0, 9);
    const c = 1 / 20;
    const { K } = kernels(pr, c);
    const r = Matrix.columnVector(Array.from(pr.y)).transpose().mmul(solve(K, Matrix.columnVector(Array.from(pr.y)))).get(0, 0);
    const spec = kernelSpectrum(pr.X, pr.y, pr.Xt, pr.yt, pr.P, 0, pr.d, c);
    for (const N of [4, 16, 64]) {
      for (const chi of [1, N / 2, N]) {
        const alpha = pr.P / N;
        const closed = 0.5 * (1 - alpha + Math.sqrt((1 - alpha) ** 2 + (4 * chi * r) / N));
        const root = saddleQ(spec, { N, chi, noise: 1e-13 }, false);
        expect(Math.abs(root / closed - 1), `N=${N} χ=${chi}`).toBeLessThan(1e-8);
      }
    }
  });

  it('the exact mixture’s E[Q|y] and posterior mean agree with Monte Carlo over the Gamma prior (χ = 1) and a dense quadrature in Q (χ = N)', () => {
    const pr = problem(8, 12, 5, 2);
    const c = 1 / 8;
    const noise = 0.1;
    const { K, Ks } = kernels(pr, c);
    const Y = Matrix.columnVector(Array.from(pr.y));
    /** log p(y|Q) up to a Q-independent constant, and the conditional test mean, by dense algebra. */
    const atQ = (Q: number, chi: number) => {
      const A = K.clone().mul(Q).add(Matrix.eye(pr.P).mul(noise));
      const t = solve(A, Y);
      const quad = Y.transpose().mmul(t).get(0, 0);
      return { logLik: -0.5 * Math.log(determinant(A)) - 0.5 * chi * quad, test: Ks.mmul(t).mul(Q).getColumn(0) };
    };
    const spec = kernelSpectrum(pr.X, pr.y, pr.Xt, pr.yt, pr.P, pr.Pt, pr.d, c);

    // χ = 1, N = 12: self-normalised importance sampling from Q ~ χ²_N/N = Gamma(N/2, N/2).
    {
      const N = 12;
      const rng = createRng(77);
      const M = 20_000;
      const logw: number[] = [];
      const Qs: number[] = [];
      const tests: number[][] = [];
      for (let s = 0; s < M; s++) {
        let q = 0;
        for (let k = 0; k < N; k++) q += rng.normal() ** 2;
        q /= N;
        const a = atQ(q, 1);
        Qs.push(q);
        logw.push(a.logLik);
        tests.push(a.test);
      }
      const top = Math.max(...logw);
      const w = logw.map((l) => Math.exp(l - top));
      const W = w.reduce((s, v) => s + v, 0);
      const EQ = Qs.reduce((s, q, i) => s + q * w[i]!, 0) / W;
      const ess = W ** 2 / w.reduce((s, v) => s + v * v, 0);
      expect(ess).toBeGreaterThan(1000);
      const ex = exactMixture(spec, { N, chi: 1, noise });
      expect(Math.abs(ex.Q / EQ - 1)).toBeLessThan(0.01);
      const mcTest = Float64Array.from({ length: pr.Pt }, (_, m) => tests.reduce((s, t, i) => s + t[m]! * w[i]!, 0) / W);
      expect(maxRel(predictor(spec, ex.g).test, mcTest)).toBeLessThan(0.005);
    }

    // χ = N = 12: a dense trapezoid in Q ∈ (0, 20] with the Gamma density and dense determinants.
    {
      const N = 12;
      const chi = 12;
      const n = 2000;
      const h = 20 / n;
      const logs: number[] = [];
      const Qs: number[] = [];
      const tests: number[][] = [];
      for (let i = 1; i <= n; i++) {
        const Q = i * h;
        const a = atQ(Q, chi);
        Qs.push(Q);
        logs.push((N / 2 - 1) * Math.log(Q) - (N * Q) / 2 + a.logLik);
        tests.push(a.test);
      }
      const top = Math.max(...logs);
      const w = logs.map((l, i) => Math.exp(l - top) * (i === n - 1 ? 0.5 : 1));
      const W = w.reduce((s, v) => s + v, 0);
      const EQ = Qs.reduce((s, q, i) => s + q * w[i]!, 0) / W;
      const ex = exactMixture(spec, { N, chi, noise });
      expect(Math.abs(ex.Q / EQ - 1)).toBeLessThan(1e-6);
      const ref = Float64Array.from({ length: pr.Pt }, (_, m) => tests.reduce((s, t, i) => s + t[m]! * w[i]!, 0) / W);
      expect(maxRel(predictor(spec, ex.g).test, ref)).toBeLessThan(1e-6);
    }
  });

  it('R2: the saddle-point Q differs from the exact mixture’s E[Q|y] by O(1/N) (at χ = N exactly 1/N, at χ = 1 even 1/N²)', () => {
    const pr = problem(8, 12, 0, 2);
    const spec = kernelSpectrum(pr.X, pr.y, pr.Xt, pr.yt, pr.P, 0, pr.d, 1 / 8);
    const Ns = [12, 48, 192, 768, 3072];
    const gap = (N: number, chi: number) => {
      const m = { N, chi, noise: 0.1 };
      return Math.abs(saddleQ(spec, m, false) - exactMixture(spec, m).Q);
    };
    // Mean-field: N·|ΔQ| settles to a constant.
    const mf = Ns.map((N) => N * gap(N, N));
    for (const v of mf) expect(v).toBeLessThan(1.05 * mf[0]!);
    expect(Math.abs(mf[4]! / mf[3]! - 1)).toBeLessThan(0.01);
    // Standard scaling: both Q → 1 with the same 1/N term, so N²·|ΔQ| settles.
    const st = Ns.map((N) => N * N * gap(N, 1));
    for (let i = 0; i < Ns.length; i++) expect(st[i]! / Ns[i]!).toBeLessThan(1.05 * (st[0]! / Ns[0]!));
    expect(Math.abs(st[4]! / st[3]! - 1)).toBeLessThan(0.01);
  });

  it('R4: the tree-level closure has one eigenvalue Q_tree·σ_w²/d, the rest σ_w²/d, and its means are the rescaled GP to machine precision', () => {
    for (const [N, chi] of [
      [12, 1],
      [12, 12],
      [48, 48],
    ] as const) {
      const pr = problem(8, 12, 6, 3);
      const c = 1 / 8;
      const noise = 0.1;
      const spec = kernelSpectrum(pr.X, pr.y, pr.Xt, pr.yt, pr.P, pr.Pt, pr.d, c);
      const Qt = saddleQ(spec, { N, chi, noise }, true);
      const [sol] = solveClosure(
        { X: pr.X, y: pr.y, Xtest: pr.Xt, P: pr.P, Ptest: pr.Pt, d: pr.d, N, sigma_w2: 1, sigma_a2: 1, noise },
        [chi],
        { tree: true },
      );
      expect(sol).toBeDefined();
      expect(Math.abs(sol!.spectrum[0]! / Qt - 1), `N=${N} χ=${chi} spike`).toBeLessThan(1e-9);
      for (let k = 1; k < pr.d; k++) expect(Math.abs(sol!.spectrum[k]! - 1)).toBeLessThan(1e-9);
      const gp = rescaledGp(pr, c, Qt, noise);
      expect(maxRel(sol!.train, gp.train)).toBeLessThan(1e-9);
      expect(maxRel(sol!.test, gp.test)).toBeLessThan(1e-9);
      // A uniform rescaling would put every eigenvalue at Q; the tree level moves one.
      expect(Qt).toBeGreaterThan(1.05);
    }
  });

  it('computes the exact mixture at P = 1000, d = 64 in well under a second', () => {
    const pr = problem(64, 1000, 200, 5);
    const t0 = performance.now();
    const spec = kernelSpectrum(pr.X, pr.y, pr.Xt, pr.yt, pr.P, pr.Pt, pr.d, 1 / 64);
    const ex = exactMixture(spec, { N: 64, chi: 64, noise: 0.1 });
    predictor(spec, ex.g);
    const ms = performance.now() - t0;
    expect(Number.isFinite(ex.Q)).toBe(true);
    expect(ms).toBeLessThan(3000); // bench: test/bench (under a second on an idle core)
  });
});
