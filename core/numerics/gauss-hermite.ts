/**
 * Gauss–Hermite quadrature, probabilists' convention: weight the standard normal density, so
 *   E[f(Z)] ~= sum_i w_i f(x_i),  Z ~ N(0, 1),  sum_i w_i = 1,
 * exact for polynomials of degree <= 2n - 1.
 *
 * Nodes by Golub–Welsch (Math. Comp. 23, 1969): eigenvalues of the Jacobi matrix of the monic
 * probabilists' Hermite polynomials (zero diagonal, off-diagonal sqrt(k), k = 1..n-1), by implicit
 * QL, then one Newton polish on He_n. Weights from the Christoffel function,
 *   w_i = 1 / sum_{k<n} h_k(x_i)^2,  h_k = He_k / sqrt(k!) (orthonormal),
 * rather than from squared eigenvector components, which carry only absolute accuracy and lose
 * the relative accuracy of the tiny tail weights that high moments depend on. Nodes and weights
 * are exactly symmetric. Rules are cached per n; treat the returned arrays as read-only.
 */
import { symmetricTridiagonalEigenvalues } from './tridiagonal-eigen.js';

export interface GaussHermiteRule {
  readonly n: number;
  /** Ascending nodes. */
  readonly nodes: Float64Array;
  /** Weights (positive, sum 1). */
  readonly weights: Float64Array;
}

/** Largest supported order (the orthonormal recurrence stays far from overflow up to here). */
export const GAUSS_HERMITE_MAX_N = 300;

const cache = new Map<number, GaussHermiteRule>();

/** h_{n}(x) and h_{n-1}(x) and sum_{k<n} h_k(x)^2 for the orthonormal probabilists' Hermite h_k. */
function hermiteOrthonormal(n: number, x: number): { hn: number; hn1: number; christoffel: number } {
  let prev = 0; // h_{-1}
  let cur = 1; // h_0
  let sum = 0;
  for (let k = 0; k < n; k++) {
    sum += cur * cur;
    const next = (x * cur - Math.sqrt(k) * prev) / Math.sqrt(k + 1);
    prev = cur;
    cur = next;
  }
  return { hn: cur, hn1: prev, christoffel: sum };
}

export function gaussHermite(n: number): GaussHermiteRule {
  if (!Number.isInteger(n) || n < 1 || n > GAUSS_HERMITE_MAX_N) {
    throw new RangeError(`gaussHermite: n must be an integer in [1, ${GAUSS_HERMITE_MAX_N}]`);
  }
  const cached = cache.get(n);
  if (cached) return cached;
  const off = new Float64Array(Math.max(0, n - 1));
  for (let k = 1; k < n; k++) off[k - 1] = Math.sqrt(k);
  const raw = symmetricTridiagonalEigenvalues(new Float64Array(n), off);
  const nodes = new Float64Array(n);
  const half = Math.floor(n / 2);
  for (let i = 0; i < half; i++) {
    // Symmetrise, then polish the positive node by Newton on h_n (h_n' = sqrt(n) h_{n-1}).
    let x = 0.5 * (raw[n - 1 - i] - raw[i]);
    for (let it = 0; it < 2; it++) {
      const { hn, hn1 } = hermiteOrthonormal(n, x);
      x -= hn / (Math.sqrt(n) * hn1);
    }
    nodes[i] = -x;
    nodes[n - 1 - i] = x;
  }
  if (n % 2 === 1) nodes[half] = 0;
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) weights[i] = 1 / hermiteOrthonormal(n, nodes[i]).christoffel;
  const rule: GaussHermiteRule = { n, nodes, weights };
  cache.set(n, rule);
  return rule;
}

/** E[f(Z)], Z ~ N(0, 1), by the n-point rule (default 48). */
export function expectNormal(f: (x: number) => number, n = 48): number {
  const { nodes, weights } = gaussHermite(n);
  let s = 0;
  for (let i = 0; i < n; i++) s += weights[i] * f(nodes[i]);
  return s;
}
