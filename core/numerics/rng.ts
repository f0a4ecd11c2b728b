/**
 * The seeded generator family of Limitlab: xoshiro128** 1.1 (Blackman & Vigna, "Scrambled linear
 * pseudorandom number generators", ACM TOMS 2021) on 32-bit words with `Math.imul`, seeded by
 * SplitMix64, with a 256-layer ziggurat for normals (see ./ziggurat.ts).
 *
 * The sampler is part of `RNG_NAME`: changing the generator, the seeding, the double conversion or
 * the normal sampler changes every stream and must bump the version.
 *
 * `fillNormal` of 64 or more normals runs in the WebAssembly kernel (./wasm/kernels.wat), which
 * draws the same bits; the loops here are its reference and the fallback where it cannot run.
 *
 * Streams: every replica and purpose gets its own generator seeded by
 * `deriveSeed(runSeed, replica, STREAM.x)`, so results never depend on scheduling order.
 */
import { GOLDEN_GAMMA, mix64, toUint64 } from './splitmix64.js';
import { type Kernels, kernels } from './wasm/kernels.js';
import { ZIGGURAT, zigguratSlow } from './ziggurat.js';

export const RNG_NAME = 'xoshiro128**-splitmix64+ziggurat256x23@1';

/** Purposes of derived streams (never reuse one stream for two purposes). */
export const STREAM = {
  /** The planted signal theta*. */
  signal: 1,
  /** The initial iterate theta_0. */
  init: 2,
  /** The data x (the Gaussian z of x = sqrt(lambda) z). */
  data: 3,
  /** Label noise eps (and the uniforms of Bernoulli labels). */
  noise: 4,
  /** Brownian increments of homogenized SGD. */
  diffusion: 5,
} as const;

export type StreamPurpose = (typeof STREAM)[keyof typeof STREAM];

const TWO_POW_53 = 9007199254740992;

/**
 * A child seed: a SplitMix-style hash of (base, path...), folded one element at a time, so
 * `deriveSeed(b, a, c) === deriveSeed(deriveSeed(b, a), c)`. Seeds and path elements are safe
 * integers (negative values are taken modulo 2^64); the result is an integer in [0, 2^53), and
 * `deriveSeed(s)` with an empty path is s itself for 0 <= s < 2^53.
 */
export function deriveSeed(base: number, ...path: number[]): number {
  let h = toUint64(base);
  for (const p of path) {
    const q = toUint64(p);
    h = mix64(mix64(h + GOLDEN_GAMMA) ^ q) >> 11n;
  }
  return Number(BigInt.asUintN(53, h));
}

/** A seeded stream of random numbers. */
export interface Rng {
  /** Uniform integer in [0, 2^32). */
  nextUint32(): number;
  /** Uniform double in [0, 1) with 53 random bits (two 32-bit draws). */
  nextDouble(): number;
  /** A standard normal. The same sequence as `fillNormal` produces one at a time. */
  normal(): number;
  /** Writes standard normals into out[start..end). No allocation. */
  fillNormal(out: Float64Array, start?: number, end?: number): void;
  /** The four 32-bit state words (a copy). */
  state(): Uint32Array;
}

const ZK = ZIGGURAT.k;
const ZW = ZIGGURAT.w;

/** Below this many normals per call, the JavaScript loop beats the call into WebAssembly. */
const WASM_FILL_MIN = 64;

/** How `fillNormal` draws: the WebAssembly kernel where it runs (default), or JavaScript. */
export interface RngOptions {
  wasm?: boolean;
}

class Xoshiro128StarStar implements Rng {
  /** The state words, read and advanced in place by the WebAssembly kernels. */
  readonly s = new Int32Array(4);
  private readonly uniform = (): number => this.nextDouble();
  private readonly accelerated: Kernels | null;

  constructor(words: ArrayLike<number>, options: RngOptions = {}) {
    this.accelerated = options.wasm === false ? null : kernels();
    for (let i = 0; i < 4; i++) this.s[i] = words[i] | 0;
    if ((this.s[0] | this.s[1] | this.s[2] | this.s[3]) === 0) {
      throw new RangeError('xoshiro128** state must not be all zero');
    }
  }

