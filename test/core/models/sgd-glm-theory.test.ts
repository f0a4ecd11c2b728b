import { describe, expect, it } from 'vitest';
import { horizonSteps, recordingGrid } from '../../../core/models/kit/index.js';
import { leastSquares } from '../../../core/models/sgd-glm/losses.js';
import { constantPolicy } from '../../../core/models/sgd-glm/lr/index.js';
import { glmTheory, THEORY_SOLVER } from '../../../core/models/sgd-glm/ode.js';
import { buildSpectrum } from '../../../core/numerics/spectra.js';
import { exactFiniteD, last, sgdGlm, sgdGlmParams, theoryOf } from './sgd-glm-helpers.js';

const TWO_LEVEL = { kind: 'two_level', hi: 2, lo: 0.5, frac: 0.5 };

describe('sgd-glm theory, least squares', () => {
  it('A1: the ODE equals the isotropic closed form to 1e-8, with both integrators', () => {
    // K = I: R(t) = (R0 - R_inf) e^{-gamma(2-gamma)t} + R_inf, R0 = (1 + init^2 + omega^2)/2,
    // R_inf = omega^2/(2 - gamma) (note §1.5).
    const cases: [number, number, number][] = [
      [1, 0, 1],
      [0.5, 0.5, 1],
      [1.5, 1, 0],
      [0.2, 2, 3],
      [1.9, 0.3, 0.5],
    ];
    for (const method of ['dopri5', 'exponential']) {
      for (const [gamma, omega, init] of cases) {
        const { x, y } = theoryOf({ T: 10, noise: omega, init, lr: { gamma }, ode: { method } });
        const risk = y('risk');
        const r0 = 0.5 * (1 + init * init + omega * omega);
        const rInf = (omega * omega) / (2 - gamma);
        let worst = 0;
        for (let i = 0; i < x.length; i++) {
          const exact = (r0 - rInf) * Math.exp(-gamma * (2 - gamma) * x[i]) + rInf;
          worst = Math.max(worst, Math.abs(risk[i] - exact) / exact);
        }
        expect(worst, `${method} gamma=${gamma}`).toBeLessThan(1e-8);
      }
    }
  });

  it('A2: excess floors on {2, 0.5} with omega = 1 are 0.22727, 0.83333, 7.5 below gamma_c = 1.6, divergence above', () => {
    for (const [gamma, floor] of [
      [0.5, 0.227272727],
      [1, 0.833333333],
      [1.5, 7.5],
    ]) {
      const { y, r } = theoryOf({ spectrum: TWO_LEVEL, noise: 1, lr: { gamma }, T: 2000, d: 1000 });
      expect(Math.abs(last(y('excess_risk')) / floor - 1), `gamma ${gamma}`).toBeLessThan(1e-8);
      expect(r.scalars.gamma_critical).toBe(1.6);
      expect(Math.abs(r.scalars.risk_limit_theory - 0.5 - floor) / floor).toBeLessThan(1e-8);
    }
    const above = theoryOf({ spectrum: TWO_LEVEL, noise: 1, lr: { gamma: 1.7 }, T: 60, d: 500 });
    const risk = above.y('risk');
    expect(last(risk)).toBeGreaterThan(1e5);
    for (let i = Math.floor(risk.length / 2); i < risk.length; i++) expect(risk[i]).toBeGreaterThan(risk[i - 1]);
    expect(above.r.scalars.risk_limit_theory).toBeUndefined();
  });

  it('matches the exact finite-d recursion within 1% at d = 500 for any spectrum, signal, warm start and schedule', () => {
    const cases: Record<string, unknown>[] = [
      { spectrum: TWO_LEVEL },
      { spectrum: { kind: 'two_level', hi: 3, lo: 0.2, frac: 0.3 } },
      { spectrum: { kind: 'power_law', beta: 0.2 }, signal: { kind: 'power', delta: 0.5 }, init: 0 },
      { spectrum: { kind: 'power_law', beta: -1 }, init_signal: 0.5 },
      { spectrum: { kind: 'zero_one', frac_zero: 0.3 }, signal: { scale: 2 } },
      { spectrum: { kind: 'custom', values: [0.1, 1, 3] }, lr: { policy: 'schedule', gamma: 1.2, t0: 0.5, power: 0.7 } },
    ];
    for (const c of cases) {
      const { p, y } = theoryOf({ d: 500, T: 10, noise: 1, init: 1, lr: { gamma: 1 }, ...c });
      const spectrum = buildSpectrum(p.spectrum, p.d);
      const grid = recordingGrid(horizonSteps(p.T, p.d), p.grid, 'log', p.d);
      const lam = spectrum.eigenvalues;
      // v_i(0) = E e_i^2 = ((init_signal - 1)^2 V22_i + init^2) / d
      const v0 = lam.map((l) => {
        const v22 = p.signal.kind === 'power' ? (l > 0 ? l ** -p.signal.delta : 0) : p.signal.scale ** 2;
        return ((p.init_signal - 1) ** 2 * v22 + p.init ** 2) / p.d;
      });
      const gammaAt = (k: number) => (p.lr.policy === 'schedule' ? p.lr.gamma * (1 + k / p.d / p.lr.t0) ** -p.lr.power : p.lr.gamma);
      const exact = exactFiniteD(lam, v0, gammaAt, p.noise, grid.steps);
      const risk = y('risk');
      const dist = y('distance');
      for (let i = 0; i < exact.risk.length; i++) {
        expect(Math.abs(risk[i] / exact.risk[i] - 1), JSON.stringify(c)).toBeLessThan(0.01);
        expect(Math.abs(dist[i] / exact.distance[i] - 1), JSON.stringify(c)).toBeLessThan(0.01);
      }
    }
  });

  it('the gap to the exact finite-d recursion is O(1/d): it halves when d doubles', () => {
    const gap = (d: number) => {
      const { p, y } = theoryOf({ d, T: 5, noise: 0.5, init: 1, lr: { gamma: 1 }, spectrum: TWO_LEVEL });
      const grid = recordingGrid(horizonSteps(p.T, p.d), p.grid, 'log', p.d);
      const lam = buildSpectrum(p.spectrum, d).eigenvalues;
      const exact = exactFiniteD(lam, new Float64Array(d).fill(2 / d), () => 1, 0.5, grid.steps);
      return Math.abs(last(y('risk')) - last(exact.risk));
    };
    const [g200, g400, g800] = [gap(200), gap(400), gap(800)];
    expect(g200 / g400).toBeGreaterThan(1.8);
    expect(g200 / g400).toBeLessThan(2.2);
    expect(g400 / g800).toBeGreaterThan(1.8);
    expect(g400 / g800).toBeLessThan(2.2);
  });

  it('the exponential integrator agrees with DOPRI5 to 1e-8 on stiff spectra (power law, two-level, AdaGrad, line search)', () => {
    const cases: Record<string, unknown>[] = [
      { spectrum: { kind: 'power_law', beta: 0.2 }, init: 0, signal: { kind: 'power', delta: 1.2 }, T: 300, lr: { policy: 'adagrad_norm' } },
      { spectrum: TWO_LEVEL, noise: 1, T: 100, lr: { gamma: 1.5 } },
      { spectrum: { kind: 'two_level', hi: 1, lo: 0.125, frac: 0.5 }, T: 50, lr: { policy: 'line_search' } },
      { spectrum: { kind: 's_power', s: 4 }, T: 30, noise: 0.5, lr: { policy: 'polyak' } },
      { T: 20, noise: 1, lr: { policy: 'rmsprop_norm', eta: 1, b: 1, alpha: 0.5 } },
    ];
    for (const c of cases) {
      const a = theoryOf({ d: 400, ...c, ode: { method: 'dopri5', rtol: 1e-11 } });
      const b = theoryOf({ d: 400, ...c, ode: { method: 'exponential', rtol: 1e-10 } });
      for (const name of ['risk', 'lr', 'distance', 'overlap']) {
        const ya = a.y(name);
        const yb = b.y(name);
        for (let i = 0; i < ya.length; i++) {
          expect(Math.abs(yb[i] - ya[i]) / Math.max(Math.abs(ya[i]), 1e-12), `${name} ${JSON.stringify(c)}`).toBeLessThan(1e-8);
        }
      }
    }
  });

  it('power law, constant rate: the noiseless risk decays like t^(beta - 2) (arXiv:2405.19585 §3.4, delta = 0)', () => {
    // Asymptotic in 1 << t << 1/lambda_min; fitted on t in [30, 300] at d = 2000.
    for (const beta of [0.2, -0.5, 0.6]) {
      const { x, y } = theoryOf({ d: 2000, T: 300, init: 0, spectrum: { kind: 'power_law', beta } });
      const risk = y('risk');
      const i = x.findIndex((t) => t >= 30);
      const slope = Math.log(last(risk) / risk[i]) / Math.log(last(x) / x[i]);
      expect(Math.abs(slope - (beta - 2))).toBeLessThan(0.06);
    }
  });

  it('zero eigenvalues carry no risk and do not move (zero_one spectrum)', () => {
    const spectrum = buildSpectrum({ kind: 'zero_one', frac_zero: 0.5 }, 100);
    const m = spectrum.distinct.length;
    const out = glmTheory(
      {
        lambda: spectrum.distinct,
        weight: spectrum.weights,
        v22: new Float64Array(m).fill(1),
        d0: new Float64Array(m).fill(2),
        e0: new Float64Array(m).fill(-1),
        loss: leastSquares,
        omega: 0,
        policy: constantPolicy(1),
      },
      Float64Array.of(0, 1, 5),
    );
    // R = (1/2)(1/2) D_1 and D_1' = -2 D_1 + 2 R = -1.5 D_1: R(t) = 0.5 e^{-1.5 t}; the lambda = 0 half keeps D = 2.
    expect(out.risk[0]).toBe(0.5);
    expect(Math.abs(out.risk[1] / (0.5 * Math.exp(-1.5)) - 1)).toBeLessThan(1e-8);
    expect(Math.abs(out.risk[2] / (0.5 * Math.exp(-7.5)) - 1)).toBeLessThan(1e-8);
    expect(Math.abs(out.distance[2] - (1 + 0.5 * 2 * Math.exp(-7.5)))).toBeLessThan(1e-8);
    expect(out.solver.status).toBe('success');
    expect(THEORY_SOLVER.method).toBe('dopri5');
  });

  it('a noiseless risk that falls below 1e-250 stops the integration with a note instead of computing in subnormals', () => {
    const { y, r } = theoryOf({ T: 1000, ode: { method: 'exponential' } });
    const risk = y('risk');
    expect(Number.isNaN(last(risk))).toBe(true);
    expect(risk.some((v) => v > 0 && v < 1e-200)).toBe(true);
    expect(r.notes!.some((n) => /below 1e-250/.test(n))).toBe(true);
  });

  it('reports gamma_critical = 2/mean(lambda) for every least-squares preset', () => {
    for (const [name, preset] of Object.entries(sgdGlm.presets)) {
      const p = sgdGlmParams.parse(preset.params);
      if (p.problem !== 'least_squares') continue;
      const mean = buildSpectrum(p.spectrum, p.finite_size.enabled ? Math.max(...p.finite_size.dims) : p.d).mean;
      const r = sgdGlm.merge(p, [], { seed: 1, replicas: 0 });
      expect(r.scalars.gamma_critical, name).toBe(2 / mean);
    }
  });
});
