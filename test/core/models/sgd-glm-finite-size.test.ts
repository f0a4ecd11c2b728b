import { describe, expect, it } from 'vitest';
import { runKind } from '../../../core/models/run-kind.js';
import { ctx } from './ctx.js';
import { seriesOf, sgdGlm, sgdGlmParams } from './sgd-glm-helpers.js';

describe('finite-size mode', () => {
  it('the theory-to-SGD gap and the band width shrink like d^(-1/2) (A1, arXiv:2308.08977 claim 1)', () => {
    const p = sgdGlmParams.parse({
      noise: 0.5,
      T: 2,
      finite_size: { enabled: true, dims: [128, 256, 512, 1024, 2048], replicas: 12 },
    });
    const replicas = 1;
    const parts = sgdGlm.parts(p, replicas);
    expect(parts.length).toBe(5 + 5 * 12);
    expect(parts[0].key).toEqual({ role: 'theory', dim: 128 });
    expect(parts[5].key).toEqual({ role: 'replica', index: 0, dim: 128 });
    const r = runKind(sgdGlm, p, ctx(8, replicas));
    const gap = seriesOf(r, 'gap_vs_d', 'empirical');
    const fit = seriesOf(r, 'gap_vs_d', 'fit');
    expect(Array.from(gap.x)).toEqual([128, 256, 512, 1024, 2048]);
    expect(gap.xLabel).toBe('d');
    expect(fit.label).toMatch(/slope -0\.\d/);
    expect(Math.abs(r.scalars.gap_slope + 0.5), `gap slope ${r.scalars.gap_slope}`).toBeLessThan(0.15);
    expect(Math.abs(r.scalars.band_slope + 0.5), `band slope ${r.scalars.band_slope}`).toBeLessThan(0.15);
    expect(seriesOf(r, 'band_vs_d', 'empirical').y.length).toBe(5);
    // one risk curve per d with its band, and the theory
    const sims = r.series.filter((s) => s.name === 'risk' && s.source === 'simulation');
    expect(sims.map((s) => s.label)).toEqual([128, 256, 512, 1024, 2048].map((d) => `SGD d = ${d} (mean of 12)`));
    expect(sims.every((s) => s.band?.kind === 'quantile')).toBe(true);
    expect(r.series.some((s) => s.name === 'risk' && s.source === 'theory')).toBe(true);
    expect(r.notes!.some((n) => /finite-size check: log-log slopes/.test(n))).toBe(true);
  });
});
