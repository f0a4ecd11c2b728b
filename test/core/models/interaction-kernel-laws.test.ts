/**
 * The exploration measure rho of `interaction-kernel` (law of a pair distance) against independent
 * references: direct integration of the closed-form densities, Monte Carlo pair distances drawn
 * here with a different generator, and the known CDF of the distance of two uniform points in the
 * unit square (pi r^2 - 8 r^3/3 + r^4/2 on [0, 1]).
 */
import { describe, expect, it } from 'vitest';
import { explorationMeasure, logGammaHalf, upperGammaHalf } from '../../../core/models/interaction-kernel/laws.js';
import { seeded } from '../../support/seeded.js';

function simpson(f: (x: number) => number, a: number, b: number, m: number): number {
  const h = (b - a) / m;
  let s = f(a) + f(b);
  for (let i = 1; i < m; i++) s += (i % 2 === 1 ? 4 : 2) * f(a + i * h);
  return (s * h) / 3;
}

/** Pair distances of i.i.d. particles drawn by mulberry32 (not the run's generator). */
function pairDistances(law: 'uniform' | 'gaussian', d: number, count: number, seed: number): Float64Array {
  const rand = seeded(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const out = new Float64Array(count);
  for (let m = 0; m < count; m++) {
    let r2 = 0;
    for (let k = 0; k < d; k++) {
      const u = law === 'uniform' ? rand() - rand() : normal() - normal();
      r2 += u * u;
    }
    out[m] = Math.sqrt(r2);
  }
  return out.sort();
}

/** sup_r |F_emp(r) - F(r)| over the sorted sample (Kolmogorov–Smirnov distance). */
function ksDistance(sorted: Float64Array, cdf: (r: number) => number): number {
  let worst = 0;
  const n = sorted.length;
  for (let i = 0; i < n; i++) {
    const F = cdf(sorted[i]);
    worst = Math.max(worst, Math.abs(F - i / n), Math.abs(F - (i + 1) / n));
  }
  return worst;
}

describe('interaction-kernel exploration measure', () => {
  it('incomplete gamma of half-integer order: Q(1/2, x) = erfc(sqrt x), Q(1, x) = e^-x, Q(3/2, x) = erfc(sqrt x) + 2 sqrt(x/pi) e^-x', () => {
    expect(Math.abs(upperGammaHalf(1, 2.5) - Math.exp(-2.5))).toBeLessThan(1e-15);
    expect(Math.abs(upperGammaHalf(2, 3) - 4 * Math.exp(-3))).toBeLessThan(1e-15);
    // erfc(1) = 0.157299207050285 (Abramowitz & Stegun 7.1)
    expect(Math.abs(upperGammaHalf(0.5, 1) - 0.157299207050285)).toBeLessThan(1e-14);
    expect(Math.abs(upperGammaHalf(1.5, 1) - (0.157299207050285 + (2 / Math.sqrt(Math.PI)) * Math.exp(-1)))).toBeLessThan(1e-14);
    expect(Math.abs(logGammaHalf(3.5) - Math.log((15 / 8) * Math.sqrt(Math.PI)))).toBeLessThan(1e-14);
    expect(Math.abs(logGammaHalf(5) - Math.log(24))).toBeLessThan(1e-14);
  });

  it('uniform particles on [0, 1]: rho(r) = 2(1 - r), quantiles invert the CDF, and pair distances follow it', () => {
    const rho = explorationMeasure('uniform', 1, { seed: 1, samples: 4096 });
    expect(rho.source).toBe('closed_form');
    expect(Math.abs(simpson(rho.density, 0, 1, 2000) - 1)).toBeLessThan(1e-12);
    for (const p of [0.01, 0.3, 0.77, 0.999]) expect(Math.abs(rho.cdf(rho.quantile(p)) - p)).toBeLessThan(1e-14);
    expect(ksDistance(pairDistances('uniform', 1, 100_000, 3), rho.cdf)).toBeLessThan(0.006);
  });

  it.each([1, 2, 3, 5, 8])('Gaussian particles in d = %i: the density integrates to its CDF, and Monte Carlo pair distances follow it', (d) => {
    const rho = explorationMeasure('gaussian', d, { seed: 1, samples: 4096 });
    expect(rho.source).toBe('closed_form');
    for (const r of [0.5, 1.5, 3, rho.R]) {
      expect(Math.abs(simpson(rho.density, 0, r, 4000) - rho.cdf(r)), `r = ${r}`).toBeLessThan(1e-9);
    }
    expect(Math.abs(rho.cdf(rho.R) - (1 - 1e-9))).toBeLessThan(1e-12);
    for (const p of [0.05, 0.5, 0.95]) expect(Math.abs(rho.cdf(rho.quantile(p)) - p)).toBeLessThan(1e-12);
    expect(ksDistance(pairDistances('gaussian', d, 60_000, 10 + d), rho.cdf)).toBeLessThan(0.008);
  });

  it('uniform particles in the unit square: the Monte Carlo rho has the known CDF pi r^2 - 8 r^3/3 + r^4/2 on [0, 1]', () => {
    const rho = explorationMeasure('uniform', 2, { seed: 9, samples: 1_048_576 });
    expect(rho.source).toBe('monte_carlo');
    let worst = 0;
    for (let r = 0.02; r <= 1; r += 0.02) worst = Math.max(worst, Math.abs(rho.cdf(r) - (Math.PI * r * r - (8 / 3) * r ** 3 + r ** 4 / 2)));
    expect(worst).toBeLessThan(2e-3);
    expect(rho.R).toBeLessThanOrEqual(Math.SQRT2);
    expect(rho.R).toBeGreaterThan(1.3);
    for (const p of [0.1, 0.5, 0.9]) expect(Math.abs(rho.cdf(rho.quantile(p)) - p)).toBeLessThan(1e-12);
  });

  it('the Monte Carlo estimate agrees with the closed form where both exist (uniform, d = 1)', () => {
    const mc = explorationMeasure('uniform', 1, { seed: 4, samples: 1_048_576, forceMonteCarlo: true });
    const exact = explorationMeasure('uniform', 1, { seed: 4, samples: 1_048_576 });
    let worst = 0;
    for (let r = 0; r <= 1; r += 0.01) worst = Math.max(worst, Math.abs(mc.cdf(r) - exact.cdf(r)));
    expect(worst).toBeLessThan(2e-3);
  });
});
