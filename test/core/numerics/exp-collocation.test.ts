/**
 * The exponential collocation solver (core/numerics/ode/exp-collocation.ts) against closed forms:
 * stiff decoupled modes, a stiff coupled pair through the forcing (a 2 x 2 linear system whose
 * exponential is known), the outer time s_0 = u / kappa, the floor and cancellation.
 */
import { describe, expect, it } from 'vitest';
import { type ForcedModesProblem, solveExpCollocation } from '../../../core/numerics/ode/exp-collocation.js';

/** A problem with constant gain kappa: one scalar state, the outer time t = u / kappa. */
function constantGain(kappa: number, p: Omit<ForcedModesProblem, 's0' | 'scalars' | 'secondWeights' | 'initialStep'>): ForcedModesProblem {
  return {
    ...p,
    secondWeights: new Float64Array(p.rate.length),
    s0: Float64Array.of(0),
    initialStep: 1e-3,
    scalars: (_s, _L, _L2, dsdu, offset) => {
      dsdu[offset] = 1 / kappa;
      return kappa;
    },
  };
}

function solve(problem: ForcedModesProblem, times: number[], rtol = 1e-10) {
  const rows: { u: number; y: number[]; t: number }[] = [];
  const result = solveExpCollocation({
    problem,
    tEval: times,
    rtol,
    atol: 1e-14,
    maxSteps: 100_000,
    onOutput: (_i, u, y, s) => rows.push({ u, y: Array.from(y), t: s[0]! }),
  });
  return { result, rows };
}

