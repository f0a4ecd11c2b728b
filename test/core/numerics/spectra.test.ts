import { describe, expect, it } from 'vitest';
import { buildSpectrum, fractionCount, spectrumEigenvalues, type SpectrumSpec } from '../../../core/numerics/spectra.js';

const EPS = Number.EPSILON;

function counts(values: Float64Array): Map<number, number> {
  const m = new Map<number, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return m;
}

/** Mode sums over distinct values must equal the sums over all d eigenvalues. */
function expectModeSumsExact(spec: SpectrumSpec, d: number) {
  const s = buildSpectrum(spec, d);
  let wsum = 0;
  let m1 = 0;
  let m2 = 0;
  for (let j = 0; j < s.distinct.length; j++) {
    wsum += s.weights[j];
    m1 += s.weights[j] * s.distinct[j];
    m2 += s.weights[j] * s.distinct[j] ** 2;
  }
  let f1 = 0;
  let f2 = 0;
  for (const v of s.eigenvalues) {
    f1 += v;
    f2 += v * v;
  }
  expect(Math.abs(wsum - 1)).toBeLessThan(4 * s.distinct.length * EPS);
  expect(Math.abs(m1 - f1 / d)).toBeLessThanOrEqual(8 * d * EPS * Math.max(1e-300, f1 / d));
  expect(Math.abs(m2 - f2 / d)).toBeLessThanOrEqual(8 * d * EPS * Math.max(1e-300, f2 / d));
  expect(s.mean).toBe(m1);
  let total = 0;
  for (const m of s.multiplicity) total += m;
  expect(total).toBe(d);
  return s;
}

