/**
 * grokking-cubic theory (arXiv:2310.03789; field-theory note §6.2, checks C1): the transition of
 * App. C against the paper's and the note's numbers, and every piece of the solver against an
 * independent reference: finite differences, a direct 2×2 solve (ml-matrix), a brute-force root,
 * Gauss–Hermite projections, a plain trapezoid integral, and the d → ∞ limit of the finite-d solver.
 */
import erf from '@stdlib/math-base-special-erf';
import { Matrix, solve } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { action, actionCurvature, actionSlope, hermiteProjections } from '../../../core/models/grokking-cubic/action.js';
import { finiteDSolve, overlapLaw } from '../../../core/models/grokking-cubic/finite-d.js';
import { type CubicSizes, discrepancyOf, neuronKernel, problemAt } from '../../../core/models/grokking-cubic/problem.js';
import { findOnset, gflLinear, mixedResiduals, phaseDiagram } from '../../../core/models/grokking-cubic/saddle.js';
import { expectNormal } from '../../../core/numerics/gauss-hermite.js';

/** App. C: N = 700, P = 3000, d = 150, σ_w² = 0.5, σ̃_a² = 8 (actual σ_a² = 8/700), ε = −0.3. */
const APP_C: CubicSizes = { d: 150, N: 700, P: 3000, sw2: 0.5, sa2: 8 / 700, eps: -0.3, reading: 'corrected' };

/** The same problem at β of the scaling invariance (u and ν unchanged). */
function scaled(beta: number): CubicSizes {
  return { ...APP_C, d: APP_C.d * Math.sqrt(beta), N: APP_C.N * beta, P: APP_C.P * beta, sa2: APP_C.sa2 / Math.sqrt(beta) };
}

describe('C1: the App. C transition (d -> infinity)', () => {
  const onset = findOnset(APP_C)!;

  it('C1: sigma2_c = 0.179 +- 0.005 (paper: around 0.18)', () => {
    expect(onset.noise).toBeGreaterThan(0.174);
    expect(onset.noise).toBeLessThan(0.184);
  });

  it('C1: u_c is 30-31 (paper: 30.2) and u(sigma^2) = 0.9796 / sigma^4', () => {
    expect(onset.u).toBeGreaterThan(30);
    expect(onset.u).toBeLessThan(31);
    expect(problemAt(APP_C, 0.18).u).toBeCloseTo(0.9796 / 0.18 ** 2, 3);
  });

  it('C1: the droplets sit at q* of about 0.7, where S(q*) = S\'(q*) = 0 on a brute-force grid', () => {
    expect(onset.qStar).toBeGreaterThan(0.65);
    expect(onset.qStar).toBeLessThan(0.78);
    const k = { u: onset.u, sw2: APP_C.sw2, b: onset.b, c: APP_C.eps };
    let best = { q: 0, v: Number.POSITIVE_INFINITY };
    for (let i = 1; i <= 200_000; i++) {
      const q = 0.3 + (i * 1.5) / 200_000;
      const v = action(q, k);
      if (v < best.v) best = { q, v };
    }
    expect(Math.abs(best.v)).toBeLessThan(1e-9);
    expect(Math.abs(best.q - onset.qStar)).toBeLessThan(1e-4);
  });

  it('C1: b_GFL(0.18) = 0.29 +- 0.01 and c = eps in GFL', () => {
    const pd = phaseDiagram(APP_C, [0.3, 0.2, 0.18]);
    expect(pd.states[2]!.b).toBeGreaterThan(0.28);
    expect(pd.states[2]!.b).toBeLessThan(0.30);
    for (const s of pd.states) {
      expect(s.phase).toBe('GFL');
      expect(s.c).toBe(APP_C.eps);
    }
  });

  it('C1 (printed reading): App. A.3\'s Q11 = 2q^2/(pi D) moves the onset to about 0.205', () => {
    const printed = findOnset({ ...APP_C, reading: 'printed' })!;
    expect(printed.noise).toBeGreaterThan(0.2);
    expect(printed.noise).toBeLessThan(0.21);
  });

  it('C1: the onset is invariant under the scaling N -> bN, d -> sqrt(b) d, sigma_a^2 -> sigma_a^2/sqrt(b), P -> bP', () => {
    for (const beta of [1 / 8, 8]) expect(findOnset(scaled(beta))!.noise).toBeCloseTo(onset.noise, 10);
  });
});

describe('the reduced action', () => {
  it('S\' and S\'\' equal central finite differences of S', () => {
    for (const k of [
      { u: 30, sw2: 0.5, b: 0.3, c: -0.3 },
      { u: 3, sw2: 2, b: -0.4, c: 0.7 },
    ]) {
      for (const q of [-1.3, -0.2, 0.05, 0.7, 2.4]) {
        const h = 1e-5;
        const d1 = (action(q + h, k) - action(q - h, k)) / (2 * h);
        const d2 = (action(q + h, k) - 2 * action(q, k) + action(q - h, k)) / (h * h);
        expect(actionSlope(q, k)).toBeCloseTo(d1, 7);
        expect(actionCurvature(q, k)).toBeCloseTo(d2, 3);
      }
    }
  });

  it('the Hermite projections of erf(w.x) equal two-dimensional Gauss-Hermite quadrature', () => {
    const sw2 = 0.5;
    for (const q of [0.1, 0.7, 1.2]) {
      const r = Math.sqrt(sw2);
      const inner = (z1: number) => expectNormal((z2) => erf(q * z1 + r * z2), 80);
      const p1 = expectNormal((z1) => z1 * inner(z1), 80);
      const p3 = expectNormal((z1) => (z1 ** 3 - 3 * z1) * inner(z1), 80) / Math.sqrt(6);
      const v = hermiteProjections(q, sw2);
      expect(v.v1).toBeCloseTo(p1, 8);
      expect(v.v3).toBeCloseTo(p3, 8);
    }
  });
});

