/**
 * The pieces of the `attention-pairwise` estimators against independent references: exact
 * recovery of a spline phi from noise-free outputs (its planted coefficients), the moment matrix
 * against the direct double sum, the spectral start against the planted A* (Stein's lemma), the
 * analytic variable-projection gradient against finite differences of the reduced residual, the
 * invariance of the error metric (note check A4), Marsden's identity for the continued random
 * spline, and the parameter checks.
 */
import { describe, expect, it } from 'vitest';
import { attentionParams } from '../../../core/models/attention-pairwise/params.js';
import { fitAtA, fitJoint, gaussNewtonSystem, momentMatrix, rebalance, spectralStart } from '../../../core/models/attention-pairwise/joint.js';
import { type PairwiseEstimate, pairError, plantedValues } from '../../../core/models/attention-pairwise/metric.js';
import { fitSpline, pairValues, project } from '../../../core/models/attention-pairwise/pair-fit.js';
import { evaluationPairs } from '../../../core/models/attention-pairwise/simulate.js';
import { BSplineBasis, ContinuedSpline, clampedValue } from '../../../core/models/attention-pairwise/spline-basis.js';
import { type Samples, drawSamples } from '../../../core/models/attention-pairwise/tokens.js';
import { type Activation, type LowRank, type Truth, plantedModel } from '../../../core/models/attention-pairwise/truth.js';
import { createRng } from '../../../core/numerics/rng.js';

function randomLowRank(d: number, r: number, seed: number, scale = 1): LowRank {
  const rng = createRng(seed);
  const P = new Float64Array(d * r);
  const Q = new Float64Array(d * r);
  rng.fillNormal(P);
  rng.fillNormal(Q);
  for (let k = 0; k < d * r; k++) {
    P[k] *= scale;
    Q[k] *= scale;
  }
  return { d, r, P, Q };
}

function samples(truth: Truth, opts: { d: number; N: number; M: number; noise: number; law?: 'uniform' | 'gaussian'; seed?: number }): Samples {
  return drawSamples({ law: opts.law ?? 'uniform', N: opts.N, d: opts.d, noise: opts.noise, seed: opts.seed ?? 11, replica: 0 }, truth, opts.M, {}, 0);
}

function pairsOf(data: Samples, A: LowRank): Float64Array {
  const a = new Float64Array(data.M * data.N * A.r);
  const b = new Float64Array(data.M * data.N * A.r);
  project(A, data.X, data.M * data.N, a, b);
  const u = new Float64Array(data.M * data.N * (data.N - 1));
  pairValues(data.M, data.N, A.r, a, b, u);
  return u;
}

/** |<A, B>_F| / (|A|_F |B|_F) for A = P Q^T, B = P' Q'^T. */
function cosine(A: LowRank, B: LowRank): number {
  const d = A.d;
  const full = (X: LowRank) => {
    const out = new Float64Array(d * d);
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) for (let k = 0; k < X.r; k++) out[i * d + j] += X.P[i * X.r + k] * X.Q[j * X.r + k];
    return out;
  };
  const a = full(A);
  const b = full(B);
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let k = 0; k < d * d; k++) {
    ab += a[k] * b[k];
    aa += a[k] * a[k];
    bb += b[k] * b[k];
  }
  return Math.abs(ab) / Math.sqrt(aa * bb);
}

describe('attention-pairwise: the B-spline least squares for phi', () => {
  it('recovers the coefficients of a spline phi on the same breakpoints from noise-free outputs', () => {
    const A = randomLowRank(3, 2, 5, 0.6);
    // The tokens do not depend on phi: draw them once to place breakpoints at quantiles of u.
    const first = samples({ A, phi: { value: Math.sin }, L: 100 }, { d: 3, N: 4, M: 400, noise: 0 });
    const sorted = pairsOf(first, A).sort();
    const q = (f: number) => sorted[Math.round(f * (sorted.length - 1))]!;
    const breaks = Float64Array.of(q(0) - 0.01, q(0.15), q(0.3), q(0.5), q(0.7), q(0.85), q(1) + 0.01);
    const basis = new BSplineBasis(breaks, 3);
    const coef = Float64Array.from({ length: basis.size }, (_, k) => Math.sin(1.3 * k) + 0.2 * k);
    const phi: Activation = { value: (u) => clampedValue(basis, coef, u) };
    const data = samples({ A, phi, L: 100 }, { d: 3, N: 4, M: 400, noise: 0 });
    const fit = fitSpline(data, pairsOf(data, A), { intervals: 6, degree: 3, knots: 'quantile' }, {}, 0, breaks);
    expect(fit.ridge).toBe(0);
    for (let k = 0; k < coef.length; k++) expect(Math.abs(fit.coef[k] - coef[k]), `coefficient ${k}`).toBeLessThan(1e-9);
    expect(fit.rss).toBeLessThan(1e-18);
  });
});