describe('spectra', () => {
  it('isotropic: all eigenvalues 1, one distinct value of weight 1, no warnings', () => {
    const s = expectModeSumsExact({ kind: 'isotropic' }, 1000);
    expect(Array.from(s.distinct)).toEqual([1]);
    expect(Array.from(s.weights)).toEqual([1]);
    expect(s.mean).toBe(1);
    expect(s.intrinsicDimension).toBe(1000);
    expect(s.warnings).toEqual([]);
  });

  it('two_level: round(frac d) coordinates at hi (halves round up), the rest at lo', () => {
    expect(fractionCount(0.35, 10)).toBe(4); // 3.5 rounds up
    expect(fractionCount(0.5, 7)).toBe(4);
    expect(fractionCount(1.2, 7)).toBe(7);
    const s = expectModeSumsExact({ kind: 'two_level', hi: 2, lo: 0.5, frac: 0.35 }, 10);
    expect(counts(s.eigenvalues)).toEqual(new Map([[2, 4], [0.5, 6]]));
    expect(Array.from(s.distinct)).toEqual([0.5, 2]);
    expect(Array.from(s.weights)).toEqual([0.6, 0.4]);
    expect(Math.abs(s.mean - (4 * 2 + 6 * 0.5) / 10)).toBeLessThan(2 * EPS);
    // halves (the note's A2 setup): mean 1.25, critical learning rate 2 / 1.25 = 1.6
    expect(buildSpectrum({ kind: 'two_level', hi: 2, lo: 0.5, frac: 0.5 }, 500).mean).toBe(1.25);
  });

  it('zero_one: round(frac_zero d) zero eigenvalues, 1 elsewhere', () => {
    const s = expectModeSumsExact({ kind: 'zero_one', frac_zero: 0.25 }, 8);
    expect(counts(s.eigenvalues)).toEqual(new Map([[1, 6], [0, 2]]));
    expect(s.mean).toBe(0.75);
    expect(s.min).toBe(0);
  });

  it('power_law: quantiles ((i - 1/2)/d)^(1/(1-beta)), all distinct, mean -> (1-beta)/(2-beta)', () => {
    const d = 1000;
    const beta = 0.2;
    const s = expectModeSumsExact({ kind: 'power_law', beta }, d);
    expect(s.distinct.length).toBe(d);
    for (const i of [1, 2, 500, 1000]) {
      expect(s.eigenvalues[i - 1]).toBe(Math.pow((i - 0.5) / d, 1 / (1 - beta)));
    }
    // midpoint rule for int_0^1 u^p du, p = 1.25: error O(d^-2)
    expect(Math.abs(s.mean - (1 - beta) / (2 - beta))).toBeLessThan(1e-6);
    expect(s.max).toBeLessThan(1);
    expect(s.warnings).toEqual([]);
    // the empirical CDF of the quantiles is the target CDF lambda^(1 - beta) at the midpoints
    const lam = s.eigenvalues[99];
    expect(Math.abs(Math.pow(lam, 1 - beta) - 99.5 / d)).toBeLessThan(1e-14);
  });

  it('s_power: sigma_i = (i/(d+1))^(-1/s) rescaled to sum sigma^2 = d; warns that lambda_max grows like d^(2/s)', () => {
    const d = 400;
    const sPar = 4;
    const s = expectModeSumsExact({ kind: 's_power', s: sPar }, d);
    const sigma = Array.from({ length: d }, (_, k) => Math.pow((k + 1) / (d + 1), -1 / sPar));
    const norm = sigma.reduce((a, v) => a + v * v, 0);
    for (let i = 0; i < d; i++) {
      const ref = (sigma[i] * sigma[i] * d) / norm;
      expect(Math.abs(s.eigenvalues[i] - ref) / ref).toBeLessThan(64 * EPS);
    }
    expect(Math.abs(s.mean - 1)).toBeLessThan(64 * EPS);
    expect(s.warnings.some((w) => /grows with d/.test(w) && /d\^0\.50/.test(w))).toBe(true);
    // lambda_max / mean at 4d over at d ~ 4^(2/s)
    const big = buildSpectrum({ kind: 's_power', s: sPar }, 4 * d);
    const growth = Math.log(big.max / s.max) / Math.log(4);
    expect(Math.abs(growth - 2 / sPar)).toBeLessThan(0.1);
  });

  it('custom: values repeated in contiguous blocks [round(jd/L), round((j+1)d/L)), or used as given when L = d', () => {
    const s = expectModeSumsExact({ kind: 'custom', values: [3, 1, 2] }, 10);
    expect(Array.from(s.eigenvalues)).toEqual([3, 3, 3, 1, 1, 1, 1, 2, 2, 2]);
    const exact = spectrumEigenvalues({ kind: 'custom', values: [0.5, 4] }, 6);
    expect(Array.from(exact)).toEqual([0.5, 0.5, 0.5, 4, 4, 4]);
    const asGiven = spectrumEigenvalues({ kind: 'custom', values: [5, 4, 3, 2] }, 4);
    expect(Array.from(asGiven)).toEqual([5, 4, 3, 2]);
    expect(() => spectrumEigenvalues({ kind: 'custom', values: [] }, 4)).toThrow(RangeError);
    expect(() => spectrumEigenvalues({ kind: 'custom', values: [1, 2, 3] }, 2)).toThrow(RangeError);
    expect(() => spectrumEigenvalues({ kind: 'custom', values: [-1] }, 2)).toThrow(RangeError);
  });

  it('warns when the intrinsic dimension tr K / lambda_max is small and when K = 0', () => {
    const spiky = buildSpectrum({ kind: 'two_level', hi: 1000, lo: 0.001, frac: 0.001 }, 1000);
    expect(spiky.intrinsicDimension).toBeLessThan(2);
    expect(spiky.warnings.some((w) => /intrinsic dimension/.test(w))).toBe(true);
    const zero = buildSpectrum({ kind: 'custom', values: [0] }, 5);
    expect(zero.warnings.some((w) => /all eigenvalues are zero/.test(w))).toBe(true);
  });

  it('is deterministic in d (same inputs, same bytes)', () => {
    const a = spectrumEigenvalues({ kind: 'power_law', beta: -0.5 }, 777);
    const b = spectrumEigenvalues({ kind: 'power_law', beta: -0.5 }, 777);
    expect(Buffer.from(a.buffer).equals(Buffer.from(b.buffer))).toBe(true);
  });
});
