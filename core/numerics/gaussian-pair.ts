/**
 * Expectations over a centred Gaussian pair (x, x*) ~ N(0, [[a, c], [c, b]]) by tensor
 * Gauss–Hermite quadrature (probabilists') after conditioning on x*:
 *
 *   x* = sqrt(b) z1,   x = (c / sqrt(b)) z1 + sqrt(a - c^2 / b) z2,   z1, z2 iid N(0, 1),
 *
 * (theory note §1.3). Unlike a Cholesky factor of the matrix this needs no regularisation: it is
 * exact when a = 0 or when the pair is perfectly correlated, and for b = 0 it reduces to
 * x* = 0, x = sqrt(a) z2. Negative a - c^2/b from rounding is clamped to 0.
 * Exact for polynomials of degree <= 2n - 1 in (z1, z2) separately.
 */
import { gaussHermite } from './gauss-hermite.js';

export interface PairFactor {
  /** x* = sb z1. */
  sb: number;
  /** x = m z1 + s z2. */
  m: number;
  s: number;
}

export function conditionPair(a: number, c: number, b: number): PairFactor {
  if (!(a >= 0) || !(b >= 0)) throw new RangeError('conditionPair: variances must be >= 0');
  if (b === 0) return { sb: 0, m: 0, s: Math.sqrt(a) };
  const sb = Math.sqrt(b);
  const m = c / sb;
  return { sb, m, s: Math.sqrt(Math.max(0, a - m * m)) };
}

/** E f(x, x*) by the n x n rule. */
export function expectGaussianPair(f: (x: number, xStar: number) => number, a: number, c: number, b: number, n = 48): number {
  const { nodes, weights } = gaussHermite(n);
  const { sb, m, s } = conditionPair(a, c, b);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const z1 = nodes[i];
    const xs = sb * z1;
    const mean = m * z1;
    let inner = 0;
    for (let j = 0; j < n; j++) inner += weights[j] * f(mean + s * nodes[j], xs);
    total += weights[i] * inner;
  }
  return total;
}
