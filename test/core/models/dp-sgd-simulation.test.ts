import { describe, expect, it } from 'vitest';
import { CancelledError } from '../../../core/models/model-kind-errors.js';
import type { RunResult, Series } from '../../../core/models/model-kind.js';
import { runKind } from '../../../core/models/run-kind.js';
import { bytes, ctx } from './ctx.js';
import { dpSgd, dpSgdParams } from '../../../core/models/dp-sgd/index.js';

/** Mean, standard error and theory of `name` across replicas at every grid point. */
function stats(r: RunResult, name = 'excess_risk') {
  const theory = r.series.find((s) => s.name === name && s.source === 'theory')!;
  const reps = r.series.filter((s) => s.name === name && s.replica !== undefined);
  const R = reps.length;
  const mean: number[] = [];
  const se: number[] = [];
  for (let j = 0; j < theory.x.length; j++) {
    const v = reps.map((s) => s.y[j]);
    const m = v.reduce((a, b) => a + b, 0) / R;
    mean.push(m);
    se.push(Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / (R - 1) / R));
  }
  return { theory, mean, se, x: theory.x };
}

const small = dpSgdParams.parse({ d: 120, aspect: 0.5, clip: { c: 1 }, privacy: { sigma: 1 }, grid: 8, spectrum: { kind: 'two_level', hi: 1.6, lo: 0.4, frac: 0.5 } });

