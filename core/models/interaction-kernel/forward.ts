/**
 * The forward operator of the two conventions (arXiv:2311.16852; docs/theory/interaction-kernel.md):
 *
 *   static:   R_phi[X]_i = (1/(N-1)) sum_{j != i} phi(r_ij) (X_j - X_i) / r_ij
 *   dynamics: R_phi[X]_i = (1/N)     sum_{j != i} phi(r_ij) (X_j - X_i)
 *
 * so a dynamics kernel phi_dyn gives the same map as the static kernel ((N-1)/N) r phi_dyn(r)
 * (check K8). Each pair's term is phi(r_ij) v_ij with v_ij = (X_j - X_i) / ((N-1) r_ij) or
 * (X_j - X_i) / N, and v_ji = -v_ij. A pair at distance 0 contributes nothing.
 */
import type { Form } from './params.js';

/** The factor c of v_ij = c (X_j - X_i) for a pair at distance r. */
export function pairFactor(form: Form, N: number, r: number): number {
  if (r === 0) return 0;
  return form === 'static' ? 1 / ((N - 1) * r) : 1 / N;
}

/**
 * out[i d + a] = R_phi[X]_{i,a} for particles x (N d values, particle-major). Adds nothing to a
 * particle for a pair where phi is 0; overwrites out.
 */
export function forwardMap(form: Form, N: number, d: number, x: Float64Array, phi: (r: number) => number, out: Float64Array): void {
  out.fill(0, 0, N * d);
  for (let i = 0; i < N; i++) {
    for (let j = i + 1; j < N; j++) {
      let r2 = 0;
      for (let a = 0; a < d; a++) {
        const u = x[j * d + a] - x[i * d + a];
        r2 += u * u;
      }
      const r = Math.sqrt(r2);
      const c = pairFactor(form, N, r);
      if (c === 0) continue;
      const f = phi(r) * c;
      if (f === 0) continue;
      for (let a = 0; a < d; a++) {
        const t = f * (x[j * d + a] - x[i * d + a]);
        out[i * d + a] += t;
        out[j * d + a] -= t;
      }
    }
  }
}
