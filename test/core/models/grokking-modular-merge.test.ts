/**
 * grokking-modular: what a run with Langevin chains reports. The simulated discrepancy is the
 * coefficient of the ensemble's posterior mean on the table, recomputed here from the chains'
 * packed means; it sits inside the min–max band of the chains; the Fourier power mean is the mean
 * of the chains' curves; the theory's scalars are those of the closed forms.
 */
import { describe, expect, it } from 'vitest';
import { grokkingModular, grokkingModularParams } from '../../../core/models/grokking-modular/index.js';
import { nngpDiscrepancy } from '../../../core/models/grokking-modular/nngp-spectrum.js';
import { sigma2Critical } from '../../../core/models/grokking-modular/phase-diagram.js';
import { discrepancyCoefficient, modularTarget } from '../../../core/models/grokking-modular/quadratic-chain.js';
import { runKind } from '../../../core/models/run-kind.js';
import { ctx } from './ctx.js';

describe('grokking-modular run with Langevin chains', () => {
  const p = grokkingModularParams.parse({ modulus: 5, N: 8, noise: 0.3, langevin: { chains: 3, steps: 600, burn_in: 200, thin: 5 } });
  const c = ctx(3);
  const parts = grokkingModular.parts(p, 0).map((q) => ({ key: q.key, result: grokkingModular.runPart(p, q.key, c) }));
  const run = runKind(grokkingModular, p, c);

  it('reports a of the ensemble mean, inside the chains’ min–max band, at x = σ²', () => {
    const y = modularTarget(5);
    const means = parts.filter((q) => q.key.role === 'replica').map((q) => q.result.series.find((s) => s.name === '_f_mean')!.y);
    expect(means.length).toBe(3);
    const mean = new Float64Array(y.length);
    for (const f of means) for (let k = 0; k < y.length; k++) mean[k] += f[k]! / 3;
    expect(run.scalars.a_simulation).toBe(discrepancyCoefficient(mean, y));
    const sim = run.series.find((s) => s.name === 'discrepancy' && s.source === 'simulation')!;
    expect(Array.from(sim.x)).toEqual([0.3]);
    expect(sim.band!.lo[0]!).toBeLessThanOrEqual(sim.y[0]!);
    expect(sim.band!.hi[0]!).toBeGreaterThanOrEqual(sim.y[0]!);
    expect(run.scalars.a_gap_nngp).toBeCloseTo(Math.abs(run.scalars.a_simulation! - nngpDiscrepancy(p.sigma_a2, p.noise)), 14);
    expect(run.series.some((s) => s.name.startsWith('_'))).toBe(false);
  });

  it('the Fourier power mean is the chains’ mean curve, and the theory scalars are the closed forms', () => {
    const chains = run.series.filter((s) => s.name === 'fourier_power' && s.source === 'simulation' && s.replica !== undefined);
    const mean = run.series.find((s) => s.name === 'fourier_power' && s.source === 'simulation' && s.replica === undefined)!;
    expect(chains.length).toBe(3);
    for (let k = 0; k < 5; k++) expect(mean.y[k]).toBeCloseTo(chains.reduce((s, q) => s + q.y[k]!, 0) / 3, 14);
    expect(run.scalars.sigma2_c).toBe(sigma2Critical({ P: 5, N: 8, sigma_a2: p.sigma_a2, gamma: p.gamma }));
    expect(run.scalars.chains).toBe(3);
    expect(run.scalars.samples).toBe(3 * 80);
  });
});
