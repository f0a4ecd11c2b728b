// The latent DDPM baseline's schedule and reverse chain (arXiv 2510.00666 §3.5) against hand
// computations and the exact linear-Gaussian moments of a chain driven by the perfect ε-predictor.
import { describe, expect, it } from 'vitest';
import { linearSchedule, reverseChain } from '../../../../core/models/mppm/learned/ddpm-schedule.js';
import { createRng } from '../../../../core/numerics/rng.js';

describe('latent DDPM schedule (M5 baseline)', () => {
  it('a three-step schedule: β, ᾱ and the posterior variance by hand', () => {
    const s = linearSchedule(3);
    const b = [1e-4, 0.01005, 0.02];
    const bar = [1 - b[0]!, (1 - b[0]!) * (1 - b[1]!), (1 - b[0]!) * (1 - b[1]!) * (1 - b[2]!)];
    for (let t = 0; t < 3; t++) {
      expect(s.beta[t]).toBeCloseTo(b[t]!, 15);
      expect(s.alphaBar[t]).toBeCloseTo(bar[t]!, 14);
    }
    expect(s.posteriorVariance[0]).toBe(0);
    expect(s.posteriorVariance[1]).toBeCloseTo((0.01005 * (1 - 0.9999)) / (1 - 0.9999 * 0.98995), 14);
    expect(s.posteriorVariance[2]).toBeCloseTo((0.02 * (1 - bar[1]!)) / (1 - bar[2]!), 14);
  });

  it('the 1000-step schedule ends at ᾱ ≈ 4.04e-5 (DDPM, Ho et al. 2020) and the 1200-step one differs by ≈ 20 % in β at a given index', () => {
    const s = linearSchedule(1000);
    expect(s.alphaBar[999]! / 4.0358e-5).toBeCloseTo(1, 2);
    const t = linearSchedule(1200);
    expect(s.beta[600]! / t.beta[600]!).toBeCloseTo((1e-4 + (0.0199 * 600) / 999) / (1e-4 + (0.0199 * 600) / 1199), 12);
  });

  it('two ancestral steps by hand (the noisy step t = 1, then the noiseless t = 0)', () => {
    const s = linearSchedule(2);
    const e = [[0.5, -0.25], [0.1, 0.7]]; // ε̂ at t = 0 and t = 1
    const xi = new Float64Array(2);
    createRng(3).fillNormal(xi);
    const step = (v: number, t: number, i: number, noise: number) =>
      (v - (s.beta[t]! / Math.sqrt(1 - s.alphaBar[t]!)) * e[t]![i]!) / Math.sqrt(1 - s.beta[t]!) + Math.sqrt(s.posteriorVariance[t]!) * noise;
    const want = [0.3, -1.2].map((v, i) => step(step(v, 1, i, xi[i]!), 0, i, 0));
    const x = Float64Array.of(0.3, -1.2);
    reverseChain(s, x, 1, 2, 2, (_x, _n, t, out) => { out[0] = e[t]![0]!; out[1] = e[t]![1]!; }, createRng(3));
    expect(x[0]).toBeCloseTo(want[0]!, 14);
    expect(x[1]).toBeCloseTo(want[1]!, 14);
    expect(s.posteriorVariance[1]).toBeGreaterThan(0);
  });

  /** Exact mean and variance after the chain from (m0, v0) with ε̂ the posterior mean of ε for z0 ~ N(mu, s2). */
  function exactMoments(steps: number, from: number, mu: number, s2: number, m0: number, v0: number): [number, number] {
    const s = linearSchedule(steps);
    let m = m0;
    let v = v0;
    for (let t = from - 1; t >= 0; t--) {
      const ab = s.alphaBar[t]!;
      const k = Math.sqrt(1 - ab) / (ab * s2 + 1 - ab);
      const c = s.beta[t]! / Math.sqrt(1 - ab);
      const r = 1 / Math.sqrt(s.alpha[t]!);
      const a = r * (1 - c * k);
      const b = r * c * k * Math.sqrt(ab) * mu;
      m = a * m + b;
      v = a * a * v + (t > 0 ? s.posteriorVariance[t]! : 0);
    }
    return [m, v];
  }

  function runChain(steps: number, from: number, mu: number, s2: number, start: (rng: ReturnType<typeof createRng>, x: Float64Array) => void): [number, number] {
    const s = linearSchedule(steps);
    const n = 20_000;
    const x = new Float64Array(n);
    start(createRng(5), x);
    reverseChain(s, x, n, 1, from, (xx, nn, t, out) => {
      const ab = s.alphaBar[t]!;
      for (let i = 0; i < nn; i++) out[i] = (Math.sqrt(1 - ab) * (xx[i]! - Math.sqrt(ab) * mu)) / (ab * s2 + 1 - ab);
    }, createRng(6));
    const mean = x.reduce((a, b) => a + b, 0) / n;
    const variance = x.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
    return [mean, variance];
  }

  it('generation from N(0, 1) with the perfect ε-predictor reaches the exact moments of the linear-Gaussian chain (≈ the data law N(1.5, 0.3²))', () => {
    const [m, v] = exactMoments(1000, 1000, 1.5, 0.09, 0, 1);
    const [em, ev] = runChain(1000, 1000, 1.5, 0.09, (rng, x) => rng.fillNormal(x));
    const se = Math.sqrt(v / 20_000);
    expect(Math.abs(em - m)).toBeLessThan(4 * se);
    expect(Math.abs(ev / v - 1)).toBeLessThan(4 * Math.sqrt(2 / 20_000));
    expect(m).toBeCloseTo(1.5, 2);
    expect(v / 0.09).toBeCloseTo(1, 1);
  });

  it('restoration from a fixed latent over T_used = 150 steps reaches the exact moments', () => {
    const [m, v] = exactMoments(1200, 150, -0.5, 0.25, 2, 0);
    const [em, ev] = runChain(1200, 150, -0.5, 0.25, (_rng, x) => x.fill(2));
    expect(Math.abs(em - m)).toBeLessThan(4 * Math.sqrt(v / 20_000));
    expect(Math.abs(ev / v - 1)).toBeLessThan(4 * Math.sqrt(2 / 20_000));
  });
});
