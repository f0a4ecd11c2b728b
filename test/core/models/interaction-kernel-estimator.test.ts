/**
 * The pieces of the `interaction-kernel` estimator against independent references: the two
 * forward conventions (K8), the normal equations against their definition built one basis function
 * at a time, the tamed solve against ml-matrix, coercivity of the sample normal matrix (K1) and
 * exact recovery of a kernel in the hypothesis space without noise (K6).
 */
import { EigenvalueDecomposition, Matrix, inverse } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { fitOnce } from '../../../core/models/interaction-kernel/fit.js';
import { forwardMap } from '../../../core/models/interaction-kernel/forward.js';
import { interactionKernel as kind } from '../../../core/models/interaction-kernel/index.js';
import { sampleParticles } from '../../../core/models/interaction-kernel/laws.js';
import { NormalEquations } from '../../../core/models/interaction-kernel/normal-equations.js';
import type { InteractionKernelInput } from '../../../core/models/interaction-kernel/params.js';
import { type Setup, basisFor, buildSetup } from '../../../core/models/interaction-kernel/setup.js';
import { symmetricEigenvalues, tamedSolve } from '../../../core/models/interaction-kernel/tamed-solve.js';
import { runKind } from '../../../core/models/run-kind.js';
import { createRng } from '../../../core/numerics/rng.js';
import { ctx } from './ctx.js';

const params = (over: InteractionKernelInput = {}) => kind.params.parse({ bias_variance: { enabled: false }, ...over });

function randomParticles(N: number, d: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const x = new Float64Array(N * d);
  rng.fillNormal(x);
  return x;
}

/** The sample normal matrix A_hat of M samples (no noise needed), from the module's accumulator. */
function normalMatrix(setup: Setup, K: number, M: number, seed: number): { A: Float64Array; n: number } {
  const basis = basisFor(setup, K);
  const { N, d, law, form } = setup.p;
  const eq = new NormalEquations(basis, form, N, d);
  const rng = createRng(seed);
  const x = new Float64Array(N * d);
  const y = new Float64Array(N * d);
  for (let m = 0; m < M; m++) {
    sampleParticles(law, x, rng);
    eq.add(x, y);
  }
  return { A: eq.finish().A, n: basis.size };
}

describe('interaction-kernel forward maps', () => {
  it('K8 convention switch: the dynamics map of phi equals the static map of ((N-1)/N) r phi to 1e-12', () => {
    const phiDyn = (r: number) => Math.exp(-r) * Math.sin(3 * r) + 0.2;
    for (const [N, d] of [[2, 1], [4, 3], [7, 2]] as const) {
      const x = randomParticles(N, d, 100 + N);
      const dyn = new Float64Array(N * d);
      const stat = new Float64Array(N * d);
      forwardMap('dynamics', N, d, x, phiDyn, dyn);
      forwardMap('static', N, d, x, (r) => ((N - 1) / N) * r * phiDyn(r), stat);
      for (let i = 0; i < N * d; i++) expect(Math.abs(dyn[i] - stat[i]), `N=${N} d=${d}`).toBeLessThan(1e-12);
    }
  });

  it('static map: one pair at distance r pushes each particle by phi(r)/(N-1) along the unit vector to the other', () => {
    const x = Float64Array.of(0, 0, 3, 4); // N = 2, d = 2, r = 5
    const out = new Float64Array(4);
    forwardMap('static', 2, 2, x, (r) => r * r, out);
    expect(Array.from(out)).toEqual([25 * 0.6, 25 * 0.8, -25 * 0.6, -25 * 0.8]);
  });
});

describe('interaction-kernel normal equations', () => {
  it('equal their definition (1/(MN)) sum <R_psi_a, R_psi_b>, <R_psi_a, Y> built one basis function at a time', () => {
    for (const form of ['static', 'dynamics'] as const) {
      const p = params({ N: 4, d: 2, form, law: 'gaussian', basis: { degree: 2, c: 3, knots: 'quantile' } });
      const setup = buildSetup(p, 1);
      const basis = basisFor(setup, 4);
      const n = basis.size;
      const eq = new NormalEquations(basis, form, 4, 2);
      const A = new Float64Array(n * n);
      const b = new Float64Array(n);
      const rng = createRng(77);
      const M = 40;
      const R = Array.from({ length: n }, () => new Float64Array(8));
      const unit = new Float64Array(n);
      for (let m = 0; m < M; m++) {
        const x = new Float64Array(8);
        const y = new Float64Array(8);
        rng.fillNormal(x);
        rng.fillNormal(y);
        eq.add(x, y);
        for (let a = 0; a < n; a++) {
          unit.fill(0);
          unit[a] = 1;
          forwardMap(form, 4, 2, x, (r) => basis.evaluate(unit, r), R[a]!);
        }
        for (let a = 0; a < n; a++) {
          for (let c = 0; c < 8; c++) b[a] += R[a]![c] * y[c];
          for (let q = 0; q < n; q++) for (let c = 0; c < 8; c++) A[a * n + q] += R[a]![c] * R[q]![c];
        }
      }
      const got = eq.finish();
      for (let i = 0; i < n * n; i++) expect(Math.abs(got.A[i] - A[i] / (M * 4)), `${form} A[${i}]`).toBeLessThan(1e-12);
      for (let i = 0; i < n; i++) expect(Math.abs(got.b[i] - b[i] / (M * 4)), `${form} b[${i}]`).toBeLessThan(1e-12);
    }
  });
});