describe('dp-sgd simulation', () => {
  it('series layout: theory and bounds, then replicas, then means with 10-90% bands; theory and simulation share x', () => {
    const r = runKind(dpSgd, small, ctx(3, 2));
    const key = (s: Series) => `${s.name}/${s.source}/${s.replica ?? ''}`;
    expect(r.series.map(key)).toEqual([
      'risk/theory/',
      'risk/bound_lower/',
      'risk/bound_upper/',
      'excess_risk/theory/',
      'excess_risk/bound_lower/',
      'excess_risk/bound_upper/',
      'clip_fraction/theory/',
      'rho_profile/theory/',
      'risk/simulation/0',
      'excess_risk/simulation/0',
      'clip_fraction/simulation/0',
      'risk/simulation/1',
      'excess_risk/simulation/1',
      'clip_fraction/simulation/1',
      'risk/simulation/',
      'excess_risk/simulation/',
      'clip_fraction/simulation/',
    ]);
    for (const name of ['risk', 'excess_risk', 'clip_fraction']) {
      const group = r.series.filter((s) => s.name === name);
      for (const s of group) expect(bytes(s.x).equals(bytes(group[0].x))).toBe(true);
    }
    const risk = r.series.find((s) => s.name === 'risk' && s.source === 'simulation' && s.replica === undefined)!;
    expect(risk.band?.kind).toBe('quantile');
    expect(risk.x[0]).toBe(0);
    expect(risk.x[risk.x.length - 1]).toBe(1);
    // risk = excess + zeta^2 / 2
    const ex = r.series.find((s) => s.name === 'excess_risk' && s.replica === 0)!;
    const rk = r.series.find((s) => s.name === 'risk' && s.replica === 0)!;
    for (let i = 0; i < ex.y.length; i++) expect(rk.y[i]).toBeCloseTo(ex.y[i] + 0.125, 14);
    for (const k of ['final_excess_risk_theory', 'final_excess_risk_simulation', 'rho', 'max_rel_gap', 'expansive_steps']) {
      expect(Number.isFinite(r.scalars[k]), k).toBe(true);
    }
  });

  it('simulation means agree with the per-mode ODE within 4 standard errors plus 1% (d = 400, n = 800, 24 replicas)', () => {
    // Measured (seed 2025): largest |z| over the 4 configurations and 4 times is 1.0; separate
    // runs with 128 replicas put the finite-d bias below 1% of the excess at d >= 400.
    const configs = [
      { clip: { c: 1 }, privacy: { sigma: 0 } },
      { clip: { c: 1 }, privacy: { sigma: 1 } },
      { clip: { c: 3 }, privacy: { sigma: 1 } },
      { clip: { c: 2 }, privacy: { sigma: 1 }, spectrum: { kind: 'two_level', hi: 1.6, lo: 0.4, frac: 0.5 } },
    ] as const;
    for (const cfg of configs) {
      const p = dpSgdParams.parse({ d: 400, aspect: 0.5, noise: 0.5, grid: 4, ...cfg });
      const { theory, mean, se } = stats(runKind(dpSgd, p, ctx(2025, 24)));
      for (let j = 1; j < theory.x.length; j++) {
        const gap = Math.abs(mean[j] - theory.y[j]);
        expect(gap, `${JSON.stringify(cfg)} t=${theory.x[j]}`).toBeLessThan(4 * se[j] + 0.01 * theory.y[j]);
      }
    }
  });

  it('the clipped fraction of the simulation matches 1 - mu_c of the ODE window by window', () => {
    const p = dpSgdParams.parse({ d: 400, aspect: 0.5, clip: { c: 0.7 }, privacy: { sigma: 1 }, grid: 4 });
    const r = runKind(dpSgd, p, ctx(5, 8));
    const { theory, mean, se } = stats(r, 'clip_fraction');
    expect(theory.x[0]).toBe(0.25);
    for (let j = 0; j < theory.x.length; j++) {
      expect(Math.abs(mean[j] - theory.y[j])).toBeLessThan(4 * se[j] + 0.01);
    }
  });

  it('the lambda_max / lambda_min bounds bracket the simulation on the anisotropic A8 preset', () => {
    // d = 400 instead of 1000 to keep the test fast; 16 replicas. At t >= 0.25 the bracket is at
    // least 8 standard errors wide on each side, so the mean must lie strictly inside.
    const p = dpSgdParams.parse({ ...dpSgd.presets['a8-anisotropic'].params, d: 400, grid: 8 });
    const r = runKind(dpSgd, p, ctx(9, 16));
    const { theory, mean, se, x } = stats(r);
    const lo = r.series.find((s) => s.name === 'excess_risk' && s.source === 'bound_lower')!;
    const hi = r.series.find((s) => s.name === 'excess_risk' && s.source === 'bound_upper')!;
    for (let j = 0; j < x.length; j++) {
      expect(lo.y[j]).toBeLessThanOrEqual(theory.y[j] + 1e-12);
      expect(theory.y[j]).toBeLessThanOrEqual(hi.y[j] + 1e-12);
      expect(mean[j]).toBeGreaterThan(lo.y[j] - 4 * se[j]);
      expect(mean[j]).toBeLessThan(hi.y[j] + 4 * se[j]);
      if (x[j] >= 0.25) {
        expect(mean[j]).toBeGreaterThan(lo.y[j]);
        expect(mean[j]).toBeLessThan(hi.y[j]);
      }
    }
    expect(r.scalars.final_excess_risk_bound_lower).toBeCloseTo(0.455, 3);
    expect(r.scalars.final_excess_risk_bound_upper).toBeCloseTo(1.393, 3);
  });

  it('the bounds also bracket a power-law simulation (strongly anisotropic, 300 distinct eigenvalues)', () => {
    const p = dpSgdParams.parse({ d: 300, aspect: 1, spectrum: { kind: 'power_law', beta: 0.2 }, clip: { c: 0.5 }, privacy: { sigma: 0.5 }, grid: 4 });
    const r = runKind(dpSgd, p, ctx(4, 12));
    const { theory, mean, se, x } = stats(r);
    const lo = r.series.find((s) => s.name === 'excess_risk' && s.source === 'bound_lower')!;
    const hi = r.series.find((s) => s.name === 'excess_risk' && s.source === 'bound_upper')!;
    for (let j = 1; j < x.length; j++) {
      expect(mean[j]).toBeGreaterThan(lo.y[j]);
      expect(mean[j]).toBeLessThan(hi.y[j]);
      expect(Math.abs(mean[j] - theory.y[j])).toBeLessThan(4 * se[j] + 0.01 * theory.y[j]);
    }
  });

  it('counts expansive steps (eta_k ||x_k||^2 > 2): none at the A8 rate, all at a rate far above 2 / (d/n)', () => {
    const ok = runKind(dpSgd, small, ctx(1, 1));
    expect(ok.scalars.expansive_steps).toBe(0);
    const fast = dpSgdParams.parse({ ...small, lr: { eta: 8 } });
    const r = runKind(dpSgd, fast, ctx(1, 1));
    expect(r.scalars.expansive_steps).toBe(240);
    expect(r.notes!.join('\n')).toMatch(/not non-expansive/);
    expect(dpSgd.warnings!(dpSgdParams.parse({ lr: { eta: 4 }, privacy: { sigma: 1 } })).join('\n')).toMatch(/non-expansive/);
  });

  it('throws CancelledError from the theory and from a replica, and reports progress', () => {
    const p = dpSgdParams.parse({ d: 400, privacy: { sigma: 1 } });
    expect(() => dpSgd.runPart(p, { role: 'theory' }, ctx(1, 1, { isCancelled: () => true }))).toThrow(CancelledError);
    let polls = 0;
    const long = dpSgdParams.parse({ d: 400, aspect: 0.05, privacy: { sigma: 1 } }); // n = 8000: polls every 2621 steps
    expect(() => dpSgd.runPart(long, { role: 'replica', index: 0 }, ctx(1, 1, { isCancelled: () => ++polls > 2 }))).toThrow(CancelledError);
    expect(polls).toBe(3);
    const fractions: number[] = [];
    runKind(dpSgd, small, ctx(1, 1, { progress: (f) => fractions.push(f) }));
    expect(fractions[fractions.length - 1]).toBe(1);
  });
});
