/**
 * Class-conditional Gaussian expectations of the loss and its derivatives for a single output
 * x ~ N(m, v) with label y in {+1, -1} (note §5.2). Writes [E f, E f', E f'', E f'^2] into `out`.
 *
 * least_squares f = (x - y)^2 / 2: closed form  [((m-y)^2 + v)/2, m - y, 1, (m-y)^2 + v].
 *
 * logistic f = log(1 + e^{-y x}): with u = y x ~ N(a, s^2), a = y m, s = sqrt(v),
 *   f = softplus(-u),  f' = -y sigmoid(-u),  f'' = sigmoid(u) sigmoid(-u),  f'^2 = sigmoid(-u)^2.
 * - s <= GH_MAX_S: probabilists' Gauss-Hermite with n = 64..288 nodes growing like 12 s^2 (the
 *   integrand's poles at distance pi/s from the real line set the rate);
 * - s > GH_MAX_S: each function is split into a piecewise-linear or step part with a closed-form
 *   Gaussian expectation and a remainder decaying like e^{-|u|} (e.g. softplus(-u) = (-u)_+ +
 *   log(1 + e^{-|u|})), integrated by 8-point Gauss-Legendre panels of width 1/4 over
 *   u in [-40, 40] (panel edge at the remainder's jump u = 0).
 * - v = 0: the point value.
 */
import erf from '@stdlib/math-base-special-erf';
import { gaussHermite } from '../../numerics/gauss-hermite.js';
import type { GmmLoss } from './params.js';

export const GH_MAX_S = 5;
const INV_SQRT_2PI = 0.3989422804014327;

/** Standard normal cdf. */
export function normalCdf(x: number): number {
  return 0.5 * (1 + erf(x * Math.SQRT1_2));
}

/** Nodes of the GH rule for spread s (a multiple of 16 in [64, 288]). */
export function ghNodesFor(s: number): number {
  const n = Math.ceil((12 * s * s + 64) / 16) * 16;
  return Math.min(288, Math.max(64, n));
}

function sigmoid(u: number): number {
  return u >= 0 ? 1 / (1 + Math.exp(-u)) : Math.exp(u) / (1 + Math.exp(u));
}

function softplus(u: number): number {
  return u > 0 ? u + Math.log1p(Math.exp(-u)) : Math.log1p(Math.exp(u));
}

// 8-point Gauss-Legendre on [-1, 1].
const GL_X = [-0.9602898564975363, -0.7966664774136267, -0.525532409916329, -0.1834346424956498, 0.1834346424956498, 0.525532409916329, 0.7966664774136267, 0.9602898564975363];
const GL_W = [0.1012285362903763, 0.2223810344533745, 0.3137066458778873, 0.362683783378362, 0.362683783378362, 0.3137066458778873, 0.2223810344533745, 0.1012285362903763];

function logisticPoint(a: number, y: number, out: Float64Array): void {
  const sm = sigmoid(-a);
  out[0] = softplus(-a);
  out[1] = -y * sm;
  out[2] = sm * (1 - sm);
  out[3] = sm * sm;
}

function logisticHermite(a: number, s: number, y: number, out: Float64Array): void {
  const { nodes, weights, n } = gaussHermite(ghNodesFor(s));
  let f0 = 0;
  let f1 = 0;
  let f2 = 0;
  let f3 = 0;
  for (let j = 0; j < n; j++) {
    const u = a + s * nodes[j];
    const w = weights[j];
    const sm = sigmoid(-u);
    f0 += w * softplus(-u);
    f1 += w * sm;
    f2 += w * sm * (1 - sm);
    f3 += w * sm * sm;
  }
  out[0] = f0;
  out[1] = -y * f1;
  out[2] = f2;
  out[3] = f3;
}

function integrateRemainders(a: number, s: number, lo: number, hi: number, acc: Float64Array): void {
  const panels = Math.max(1, Math.ceil((hi - lo) / 0.25));
  const h = (hi - lo) / panels;
  const inv = 1 / s;
  for (let q = 0; q < panels; q++) {
    const mid = lo + (q + 0.5) * h;
    for (let j = 0; j < 8; j++) {
      const u = mid + 0.5 * h * GL_X[j];
      const zz = (u - a) * inv;
      const w = 0.5 * h * GL_W[j] * INV_SQRT_2PI * inv * Math.exp(-0.5 * zz * zz);
      const e = sigmoid(-Math.abs(u)); // sigmoid(-|u|)
      acc[0] += w * Math.log1p(Math.exp(-Math.abs(u)));
      acc[1] += w * (u > 0 ? e : -e);
      acc[2] += w * e * (1 - e);
      acc[3] += w * (u > 0 ? e * e : e * e - 2 * e);
    }
  }
}

const accScratch = new Float64Array(4);

function logisticSplit(a: number, s: number, y: number, out: Float64Array): void {
  // Closed-form parts for u ~ N(a, s^2): E(-u)_+ and Pr(u < 0) = Phi(-a/s).
  const r = a / s;
  const pNeg = normalCdf(-r);
  const ramp = -a * pNeg + s * INV_SQRT_2PI * Math.exp(-0.5 * r * r);
  const acc = accScratch;
  acc.fill(0);
  const lo = Math.max(-40, a - 12 * s);
  const hi = Math.min(40, a + 12 * s);
  if (lo < hi) {
    if (lo < 0 && hi > 0) {
      integrateRemainders(a, s, lo, 0, acc);
      integrateRemainders(a, s, 0, hi, acc);
    } else integrateRemainders(a, s, lo, hi, acc);
  }
  out[0] = ramp + acc[0];
  out[1] = -y * (pNeg + acc[1]);
  out[2] = acc[2];
  out[3] = pNeg + acc[3];
}

/** [E f, E f', E f'', E f'^2] for x ~ N(m, v), label y, into `out` (length >= 4). */
export function classMoments(loss: GmmLoss, m: number, v: number, y: number, out: Float64Array): void {
  if (loss === 'least_squares') {
    const r = m - y;
    const q = r * r + Math.max(0, v);
    out[0] = 0.5 * q;
    out[1] = r;
    out[2] = 1;
    out[3] = q;
    return;
  }
  const a = y * m;
  if (!(v > 0)) {
    logisticPoint(a, y, out);
    return;
  }
  const s = Math.sqrt(v);
  if (s <= GH_MAX_S) logisticHermite(a, s, y, out);
  else logisticSplit(a, s, y, out);
}

/** Pr(sign(x) = y) for x ~ N(m, v); a tie x = 0 (v = 0, m = 0) counts 1/2. */
export function classAccuracy(m: number, v: number, y: number): number {
  const a = y * m;
  if (!(v > 0)) return a > 0 ? 1 : a < 0 ? 0 : 0.5;
  return normalCdf(a / Math.sqrt(v));
}
