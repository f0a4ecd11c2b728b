import erf from '@stdlib/math-base-special-erf';
import { describe, expect, it } from 'vitest';
import { RNG_NAME, STREAM, createRng, createRngFromState, deriveSeed } from '../../../core/numerics/rng.js';
import { splitmix64Sequence } from '../../../core/numerics/splitmix64.js';
import { ZIGGURAT, ZIGGURAT_LAYERS, gaussianTailMass } from '../../../core/numerics/ziggurat.js';

// --- Independent references written out plainly (BigInt, no shared code with core/) -----------

const M32 = 0xffffffffn;
const M64 = (1n << 64n) - 1n;

/** SplitMix64 as in Vigna's splitmix64.c. */
function refSplitmix64(seed: bigint, count: number): bigint[] {
  let x = seed & M64;
  const out: bigint[] = [];
  for (let i = 0; i < count; i++) {
    x = (x + 0x9e3779b97f4a7c15n) & M64;
    let z = x;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & M64;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & M64;
    out.push(z ^ (z >> 31n));
  }
  return out;
}

/** xoshiro128** 1.1 as in Blackman & Vigna's xoshiro128starstar.c, on BigInt words. */
function refXoshiro128ss(state: bigint[], count: number): number[] {
  const s = state.map((w) => w & M32);
  const rotl = (x: bigint, k: bigint) => ((x << k) | (x >> (32n - k))) & M32;
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const result = (rotl((s[1] * 5n) & M32, 7n) * 9n) & M32;
    const t = (s[1] << 9n) & M32;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11n);
    out.push(Number(result));
  }
  return out;
}

const normalCdf = (x: number) => 0.5 * (1 + erf(x / Math.SQRT2));

function moments(x: Float64Array) {
  const n = x.length;
  let m = 0;
  for (const v of x) m += v;
  m /= n;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (const v of x) {
    const c = v - m;
    m2 += c * c;
    m3 += c * c * c;
    m4 += c * c * c * c;
  }
  m2 /= n;
  m3 /= n;
  m4 /= n;
  return { mean: m, variance: m2, skewness: m3 / m2 ** 1.5, kurtosis: m4 / (m2 * m2) };
}

describe('xoshiro128** core', () => {
  it('reproduces the published outputs of xoshiro128starstar.c from state {1, 2, 3, 4}', () => {
    // The reference vector of xoshiro128starstar.c v1.1 (also rand_xoshiro's test vector).
    const expected = [11520, 0, 5927040, 70819200, 2031721883, 1637235492, 1287239034, 3734860849, 3729100597, 4258142804];
    const rng = createRngFromState([1, 2, 3, 4]);
    expect(Array.from({ length: 10 }, () => rng.nextUint32())).toEqual(expected);
    expect(refXoshiro128ss([1n, 2n, 3n, 4n], 10)).toEqual(expected);
  });

  it('SplitMix64 reproduces the published sequence for seed 1234567 and for seed 0', () => {
    expect(splitmix64Sequence(1234567n, 5)).toEqual([
      6457827717110365317n,
      3203168211198807973n,
      9817491932198370423n,
      4593380528125082431n,
      16408922859458223821n,
    ]);
    expect(splitmix64Sequence(0n, 1)).toEqual([0xe220a8397b1dcdafn]);
  });

  it('createRng(seed) equals xoshiro128** started at the documented SplitMix64 expansion of the seed', () => {
    for (const seed of [0, 1, 42, 12345, 2 ** 53 - 1, -7]) {
      const [o1, o2] = refSplitmix64(BigInt.asUintN(64, BigInt(seed)), 2);
      const words = [o1 & M32, o1 >> 32n, o2 & M32, o2 >> 32n];
      const rng = createRng(seed);
      const got = Array.from({ length: 64 }, () => rng.nextUint32());
      expect(got).toEqual(refXoshiro128ss(words, 64));
    }
  });

  it('nextDouble is (a >>> 5) * 2^26 + (b >>> 6) over 2^53 for two consecutive outputs a, b', () => {
    const raw = refXoshiro128ss([5n, 6n, 7n, 8n], 2000);
    const rng = createRngFromState([5, 6, 7, 8]);
    for (let i = 0; i < 1000; i++) {
      const u = rng.nextDouble();
      const want = (Math.floor(raw[2 * i] / 32) * 67108864 + Math.floor(raw[2 * i + 1] / 64)) / 2 ** 53;
      expect(u).toBe(want);
      expect(u >= 0 && u < 1).toBe(true);
    }
  });

  it('names the generator, the seeding and the normal sampler, with a version', () => {
    expect(RNG_NAME).toMatch(/xoshiro128\*\*/);
    expect(RNG_NAME).toMatch(/ziggurat/);
    expect(RNG_NAME).toMatch(/@\d+$/);
  });
});