  /** One step; returns the output as a signed 32-bit integer. */
  private next(): number {
    const s = this.s;
    const s0 = s[0];
    const s1 = s[1];
    const m = Math.imul(s1, 5);
    const result = Math.imul((m << 7) | (m >>> 25), 9);
    const t = s1 << 9;
    const s2 = s[2] ^ s0;
    const s3 = s[3] ^ s1;
    s[1] = s1 ^ s2;
    s[0] = s0 ^ s3;
    s[2] = s2 ^ t;
    s[3] = (s3 << 11) | (s3 >>> 21);
    return result;
  }

  nextUint32(): number {
    return this.next() >>> 0;
  }

  nextDouble(): number {
    const a = this.next() >>> 5; // 27 bits
    const b = this.next() >>> 6; // 26 bits
    return (a * 67108864 + b) / TWO_POW_53;
  }

  normal(): number {
    for (;;) {
      const b = this.next();
      const u = b >>> 9;
      if (u < ZK[b & 255]) return u * ZW[b & 511];
      const x = zigguratSlow(b, this.uniform);
      if (x === x) return x;
    }
  }

  fillNormal(out: Float64Array, start = 0, end = out.length): void {
    if (this.accelerated !== null && end - start >= WASM_FILL_MIN) {
      this.accelerated.fillNormal(this.s, out, start, end);
      return;
    }
    const st = this.s;
    let k = start;
    while (k < end) {
      // Hot loop: the generator inlined on local words, fast ziggurat path only.
      let s0 = st[0];
      let s1 = st[1];
      let s2 = st[2];
      let s3 = st[3];
      let missed = 0;
      let missedAt = -1;
      for (; k < end; k++) {
        const m = Math.imul(s1, 5);
        const b = Math.imul((m << 7) | (m >>> 25), 9);
        const t = s1 << 9;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = (s3 << 11) | (s3 >>> 21);
        const u = b >>> 9;
        if (u < ZK[b & 255]) {
          out[k] = u * ZW[b & 511];
        } else {
          missed = b;
          missedAt = k;
          break;
        }
      }
      st[0] = s0;
      st[1] = s1;
      st[2] = s2;
      st[3] = s3;
      if (missedAt < 0) return;
      // Cold path (about 1.5% of draws): finish this value exactly as `normal()` would.
      const x = zigguratSlow(missed, this.uniform);
      out[missedAt] = x === x ? x : this.normal();
      k = missedAt + 1;
    }
  }

  state(): Uint32Array {
    return new Uint32Array(this.s.buffer.slice(0));
  }
}

/**
 * A generator seeded from `seed` (any safe integer): the state words are the low and high halves
 * of the first two SplitMix64 outputs from `seed`, [lo(o1), hi(o1), lo(o2), hi(o2)].
 */
export function createRng(seed: number, options: RngOptions = {}): Rng {
  const s = toUint64(seed);
  const mask = 0xffffffffn;
  const o1 = mix64(s + GOLDEN_GAMMA);
  const o2 = mix64(s + 2n * GOLDEN_GAMMA);
  const words = [Number(o1 & mask), Number(o1 >> 32n), Number(o2 & mask), Number(o2 >> 32n)];
  if ((words[0] | words[1] | words[2] | words[3]) === 0) words[0] = 1;
  return new Xoshiro128StarStar(words, options);
}

/** A generator started at explicit state words (not all zero), e.g. for reference vectors. */
export function createRngFromState(words: ArrayLike<number>, options: RngOptions = {}): Rng {
  return new Xoshiro128StarStar(words, options);
}

/**
 * The live state words of a generator from this module, for kernels that draw from its stream
 * in place (the words advance exactly as if the draws were made through the `Rng` methods).
 */
export function liveStateWords(rng: Rng): Int32Array {
  if (!(rng instanceof Xoshiro128StarStar)) throw new TypeError('liveStateWords: not a generator from createRng');
  return rng.s;
}
