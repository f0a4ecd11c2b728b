import { describe, expect, it } from 'vitest';
import { CancelledError } from '../../../core/models/model-kind-errors.js';
import type { RunResult, Series } from '../../../core/models/model-kind.js';
import { runKind } from '../../../core/models/run-kind.js';
import { bytes, ctx } from './ctx.js';
import { gmmSgd, gmmSgdParams } from '../../../core/models/gmm-sgd/index.js';
import { buildMixture } from '../../../core/models/gmm-sgd/problem.js';

function gaps(r: RunResult, name: string) {
  const theory = r.series.find((s) => s.name === name && s.source === 'theory')!;
  const reps = r.series.filter((s) => s.name === name && s.replica !== undefined);
  const R = reps.length;
  const out: { t: number; theory: number; mean: number; se: number }[] = [];
  for (let j = 1; j < theory.x.length; j++) {
    const v = reps.map((s) => s.y[j]);
    const mean = v.reduce((a, b) => a + b, 0) / R;
    const se = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, R - 1) / R);
    out.push({ t: theory.x[j], theory: theory.y[j], mean, se });
  }
  return out;
}

const small = gmmSgdParams.parse({ d: 150, T: 3, grid: 6, spectrum: { kind: 'power_law', exponent: 0.5, exponent_spread: 1 } });

describe('gmm-sgd simulation', () => {
  it('series layout: per observable theory, replicas, mean with band; theory and simulation share x', () => {
    const r = runKind(gmmSgd, small, ctx(2, 2));
    const key = (s: Series) => `${s.name}/${s.source}/${s.replica ?? ''}`;
    const names = ['risk', 'accuracy', 'overlap_clean', 'overlap_noisy'];
    expect(r.series.map(key)).toEqual([
      ...names.map((n) => `${n}/theory/`),
      ...[0, 1].flatMap((k) => names.map((n) => `${n}/simulation/${k}`)),
      ...names.map((n) => `${n}/simulation/`),
    ]);
    for (const n of names) {
      const g = r.series.filter((s) => s.name === n);
      for (const s of g) expect(bytes(s.x).equals(bytes(g[0].x))).toBe(true);
    }
    expect(r.series[0].x[r.series[0].x.length - 1]).toBe(3);
    for (const k of ['final_risk_theory', 'final_risk_simulation', 'final_accuracy_theory', 'final_overlap_clean_simulation', 'max_rel_gap']) {
      expect(Number.isFinite(r.scalars[k]), k).toBe(true);
    }
  });

  it('the theory does not depend on the seed for antipodal means, and does for random means', () => {
    const whole = runKind(gmmSgd, small, ctx(5, 3));
    // antipodal means: the theory does not depend on the seed (only the signs of the mean are drawn);
    // random means: it does, through the realised overlaps of the directions
    expect(Math.abs(whole.series[0].y[6] - runKind(gmmSgd, small, ctx(6, 0)).series[0].y[6])).toBeLessThan(1e-7);
    const rnd = gmmSgdParams.parse({ ...small, classes: 4, means: { kind: 'random' } });
    expect(bytes(runKind(gmmSgd, rnd, ctx(5, 0)).series[0].y).equals(bytes(runKind(gmmSgd, rnd, ctx(6, 0)).series[0].y))).toBe(false);
  });

  it('C = 64 classes: random means and 64 distinct power-law spectra run, and SGD follows the ODE', () => {
    for (const extra of [
      { means: { kind: 'random', norm: 3 }, lr: { gamma: 0.2 } },
      { means: { kind: 'antipodal', norm: 1 }, spectrum: { kind: 'power_law', exponent: 0.25, exponent_spread: 2 } },
    ] as const) {
      const p = gmmSgdParams.parse({ classes: 64, d: 300, T: 4, grid: 4, ...extra });
      const mix = buildMixture(p, 8);
      expect(mix.C).toBe(64);
      expect(mix.rows).toBe(p.spectrum.kind === 'power_law' ? 64 : 1);
      const r = runKind(gmmSgd, p, ctx(8, 6));
      for (const g of gaps(r, 'risk')) expect(Math.abs(g.mean - g.theory), JSON.stringify(g)).toBeLessThan(4 * g.se + 0.01 * g.theory);
      for (const g of gaps(r, 'accuracy')) expect(Math.abs(g.mean - g.theory), JSON.stringify(g)).toBeLessThan(4 * g.se + 0.005);
    }
  });

  it('replicas follow the ODE for risk, accuracy and both overlaps (power law, two exponents, d = 300)', () => {
    const p = gmmSgdParams.parse({ d: 300, T: 20, grid: 5, spectrum: { kind: 'power_law', exponent: 1.1, exponent_spread: 0.4 }, clean_frac: 0.2 });
    const r = runKind(gmmSgd, p, ctx(11, 8));
    for (const [name, abs] of [
      ['risk', 0.01],
      ['accuracy', 0.005],
      ['overlap_clean', 0.02],
      ['overlap_noisy', 0.02],
    ] as const) {
      for (const g of gaps(r, name)) expect(Math.abs(g.mean - g.theory), `${name} ${JSON.stringify(g)}`).toBeLessThan(4 * g.se + abs);
    }
  });

  it('least squares on +-1 labels: replicas follow the ODE', () => {
    const p = gmmSgdParams.parse({ ...gmmSgd.presets['least-squares-zero-one'].params, d: 300, T: 6, grid: 6 });
    const r = runKind(gmmSgd, p, ctx(3, 8));
    for (const g of gaps(r, 'risk')) expect(Math.abs(g.mean - g.theory), JSON.stringify(g)).toBeLessThan(4 * g.se + 0.02 * g.theory);
  });

  it('zero-one with clean means: overlap_noisy is omitted (no noisy component), overlap_clean -> 1', () => {
    const p = gmmSgdParams.parse({ ...gmmSgd.presets['a10-zero-one'].params, d: 200, T: 10, grid: 5 });
    const r = runKind(gmmSgd, p, ctx(1, 1));
    expect(r.series.some((s) => s.name === 'overlap_noisy')).toBe(false);
    expect(r.notes!.join('\n')).toMatch(/overlap_noisy omitted/);
    expect(r.scalars.final_overlap_clean_theory).toBeGreaterThan(0.99);
    expect(r.scalars.final_overlap_clean_simulation).toBeGreaterThan(0.98);
  });

  it('throws CancelledError from the theory and from a replica', () => {
    const p = gmmSgdParams.parse({ d: 200, T: 100 }); // 20000 steps, polled every 4096
    expect(() => gmmSgd.runPart(p, { role: 'theory' }, ctx(1, 1, { isCancelled: () => true }))).toThrow(CancelledError);
    let polls = 0;
    expect(() => gmmSgd.runPart(p, { role: 'replica', index: 0 }, ctx(1, 1, { isCancelled: () => ++polls > 2 }))).toThrow(CancelledError);
    expect(polls).toBe(3);
  });
});
