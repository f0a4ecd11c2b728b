import { describe, expect, it } from 'vitest';
import { CancelledError, isCancelledError } from '../../../core/models/model-kind-errors.js';
import type { RunResult } from '../../../core/models/model-kind.js';
import { horizonSteps, recordingGrid } from '../../../core/models/kit/index.js';
import { gridsOf, policyOf, solverSettings, spectrumOf, stepLoss, theoryInputOf, theoryLoss } from '../../../core/models/sgd-glm/setup.js';
import { simulateReplica } from '../../../core/models/sgd-glm/sgd.js';
import { glmTheory } from '../../../core/models/sgd-glm/ode.js';
import { buildSpectrum } from '../../../core/numerics/spectra.js';
import { runKind } from '../../../core/models/run-kind.js';
import { bytes, ctx } from './ctx.js';
import { exactFiniteD, seriesOf, sgdGlm, sgdGlmParams } from './sgd-glm-helpers.js';

/** Fraction of grid points where the theory lies inside the 10-90% band of the simulation mean series. */
function coverage(r: RunResult, name: string, source: 'simulation' | 'sde' = 'simulation'): number {
  const th = seriesOf(r, name, 'theory');
  const m = seriesOf(r, name, source);
  let inside = 0;
  for (let i = 0; i < m.y.length; i++) if (th.y[i] >= m.band!.lo[i] && th.y[i] <= m.band!.hi[i]) inside++;
  return inside / m.y.length;
}

const TWO_LEVEL = { kind: 'two_level', hi: 2, lo: 0.5, frac: 0.5 } as const;
const small = sgdGlmParams.parse({ d: 200, T: 3, noise: 0.3, spectrum: TWO_LEVEL });