describe('exponential collocation', () => {
  it('integrates decoupled modes with rates from 1e-2 to 1e7 exactly, in a number of steps that does not grow with the stiffness', () => {
    const rate = Float64Array.of(1e-2, 1, 1e3, 1e7);
    const inflow = Float64Array.of(1, 2, 0.5, 3);
    const y0 = Float64Array.of(1, -1, 2, 5);
    const c = 0.3;
    const problem = constantGain(1, { rate, inflow, y0, forcingWeights: new Float64Array(4), forcingOffset: c, sizeWeights: new Float64Array(4).fill(0.25) });
    const times = [0, 1e-6, 1e-3, 0.1, 1, 10];
    const { result, rows } = solve(problem, times);
    expect(result.status).toBe('success');
    expect(rows.length).toBe(times.length);
    for (const row of rows) {
      for (let j = 0; j < 4; j++) {
        // y_j(t) = e^{-mu t} y0 + beta c (1 - e^{-mu t}) / mu
        const e = Math.exp(-rate[j]! * row.t);
        const exact = e * y0[j]! + (inflow[j]! * c * -Math.expm1(-rate[j]! * row.t)) / rate[j]!;
        expect(Math.abs(row.y[j]! - exact), `mode ${j} at t = ${row.t}`).toBeLessThan(1e-9 * Math.max(1e-6, Math.abs(exact)));
      }
    }
    const stiffer = solve(constantGain(1, { rate: rate.map((r) => r * 100), inflow, y0, forcingWeights: new Float64Array(4), forcingOffset: c, sizeWeights: new Float64Array(4).fill(0.25) }), times);
    expect(result.naccepted).toBeLessThan(200);
    expect(stiffer.result.naccepted).toBeLessThan(200);
  });

  it('follows a stiff pair coupled through the forcing (rates 1e4 and 1), with the outer time t = u / kappa', () => {
    // In u: y' = A y + b, A = -diag(mu) + kappa beta w^T, b = kappa beta c; t = u / kappa.
    const mu = [1e4, 1];
    const beta = [1, 1];
    const w = [0.5, 0.5];
    const c = 0.1;
    const kappa = 2;
    const A = [
      [-mu[0]! + kappa * beta[0]! * w[0]!, kappa * beta[0]! * w[1]!],
      [kappa * beta[1]! * w[0]!, -mu[1]! + kappa * beta[1]! * w[1]!],
    ];
    const b = [kappa * beta[0]! * c, kappa * beta[1]! * c];
    // Fixed point y* = -A^{-1} b and e^{A u} by Sylvester's formula for distinct eigenvalues.
    const det = A[0]![0]! * A[1]![1]! - A[0]![1]! * A[1]![0]!;
    const ystar = [-(A[1]![1]! * b[0]! - A[0]![1]! * b[1]!) / det, -(-A[1]![0]! * b[0]! + A[0]![0]! * b[1]!) / det];
    const tr = A[0]![0]! + A[1]![1]!;
    const disc = Math.sqrt(tr * tr - 4 * det);
    const l1 = (tr + disc) / 2;
    const l2 = (tr - disc) / 2;
    const y0 = [1, 2];
    const exact = (u: number) => {
      const d0 = [y0[0]! - ystar[0]!, y0[1]! - ystar[1]!];
      const e1 = Math.exp(l1 * u);
      const e2 = Math.exp(l2 * u);
      const E = (i: number, j: number) => (e1 * (A[i]![j]! - (i === j ? l2 : 0)) - e2 * (A[i]![j]! - (i === j ? l1 : 0))) / (l1 - l2);
      return [ystar[0]! + E(0, 0) * d0[0]! + E(0, 1) * d0[1]!, ystar[1]! + E(1, 0) * d0[0]! + E(1, 1) * d0[1]!];
    };
    const problem = constantGain(kappa, {
      rate: Float64Array.from(mu),
      inflow: Float64Array.from(beta),
      y0: Float64Array.from(y0),
      forcingWeights: Float64Array.from(w),
      forcingOffset: c,
      sizeWeights: Float64Array.of(0.5, 0.5),
    });
    const times = [0, 1e-5, 1e-3, 0.05, 0.5, 2, 8];
    const { result, rows } = solve(problem, times);
    expect(result.status).toBe('success');
    rows.forEach((row, i) => {
      expect(row.t).toBe(times[i]);
      expect(Math.abs(row.u - kappa * times[i]!)).toBeLessThan(1e-12 * Math.max(1, kappa * times[i]!));
      const want = exact(kappa * times[i]!);
      for (let j = 0; j < 2; j++) expect(Math.abs(row.y[j]! - want[j]!), `mode ${j} at t = ${row.t}`).toBeLessThan(1e-8 * Math.abs(want[j]!));
    });
  });

  it('stops where L + c falls below the floor, and reports the outer time it reached', () => {
    // One mode y' = -2y + y = -y (rate 2, inflow 1, L = y, c = 0): L = e^{-t} reaches 1e-10 at t = 23.03.
    const problem = { ...constantGain(1, { rate: Float64Array.of(2), inflow: Float64Array.of(1), y0: Float64Array.of(1), forcingWeights: Float64Array.of(1), forcingOffset: 0, sizeWeights: Float64Array.of(1) }), floor: 1e-10 };
    const { result, rows } = solve(problem, [0, 10, 20, 30, 40]);
    expect(result.status).toBe('success');
    expect(result.floorReachedAt).toBeGreaterThanOrEqual(Math.log(1e10));
    expect(result.floorReachedAt).toBeLessThan(30);
    expect(rows.map((r) => r.t)).toEqual([0, 10, 20]);
    expect(rows[2]!.y[0]).toBeCloseTo(Math.exp(-20), 17);
  });

  it('stops with status cancelled when asked to', () => {
    const problem = constantGain(1, { rate: Float64Array.of(1), inflow: Float64Array.of(1), y0: Float64Array.of(1), forcingWeights: Float64Array.of(0), forcingOffset: 1, sizeWeights: Float64Array.of(1) });
    let polls = 0;
    const result = solveExpCollocation({ problem, tEval: [0, 100], rtol: 1e-8, atol: 1e-12, maxSteps: 1000, isCancelled: () => ++polls > 3, onOutput: () => undefined });
    expect(result.status).toBe('cancelled');
    expect(result.nsteps).toBe(3);
  });
});
