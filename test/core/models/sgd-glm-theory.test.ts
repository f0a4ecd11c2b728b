import { describe, expect, it } from 'vitest';
import type { RunContext } from '../../../core/models/model-kind.js';
import { recordingGrid } from '../../../core/models/sgd-glm/grid.js';
import { sgdGlm, sgdGlmParams, type SgdGlmParams } from '../../../core/models/sgd-glm/index.js';
import { constantPolicy } from '../../../core/models/sgd-glm/lr-policies.js';
import { leastSquaresTheory } from '../../../core/models/sgd-glm/theory.js';
import { buildSpectrum } from '../../../core/numerics/spectra.js';

const ctx = (seed = 1, replicas = 0): RunContext => ({ seed, replicas, isCancelled: () => false, progress: () => undefined });

function theoryOf(input: Record<string, unknown>) {
  const p = sgdGlmParams.parse(input);
  const r = sgdGlm.run(p, ctx());
  const s = r.series.find((x) => x.source === 'theory');
  if (!s) throw new Error('no theory series');
  return { p, s, scalars: r.scalars };
}

/**
 * The exact finite-d second-moment recursion of least-squares SGD (theory note §1.5b), written
 * out independently of core/: with c = gamma/d and v_i(k) = E[(theta_k - theta*)_i^2],
 *   v_i(k+1) = (1 - 2 c lambda_i + 2 c^2 lambda_i^2) v_i(k) + c^2 lambda_i (sum_j lambda_j v_j(k) + omega^2),
 * v_i(0) = (1 + init^2)/d, E risk = (sum_j lambda_j v_j + omega^2)/2, read at the given step counts.
 */
function exactFiniteDRisk(lambda: Float64Array, gamma: number, omega: number, init: number, steps: Float64Array): Float64Array {
  const d = lambda.length;
  const c = gamma / d;
  const v = new Float64Array(d).fill((1 + init * init) / d);
  const out = new Float64Array(steps.length);
  let j = 0;
  for (let k = 0; ; k++) {
    let s = 0;
    for (let i = 0; i < d; i++) s += lambda[i] * v[i];
    if (k === steps[j]) {
      out[j++] = 0.5 * (s + omega * omega);
      if (j === steps.length) break;
    }
    const forcing = c * c * (s + omega * omega);
    for (let i = 0; i < d; i++) {
      const l = lambda[i];
      v[i] = (1 - 2 * c * l + 2 * c * c * l * l) * v[i] + forcing * l;
    }
  }
  return out;
}

