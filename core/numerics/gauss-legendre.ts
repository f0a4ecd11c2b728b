/**
 * Gauss–Legendre quadrature on [-1, 1]: the n nodes are the roots of the Legendre polynomial P_n,
 * found by Newton's method from the Chebyshev-like guesses cos(pi (i + 3/4) / (n + 1/2)) (Abramowitz
 * & Stegun 25.4.29; Numerical Recipes `gauleg`), the weights 2 / ((1 - x^2) P_n'(x)^2). The rule
 * integrates polynomials of degree <= 2n - 1 exactly. Nodes ascend; rules are cached by n.
 */

export interface GaussLegendreRule {
  /** Nodes in (-1, 1), ascending. */
  readonly nodes: Float64Array;
  /** Positive weights summing to 2. */
  readonly weights: Float64Array;
}

const cache = new Map<number, GaussLegendreRule>();

/** The n-point Gauss–Legendre rule on [-1, 1] (n a whole number >= 1). */
export function gaussLegendre(n: number): GaussLegendreRule {
  if (!Number.isInteger(n) || n < 1) throw new RangeError('gaussLegendre: n must be a whole number >= 1');
  const hit = cache.get(n);
  if (hit) return hit;
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  const half = Math.floor((n + 1) / 2);
  for (let i = 0; i < half; i++) {
    let x = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let dp = 0;
    for (let iter = 0; iter < 100; iter++) {
      // P_n(x) and P_n'(x) by the three-term recurrence.
      let p0 = 1;
      let p1 = x;
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      const pn = n === 1 ? x : p1;
      const pm = n === 1 ? 1 : p0;
      dp = (n * (x * pn - pm)) / (x * x - 1);
      const dx = pn / dp;
      x -= dx;
      if (Math.abs(dx) <= 1e-16 * Math.max(1, Math.abs(x))) break;
    }
    // Recompute the derivative at the converged node.
    let p0 = 1;
    let p1 = x;
    for (let k = 2; k <= n; k++) {
      const p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
      p0 = p1;
      p1 = p2;
    }
    dp = n === 1 ? 1 : (n * (x * p1 - p0)) / (x * x - 1);
    const w = 2 / ((1 - x * x) * dp * dp);
    nodes[n - 1 - i] = x;
    nodes[i] = -x;
    weights[i] = w;
    weights[n - 1 - i] = w;
  }
  if (n % 2 === 1) nodes[(n - 1) / 2] = 0;
  const rule = Object.freeze({ nodes, weights });
  cache.set(n, rule);
  return rule;
}
