/**
 * grokking-cubic simulation: the measurements of a chain against independent references — the
 * held-out Hermite projections on a known function, the prior law of the overlaps q = w.w*
 * (N(0, sigma_w2/d) when the likelihood is negligible), the exact population projections against
 * the held-out ones — and the finite-d side well that check C2 looks for in the histogram.
 */
import { describe, expect, it } from 'vitest';
import { heldOutDiscrepancy, chainPart, CHAIN_HISTOGRAM, CHAIN_STATS, STAT } from '../../../core/models/grokking-cubic/simulate.js';
import { grokkingCubicParams } from '../../../core/models/grokking-cubic/params.js';
import { binCentres } from '../../../core/models/grokking-cubic/histogram.js';
import { theoryPart } from '../../../core/models/grokking-cubic/theory-part.js';
import { createRng } from '../../../core/numerics/rng.js';
import { ctx } from './ctx.js';

describe('held-out Hermite projections', () => {
  it('recover b = 0 and c = eps - 0.5 for f = He1 + 0.5 He3 on 200 000 Gaussian points', () => {
    const rng = createRng(7);
    const z = new Float64Array(200_000);
    rng.fillNormal(z);
    const f = z.map((v) => v + 0.5 * (v ** 3 - 3 * v));
    const r = heldOutDiscrepancy(f, z, -0.3);
    // four standard errors of the two sample means, from the sample itself
    const se = (g: (v: number, k: number) => number) => {
      const vals = z.map(g);
      const m = vals.reduce((a, v) => a + v, 0) / vals.length;
      return Math.sqrt(vals.reduce((a, v) => a + (v - m) ** 2, 0) / vals.length / vals.length);
    };
    expect(Math.abs(r.b)).toBeLessThan(4 * se((v, k) => f[k]! * v));
    expect(Math.abs(r.c - (-0.3 - 0.5))).toBeLessThan(4 * se((v, k) => (f[k]! * (v ** 3 - 3 * v)) / 6));
  });
});

describe('a Langevin chain of the erf network', () => {
  it('samples the prior of the overlaps, q ~ N(0, sigma_w2/d), when the likelihood is negligible (noise = 100)', () => {
    const p = grokkingCubicParams.parse({ scale: 1 / 64, noise: 100, test_size: 50, langevin: { chains: 1, steps: 6000, burn_in: 1000, thin: 10 } });
    const r = chainPart(p, 0, ctx(5), 0.5);
    const counts = r.series.find((s) => s.name === CHAIN_HISTOGRAM)!.y;
    const q = binCentres();
    let n = 0;
    let m2 = 0;
    for (let k = 0; k < q.length; k++) {
      n += counts[k]!;
      m2 += counts[k]! * q[k]! ** 2;
    }
    const d = 19; // round(150 / 8)
    expect(n).toBe(11 * 500); // every neuron (round(700/64) = 11) at every sample, all inside [-2, 2]
    expect(m2 / n / (0.5 / d)).toBeGreaterThan(0.85);
    expect(m2 / n / (0.5 / d)).toBeLessThan(1.15);
  });

  it('gives the same discrepancy from the exact population projections as from held-out data (to the held-out error)', () => {
    const p = grokkingCubicParams.parse({ scale: 1 / 32, noise: 0.12, test_size: 3000, langevin: { chains: 1, steps: 900, burn_in: 300, thin: 10 } });
    const stats = chainPart(p, 0, ctx(11), 0.4).series.find((s) => s.name === CHAIN_STATS)!.y;
    expect(Math.abs(stats[STAT.linearPopulation]! - stats[STAT.linearHeldOut]!)).toBeLessThan(0.05);
    expect(Math.abs(stats[STAT.cubicPopulation]! - stats[STAT.cubicHeldOut]!)).toBeLessThan(0.05);
    // and they are not trivially equal: the held-out one carries sampling error
    expect(stats[STAT.linearPopulation]).not.toBe(stats[STAT.linearHeldOut]);
  });
});

describe('C2 (theory side): the finite-d action at the simulated d = 53 (scale 1/8)', () => {
  const run = (noise: number) => theoryPart(grokkingCubicParams.parse({ scale: 0.125, noise, langevin: { chains: 0 } }), ctx());
  it('C2: has a side well of d S(q) near |q| = 0.7-1 at sigma^2 = 0.1, below the transition', () => {
    const r = run(0.1);
    expect(r.scalars.side_well_theory).toBeGreaterThan(0.3);
    expect(r.scalars.droplet_threshold).toBeGreaterThan(0.3);
    expect(r.scalars.droplet_threshold).toBeLessThan(0.7);
  });
  it('C2: has none at sigma^2 = 0.25, above it', () => {
    expect(run(0.25).scalars.side_well_theory).toBe(0);
  });
});
