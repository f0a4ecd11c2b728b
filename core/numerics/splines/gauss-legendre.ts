/**
 * Gauss–Legendre rules for the spline bases: the shared rule of ../gauss-legendre.ts, offered up to
 * 256 points (a basis never needs more per piece).
 */
import { gaussLegendre as sharedRule, type GaussLegendreRule } from '../gauss-legendre.js';

export type { GaussLegendreRule } from '../gauss-legendre.js';

export const GAUSS_LEGENDRE_MAX_N = 256;

/** The n-point Gauss–Legendre rule on [-1, 1] (1 <= n <= 256). */
export function gaussLegendre(n: number): GaussLegendreRule {
  if (!Number.isInteger(n) || n < 1 || n > GAUSS_LEGENDRE_MAX_N) throw new RangeError(`gaussLegendre: n must be an integer in [1, ${GAUSS_LEGENDRE_MAX_N}]`);
  return sharedRule(n);
}