describe('sgd-glm simulation: layout, determinism, parts', () => {
  it('per observable: theory, the SGD replicas, their mean with a 10-90% quantile band, and the homogenized-SGD mean', () => {
    const r = runKind(sgdGlm, small, ctx(9, 3));
    const names = ['risk', 'lr', 'distance', 'overlap', 'excess_risk'];
    expect([...new Set(r.series.map((s) => s.name))]).toEqual(names);
    for (const name of names) {
      const group = r.series.filter((s) => s.name === name);
      expect(group.map((s) => [s.source, s.replica, s.label])).toEqual([
        ['theory', undefined, 'ODE (theory)'],
        ['simulation', 0, 'SGD replica 0'],
        ['simulation', 1, 'SGD replica 1'],
        ['simulation', 2, 'SGD replica 2'],
        ['simulation', undefined, 'SGD mean (3 replicas)'],
        ['sde', undefined, 'homogenized SGD mean (3 replicas)'],
      ]);
      for (const s of group) {
        expect(s.xLabel).toBe('t = steps / d');
        expect(bytes(s.x).equals(bytes(group[0].x))).toBe(true);
      }
      const mean = group[4];
      expect(mean.band?.kind).toBe('quantile');
      for (let i = 0; i < mean.x.length; i++) {
        const v = [group[1].y[i], group[2].y[i], group[3].y[i]];
        expect(mean.y[i]).toBe((v[0] + v[1] + v[2]) / 3);
        const q = [...v].sort((p, u) => p - u);
        expect(mean.band!.lo[i]).toBeCloseTo(q[0] + 0.2 * (q[1] - q[0]), 14);
        expect(mean.band!.hi[i]).toBeCloseTo(q[1] + 0.8 * (q[2] - q[1]), 14);
      }
    }
    for (const k of ['final_risk_theory', 'final_risk_simulation', 'final_risk_sde', 'gamma_critical', 'max_rel_gap', 'max_rel_gap_sde', 'band_coverage']) {
      expect(Number.isFinite(r.scalars[k]), k).toBe(true);
    }
  });

  it('with one replica the band is the single curve', () => {
    const r = runKind(sgdGlm, sgdGlmParams.parse({ ...small, sde: false }), ctx(4, 1));
    const rep = r.series.find((s) => s.name === 'risk' && s.replica === 0)!;
    const mean = seriesOf(r, 'risk', 'simulation');
    expect(bytes(mean.y).equals(bytes(rep.y))).toBe(true);
    expect(bytes(mean.band!.lo).equals(bytes(rep.y))).toBe(true);
    expect(bytes(mean.band!.hi).equals(bytes(rep.y))).toBe(true);
    expect(mean.label).toBe('SGD mean (1 replica)');
  });

  it('throws CancelledError when cancelled, from the theory and from a replica; rejects an unknown process', () => {
    const p = sgdGlmParams.parse({ d: 500, T: 10 });
    expect(() => runKind(sgdGlm, p, ctx(1, 1, { isCancelled: () => true }))).toThrow(CancelledError);
    for (const process of [undefined, 'sde']) {
      let polls = 0;
      try {
        sgdGlm.runPart(p, { role: 'replica', index: 0, process }, ctx(1, 1, { isCancelled: () => ++polls > 1 }));
        expect.unreachable();
      } catch (e) {
        expect(isCancelledError(e)).toBe(true);
      }
    }
    expect(() => sgdGlm.runPart(p, { role: 'replica', index: 0, process: 'langevin' }, ctx())).toThrow(RangeError);
  });

  it('reports progress in [0, 1], non-decreasing, ending at 1', () => {
    const seen: number[] = [];
    runKind(sgdGlm, sgdGlmParams.parse({ d: 100, T: 100 }), ctx(1, 2, { progress: (f) => seen.push(f) }));
    expect(seen.length).toBeGreaterThan(3);
    for (let i = 0; i < seen.length; i++) {
      expect(seen[i]).toBeGreaterThanOrEqual(0);
      expect(seen[i]).toBeLessThanOrEqual(1);
      if (i > 0) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1]);
    }
    expect(seen[seen.length - 1]).toBe(1);
  });

  it('without replicas only the theory is returned, with its scalars', () => {
    const r = runKind(sgdGlm, small, ctx(1, 0));
    expect(r.series.every((s) => s.source === 'theory')).toBe(true);
    expect(r.series.length).toBe(5);
    expect(r.scalars.final_risk_simulation).toBeUndefined();
    expect(r.scalars.gamma_critical).toBe(1.6);
  });

  it('sim_T stops the simulations at a shorter horizon on a prefix of the theory grid, and says so', () => {
    const p = sgdGlmParams.parse({ d: 200, T: 1000, sim_T: 2, noise: 0.5 });
    const r = runKind(sgdGlm, p, ctx(3, 2));
    const th = seriesOf(r, 'risk', 'theory');
    const sim = seriesOf(r, 'risk', 'simulation');
    expect(th.x[th.x.length - 1]).toBe(1000);
    expect(sim.x[sim.x.length - 1]).toBeLessThanOrEqual(2);
    expect(bytes(sim.x).equals(bytes(th.x.slice(0, sim.x.length)))).toBe(true);
    expect(r.scalars.sim_T).toBe(2);
    expect(r.scalars.risk_theory_at_sim_T).toBe(th.y[sim.x.length - 1]);
    expect(r.notes!.some((n) => /stop at t = 2 \(sim_T\)/.test(n))).toBe(true);
  });

  it('the recording grid starts at 0, is strictly increasing in whole steps and ends at round(T d)', () => {
    for (const [T, d, n] of [
      [10, 1000, 200],
      [0.001, 100, 50],
      [3.33, 7, 400],
      [1e4, 500, 100],
    ] as const) {
      const g = recordingGrid(horizonSteps(T, d), n, 'log', d);
      expect(g.steps[0]).toBe(0);
      expect(g.totalSteps).toBe(Math.max(1, Math.round(T * d)));
      expect(g.steps[g.steps.length - 1]).toBe(g.totalSteps);
      for (let i = 1; i < g.steps.length; i++) {
        expect(Number.isInteger(g.steps[i])).toBe(true);
        expect(g.steps[i]).toBeGreaterThan(g.steps[i - 1]);
        expect(g.t[i]).toBe(g.steps[i] / d);
      }
      expect(g.steps.length).toBeLessThanOrEqual(n + 1);
    }
  });
});