describe('the 2x2 GP regression', () => {
  it('equals kappa (Q + kappa I)^-1 [1, sqrt6 eps] solved directly', () => {
    const kappa = 0.18 / 3000;
    const Q = new Matrix([
      [2.1e-4, -3e-5],
      [-3e-5, 7e-5],
    ]);
    const eps = -0.3;
    const direct = solve(Q.clone().add(Matrix.eye(2).mul(kappa)), Matrix.columnVector([1, Math.sqrt(6) * eps])).mul(kappa);
    const ours = discrepancyOf({ a11: Q.get(0, 0) / kappa, a13: Q.get(0, 1) / kappa, a33: Q.get(1, 1) / kappa }, eps);
    expect(ours.b).toBeCloseTo(direct.get(0, 0), 12);
    expect(ours.c * Math.sqrt(6)).toBeCloseTo(direct.get(1, 0), 12);
  });

  it('GFL b equals a brute-force root of b (1 + nu g0 / S\'\'(0)) = 1 written out from the note', () => {
    for (const noise of [0.3, 0.2, 0.18]) {
      const u = (3000 ** 2 * (8 / 700)) / (noise ** 2 * 150 * 700);
      const nu = ((8 / 700) * 3000) / (noise * 150);
      const g0 = 4 / (Math.PI * 2);
      const f = (b: number) => b * (1 + (nu * g0) / (2 - (4 * u * b * b) / (Math.PI * 2))) - 1;
      let root = Number.NaN;
      const n = 1_000_000;
      const bmax = Math.sqrt((2 * Math.PI) / (4 * u * 0.5));
      for (let i = 1; i < n; i++) {
        if (f((bmax * i) / n) > 0) {
          root = (bmax * (i - 0.5)) / n;
          break;
        }
      }
      expect(gflLinear(problemAt(APP_C, noise))).toBeCloseTo(root, 5);
    }
  });

  it('the mixed phase at sigma^2 = 0.17 satisfies S(q*) = S\'(q*) = 0 and the GPR, with 0 < rho < 1', () => {
    const st = phaseDiagram(APP_C, [0.17]).states[0]!;
    expect(st.phase).toBe('GMFL-I');
    const pr = problemAt(APP_C, 0.17);
    const m = st.rho * pr.ridgeRatio;
    const r = mixedResiduals(pr, Float64Array.of(st.b, st.c, st.qStar, m));
    for (const v of r) expect(Math.abs(v)).toBeLessThan(1e-9);
    expect(st.rho).toBeGreaterThan(0);
    expect(st.rho).toBeLessThan(1);
    // The cubic discrepancy drops below |eps|: the droplets learn part of He3.
    expect(Math.abs(st.c)).toBeLessThan(Math.abs(APP_C.eps) - 1e-3);
  });
});

describe('finite d: direct integration of exp(-d S(q))', () => {
  it('moments of p(q) equal a plain trapezoid on 400 001 points', () => {
    const pr = problemAt(scaled(1 / 8), 0.1);
    const b = 0.12;
    const c = -0.25;
    const law = overlapLaw(pr, b, c);
    const k = { u: pr.u, sw2: pr.sw2, b, c };
    const n = 400_000;
    const Q = 4;
    let Z = 0;
    let m11 = 0;
    let m33 = 0;
    for (let i = 0; i <= n; i++) {
      const q = -Q + (2 * Q * i) / n;
      const w = (i === 0 || i === n ? 0.5 : 1) * Math.exp(-pr.d * action(q, k));
      const K = neuronKernel(q, pr.sw2, 'corrected');
      Z += w;
      m11 += w * K.a11;
      m33 += w * K.a33;
    }
    expect(law.K11).toBeCloseTo(m11 / Z, 9);
    expect(law.K33).toBeCloseTo(m33 / Z, 10);
  });

  it('tends to the d -> infinity solution at large d (beta = 512): GFL b, and the mixed-phase c', () => {
    const big = scaled(512);
    const pd = phaseDiagram(big, [0.25, 0.15]);
    const gfl = finiteDSolve(problemAt(big, 0.25), { b: pd.states[0]!.b, c: pd.states[0]!.c });
    expect(gfl.converged).toBe(true);
    expect(Math.abs(gfl.b - pd.states[0]!.b)).toBeLessThan(1e-3);
    expect(Math.abs(gfl.c - APP_C.eps)).toBeLessThan(5e-4);
    const mixed = finiteDSolve(problemAt(big, 0.15), { b: pd.states[1]!.b, c: pd.states[1]!.c });
    expect(mixed.converged).toBe(true);
    expect(Math.abs(mixed.c - pd.states[1]!.c)).toBeLessThan(1e-3);
    expect(Math.abs(mixed.b - pd.states[1]!.b)).toBeLessThan(3e-3);
  });
});

describe('sweep boundaries over noise', () => {
  it('draw sigma2_c of the d -> infinity solver as a vertical line, and nothing for axes without noise', async () => {
    const { sweepBoundaries } = await import('../../../core/models/grokking-cubic/boundaries.js');
    const { grokkingCubicParams } = await import('../../../core/models/grokking-cubic/params.js');
    const base = grokkingCubicParams.parse({ scale: 1, langevin: { chains: 0 } });
    const lines = sweepBoundaries(base, [{ path: 'noise', values: [0.1, 0.2] }]);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.x[0]).toBeCloseTo(findOnset(APP_C)!.noise, 12);
    expect(lines[0]!.y).toEqual([]);
    expect(sweepBoundaries(base, [{ path: 'eps', values: [-0.3] }])).toEqual([]);
  });
});