describe('sgd-glm theory (least squares, constant learning rate)', () => {
  it('least-squares ODE matches the isotropic closed form to 1e-8', () => {
    // K = I: the mean mode D obeys D' = -gamma(2 - gamma) D + gamma^2 omega^2, and the risk
    // R = (D + omega^2)/2 is the note's psi(t) = (psi0 - psi_inf) e^{-gamma(2-gamma)t} + psi_inf
    // with psi0 = (1 + init^2 + omega^2)/2 and psi_inf = omega^2/(2 - gamma).
    const cases: [number, number, number][] = [
      [1, 0, 1],
      [0.5, 0.5, 1],
      [1.5, 1, 0],
      [0.2, 2, 3],
      [1.9, 0.3, 0.5],
    ];
    for (const [gamma, omega, init] of cases) {
      const { s } = theoryOf({ T: 10, noise: omega, init, lr: { gamma } });
      const psi0 = 0.5 * (1 + init * init + omega * omega);
      const psiInf = (omega * omega) / (2 - gamma);
      let worst = 0;
      for (let i = 0; i < s.x.length; i++) {
        const exact = (psi0 - psiInf) * Math.exp(-gamma * (2 - gamma) * s.x[i]) + psiInf;
        worst = Math.max(worst, Math.abs(s.y[i] - exact) / exact);
      }
      expect(worst).toBeLessThan(1e-8);
    }
  });

  it('theory matches the exact finite-d second-moment recursion within 1% at d = 500 (two_level, power_law)', () => {
    const specs = [
      { kind: 'two_level', hi: 2, lo: 0.5, frac: 0.5 },
      { kind: 'two_level', hi: 3, lo: 0.2, frac: 0.3 },
      { kind: 'power_law', beta: 0.2 },
      { kind: 'power_law', beta: -1 },
    ];
    for (const spectrum of specs) {
      const { p, s } = theoryOf({ d: 500, T: 10, noise: 1, init: 1, lr: { gamma: 1 }, spectrum });
      const grid = recordingGrid(p.T, p.d, p.grid);
      const lambda = buildSpectrum(p.spectrum, p.d).eigenvalues;
      const exact = exactFiniteDRisk(lambda, 1, 1, 1, grid.steps);
      for (let i = 0; i < exact.length; i++) {
        expect(Math.abs(s.y[i] - exact[i]) / exact[i]).toBeLessThan(0.01);
      }
    }
  });

  it('the gap between the ODE and the exact finite-d recursion is O(1/d) (halves when d doubles)', () => {
    const gap = (d: number) => {
      const { p, s } = theoryOf({ d, T: 5, noise: 0.5, init: 1, lr: { gamma: 1 }, spectrum: { kind: 'two_level', hi: 2, lo: 0.5, frac: 0.5 } });
      const grid = recordingGrid(p.T, p.d, p.grid);
      const exact = exactFiniteDRisk(buildSpectrum(p.spectrum, d).eigenvalues, 1, 0.5, 1, grid.steps);
      // compare at t = 5 (the last point, identical in both grids)
      return Math.abs(s.y[s.y.length - 1] - exact[exact.length - 1]);
    };
    const g200 = gap(200);
    const g400 = gap(400);
    const g800 = gap(800);
    expect(g200 / g400).toBeGreaterThan(1.8);
    expect(g200 / g400).toBeLessThan(2.2);
    expect(g400 / g800).toBeGreaterThan(1.8);
    expect(g400 / g800).toBeLessThan(2.2);
  });

  it('the risk converges below gamma_c = 2/mean(lambda) and diverges above it (two-level {2, 0.5}: gamma_c = 1.6)', () => {
    const base = { d: 500, noise: 1, spectrum: { kind: 'two_level', hi: 2, lo: 0.5, frac: 0.5 } };
    const below = theoryOf({ ...base, T: 200, lr: { gamma: 1.5 } });
    expect(below.scalars.gamma_critical).toBe(1.6);
    // converges although gamma lambda_max = 3 > 2: to omega^2 / (2 - gamma mean) = 1 / 0.125 = 8
    expect(below.scalars.risk_limit_theory).toBe(8);
    expect(Math.abs(below.s.y[below.s.y.length - 1] - 8)).toBeLessThan(1e-6);
    const above = theoryOf({ ...base, T: 60, lr: { gamma: 1.7 } });
    const y = above.s.y;
    const n = y.length;
    expect(y[n - 1]).toBeGreaterThan(1e5);
    // eventually exponential growth: monotone increase over the second half
    for (let i = Math.floor(n / 2); i < n; i++) expect(y[i]).toBeGreaterThan(y[i - 1]);
    expect(above.scalars.risk_limit_theory).toBeUndefined();
  });

  it('isotropic threshold gamma_c = 2: gamma = 1.9 converges to the floor, gamma = 2.1 diverges like e^{0.21 t}', () => {
    const below = theoryOf({ T: 200, noise: 0.5, lr: { gamma: 1.9 } });
    expect(below.scalars.gamma_critical).toBe(2);
    expect(Math.abs(below.s.y[below.s.y.length - 1] / (0.25 / 0.1) - 1)).toBeLessThan(1e-8);
    const above = theoryOf({ T: 50, noise: 0.5, lr: { gamma: 2.1 } });
    const n = above.s.y.length;
    // R - psi_inf grows like e^{-gamma(2-gamma)t} = e^{0.21 t}
    const rate = Math.log((above.s.y[n - 1] - 0.25 / -0.1) / (above.s.y[n - 21] - 0.25 / -0.1)) / (above.s.x[n - 1] - above.s.x[n - 21]);
    expect(Math.abs(rate - 0.21)).toBeLessThan(1e-6);
  });

  it('power-law spectrum: the noiseless constant-rate risk decays like t^(beta - 2) (arXiv:2405.19585 §3.4, delta = 0)', () => {
    // The prediction is asymptotic (1 << t << 1/lambda_min); the fitted slope on t in [30, 300] at
    // d = 2000 is within 0.05 of it for these beta (measured -1.817, -2.541, -1.409).
    for (const beta of [0.2, -0.5, 0.6]) {
      const { s } = theoryOf({ d: 2000, T: 300, init: 0, spectrum: { kind: 'power_law', beta } });
      const at = (t: number) => s.x.findIndex((x) => x >= t);
      const i = at(30);
      const j = at(300);
      const slope = Math.log(s.y[j] / s.y[i]) / Math.log(s.x[j] / s.x[i]);
      expect(Math.abs(slope - (beta - 2))).toBeLessThan(0.06);
    }
  });

  it('noiseless: the long-time risk limit is 0 below gamma_c and the theory decays to it', () => {
    const { s, scalars } = theoryOf({ T: 40, lr: { gamma: 1 }, spectrum: { kind: 'two_level', hi: 2, lo: 0.5, frac: 0.5 } });
    expect(scalars.risk_limit_theory).toBe(0);
    expect(s.y[s.y.length - 1]).toBeLessThan(1e-10);
  });

  it('zero eigenvalues carry no risk and do not move (zero_one spectrum)', () => {
    const spectrum = buildSpectrum({ kind: 'zero_one', frac_zero: 0.5 }, 100);
    const times = Float64Array.of(0, 1, 5);
    const out = leastSquaresTheory(
      { lambda: spectrum.distinct, weight: spectrum.weights, omega: 0, d0: 2, policy: constantPolicy(1) },
      times,
    );
    // Only the half with lambda = 1 contributes: R = (1/2)(1/2) D_1 and D_1' = -2 D_1 + 2 R = -1.5 D_1,
    // so R(t) = 0.5 e^{-1.5 t}; the lambda = 0 modes stay at D_0 = 2.
    expect(out.risk[0]).toBe(0.5);
    expect(Math.abs(out.risk[1] / (0.5 * Math.exp(-1.5)) - 1)).toBeLessThan(1e-8);
    expect(Math.abs(out.risk[2] / (0.5 * Math.exp(-7.5)) - 1)).toBeLessThan(1e-8);
    expect(out.solver.status).toBe('success');
  });

  it('reports gamma_critical = 2/mean(lambda) for each preset spectrum', () => {
    for (const preset of Object.values(sgdGlm.presets)) {
      const p: SgdGlmParams = sgdGlmParams.parse(preset.params);
      const mean = buildSpectrum(p.spectrum, p.d).mean;
      const r = sgdGlm.merge!(p, [], { seed: 1, replicas: 0 });
      expect(r.scalars.gamma_critical).toBe(2 / mean);
    }
  });
});