describe('attention-pairwise: the joint estimator', () => {
  it('the moment matrix is the direct double sum (1/(M N (N-1))) sum_m sum_{i != k} Y_i X_i X_k^T', () => {
    const A = randomLowRank(4, 1, 8);
    const data = samples({ A, phi: { value: Math.sin }, L: 10 }, { d: 4, N: 3, M: 50, noise: 0.3 });
    const C = momentMatrix(data);
    const { M, N, d, X, Y } = data;
    for (let a = 0; a < d; a++) {
      for (let b = 0; b < d; b++) {
        let s = 0;
        for (let m = 0; m < M; m++) for (let i = 0; i < N; i++) for (let k = 0; k < N; k++) if (k !== i) s += Y[m * N + i] * X[(m * N + i) * d + a] * X[(m * N + k) * d + b];
        expect(C[a * d + b]).toBeCloseTo(s / (M * N * (N - 1)), 14);
      }
    }
  });

  it('spectral start: for Gaussian tokens the top singular pairs of C_hat span A* (Stein), rank 1 and rank 2', () => {
    for (const r of [1, 2]) {
      const p = attentionParams.parse({ d: 8, rank: r, law: 'gaussian', noise: 0.5 });
      const truth = plantedModel(p, 3);
      const data = samples(truth, { d: 8, N: 5, M: 20000, noise: 0.5, law: 'gaussian' });
      const start = spectralStart(momentMatrix(data), 8, r);
      expect(cosine(start, truth.A), `rank ${r}`).toBeGreaterThan(0.99);
    }
  });

  it('the analytic gradient J^T rho is the finite-difference gradient of RSS/2 with phi re-fitted on fixed breakpoints', () => {
    const d = 3;
    const r = 2;
    const truthA = randomLowRank(d, r, 21, 1.5);
    const data = samples({ A: truthA, phi: { value: (u) => Math.sin(2 * u) + 0.3 * u * u }, L: 10 }, { d, N: 4, M: 300, noise: 0.2 });
    const A = randomLowRank(d, r, 22, 1.5);
    const spline = { intervals: 6, degree: 3, knots: 'quantile' as const };
    // Breakpoints a little beyond the extreme pairs, so that no pair sits where the clamped
    // extension starts (a kink of the residual in A).
    const breaks = fitAtA(data, A, spline).basis.breaks.slice();
    breaks[0] -= 0.05;
    breaks[breaks.length - 1] += 0.05;
    const fit = fitAtA(data, A, spline, breaks);
    const { g } = gaussNewtonSystem(data, A, fit);
    const h = 1e-6;
    for (let q = 0; q < 2 * d * r; q++) {
      const at = (step: number) => {
        const B = { d, r, P: A.P.slice(), Q: A.Q.slice() };
        if (q < d * r) B.P[q] += step;
        else B.Q[q - d * r] += step;
        return fitAtA(data, B, spline, breaks).rss / 2;
      };
      const fd = (at(h) - at(-h)) / (2 * h);
      expect(Math.abs(g[q] - fd), `parameter ${q}: analytic ${g[q]}, finite difference ${fd}`).toBeLessThan(1e-5 * Math.max(1, Math.abs(fd)));
    }
  });

  it('rebalancing keeps the direction of A = P Q^T and sets |A|_F', () => {
    const A = randomLowRank(5, 3, 4);
    const before = { d: 5, r: 3, P: A.P.slice(), Q: A.Q.slice() };
    rebalance(A, 7);
    expect(cosine(A, before)).toBeGreaterThan(1 - 1e-12);
    let f = 0;
    for (let i = 0; i < 5; i++) {
      for (let j = 0; j < 5; j++) {
        let s = 0;
        for (let k = 0; k < 3; k++) s += A.P[i * 3 + k] * A.Q[j * 3 + k];
        f += s * s;
      }
    }
    expect(Math.sqrt(f)).toBeCloseTo(7, 10);
  });

  it('noise-free data: the joint fit finds the direction of A* from the spectral start (uniform tokens, rank 1)', () => {
    const p = attentionParams.parse({ d: 4, noise: 0 });
    const truth = plantedModel(p, 9);
    const data = samples(truth, { d: 4, N: 5, M: 1500, noise: 0 });
    // The moment start is only approximate for uniform tokens; the steps then find A*.
    expect(cosine(spectralStart(momentMatrix(data), 4, 1), truth.A)).toBeLessThan(0.9999);
    const joint = fitJoint(data, 1, { spline: { intervals: 10, degree: 3, knots: 'quantile' }, iterations: 40, tolerance: 1e-10 }, {}, 0, 1);
    expect(joint.steps).toBeGreaterThan(0);
    expect(cosine(joint.A, truth.A)).toBeGreaterThan(1 - 1e-6);
  });
});

