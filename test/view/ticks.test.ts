import { describe, expect, it } from 'vitest';
import {
  compactLabel,
  decompose,
  formatLinearTick,
  formatLogTick,
  formatValue,
  isPowerOfTen,
  powerOfTenLabel,
  superscript,
} from '../../view/charts/ticks.js';

/** The ticks chart.js generates on a log axis from lo to hi: 1..9 × 10^k. */
function logTicks(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let k = Math.floor(Math.log10(lo)); k <= Math.ceil(Math.log10(hi)); k++) {
    for (let m = 1; m <= 9; m++) {
      const v = Number((m * 10 ** k).toPrecision(12));
      if (v >= lo * (1 - 1e-12) && v <= hi * (1 + 1e-12)) out.push(v);
    }
  }
  return out;
}

describe('superscript exponents', () => {
  it('writes digits and the minus sign as superscripts', () => {
    expect(superscript(-3)).toBe('⁻³');
    expect(superscript(12)).toBe('¹²');
    expect(superscript(0)).toBe('⁰');
    expect(powerOfTenLabel(-3)).toBe('10⁻³');
    expect(powerOfTenLabel(5)).toBe('10⁵');
  });
});

describe('powers of ten', () => {
  it('recognises 10^k despite log10 rounding (log10(1000) < 3 in floating point)', () => {
    for (let k = -12; k <= 12; k++) expect(isPowerOfTen(Number(`1e${k}`))).toBe(true);
    expect(decompose(1000)).toEqual({ mantissa: 1, exponent: 3 });
  });
  it('rejects other values and the edge cases 0, negative, NaN and Infinity', () => {
    for (const v of [2, 0.5, 20, 0, -10, Number.NaN, Number.POSITIVE_INFINITY]) expect(isPowerOfTen(v)).toBe(false);
  });
});

describe('log-axis tick labels', () => {
  it('labels only the powers of ten when several decades are visible', () => {
    const ticks = logTicks(1e-3, 1);
    const labels = ticks.map((t) => formatLogTick(t, ticks)).filter((l) => l !== '');
    expect(labels).toEqual(['10⁻³', '10⁻²', '10⁻¹', '10⁰']);
  });
  it('keeps at most about eight labelled decades over a wide range', () => {
    const ticks = logTicks(1e-12, 1e6);
    const labels = ticks.map((t) => formatLogTick(t, ticks)).filter((l) => l !== '');
    expect(labels.length).toBeLessThanOrEqual(10);
    expect(labels).toContain('10⁰');
    expect(labels.every((l) => l.startsWith('10'))).toBe(true);
  });
  it('adds the 2× and 5× ticks when only one power of ten is visible', () => {
    const ticks = logTicks(0.3, 8);
    const labels = ticks.map((t) => formatLogTick(t, ticks)).filter((l) => l !== '');
    expect(labels).toEqual(['0.5', '10⁰', '2', '5']);
  });
  it('labels every tick inside a single decade', () => {
    const ticks = [2e-5, 3e-5, 4e-5, 5e-5];
    expect(ticks.map((t) => formatLogTick(t, ticks))).toEqual(['2×10⁻⁵', '3×10⁻⁵', '4×10⁻⁵', '5×10⁻⁵']);
  });
  it('returns an empty label for non-positive or non-finite values', () => {
    expect(formatLogTick(0, [0, 1, 10])).toBe('');
    expect(formatLogTick(-1, [1, 10])).toBe('');
    expect(formatLogTick(Number.NaN, [1, 10])).toBe('');
  });
});

describe('linear-axis tick labels', () => {
  it('uses plain decimals with as many places as the step needs', () => {
    const ticks = [0, 0.2, 0.4, 0.6];
    expect(ticks.map((t) => formatLinearTick(t, ticks))).toEqual(['0', '0.2', '0.4', '0.6']);
    const big = [0, 2000, 4000];
    expect(big.map((t) => formatLinearTick(t, big))).toEqual(['0', '2000', '4000']);
  });
  it('switches to m×10ᵏ for very small and very large magnitudes', () => {
    const small = [1e-5, 2e-5, 3e-5];
    expect(small.map((t) => formatLinearTick(t, small))).toEqual(['10⁻⁵', '2×10⁻⁵', '3×10⁻⁵']);
    const large = [0, 5e5, 1e6, 1.5e6];
    expect(large.map((t) => formatLinearTick(t, large))).toEqual(['0', '5×10⁵', '10⁶', '1.5×10⁶']);
  });
});

describe('compact values', () => {
  it('formats moderate values as decimals and the rest with a power of ten', () => {
    expect(compactLabel(0.002)).toBe('0.002');
    expect(compactLabel(20000)).toBe('20000');
    expect(compactLabel(3e-7)).toBe('3×10⁻⁷');
    expect(compactLabel(-3e-7)).toBe('-3×10⁻⁷');
    expect(formatValue(0.123456)).toBe('0.1235');
    expect(formatValue(1.5e-8)).toBe('1.5×10⁻⁸');
    expect(formatValue(0)).toBe('0');
  });
});
