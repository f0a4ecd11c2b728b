/**
 * The equations of state of `adaptive-kernel` against independent references: the analytic
 * gradient against finite differences of an independently written kernel (note §5.2), check A1
 * (at N -> infinity Sigma = sigma_w2 I/d and the NNGP predictor, from a direct GP solve written here;
 * the approach to that limit and the chi annealing are continuous), and the tree level of the
 * linear network against its closed form (note §5.3: one outlier Q_tree, the rescaled-kernel GP).
 */
import { EigenvalueDecomposition, Matrix, solve } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { syntheticData } from '../../../core/models/adaptive-kernel/data.js';
import { EosWorkspace, priorCovariance } from '../../../core/models/adaptive-kernel/eos.js';
import { adaptiveKernel, adaptiveKernelParams } from '../../../core/models/adaptive-kernel/index.js';
import { type AdaptiveKernelInput } from '../../../core/models/adaptive-kernel/params.js';
import { eosProblem, eosTheory } from '../../../core/models/adaptive-kernel/theory.js';
import { runKind } from '../../../core/models/run-kind.js';
import { createRng } from '../../../core/numerics/rng.js';
import { ctx } from './ctx.js';

/** Reference pair kernels, written from the textbook forms (arcsin for erf, angle form for ReLU). */
function kappa(activation: string, a: number, c: number, b: number): number {
  if (activation === 'erf') return (2 / Math.PI) * Math.asin((2 * c) / Math.sqrt((1 + 2 * a) * (1 + 2 * b)));
  if (activation === 'relu') {
    const theta = Math.acos(Math.max(-1, Math.min(1, c / Math.sqrt(a * b))));
    return (Math.sqrt(a * b) / (2 * Math.PI)) * (Math.sin(theta) + (Math.PI - theta) * Math.cos(theta));
  }
  if (activation === 'square') return a * b + 2 * c * c; // Wick
  return c;
}

/** x^T S x' for row-major inputs. */
function quad(X: Float64Array, i: number, Y: Float64Array, j: number, S: Float64Array, d: number): number {
  let s = 0;
  for (let k = 0; k < d; k++) for (let l = 0; l < d; l++) s += X[i * d + k] * S[k * d + l] * Y[j * d + l];
  return s;
}

/** The GP mean at the test inputs for kernel sigma_a2 kappa(Sigma) and noise, by ml-matrix's solve. */
function gpMean(activation: string, S: Float64Array, X: Float64Array, P: number, y: Float64Array, Xt: Float64Array, T: number, d: number, sigmaA2: number, noise: number) {
  const K = Matrix.zeros(P, P);
  for (let i = 0; i < P; i++)
    for (let j = 0; j < P; j++) K.set(i, j, sigmaA2 * kappa(activation, quad(X, i, X, i, S, d), quad(X, i, X, j, S, d), quad(X, j, X, j, S, d)) + (i === j ? noise : 0));
  const t = solve(K, Matrix.columnVector(Array.from(y)));
  const out = new Float64Array(T);
  for (let a = 0; a < T; a++) {
    let f = 0;
    for (let j = 0; j < P; j++) f += sigmaA2 * kappa(activation, quad(Xt, a, Xt, a, S, d), quad(Xt, a, X, j, S, d), quad(X, j, X, j, S, d)) * t.get(j, 0);
    out[a] = f;
  }
  return out;
}

function maxRel(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < b.length; i++) {
    num = Math.max(num, Math.abs(a[i] - b[i]));
    den = Math.max(den, Math.abs(b[i]));
  }
  return num / den;
}

function topEigenvalue(S: Float64Array, d: number, scale: number): number {
  const rows = Array.from({ length: d }, (_, i) => Array.from(S.subarray(i * d, (i + 1) * d)));
  return Math.max(...new EigenvalueDecomposition(new Matrix(rows), { assumeSymmetric: true }).realEigenvalues) * scale;
}

const params = (over: AdaptiveKernelInput) => adaptiveKernelParams.parse({ langevin: { chains: 0 }, ...over });