describe('interaction-kernel tamed solve', () => {
  const n = 30;
  const rng = createRng(3);
  const G = new Float64Array(n * n);
  rng.fillNormal(G);
  const A = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    let s = i === j ? 0.5 : 0;
    for (let k = 0; k < n; k++) s += (G[i * n + k] * G[j * n + k]) / n;
    A[i * n + j] = s;
  }
  const b = Float64Array.from({ length: n }, (_, i) => Math.sin(i));
  const ref = new Matrix(Array.from({ length: n }, (_, i) => Array.from(A.subarray(i * n, i * n + n))));

  it('finds the eigenvalues ml-matrix finds, and the solve and tr(A^-1) of its inverse', () => {
    const mine = symmetricEigenvalues(A, n);
    const theirs = new EigenvalueDecomposition(ref, { assumeSymmetric: true }).realEigenvalues.sort((u, v) => u - v);
    for (let i = 0; i < n; i++) expect(Math.abs(mine[i] - theirs[i]!)).toBeLessThan(1e-12);
    const s = tamedSolve(A, b, n, 0.01);
    expect(s.tamed).toBe(false);
    const inv = inverse(ref);
    let trace = 0;
    for (let i = 0; i < n; i++) trace += inv.get(i, i);
    expect(Math.abs(s.traceInverse - trace) / trace).toBeLessThan(1e-12);
    for (let i = 0; i < n; i++) {
      let r = -b[i];
      for (let j = 0; j < n; j++) r += A[i * n + j] * s.theta[j];
      expect(Math.abs(r)).toBeLessThan(1e-12);
    }
    expect(s.condition).toBeCloseTo(theirs[n - 1]! / theirs[0]!, 8);
  });

  it('returns theta = 0 and says so when lambda_min is at or below the threshold', () => {
    const lmin = symmetricEigenvalues(A, n)[0];
    const s = tamedSolve(A, b, n, lmin * 1.0001);
    expect(s.tamed).toBe(true);
    expect(Array.from(s.theta).every((v) => v === 0)).toBe(true);
    expect(s.lambdaMin).toBe(lmin);
  });
});

describe('interaction-kernel coercivity (K1)', () => {
  it.each([
    [2, 10, 1],
    [3, 10, 1],
    [3, 5, 3],
    [5, 10, 1],
  ])('K1: N = %i, K = %i, s = %i, M = 2e5 uniform particles: (N-1) lambda_min(A_hat) in [0.93, 1.02]', (N, K, s) => {
    const setup = buildSetup(params({ N, basis: { degree: s, c: 3, knots: 'quantile' } }), 1);
    const { A, n } = normalMatrix(setup, K, 200_000, 1000 + N + K);
    expect(n).toBeLessThanOrEqual(20);
    const ev = symmetricEigenvalues(A, n);
    const scaled = (N - 1) * ev[0];
    expect(scaled).toBeGreaterThanOrEqual(0.93);
    expect(scaled).toBeLessThanOrEqual(1.02);
    if (N === 2) {
      // N = 2: (1/N) E ||R_h||^2 = ||h||^2 exactly, so A_hat -> I.
      expect(Math.max(Math.abs(ev[0] - 1), Math.abs(ev[n - 1] - 1))).toBeLessThanOrEqual(0.06);
    }
  });
});

describe('interaction-kernel exactness (K6)', () => {
  it.each(['static', 'dynamics'] as const)('K6 (%s form): sigma = 0 and phi* in the hypothesis space (same knots) give error < 1e-20 once M is a few times n', (form) => {
    const p = params({ N: 3, noise: 0, form, basis: { degree: 1, c: 3, knots: 'quantile' } });
    const base = buildSetup(p, 5);
    const K = 8;
    const basis = basisFor(base, K);
    const coef = Float64Array.from({ length: basis.size }, (_, i) => Math.cos(1.7 * i) * (1 + i / 4));
    const setup: Setup = { ...base, kernel: { phi: (r) => basis.evaluate(coef, r), feature: 0.05, label: 'piecewise linear' } };
    for (const M of [8 * basis.size, 1000, 4000]) {
      const fit = fitOnce({ setup, M, K, seed: 11, repetition: 0 });
      expect(fit.tamed, `M = ${M}`).toBe(false);
      expect(fit.error, `M = ${M}`).toBeLessThan(1e-20);
    }
  });

  it.each(['static', 'dynamics'] as const)('K6 through the kind (%s form): a quadratic phi* with piecewise quadratics and sigma = 0 is recovered at every M', (form) => {
    const p = params({ noise: 0, form, kernel: { kind: 'expression', expression: '1 - 2*r + 3*r^2' }, basis: { degree: 2, c: 3 }, M_min: 64, M_max: 2048, M_points: 4, reps: 2 });
    const r = runKind(kind, p, ctx(3, 1));
    const errors = r.series.filter((s) => s.name === 'error' && s.replica !== undefined).flatMap((s) => Array.from(s.y));
    expect(errors.length).toBe(8);
    for (const e of errors) expect(e).toBeLessThan(1e-20);
    expect(r.scalars.tamed_fraction).toBe(0);
  });
});
