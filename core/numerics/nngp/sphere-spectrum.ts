/**
 * Operator spectra of dot-product kernels on the sphere √d·S^{d−1} with its uniform measure (the
 * synthetic inputs of the NNGP learning curves; theory note §3, "dot-product kernels ... in high
 * d"): by the Funk–Hecke theorem the eigenfunctions are the spherical harmonics, degree l has
 * N(d, l) = (2l + d − 2)/l · C(l + d − 3, l − 1) of them (≈ d^l/l! for d ≫ l) and the eigenvalue
 *
 *   λ_l = E_u[h(u) P_l(u)],   u = x·x'/d,  density ∝ (1 − u²)^{(d−3)/2},
 *
 * with P_l the Legendre polynomial of dimension d normalised to P_l(1) = 1 (Gegenbauer
 * C_l^{(d−2)/2} up to a constant). A zonal target g(w*·x) (|w*| = 1, so w*·x = √d u) has power
 * N(d, l)·(E_u[g(√d u) P_l(u)])² in degree l. The expectations are Gauss–Legendre sums in
 * θ = arccos u over the window where sin^{d−2}θ is above e^{−80} of its peak; accuracy is
 * absolute (about 1e-15 of max|h|), so eigenvalues far below that are not resolved.
 */
import { gaussLegendre } from '../gauss-legendre.js';

export { gaussLegendre };

/** N(d, l): the number of degree-l spherical harmonics in dimension d (d ≥ 2). */
export function sphereDegeneracy(d: number, l: number): number {
  if (l === 0) return 1;
  if (d === 2) return 2;
  // (2l + d − 2)/l · C(l + d − 3, l − 1), by a product (exact in floating point while below 2^53)
  let c = 1;
  for (let k = 1; k <= l - 1; k++) c = (c * (d - 2 + k)) / k;
  return ((2 * l + d - 2) / l) * c;
}

/** Nodes u_i and normalised weights of E_u[f(u)] for the sphere in dimension d, accurate for degrees ≤ maxDegree. */
export interface SphereRule {
  d: number;
  u: Float64Array;
  w: Float64Array;
}

export function sphereRule(d: number, maxDegree: number): SphereRule {
  if (!Number.isInteger(d) || d < 2) throw new RangeError('sphereRule: d must be a whole number ≥ 2');
  const a = d <= 3 ? Math.PI / 2 : Math.min(Math.PI / 2, Math.acos(Math.exp(-80 / (d - 2))));
  const n = 200 + Math.ceil((4 * a * maxDegree) / Math.PI) + Math.ceil(10 * a * Math.sqrt(d));
  const { nodes, weights } = gaussLegendre(n);
  const u = new Float64Array(n);
  const w = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const theta = Math.PI / 2 + a * nodes[i];
    u[i] = Math.cos(theta);
    const s = Math.sin(theta);
    w[i] = weights[i] * (d === 2 ? 1 : Math.exp((d - 2) * Math.log(s)));
    total += w[i];
  }
  for (let i = 0; i < n; i++) w[i] /= total;
  return { d, u, w };
}

/**
 * E_u[f(u) P_l(u)] for l = 0..maxDegree (out[l]) on a rule built for at least maxDegree. The
 * Legendre polynomials of dimension d follow P_{l+1} = ((2l + d − 2) u P_l − l P_{l−1})/(l + d − 2).
 */
export function degreeProjections(rule: SphereRule, f: (u: number) => number, maxDegree: number): Float64Array {
  const { d, u, w } = rule;
  const out = new Float64Array(maxDegree + 1);
  for (let i = 0; i < u.length; i++) {
    const x = u[i];
    const fw = f(x) * w[i];
    let p0 = 1;
    let p1 = x;
    out[0] += fw;
    if (maxDegree >= 1) out[1] += fw * x;
    for (let l = 1; l < maxDegree; l++) {
      const p2 = ((2 * l + d - 2) * x * p1 - l * p0) / (l + d - 2);
      out[l + 1] += fw * p2;
      p0 = p1;
      p1 = p2;
    }
  }
  return out;
}

/** E_u[f(u)] on a rule. */
export function sphereExpectation(rule: SphereRule, f: (u: number) => number): number {
  let s = 0;
  for (let i = 0; i < rule.u.length; i++) s += rule.w[i] * f(rule.u[i]);
  return s;
}