describe('adaptive-kernel: the analytic gradient of the EoS (note §5.2)', () => {
  it.each(['erf', 'relu', 'linear', 'square'])('d/dSigma Tr[A Q(Sigma)] equals central finite differences of an independent kernel (%s)', (activation) => {
    const d = 5;
    const P = 7;
    const p = params({ d, P, activation: activation as 'erf', sigma_a2: 1.7, test_size: 1 });
    const data = syntheticData(p, 3);
    const rng = createRng(11);
    // A random SPD Sigma and a random symmetric A.
    const B = new Float64Array(d * d);
    rng.fillNormal(B);
    const S = new Float64Array(d * d);
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) {
      let s = i === j ? 0.3 : 0;
      for (let k = 0; k < d; k++) s += (B[i * d + k] * B[j * d + k]) / d;
      S[i * d + j] = s;
    }
    const A = new Float64Array(P * P);
    for (let i = 0; i < P; i++) for (let j = 0; j <= i; j++) A[i * P + j] = A[j * P + i] = rng.normal();
    const f = (M: Float64Array) => {
      let s = 0;
      for (let i = 0; i < P; i++)
        for (let j = 0; j < P; j++) s += A[i * P + j] * 1.7 * kappa(activation, quad(data.X, i, data.X, i, M, d), quad(data.X, i, data.X, j, M, d), quad(data.X, j, data.X, j, M, d));
      return s;
    };
    const ws = new EosWorkspace(eosProblem(p, data));
    expect(ws.kernelAt(S)).toBe(true);
    const G = new Float64Array(d * d);
    ws.gradient(Float64Array.from(A), G);
    const h = 1e-5;
    for (let i = 0; i < d; i++)
      for (let j = i; j < d; j++) {
        const plus = Float64Array.from(S);
        const minus = Float64Array.from(S);
        plus[i * d + j] += h;
        minus[i * d + j] -= h;
        if (i !== j) {
          plus[j * d + i] += h;
          minus[j * d + i] -= h;
        }
        const fd = (f(plus) - f(minus)) / (2 * h);
        const analytic = i === j ? G[i * d + i] : G[i * d + j] + G[j * d + i];
        expect(Math.abs(fd - analytic), `${activation} (${i}, ${j}): fd ${fd} analytic ${analytic}`).toBeLessThan(1e-6 * (1 + Math.abs(fd)));
      }
  });
});

describe('adaptive-kernel: A1, the N -> infinity limit and continuity of the annealing', () => {
  it.each(['erf', 'relu'])('A1: at N = 1e12 the EoS returns Sigma = sigma_w2 I/d and the NNGP predictor of a direct GP solve (%s)', (activation) => {
    const p = params({ d: 6, P: 20, test_size: 10, N: 1e12, chi: 1, activation: activation as 'erf', sigma_w2: 1.5, sigma_a2: 2, noise: 0.05, target: { kind: 'teacher' } });
    const data = syntheticData(p, 5);
    const th = eosTheory(p, data);
    expect(th.path.converged).toBe(true);
    const S0 = priorCovariance(p.d, p.sigma_w2);
    expect(maxRel(th.eos!.sigma, S0)).toBeLessThan(1e-9);
    const reference = gpMean(activation, S0, data.X, data.P, data.y, data.Xt, data.T, data.d, p.sigma_a2, p.noise);
    expect(maxRel(th.eos!.test, reference)).toBeLessThan(1e-8);
    expect(maxRel(th.nngp.test, reference)).toBeLessThan(1e-10);
    // and the run reports the EoS prediction on top of the NNGP one
    const run = runKind(adaptiveKernel, p, ctx(5));
    const eosSeries = run.series.find((s) => s.name === 'prediction' && s.label?.startsWith('EoS'))!;
    expect(maxRel(eosSeries.y, reference)).toBeLessThan(1e-8);
  });

  it('A1: the EoS approaches the NNGP continuously in N, (spike - 1) N tending to a constant (erf, chi = 1)', () => {
    const scaled: number[] = [];
    for (const N of [1e3, 1e4, 1e5, 1e6]) {
      const p = params({ d: 6, P: 20, test_size: 4, N, chi: 1, activation: 'erf', noise: 0.05, target: { kind: 'linear' } });
      const th = eosTheory(p, syntheticData(p, 2));
      expect(th.path.converged).toBe(true);
      scaled.push((th.eos!.weightSpectrum[0] - 1) * N);
    }
    expect(scaled[0]).toBeGreaterThan(0);
    // first-order perturbation in 1/N: successive ratios approach 1 (differences shrink like 1/N)
    expect(Math.abs(scaled[1] / scaled[0] - 1)).toBeLessThan(0.1);
    expect(Math.abs(scaled[2] / scaled[1] - 1)).toBeLessThan(0.01);
    expect(Math.abs(scaled[3] / scaled[2] - 1)).toBeLessThan(0.001);
  });

  it.each([
    ['erf', 32, 32],
    ['relu', 32, 32],
    ['erf', 64, 1],
  ])('A1: annealing in chi is continuous for a linear target: every midpoint of a 41-point path lies near its neighbours (%s, N = %d, chi = %d)', (activation, N, chi) => {
    const p = params({ d: 8, P: 24, test_size: 8, N, chi, activation: activation as 'erf', noise: 0.02, target: { kind: 'linear' }, solver: { path_points: 41, chi_start: 0.01 } });
    const th = eosTheory(p, syntheticData(p, 4));
    expect(th.path.converged).toBe(true);
    expect(th.path.points).toHaveLength(41);
    const spike = th.path.points.map((q) => topEigenvalue(q.sigma, p.d, p.d / p.sigma_w2));
    const test = th.pathErrors.map((e) => e.test);
    // A jump of size J between two grid points puts a midpoint J/2 away from its neighbours' mean;
    // on a smooth curve the deviation is O(h^2), far below 5 % of the curve's range.
    for (const curve of [spike, test]) {
      const range = Math.max(...curve) - Math.min(...curve);
      for (let k = 1; k < 40; k++) {
        const mid = 0.5 * (curve[k - 1] + curve[k + 1]);
        expect(Math.abs(curve[k] - mid), `point ${k}: ${curve[k - 1]}, ${curve[k]}, ${curve[k + 1]}`).toBeLessThanOrEqual(0.05 * range + 1e-12);
      }
    }
    // the spike grows monotonically, each midpoint between its neighbours
    for (let k = 1; k < 40; k++) expect(spike[k]).toBeGreaterThanOrEqual(spike[k - 1] - 1e-9);
    // feature learning grows along the path
    expect(spike[40]).toBeGreaterThan(spike[0]);
  });
});

