/**
 * Ziggurat tables for the standard normal (Marsaglia & Tsang, J. Stat. Softw. 5(8), 2000) with 256
 * layers of equal area.
 *
 * Layers are indexed 0..255. x[0] = v / f(r) is the pseudo-width of the base strip (rectangle
 * [0, r] x [0, f(r)] plus the tail beyond r), x[1] = r, and x[i+1] = f^-1(f(x[i]) + v / x[i]) with
 * f(x) = exp(-x^2/2), up to x[256] = 0. The tail start r is solved here to machine precision
 * (bisection on the closure of the top layer) rather than copied as a 12-digit constant, so every
 * layer has area v to rounding.
 *
 * Sampler layout (one 32-bit draw b per attempt; index, sign and abscissa use disjoint bits, which
 * avoids the index/value correlation of the original 2000 code, see Doornik 2005):
 *   bits 0..7 layer i, bit 8 sign, bits 9..31 abscissa u in [0, 2^23);
 *   |x| = u * x[i] / 2^23; accept at once if u < k[i] (the point lies in the layer's core);
 *   otherwise `zigguratSlow` handles the wedge (i >= 1) or the tail (i = 0).
 * The abscissa has 23 bits of resolution within a layer (grid spacing <= 4.6e-7, a bias of order
 * 1e-14 on the variance); tail values use two 53-bit uniforms. 98.5% of draws take the fast path.
 */

export const ZIGGURAT_LAYERS = 256;
const SCALE = 8388608; // 2^23, the abscissa resolution

function density(x: number): number {
  return Math.exp(-0.5 * x * x);
}

/**
 * The Gaussian tail mass  integral_x^inf exp(-t^2/2) dt  for x >= 2, by the continued fraction of
 * Mills' ratio  R(x) = 1/(x + 1/(x + 2/(x + 3/(x + ...)))), evaluated backwards (400 terms give
 * full double precision for x >= 2).
 */
export function gaussianTailMass(x: number): number {
  if (!(x >= 2)) throw new RangeError('gaussianTailMass is implemented for x >= 2');
  let f = x;
  for (let k = 400; k >= 1; k--) f = x + k / f;
  return density(x) / f;
}

interface Layers {
  x: Float64Array;
  v: number;
  /** Area of the top layer minus v: negative when r is too small, positive when too large. */
  closure: number;
}

function buildLayers(r: number): Layers {
  const n = ZIGGURAT_LAYERS;
  const v = r * density(r) + gaussianTailMass(r);
  const x = new Float64Array(n + 1);
  x[0] = v / density(r);
  x[1] = r;
  for (let i = 1; i < n - 1; i++) {
    const y = density(x[i]) + v / x[i];
    if (!(y < 1)) {
      // Layers reached the mode before the top layer: v too large, r too small.
      return { x, v, closure: -1 };
    }
    x[i + 1] = Math.sqrt(-2 * Math.log(y));
  }
  x[n] = 0;
  const top = x[n - 1] * (1 - density(x[n - 1]));
  return { x, v, closure: top - v };
}

export interface ZigguratTables {
  /** Start of the tail. */
  readonly r: number;
  /** Common layer area. */
  readonly v: number;
  /** Layer right edges x[0..256] (x[0] the base pseudo-width, x[256] = 0). */
  readonly x: Float64Array;
  /** f(x[i]) = exp(-x[i]^2 / 2). */
  readonly f: Float64Array;
  /** Fast-path thresholds on the 23-bit abscissa: accept if u < k[i]. */
  readonly k: Int32Array;
  /** Signed abscissa scales: w[i] = x[i] / 2^23, w[i + 256] = -w[i]; index with b & 511. */
  readonly w: Float64Array;
}

function solveTables(): ZigguratTables {
  let lo = 3;
  let hi = 4.5;
  for (let it = 0; it < 200; it++) {
    const mid = 0.5 * (lo + hi);
    if (mid <= lo || mid >= hi) break;
    if (buildLayers(mid).closure < 0) lo = mid;
    else hi = mid;
  }
  const r = hi;
  const { x, v } = buildLayers(r);
  const n = ZIGGURAT_LAYERS;
  const f = new Float64Array(n + 1);
  for (let i = 0; i <= n; i++) f[i] = density(x[i]);
  f[n] = 1;
  const k = new Int32Array(n);
  const w = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    k[i] = Math.floor((x[i + 1] / x[i]) * SCALE);
    w[i] = x[i] / SCALE;
    w[i + n] = -w[i];
  }
  return { r, v, x, f, k, w };
}

/** Built once at module load (a few hundred microseconds). */
export const ZIGGURAT: ZigguratTables = solveTables();

/**
 * The slow path for a draw `b` that failed the fast test. Returns the signed normal value, or NaN
 * if the attempt is rejected (the caller then draws a fresh `b`). `uniform()` must return doubles
 * in [0, 1).
 */
export function zigguratSlow(b: number, uniform: () => number): number {
  const t = ZIGGURAT;
  const i = b & 255;
  const negative = (b & 256) !== 0;
  const ax = (b >>> 9) * (t.x[i] / SCALE);
  if (i === 0) {
    if (ax < t.r) return negative ? -ax : ax;
    // Tail beyond r (Marsaglia 1964): x = r + a with a ~ Exp(r) truncated by the test.
    const r = t.r;
    for (;;) {
      const a = -Math.log(1 - uniform()) / r;
      const e = -Math.log(1 - uniform());
      if (e + e >= a * a) return negative ? -(r + a) : r + a;
    }
  }
  const y = t.f[i] + uniform() * (t.f[i + 1] - t.f[i]);
  if (y < density(ax)) return negative ? -ax : ax;
  return Number.NaN;
}