describe('attention-pairwise: the error metric (A4)', () => {
  const p = attentionParams.parse({ d: 4, rank: 2, eval_pairs: 3000 });
  const truth = plantedModel(p, 17);
  const data = samples(truth, { d: 4, N: 5, M: 600, noise: 0.5 });
  const fit = fitSpline(data, pairsOf(data, truth.A), { intervals: 8, degree: 3, knots: 'quantile' }, {}, 0);
  const estimate: PairwiseEstimate = { A: truth.A, basis: fit.basis, coef: fit.coef };
  const pairs = evaluationPairs(p, 17, 0);
  const planted = plantedValues(truth.A, truth.phi, pairs);
  const base = pairError(estimate, pairs, planted, truth.L);

  /** The same g from (c A, phi(./c)): breakpoints scaled by c (reversed, with the coefficients, when c < 0). */
  function rescaled(c: number): PairwiseEstimate {
    const b = fit.basis.breaks;
    const breaks = c > 0 ? b.map((v) => c * v) : Float64Array.from(b, (_, k) => c * b[b.length - 1 - k]);
    const coef = c > 0 ? fit.coef.slice() : Float64Array.from(fit.coef, (_, k) => fit.coef[fit.coef.length - 1 - k]);
    return { A: { ...truth.A, P: truth.A.P.map((v) => c * v) }, basis: new BSplineBasis(breaks, fit.basis.degree), coef };
  }

  it.each([3, 0.37, -1, -2.5])('A4: the metric is unchanged (<= 1e-12 relative) under (A, phi) -> (c A, phi(./c)), c = %f', (c) => {
    expect(base).toBeGreaterThan(0);
    expect(Math.abs(pairError(rescaled(c), pairs, planted, truth.L) - base) / base).toBeLessThan(1e-12);
  });

  it('A4: the estimator on data planted with (c A*, phi*(./c)) has the same error, c = 4 and c = -2', () => {
    for (const c of [4, -2]) {
      const A = { ...truth.A, P: truth.A.P.map((v) => c * v) };
      const scaled: Truth = { A, phi: { value: (u) => truth.phi.value(u / c) }, L: truth.L };
      const other = samples(scaled, { d: 4, N: 5, M: 600, noise: 0.5 });
      const f = fitSpline(other, pairsOf(other, A), { intervals: 8, degree: 3, knots: 'quantile' }, {}, 0);
      const err = pairError({ A, basis: f.basis, coef: f.coef }, pairs, plantedValues(A, scaled.phi, pairs), truth.L);
      expect(Math.abs(err - base) / base, `c = ${c}`).toBeLessThan(1e-10);
    }
  });

  it('the estimate is clipped at L: with L = 0 the error is the mean of g*^2', () => {
    let mean = 0;
    for (const v of planted) mean += (v * v) / planted.length;
    expect(pairError(estimate, pairs, planted, 0)).toBeCloseTo(mean, 14);
  });
});

describe('attention-pairwise: the planted random spline', () => {
  it('continues its end polynomials outside the breakpoints (Marsden: Greville coefficients give x, symmetric products give x^2)', () => {
    for (const s of [1, 3, 5]) {
      const basis = new BSplineBasis(Float64Array.of(-1, -0.2, 0.1, 0.5, 1), s);
      const t = basis.knots;
      const lin = new Float64Array(basis.size);
      const quad = new Float64Array(basis.size);
      for (let k = 0; k < basis.size; k++) {
        const inner = Array.from({ length: s }, (_, j) => t[k + 1 + j]);
        lin[k] = inner.reduce((a, v) => a + v, 0) / s;
        let pairsSum = 0;
        for (let i = 0; i < s; i++) for (let j = i + 1; j < s; j++) pairsSum += inner[i] * inner[j];
        quad[k] = s >= 2 ? pairsSum / ((s * (s - 1)) / 2) : 0;
      }
      const line = new ContinuedSpline(basis, lin);
      // Extrapolation three intervals out amplifies rounding of the node values: 1e-9.
      for (const x of [-4, -1.5, -1, 0.3, 1, 2.5]) expect(line.value(x), `degree ${s}, x = ${x}`).toBeCloseTo(x, 9);
      if (s >= 2) {
        const parabola = new ContinuedSpline(basis, quad);
        for (const x of [-4, -1.5, 0.3, 2.5]) expect(parabola.value(x), `degree ${s}, x = ${x}`).toBeCloseTo(x * x, 9);
      }
    }
  });
});

describe('attention-pairwise parameters', () => {
  it('refuses a rank above d, M_max below M_min, and too many joint parameters, naming the parameter', () => {
    const issue = (input: Record<string, unknown>) => {
      const r = attentionParams.safeParse(input);
      expect(r.success).toBe(false);
      return r.success ? '' : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    };
    expect(issue({ d: 3, rank: 4 })).toMatch(/^rank: must be <= d = 3/);
    expect(issue({ M_min: 4096, M_max: 1024 })).toMatch(/^M_max: must be >= M_min = 4096/);
    expect(issue({ d: 600, rank: 1, estimator: 'joint' })).toMatch(/^d: the joint estimator fits 2 d r = 1200 parameters/);
    expect(issue({ N: 1 })).toMatch(/^N: must be an integer >= 2/);
    expect(issue({ law: 'cauchy' })).toMatch(/^law:/);
    expect(attentionParams.safeParse({ d: 600, rank: 1, estimator: 'oracle_A' }).success).toBe(true);
  });
});