describe('adaptive-kernel: A1, annealing the width', () => {
  it.each([
    ['erf', 32, 32],
    ['relu', 32, 32],
    ['erf', 16, 1],
  ])('A1: annealing the width from 1e4 down to N is continuous for a linear target and ends at the direct solve and at the chi path\'s solution (%s, N = %d, chi = %d)', (activation, N, chi) => {
    const base = { d: 8, P: 24, test_size: 8, N, chi, activation: activation as 'erf', noise: 0.02, target: { kind: 'linear' } } as const;
    const p = params({ ...base, solver: { anneal: 'width', width_start: 1e4, path_points: 41 } });
    const data = syntheticData(p, 4);
    const th = eosTheory(p, data);
    expect(th.path.converged).toBe(true);
    expect(th.path.points).toHaveLength(41);
    expect(th.path.reachedWidth).toBe(N);
    const widths = th.path.points.map((q) => q.N);
    expect(widths[0]).toBeCloseTo(1e4, 6);
    expect(widths[40]).toBe(N);
    for (let k = 1; k < 41; k++) expect(widths[k]).toBeLessThan(widths[k - 1]);
    for (const q of th.path.points) expect(q.chi).toBe(chi);
    // the error curve in chi holds the target point only
    expect(th.pathErrors.map((e) => e.chi)).toEqual([chi]);
    // continuity in log N: every midpoint near its neighbours' mean (a jump J would put it J/2 away)
    const spike = th.path.points.map((q) => topEigenvalue(q.sigma, p.d, p.d / p.sigma_w2));
    const range = Math.max(...spike) - Math.min(...spike);
    expect(range).toBeGreaterThan(0);
    for (let k = 1; k < 40; k++) {
      const mid = 0.5 * (spike[k - 1] + spike[k + 1]);
      expect(Math.abs(spike[k] - mid), `point ${k}: ${spike[k - 1]}, ${spike[k]}, ${spike[k + 1]}`).toBeLessThanOrEqual(0.05 * range + 1e-12);
    }
    // feature learning grows monotonically as the width shrinks; near the NNGP at N = 1e4
    for (let k = 1; k < 41; k++) expect(spike[k]).toBeGreaterThanOrEqual(spike[k - 1] - 1e-9);
    expect(Math.abs(spike[0] - 1)).toBeLessThan(0.05 * (spike[40] - 1) + 1e-6);
    // the same solution as solving at N directly from the NNGP, and as annealing chi
    const direct = eosTheory(params({ ...base, solver: { path_points: 1 } }), data);
    const byChi = eosTheory(params({ ...base, solver: { path_points: 12, chi_start: 0.01 } }), data);
    for (const other of [direct, byChi]) {
      expect(other.path.converged).toBe(true);
      const a = th.eos!.sigma;
      const b = other.eos!.sigma;
      let diff = 0;
      let norm = 0;
      for (let i = 0; i < a.length; i++) {
        diff += (a[i] - b[i]) ** 2;
        norm += b[i] ** 2;
      }
      expect(Math.sqrt(diff / norm)).toBeLessThan(1e-7);
    }
  });
});