describe('seed derivation', () => {
  it('is deterministic, folds one path element at a time and stays in [0, 2^53)', () => {
    expect(deriveSeed(7, 3, STREAM.data)).toBe(deriveSeed(7, 3, STREAM.data));
    expect(deriveSeed(7, 3, STREAM.data)).toBe(deriveSeed(deriveSeed(7, 3), STREAM.data));
    expect(deriveSeed(12345)).toBe(12345);
    for (let r = 0; r < 100; r++) {
      const s = deriveSeed(99, r, STREAM.init);
      expect(Number.isSafeInteger(s) && s >= 0).toBe(true);
    }
  });

  it('gives distinct seeds for distinct (seed, replica, purpose) triples', () => {
    const seen = new Set<number>();
    for (const base of [0, 1, 2, 1000]) {
      for (let r = 0; r < 50; r++) {
        for (const p of Object.values(STREAM)) seen.add(deriveSeed(base, r, p));
      }
    }
    expect(seen.size).toBe(4 * 50 * Object.values(STREAM).length);
  });

  it('rejects seeds that are not safe integers', () => {
    expect(() => createRng(0.5)).toThrow(RangeError);
    expect(() => deriveSeed(Number.NaN, 1)).toThrow(RangeError);
    expect(() => deriveSeed(1, 2 ** 60)).toThrow(RangeError);
  });
});

describe('ziggurat tables', () => {
  it('solve the 256-layer tail start r to the published value 3.6541528853610088', () => {
    expect(ZIGGURAT_LAYERS).toBe(256);
    expect(Math.abs(ZIGGURAT.r - 3.6541528853610088)).toBeLessThan(4e-15);
  });

  it('give every layer the same area v to rounding, with the top layer closing at the mode', () => {
    const { x, f, v, r } = ZIGGURAT;
    const n = ZIGGURAT_LAYERS;
    const eps = Number.EPSILON;
    expect(Math.abs(x[0] * Math.exp(-0.5 * r * r) - v) / v).toBeLessThan(4 * eps); // base strip incl. tail
    for (let i = 1; i < n - 1; i++) {
      // The check itself cancels: f[i+1] - f[i] loses (f[i] + f[i+1]) / (f[i+1] - f[i]) ulps.
      const area = x[i] * (f[i + 1] - f[i]);
      const cond = (f[i] + f[i + 1]) / (f[i + 1] - f[i]);
      expect(Math.abs(area - v) / v).toBeLessThan(32 * eps * cond);
    }
    // Top layer: its area is the bisection residual in r, which is resolved to one ulp of r;
    // a relative error of 1e-12 in one layer shifts probabilities by < 1e-14.
    expect(Math.abs(x[n - 1] * (1 - f[n - 1]) - v) / v).toBeLessThan(1e-12);
    expect(x[n]).toBe(0);
    expect(f[n]).toBe(1);
  });

  it('gaussianTailMass matches sqrt(pi/2) erfc(x / sqrt 2) from @stdlib erf (relative 1e-11)', () => {
    for (const x of [2, 2.5, 3, 3.4426, 3.6541528853610088, 4]) {
      const ref = Math.sqrt(Math.PI / 2) * (1 - erf(x / Math.SQRT2));
      expect(Math.abs(gaussianTailMass(x) - ref) / ref).toBeLessThan(1e-11);
    }
  });
});

