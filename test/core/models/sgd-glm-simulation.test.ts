import { describe, expect, it } from 'vitest';
import { CancelledError, isCancelledError } from '../../../core/models/model-kind-errors.js';
import type { RunContext, RunResult, Series } from '../../../core/models/model-kind.js';
import { recordingGrid } from '../../../core/models/sgd-glm/grid.js';
import { sgdGlm, sgdGlmParams } from '../../../core/models/sgd-glm/index.js';
import { buildSpectrum } from '../../../core/numerics/spectra.js';

const ctx = (seed: number, replicas: number, over: Partial<RunContext> = {}): RunContext => ({
  seed,
  replicas,
  isCancelled: () => false,
  progress: () => undefined,
  ...over,
});

const bytes = (a: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

function sameSeries(a: Series, b: Series) {
  expect({ ...a, x: undefined, y: undefined, band: undefined }).toEqual({ ...b, x: undefined, y: undefined, band: undefined });
  expect(bytes(a.x).equals(bytes(b.x))).toBe(true);
  expect(bytes(a.y).equals(bytes(b.y))).toBe(true);
  if (a.band || b.band) {
    expect(a.band?.kind).toBe(b.band?.kind);
    expect(bytes(a.band!.lo).equals(bytes(b.band!.lo))).toBe(true);
    expect(bytes(a.band!.hi).equals(bytes(b.band!.hi))).toBe(true);
  }
}

function sameResult(a: RunResult, b: RunResult) {
  expect(a.series.length).toBe(b.series.length);
  a.series.forEach((s, i) => sameSeries(s, b.series[i]));
  expect(Object.keys(a.scalars).sort()).toEqual(Object.keys(b.scalars).sort());
  for (const k of Object.keys(a.scalars)) expect(Object.is(a.scalars[k], b.scalars[k])).toBe(true);
  expect(a.notes).toEqual(b.notes);
}

const small = sgdGlmParams.parse({ d: 200, T: 3, noise: 0.3, spectrum: { kind: 'two_level', hi: 2, lo: 0.5, frac: 0.5 } });

describe('sgd-glm simulation', () => {
  it('series layout: theory, one series per replica (replica, seed), then the mean with a 10-90% quantile band', () => {
    const r = sgdGlm.run(small, ctx(9, 3));
    expect(r.series.map((s) => [s.source, s.replica, s.label])).toEqual([
      ['theory', undefined, 'ODE (theory)'],
      ['simulation', 0, 'SGD replica 0'],
      ['simulation', 1, 'SGD replica 1'],
      ['simulation', 2, 'SGD replica 2'],
      ['simulation', undefined, 'SGD mean (3 replicas)'],
    ]);
    for (const s of r.series) {
      expect(s.name).toBe('risk');
      expect(s.xLabel).toBe('t = steps / d');
      expect(s.yLabel).toBe('risk');
      // theory and simulation share exactly the same x values
      expect(bytes(s.x).equals(bytes(r.series[0].x))).toBe(true);
    }
    for (const s of r.series.slice(1, 4)) expect(s.seed).toBe(9);
    const mean = r.series[4];
    expect(mean.band?.kind).toBe('quantile');
    // pointwise: mean of the replicas, band = type-7 quantiles of 3 values (positions 0.2 and 1.8)
    for (let i = 0; i < mean.x.length; i++) {
      const v = [r.series[1].y[i], r.series[2].y[i], r.series[3].y[i]];
      expect(mean.y[i]).toBe((v[0] + v[1] + v[2]) / 3);
      const s = [...v].sort((p, q) => p - q);
      expect(mean.band!.lo[i]).toBeCloseTo(s[0] + 0.2 * (s[1] - s[0]), 14);
      expect(mean.band!.hi[i]).toBeCloseTo(s[1] + 0.8 * (s[2] - s[1]), 14);
    }
    for (const k of ['final_risk_theory', 'final_risk_simulation', 'gamma_critical', 'max_rel_gap']) {
      expect(Number.isFinite(r.scalars[k])).toBe(true);
    }
  });

  it('with one replica the band is the single curve', () => {
    const r = sgdGlm.run(small, ctx(4, 1));
    const [, rep, mean] = r.series;
    expect(bytes(mean.y).equals(bytes(rep.y))).toBe(true);
    expect(bytes(mean.band!.lo).equals(bytes(rep.y))).toBe(true);
    expect(bytes(mean.band!.hi).equals(bytes(rep.y))).toBe(true);
    expect(mean.label).toBe('SGD mean (1 replica)');
  });

  it('the same seed gives bit-identical series; different replicas and different seeds differ', () => {
    const a = sgdGlm.run(small, ctx(123, 2));
    const b = sgdGlm.run(small, ctx(123, 2));
    sameResult(a, b);
    expect(bytes(a.series[1].y).equals(bytes(a.series[2].y))).toBe(false);
    const c = sgdGlm.run(small, ctx(124, 2));
    expect(bytes(a.series[1].y).equals(bytes(c.series[1].y))).toBe(false);
    // a replica's stream depends on (seed, replica) only, not on how many replicas run
    const d = sgdGlm.run(small, ctx(123, 5));
    expect(bytes(a.series[2].y).equals(bytes(d.series[2].y))).toBe(true);
  });

  it('run equals merge of parts bit for bit, whatever order the parts execute in', () => {
    const replicas = 4;
    const whole = sgdGlm.run(small, ctx(77, replicas));
    const parts = sgdGlm.parts!(small, replicas);
    expect(parts.map((p) => p.id)).toEqual(['theory', 'replica:0', 'replica:1', 'replica:2', 'replica:3']);
    const results = new Array<RunResult>(parts.length);
    for (const i of [3, 0, 4, 2, 1]) results[i] = sgdGlm.runPart!(small, parts[i], ctx(77, replicas));
    const merged = sgdGlm.merge!(small, results, { seed: 77, replicas });
    sameResult(whole, merged);
  });

  it('simulation mean is within 4 standard errors of the exact finite-d risk and within 5% of the theory at d = 500', () => {
    // Isotropic, gamma = 1, omega = 0.5, 16 replicas. The replica spread at t = 0 alone is
    // sqrt(2/d) ~ 6% of R(0), so the mean of 16 has ~1.5% standard error; over seeds 1..10 the
    // measured max |mean - theory| / max theory was 0.8%-2.5%.
    const p = sgdGlmParams.parse({ d: 500, T: 10, noise: 0.5, init: 1, lr: { gamma: 1 } });
    const R = 16;
    const r = sgdGlm.run(p, ctx(2024, R));
    const theory = r.series[0];
    const reps = r.series.filter((s) => s.replica !== undefined);
    const mean = r.series[r.series.length - 1];
    expect(reps.length).toBe(R);
    expect(r.scalars.max_rel_gap).toBeLessThan(0.05);
    // exact finite-d expectation: isotropic recursion on the mean mode v (note §1.5b)
    const grid = recordingGrid(p.T, p.d, p.grid);
    const c = 1 / p.d;
    let v = 2 / p.d;
    let j = 0;
    for (let k = 0; j < grid.steps.length; k++) {
      const s = p.d * v;
      if (k === grid.steps[j]) {
        const exact = 0.5 * (s + 0.25);
        let ss = 0;
        for (const rep of reps) ss += (rep.y[j] - mean.y[j]) ** 2;
        const se = Math.sqrt(ss / (R - 1) / R);
        expect(Math.abs(mean.y[j] - exact)).toBeLessThan(4 * se);
        // the theory lies inside the 10-90% band of the replicas at every recorded time
        expect(theory.y[j]).toBeGreaterThanOrEqual(mean.band!.lo[j]);
        expect(theory.y[j]).toBeLessThanOrEqual(mean.band!.hi[j]);
        j++;
      }
      v = (1 - 2 * c + 2 * c * c) * v + c * c * (s + 0.25);
    }
  });

  it('SGD diverges above gamma_c and converges below it, like the theory', () => {
    const base = { d: 200, noise: 1, spectrum: { kind: 'two_level', hi: 2, lo: 0.5, frac: 0.5 } } as const;
    const below = sgdGlm.run(sgdGlmParams.parse({ ...base, T: 100, lr: { gamma: 1.2 } }), ctx(5, 2));
    const above = sgdGlm.run(sgdGlmParams.parse({ ...base, T: 100, lr: { gamma: 1.9 } }), ctx(5, 2));
    expect(below.scalars.final_risk_simulation).toBeLessThan(10);
    expect(above.scalars.final_risk_simulation).toBeGreaterThan(1e6);
  });

  it('throws CancelledError when cancelled, from the theory and from a replica', () => {
    const p = sgdGlmParams.parse({ d: 500, T: 10 });
    expect(() => sgdGlm.run(p, ctx(1, 1, { isCancelled: () => true }))).toThrow(CancelledError);
    const part = { id: 'replica:0', weight: 1 };
    let polls = 0;
    try {
      sgdGlm.runPart!(p, part, ctx(1, 1, { isCancelled: () => ++polls > 1 }));
      expect.unreachable();
    } catch (e) {
      expect(isCancelledError(e)).toBe(true);
      expect(isCancelledError({ name: 'CancelledError', message: 'x' })).toBe(true);
    }
  });

  it('reports progress in [0, 1], non-decreasing, ending at 1', () => {
    const seen: number[] = [];
    sgdGlm.run(sgdGlmParams.parse({ d: 100, T: 100 }), ctx(1, 2, { progress: (f) => seen.push(f) }));
    expect(seen.length).toBeGreaterThan(3);
    for (let i = 0; i < seen.length; i++) {
      expect(seen[i]).toBeGreaterThanOrEqual(0);
      expect(seen[i]).toBeLessThanOrEqual(1);
      if (i > 0) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1]);
    }
    expect(seen[seen.length - 1]).toBe(1);
  });

  it('without replicas only the theory is returned, with its scalars', () => {
    const r = sgdGlm.run(small, ctx(1, 0));
    expect(r.series.length).toBe(1);
    expect(r.scalars.final_risk_simulation).toBeUndefined();
    expect(r.scalars.gamma_critical).toBe(1.6);
  });

  it('the recording grid starts at 0, is strictly increasing in whole steps and ends at round(T d)', () => {
    for (const [T, d, n] of [
      [10, 1000, 200],
      [0.001, 100, 50],
      [3.33, 7, 400],
      [1e4, 500, 100],
    ] as const) {
      const g = recordingGrid(T, d, n);
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
    // the eigenvalues used by the replicas are the spectrum's full list
    expect(buildSpectrum(small.spectrum, small.d).eigenvalues.length).toBe(small.d);
  });
});