describe('sgd-glm simulation against the theory', () => {
  it('A1: the least-squares SGD mean is within 4 standard errors of the exact finite-d risk, the theory inside the band', () => {
    // Isotropic, gamma = 1, omega = 0.5, 16 replicas at d = 500.
    const p = sgdGlmParams.parse({ d: 500, T: 10, noise: 0.5, init: 1, lr: { gamma: 1 }, sde: false });
    const R = 16;
    const r = runKind(sgdGlm, p, ctx(2024, R));
    const theory = seriesOf(r, 'risk', 'theory');
    const reps = r.series.filter((s) => s.name === 'risk' && s.replica !== undefined);
    const mean = seriesOf(r, 'risk', 'simulation');
    expect(reps.length).toBe(R);
    expect(r.scalars.max_rel_gap).toBeLessThan(0.05);
    const grid = recordingGrid(horizonSteps(p.T, p.d), p.grid, 'log', p.d);
    const lam = buildSpectrum(p.spectrum, p.d).eigenvalues;
    const exact = exactFiniteD(lam, new Float64Array(p.d).fill(2 / p.d), () => 1, 0.5, grid.steps);
    for (let j = 0; j < grid.steps.length; j++) {
      let ss = 0;
      for (const rep of reps) ss += (rep.y[j] - mean.y[j]) ** 2;
      const se = Math.sqrt(ss / (R - 1) / R);
      expect(Math.abs(mean.y[j] - exact.risk[j])).toBeLessThan(4 * se);
      expect(theory.y[j]).toBeGreaterThanOrEqual(mean.band!.lo[j]);
      expect(theory.y[j]).toBeLessThanOrEqual(mean.band!.hi[j]);
    }
  });

  it('SGD diverges above gamma_c and converges below it, like the theory', () => {
    const base = { d: 200, noise: 1, spectrum: TWO_LEVEL, sde: false } as const;
    const below = runKind(sgdGlm, sgdGlmParams.parse({ ...base, T: 100, lr: { gamma: 1.2 } }), ctx(5, 2));
    const above = runKind(sgdGlm, sgdGlmParams.parse({ ...base, T: 100, lr: { gamma: 1.9 } }), ctx(5, 2));
    expect(below.scalars.final_risk_simulation).toBeLessThan(10);
    expect(above.scalars.final_risk_simulation).toBeGreaterThan(1e6);
  });

  it('on the logistic and phase-retrieval presets the theory lies inside the 10-90% band of 10 replicas', () => {
    // Fraction of grid points with the theory inside the band. With few replicas the band is itself
    // noisy: with 8 replicas and seed 11 the logistic risk band sits 0.5-1.5 band widths below the
    // theory over t in [0.05, 0.6] (coverage 0.75), while the mean of 48 replicas stays within 1.1
    // standard errors of the theory at all times. Measured here (seed 1): logistic risk 1.000,
    // logistic-soft risk 0.916, phase retrieval 1.000; excess risk 0.994-1.000, distance and
    // overlap 1.000.
    for (const name of ['logistic', 'logistic-soft', 'phase-retrieval']) {
      const p = sgdGlmParams.parse({ ...sgdGlm.presets[name].params, sde: false });
      const r = runKind(sgdGlm, p, ctx(1, 10));
      for (const obs of ['risk', 'excess_risk', 'distance', 'overlap']) {
        expect(coverage(r, obs), `${name} ${obs}`).toBeGreaterThanOrEqual(0.9);
      }
      expect(r.scalars.max_rel_gap, name).toBeLessThan(0.03);
    }
  });

  it('A7: logistic ODE vs the SGD mean of 3 seeds at d = 2000 on {2, 0.5}: B11 and B12 within 1.5% of their ranges; final KL excess as in the note', () => {
    const cases: ['soft' | 'bernoulli', number, number][] = [
      ['soft', 1, 0.095],
      ['soft', 4, 0.035],
      ['bernoulli', 1, 0.124],
      ['bernoulli', 4, 0.239],
    ];
    for (const [labels, gamma, excessNote] of cases) {
      const p = sgdGlmParams.parse({ problem: 'logistic', labels, spectrum: TWO_LEVEL, signal: { scale: 3 }, init: 0, d: 2000, T: 5, grid: 60, lr: { gamma } });
      const spectrum = spectrumOf(p);
      const input = theoryInputOf(p, spectrum);
      const { theory: grid, simSteps } = gridsOf(p);
      const th = glmTheory(input, grid.t, solverSettings(p, spectrum, input));
      const reps = [0, 1, 2].map((replica) =>
        simulateReplica({
          eigenvalues: spectrum.eigenvalues,
          omega: 0,
          init: 0,
          initSignal: 0,
          signal: p.signal,
          loss: theoryLoss(p),
          stepLoss: stepLoss(p),
          policy: policyOf(p),
          steps: simSteps,
          seed: 7,
          replica,
        }),
      );
      for (const key of ['b11', 'b12'] as const) {
        let lo = Infinity;
        let hi = -Infinity;
        let dev = 0;
        for (let i = 0; i < grid.t.length; i++) {
          const mean = (reps[0][key][i] + reps[1][key][i] + reps[2][key][i]) / 3;
          lo = Math.min(lo, th[key][i]);
          hi = Math.max(hi, th[key][i]);
          dev = Math.max(dev, Math.abs(mean - th[key][i]));
        }
        expect(dev / (hi - lo), `${labels} gamma=${gamma} ${key}`).toBeLessThan(0.015);
      }
      // the note's values came from an Euler ODE with h = 0.01 (about 1% first-order error)
      expect(Math.abs(th.excess[th.excess.length - 1] / excessNote - 1), `${labels} gamma=${gamma}`).toBeLessThan(0.03);
    }
  });

  it('homogenized SGD agrees with SGD and the theory (least squares with AdaGrad, logistic)', () => {
    for (const params of [
      { d: 400, T: 10, noise: 0.5, spectrum: TWO_LEVEL, lr: { policy: 'adagrad_norm', eta: 1, b: 1 } },
      { d: 400, T: 5, problem: 'logistic', spectrum: TWO_LEVEL, signal: { scale: 3 }, init: 0, lr: { gamma: 2 } },
    ]) {
      const r = runKind(sgdGlm, sgdGlmParams.parse(params), ctx(5, 16));
      expect(r.scalars.max_rel_gap_sde).toBeLessThan(0.04);
      expect(r.scalars.max_rel_gap).toBeLessThan(0.04);
      expect(coverage(r, 'risk', 'sde')).toBeGreaterThanOrEqual(0.9);
      const lrTheory = seriesOf(r, 'lr', 'theory');
      const lrSde = seriesOf(r, 'lr', 'sde');
      for (let i = 0; i < lrSde.y.length; i++) expect(Math.abs(lrSde.y[i] / lrTheory.y[i] - 1)).toBeLessThan(0.02);
    }
  });

  it('oracle and adaptive policies in SGD follow the theory: line search (Fig. 5 at d = 400) and AdaGrad-Norm (Fig. 1 left)', () => {
    const ls = runKind(sgdGlm, sgdGlmParams.parse({ ...sgdGlm.presets['hl-fig5'].params, T: 20, sde: false }), ctx(3, 4));
    const lrT = seriesOf(ls, 'lr', 'theory');
    const lrS = seriesOf(ls, 'lr', 'simulation');
    for (let i = 0; i < lrS.y.length; i++) expect(Math.abs(lrS.y[i] / lrT.y[i] - 1)).toBeLessThan(0.05);
    const ada = runKind(sgdGlm, sgdGlmParams.parse({ d: 1000, T: 10, noise: 1, init: 0, lr: { policy: 'adagrad_norm' }, sde: false }), ctx(3, 4));
    const aT = seriesOf(ada, 'lr', 'theory');
    const aS = seriesOf(ada, 'lr', 'simulation');
    for (let i = 0; i < aS.y.length; i++) expect(Math.abs(aS.y[i] / aT.y[i] - 1)).toBeLessThan(0.01);
    expect(ada.scalars.max_rel_gap).toBeLessThan(0.05);
  });
});