describe('normal sampler', () => {
  const N = 1_000_000;
  const sample = new Float64Array(N);
  createRng(20240531).fillNormal(sample);

  it('1e6 normals have mean 0, variance 1, skewness 0 and kurtosis 3 within 4.5 standard errors', () => {
    const m = moments(sample);
    expect(Math.abs(m.mean)).toBeLessThan(4.5 * Math.sqrt(1 / N));
    expect(Math.abs(m.variance - 1)).toBeLessThan(4.5 * Math.sqrt(2 / N));
    expect(Math.abs(m.skewness)).toBeLessThan(4.5 * Math.sqrt(6 / N));
    expect(Math.abs(m.kurtosis - 3)).toBeLessThan(4.5 * Math.sqrt(24 / N));
  });

  it('passes a Kolmogorov–Smirnov test against the normal CDF at the 1% level', () => {
    const sorted = Float64Array.from(sample).sort();
    let D = 0;
    for (let i = 0; i < N; i++) {
      const F = normalCdf(sorted[i]);
      D = Math.max(D, (i + 1) / N - F, F - i / N);
    }
    // Asymptotic 1% critical value of sqrt(N) D is 1.628.
    expect(Math.sqrt(N) * D).toBeLessThan(1.628);
  });

  it('puts the right mass beyond the base strip |x| > r and beyond 4.5 (tail path)', () => {
    for (const c of [ZIGGURAT.r, 4.5]) {
      let count = 0;
      for (const v of sample) if (Math.abs(v) > c) count++;
      const p = 2 * (1 - normalCdf(c));
      expect(Math.abs(count - N * p)).toBeLessThan(5 * Math.sqrt(N * p) + 1);
    }
  });

  it('matches the normal CDF on a decile grid of a second stream (chi-square, 1% level)', () => {
    const x = new Float64Array(200_000);
    createRng(deriveSeed(1, 1, STREAM.data)).fillNormal(x);
    const edges = [-Infinity, -1.2816, -0.8416, -0.5244, -0.2533, 0, 0.2533, 0.5244, 0.8416, 1.2816, Infinity];
    const counts = new Array(10).fill(0);
    for (const v of x) {
      let k = 0;
      while (v >= edges[k + 1]) k++;
      counts[k]++;
    }
    let chi2 = 0;
    for (let k = 0; k < 10; k++) {
      const p = normalCdf(edges[k + 1]) - normalCdf(edges[k]);
      chi2 += (counts[k] - x.length * p) ** 2 / (x.length * p);
    }
    expect(chi2).toBeLessThan(21.67); // chi-square(9) 99% quantile
  });

  it('normal() one at a time yields the same sequence as fillNormal, across the slow paths', () => {
    const a = new Float64Array(50_000);
    createRng(77).fillNormal(a);
    const rng = createRng(77);
    const b = Float64Array.from({ length: a.length }, () => rng.normal());
    expect(Buffer.from(b.buffer).equals(Buffer.from(a.buffer))).toBe(true);
    // and filling a sub-range continues the same stream
    const c = new Float64Array(a.length + 10);
    const r2 = createRng(77);
    r2.fillNormal(c, 5, 5 + 20_000);
    r2.fillNormal(c, 5 + 20_000, 5 + a.length);
    expect(Buffer.from(c.subarray(5, 5 + a.length).slice().buffer).equals(Buffer.from(a.buffer))).toBe(true);
    expect(c[0]).toBe(0);
    expect(c[a.length + 5]).toBe(0);
  });

  it('the same seed gives identical bytes', () => {
    const a = new Float64Array(100_000);
    const b = new Float64Array(100_000);
    createRng(deriveSeed(5, 2, STREAM.data)).fillNormal(a);
    createRng(deriveSeed(5, 2, STREAM.data)).fillNormal(b);
    expect(Buffer.from(a.buffer).equals(Buffer.from(b.buffer))).toBe(true);
  });

  it('streams derived for different replicas and purposes are uncorrelated (|rho| < 4.5 / sqrt n)', () => {
    const n = 200_000;
    const streams = [
      deriveSeed(11, 0, STREAM.data),
      deriveSeed(11, 1, STREAM.data),
      deriveSeed(11, 0, STREAM.init),
      deriveSeed(12, 0, STREAM.data),
    ].map((s) => {
      const x = new Float64Array(n);
      createRng(s).fillNormal(x);
      return x;
    });
    for (let i = 0; i < streams.length; i++) {
      for (let j = i + 1; j < streams.length; j++) {
        let c = 0;
        for (let k = 0; k < n; k++) c += streams[i][k] * streams[j][k];
        expect(Math.abs(c / n)).toBeLessThan(4.5 / Math.sqrt(n));
      }
    }
  });
});
