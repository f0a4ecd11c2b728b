/**
 * The particle laws and their exploration measure rho, the law of one pair distance
 * r_12 = |X_1 - X_2| (arXiv:2311.16852; every pair shares it by exchangeability):
 *
 * - uniform on [0, 1], d = 1: rho(r) = 2 (1 - r) on [0, 1], F(r) = 1 - (1 - r)^2;
 * - Gaussian N(0, I_d): X_1 - X_2 ~ N(0, 2 I_d), so r = sqrt(2) chi_d:
 *   rho(r) = r^(d-1) e^(-r^2/4) / (2^(d-1) Gamma(d/2)), F(r) = P(d/2, r^2/4) (regularised lower
 *   incomplete gamma, in closed form for the integer and half-integer orders d/2), cut at the
 *   point R with 1 - F(R) = 1e-9;
 * - uniform on [0, 1]^d, d >= 2: no closed form is used; rho is a histogram of `samples` Monte
 *   Carlo pair distances on [0, R], R the largest drawn (its density piecewise constant, its CDF
 *   piecewise linear, the bin edges handed to the quadrature as breakpoints).
 */
import erf from '@stdlib/math-base-special-erf';
import { createRng, deriveSeed } from '../../numerics/rng.js';
import { REPLICA_STREAMS } from '../kit/index.js';
import type { ParticleLaw } from './params.js';

export interface ExplorationMeasure {
  /** How rho is known. */
  source: 'closed_form' | 'monte_carlo';
  /** Support [0, R] used for the basis (R cuts an unbounded law). */
  R: number;
  /** Mass of rho beyond R (0 for bounded laws). */
  tail: number;
  density(r: number): number;
  cdf(r: number): number;
  quantile(p: number): number;
  /** Points where the density is not smooth (histogram bin edges), for the quadrature. */
  breakpoints: Float64Array;
  /** One line saying what rho is. */
  description: string;
}

const GAUSSIAN_TAIL = 1e-9;
const HISTOGRAM_BINS = 2048;

/** Whether rho has a closed form here (else it is estimated by Monte Carlo). */
export function hasClosedForm(law: ParticleLaw, d: number): boolean {
  return law === 'gaussian' || d === 1;
}

function uniform1d(): ExplorationMeasure {
  return {
    source: 'closed_form',
    R: 1,
    tail: 0,
    density: (r) => (r >= 0 && r <= 1 ? 2 * (1 - r) : 0),
    cdf: (r) => (r <= 0 ? 0 : r >= 1 ? 1 : 1 - (1 - r) * (1 - r)),
    quantile: (p) => 1 - Math.sqrt(1 - Math.min(1, Math.max(0, p))),
    breakpoints: new Float64Array(0),
    description: 'rho(r) = 2 (1 - r) on [0, 1] (closed form)',
  };
}

/** log Gamma(a) for a = m/2, m = 1, 2, ... (exact recursion from Gamma(1/2) = sqrt(pi), Gamma(1) = 1). */
export function logGammaHalf(a: number): number {
  let s = Number.isInteger(a) ? 0 : 0.5 * Math.log(Math.PI);
  for (let x = Number.isInteger(a) ? 1 : 0.5; x < a - 1e-9; x += 1) s += Math.log(x);
  return s;
}

/**
 * Q(a, x) = 1 - P(a, x), the regularised upper incomplete gamma, for a = d/2:
 * integer a: e^(-x) sum_{k<a} x^k / k!; half-integer a = m + 1/2: erfc(sqrt x) + e^(-x) sum_{k<m} x^(k+1/2) / Gamma(k + 3/2).
 */
export function upperGammaHalf(a: number, x: number): number {
  if (x <= 0) return 1;
  const lx = Math.log(x);
  let s = 0;
  if (Number.isInteger(a)) {
    for (let k = 0; k < a; k++) s += Math.exp(-x + k * lx - logGammaHalf(k + 1));
    return Math.min(1, s);
  }
  s = 1 - erf(Math.sqrt(x));
  for (let k = 0; k + 0.5 < a; k++) s += Math.exp(-x + (k + 0.5) * lx - logGammaHalf(k + 1.5));
  return Math.min(1, Math.max(0, s));
}

function gaussian(d: number): ExplorationMeasure {
  const a = d / 2;
  const logNorm = (d - 1) * Math.log(2) + logGammaHalf(a);
  const density = (r: number) => (r <= 0 ? (d === 1 && r === 0 ? Math.exp(-logNorm) : 0) : Math.exp((d - 1) * Math.log(r) - (r * r) / 4 - logNorm));
  const upper = (r: number) => upperGammaHalf(a, (r * r) / 4);
  const cdf = (r: number) => (r <= 0 ? 0 : 1 - upper(r));
  // Invert by bisection on the tail or the CDF, whichever is the smaller (relative accuracy at both ends).
  const invert = (p: number): number => {
    let lo = 0;
    let hi = 2 * Math.sqrt(d) + 4;
    while (upper(hi) > Math.min(1 - p, 0.5) * 1e-3) hi *= 1.5;
    for (let i = 0; i < 200; i++) {
      const mid = (lo + hi) / 2;
      const below = p > 0.5 ? upper(mid) > 1 - p : cdf(mid) < p;
      if (below) lo = mid;
      else hi = mid;
      if (hi - lo <= 1e-15 * hi) break;
    }
    return (lo + hi) / 2;
  };
  const R = invert(1 - GAUSSIAN_TAIL);
  return {
    source: 'closed_form',
    R,
    tail: GAUSSIAN_TAIL,
    density: (r) => (r > R ? 0 : density(r)),
    cdf: (r) => Math.min(1 - GAUSSIAN_TAIL, cdf(r)),
    quantile: (p) => (p <= 0 ? 0 : p >= 1 - GAUSSIAN_TAIL ? R : invert(p)),
    breakpoints: new Float64Array(0),
    description: `rho(r) = r^${d - 1} exp(-r^2/4) / (2^${d - 1} Gamma(${d}/2)) (closed form), cut at R = ${R.toPrecision(4)} where 1e-9 of its mass remains`,
  };
}