describe('adaptive-kernel: the tree level of the linear network (note §5.3)', () => {
  it.each([
    [12, 12],
    [48, 48],
    [12, 1],
  ])('N = %d, chi = %d: Sigma has one eigenvalue Q_tree sigma_w2/d, the rest sigma_w2/d, and the mean is the GP of the kernel Q_tree K', (N, chi) => {
    const p = params({ activation: 'linear', d: 8, P: 12, test_size: 16, N, chi, sigma_w2: 1, sigma_a2: 1, noise: 0.1, target: { kind: 'linear' }, solver: { closure: 'tree' } });
    const data = syntheticData(p, 7);
    const th = eosTheory(p, data);
    expect(th.path.converged).toBe(true);
    // Independent: Khat = sigma_a2 sigma_w2 X X^T / d; Q = 1 / (1 - (chi/N) t^T Khat t), t = (Q Khat + noise)^-1 y, by bisection.
    const { P, d, X, y } = data;
    const Khat = Matrix.zeros(P, P);
    for (let i = 0; i < P; i++) for (let j = 0; j < P; j++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += X[i * d + k] * X[j * d + k];
      Khat.set(i, j, (p.sigma_a2 * p.sigma_w2 * s) / d);
    }
    const tOf = (Q: number) => solve(Khat.clone().mul(Q).add(Matrix.eye(P).mul(p.noise)), Matrix.columnVector(Array.from(y)));
    const residual = (Q: number) => {
      const t = tOf(Q);
      return Q * (1 - (chi / N) * t.transpose().mmul(Khat).mmul(t).get(0, 0)) - 1;
    };
    let lo = 1;
    let hi = 2;
    while (residual(hi) < 0) hi *= 2;
    for (let k = 0; k < 200; k++) {
      const mid = 0.5 * (lo + hi);
      if (residual(mid) < 0) lo = mid;
      else hi = mid;
    }
    const Q = 0.5 * (lo + hi);
    const spectrum = th.eos!.weightSpectrum;
    expect(Math.abs(spectrum[0] - Q) / Q).toBeLessThan(1e-8);
    for (let i = 1; i < d; i++) expect(Math.abs(spectrum[i] - 1)).toBeLessThan(1e-8);
    const t = tOf(Q);
    for (let a = 0; a < data.T; a++) {
      let f = 0;
      for (let j = 0; j < P; j++) {
        let s = 0;
        for (let k = 0; k < d; k++) s += data.Xt[a * d + k] * X[j * d + k];
        f += ((Q * p.sigma_a2 * p.sigma_w2 * s) / d) * t.get(j, 0);
      }
      expect(Math.abs(th.eos!.test[a] - f)).toBeLessThan(1e-8 * (1 + Math.abs(f)));
    }
    if (chi === N) expect(Q).toBeGreaterThan(2); // mean-field: strong rescaling along the target only
  });

  it('the full closure of the linear network keeps the bulk below sigma_w2/d and one outlier (note §5.3 closure column)', () => {
    const p = params({ activation: 'linear', d: 8, P: 12, test_size: 4, N: 48, chi: 48, noise: 0.1, target: { kind: 'linear' } });
    const th = eosTheory(p, syntheticData(p, 7));
    const s = th.eos!.weightSpectrum;
    expect(s[0]).toBeGreaterThan(2.5);
    for (let i = 1; i < p.d; i++) {
      expect(s[i]).toBeLessThan(1);
      expect(s[i]).toBeGreaterThan(0.95);
    }
  });
});

describe('adaptive-kernel: a fixed point that does not converge says so', () => {
  it('max_iter = 2 at tol 1e-14: eos_converged = 0, a warning note, and no EoS prediction or spectrum', () => {
    const p = params({ d: 6, P: 16, test_size: 4, N: 16, chi: 16, activation: 'erf', solver: { max_iter: 2, tol: 1e-14 } });
    const r = runKind(adaptiveKernel, p, ctx(1));
    expect(r.scalars.eos_converged).toBe(0);
    expect(r.scalars.spike_eos).toBeUndefined();
    expect(r.notes?.some((n) => n.startsWith('warning: the EoS did not converge'))).toBe(true);
    expect(r.series.some((s) => s.label?.startsWith('EoS') && (s.name === 'prediction' || s.name === 'weight_spectrum'))).toBe(false);
    expect(r.series.some((s) => s.label === 'NNGP' && s.name === 'prediction')).toBe(true);
  });
});
