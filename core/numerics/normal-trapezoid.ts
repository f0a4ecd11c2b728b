/**
 * The trapezoidal rule for Gaussian expectations, E f(Z) = ∫ f(z) φ(z) dz, Z ~ N(0, 1):
 * nodes z_k = k h, |z_k| <= zMax, weights h φ(z_k) (normalised to sum 1).
 *
 * For f analytic and of moderate growth in the strip |Im z| < τ the error decays like
 * exp(-2π τ / h) (Trefethen & Weideman, SIAM Review 56(3), 2014, Thm 5.1), whatever the width of
 * the Gaussian relative to the features of f. That is what Gauss–Hermite lacks for integrands
 * such as the logistic sigmoid at large variance: σ(s z) has poles at z = ±iπ/s, and an n-point
 * Gauss–Hermite rule then converges only like exp(-(π/s) sqrt(2n)), while the trapezoid with
 * h ∝ 1/s needs O(s) nodes for full accuracy.
 *
 * Spacings come from a fixed geometric ladder h_k = 0.5 · 2^(-k/8) (the largest one not above the
 * requested spacing), so rules are built once and cached.
 */

export interface SymmetricNormalRule {
  readonly h: number;
  /** Nodes z_k = k h for k = 0..K (non-negative half). */
  readonly nodes: Float64Array;
  /** Weights of the full symmetric rule: w_0 for z = 0, w_k for each of ±z_k (so w_0 + 2 sum_{k>0} w_k = 1). */
  readonly weights: Float64Array;
}

/** Largest node: the two tails beyond it carry less than 1e-16 of the mass. */
export const NORMAL_TRAPEZOID_ZMAX = 8.3;
const H_MAX = 0.5;
const LADDER = 8;
const MAX_INDEX = 200; // h >= 0.5 * 2^-25: about 2e8 nodes, far beyond any use

const cache = new Map<number, SymmetricNormalRule>();

function build(index: number): SymmetricNormalRule {
  const h = H_MAX * Math.pow(2, -index / LADDER);
  const count = Math.floor(NORMAL_TRAPEZOID_ZMAX / h) + 1;
  const nodes = new Float64Array(count);
  const weights = new Float64Array(count);
  let sum = 0;
  for (let k = 0; k < count; k++) {
    const z = k * h;
    nodes[k] = z;
    weights[k] = Math.exp(-0.5 * z * z);
    sum += k === 0 ? weights[k] : 2 * weights[k];
  }
  for (let k = 0; k < count; k++) weights[k] /= sum;
  return { h, nodes, weights };
}

/** The cached rule with the largest ladder spacing h <= maxSpacing (and h <= 0.5). */
export function normalTrapezoidRule(maxSpacing: number): SymmetricNormalRule {
  if (!(maxSpacing > 0)) throw new RangeError('normalTrapezoidRule: spacing must be > 0');
  const index = maxSpacing >= H_MAX ? 0 : Math.min(MAX_INDEX, Math.ceil(LADDER * Math.log2(H_MAX / maxSpacing) - 1e-9));
  let rule = cache.get(index);
  if (!rule) {
    rule = build(index);
    cache.set(index, rule);
  }
  return rule;
}

/**
 * Spacing for a relative accuracy of about 10^-digits on integrands analytic in |Im z| < width:
 * h = 2π (0.9 width) / (digits ln 10), backing off 10% from the nearest singularity.
 */
export function trapezoidSpacing(width: number, digits: number): number {
  if (!(width > 0)) return H_MAX;
  return Math.min(H_MAX, (2 * Math.PI * 0.9 * width) / (digits * Math.LN10));
}