/** Histogram of `samples` pair distances of i.i.d. uniform particles on [0, 1]^d from the run's own stream. */
export function monteCarloUniform(d: number, samples: number, seed: number): ExplorationMeasure {
  const rng = createRng(deriveSeed(seed, REPLICA_STREAMS.pairDistances, d));
  const top = Math.sqrt(d);
  const counts = new Float64Array(HISTOGRAM_BINS);
  let largest = 0;
  for (let m = 0; m < samples; m++) {
    let r2 = 0;
    for (let k = 0; k < d; k++) {
      const u = rng.nextDouble() - rng.nextDouble();
      r2 += u * u;
    }
    const r = Math.sqrt(r2);
    if (r > largest) largest = r;
    counts[Math.min(HISTOGRAM_BINS - 1, Math.floor((r / top) * HISTOGRAM_BINS))]++;
  }
  const h = top / HISTOGRAM_BINS;
  let last = HISTOGRAM_BINS - 1;
  while (last > 0 && counts[last] === 0) last--;
  const bins = last + 1;
  const R = Math.min(top, bins * h);
  const edges = new Float64Array(bins + 1);
  for (let i = 0; i <= bins; i++) edges[i] = Math.min(R, i * h);
  const cum = new Float64Array(bins + 1);
  for (let i = 0; i < bins; i++) cum[i + 1] = cum[i] + counts[i] / samples;
  cum[bins] = 1;
  const heights = new Float64Array(bins);
  for (let i = 0; i < bins; i++) heights[i] = counts[i] / samples / (edges[i + 1] - edges[i]);
  const bin = (r: number) => Math.min(bins - 1, Math.floor(r / h));
  return {
    source: 'monte_carlo',
    R,
    tail: 0,
    density: (r) => (r < 0 || r > R ? 0 : heights[bin(r)]),
    cdf: (r) => {
      if (r <= 0) return 0;
      if (r >= R) return 1;
      const i = bin(r);
      return cum[i] + heights[i] * (r - edges[i]);
    },
    quantile: (p) => {
      if (p <= 0) return 0;
      if (p >= 1) return R;
      let lo = 0;
      let hi = bins;
      while (hi - lo > 1) {
        const mid = (lo + hi) >> 1;
        if (cum[mid] <= p) lo = mid;
        else hi = mid;
      }
      // Skip empty bins: the first bin whose cumulative mass passes p.
      while (lo < bins - 1 && heights[lo] === 0) lo++;
      return Math.min(R, edges[lo] + (p - cum[lo]) / heights[lo]);
    },
    breakpoints: edges.subarray(1, bins),
    description: `rho estimated by a histogram of ${samples} Monte Carlo pair distances (${bins} bins on [0, ${R.toPrecision(4)}])`,
  };
}

let cached: { key: string; measure: ExplorationMeasure } | null = null;

/**
 * The exploration measure of `law` in dimension d: a closed form where one exists, else the Monte
 * Carlo histogram from (seed, d) (the same in every part of a run; the last one is kept).
 */
export function explorationMeasure(law: ParticleLaw, d: number, options: { seed: number; samples: number; forceMonteCarlo?: boolean }): ExplorationMeasure {
  if (!options.forceMonteCarlo && hasClosedForm(law, d)) return law === 'gaussian' ? gaussian(d) : uniform1d();
  if (law !== 'uniform') throw new RangeError('Monte Carlo rho is implemented for the uniform law');
  const key = `${d}:${options.samples}:${options.seed}`;
  if (cached?.key !== key) cached = { key, measure: monteCarloUniform(d, options.samples, options.seed) };
  return cached.measure;
}

/** The end of the support [0, R] without building rho: sqrt(d) for the uniform law, the Gaussian cut otherwise. */
export function supportBound(law: ParticleLaw, d: number): number {
  return law === 'uniform' ? Math.sqrt(d) : gaussian(d).R;
}

/** Fills `x` (N d values, particle-major) with one sample of N i.i.d. particles. */
export function sampleParticles(law: ParticleLaw, x: Float64Array, rng: { nextDouble(): number; fillNormal(out: Float64Array): void }): void {
  if (law === 'gaussian') rng.fillNormal(x);
  else for (let i = 0; i < x.length; i++) x[i] = rng.nextDouble();
}
