/**
 * SplitMix64 (Steele, Lea & Flood 2014; Vigna's `splitmix64.c`), on BigInt.
 *
 * Used only to expand seeds and derive child seeds, never in hot loops. The output function is the
 * `mix64` finaliser (variant 13 of Stafford's Murmur3 mixers).
 */

const MASK64 = (1n << 64n) - 1n;

/** The SplitMix64 increment, 2^64 / golden ratio (odd). */
export const GOLDEN_GAMMA = 0x9e3779b97f4a7c15n;

/** The SplitMix64 output mixer: a bijection on 64-bit words. */
export function mix64(x: bigint): bigint {
  let z = x & MASK64;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
  return z ^ (z >> 31n);
}

/**
 * The first `count` outputs of SplitMix64 started at `state` (the reference generator's
 * `x` variable): output k is mix64(state + (k + 1) * GOLDEN_GAMMA mod 2^64).
 */
export function splitmix64Sequence(state: bigint, count: number): bigint[] {
  const out: bigint[] = [];
  let s = state & MASK64;
  for (let k = 0; k < count; k++) {
    s = (s + GOLDEN_GAMMA) & MASK64;
    out.push(mix64(s));
  }
  return out;
}

/** A safe integer (negative allowed) as its two's-complement 64-bit word. */
export function toUint64(x: number): bigint {
  if (!Number.isSafeInteger(x)) {
    throw new RangeError(`seed must be a safe integer, got ${String(x)}`);
  }
  return BigInt.asUintN(64, BigInt(x));
}
