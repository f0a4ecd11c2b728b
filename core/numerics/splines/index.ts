/**
 * Splines: piecewise polynomials orthonormal in a weighted L2 space (the hypothesis spaces of
 * least-squares kernel estimators), clamped B-splines with derivatives, knot placement and the
 * Gauss–Legendre rule they integrate with. Pure; Float64Array throughout.
 *
 * - `PiecewisePolynomialBasis({ knots, degree, weight, breakpoints? })`: n = K (s + 1) functions
 *   orthonormal in L2(weight); `valuesAt(r, out)` -> interval k (function k (s+1) + j is out[j]);
 *   `evaluate(coef, r)`; `forEachNode(visit, { points, sub })` for integrals against the weight;
 *   `projectOnto`, `weightedDistance2`, `weightedNorm2`.
 * - `BSplineBasis(breaks, degree)`: n = L + p clamped B-splines; `valuesAt(x, out)` and
 *   `derivativesAt(x, values, derivatives)` -> first index f (functions f..f+p); `evaluate`.
 * - `uniformKnots(K, a, b)`, `quantileKnots(K, quantile, a, b)`.
 * - `gaussLegendre(n)`: nodes and weights on [-1, 1].
 */
export { GAUSS_LEGENDRE_MAX_N, type GaussLegendreRule, gaussLegendre } from './gauss-legendre.js';
export { quantileKnots, uniformKnots } from './knots.js';
export {
  MAX_DEGREE,
  type PiecewiseBasisOptions,
  PiecewisePolynomialBasis,
  type QuadratureOptions,
  projectOnto,
  weightedDistance2,
  weightedNorm2,
} from './piecewise-polynomial.js';
export { BSplineBasis } from './bspline.js';
