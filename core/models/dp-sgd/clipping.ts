/**
 * Closed-form clipping factors for least squares with Gaussian residuals (note §4.2).
 *
 * With ||x|| ~ sqrt(tr Sigma) the clipped gradient x r min(1, C / (||x|| |r|)) equals x clip_k(r),
 * clip_k(r) = sign(r) min(|r|, k), with threshold k = C / sqrt(tr Sigma) = c / sqrt(mean lambda) on
 * the residual r = <x, theta - theta*> - zeta eps ~ N(0, 2P), P the population risk. Then
 *
 *   drift factor  mu(P)  = E[r clip_k(r)] / E[r^2] = Pr(|r| < k) = erf(k / (2 sqrt(P)))   (Stein),
 *   noise moment  m2(P)  = E[clip_k(r)^2] = E[min(r^2, k^2)]
 *                        = 2P [2 Phi(a) - 1 - 2 a phi(a)] + 2 k^2 [1 - Phi(a)],  a = k / sqrt(2P),
 *
 * so m2 = nu_c P in the note's notation (nu -> 2 as k -> inf). At P = 0, mu = 1 and m2 = 0.
 */
import erf from '@stdlib/math-base-special-erf';

const SQRT1_2 = Math.SQRT1_2;
const INV_SQRT_2PI = 0.3989422804014327;

/** Pr(|r| < k) for r ~ N(0, 2P): the drift factor mu. k = Infinity gives 1. */
export function clipDrift(P: number, k: number): number {
  if (!(k < Number.POSITIVE_INFINITY)) return 1;
  if (!(P > 0)) return 1;
  return erf(k / (2 * Math.sqrt(P)));
}

/** E[min(r^2, k^2)] for r ~ N(0, 2P). k = Infinity gives 2P. */
export function clipSecondMoment(P: number, k: number): number {
  if (!(P > 0)) return 0;
  if (!(k < Number.POSITIVE_INFINITY)) return 2 * P;
  const s2 = 2 * P;
  const a = k / Math.sqrt(s2);
  const e = erf(a * SQRT1_2); // 2 Phi(a) - 1
  const phi = INV_SQRT_2PI * Math.exp(-0.5 * a * a);
  const body = s2 * (e - 2 * a * phi);
  const tail = k * k * (1 - e); // 2 k^2 (1 - Phi(a)) = k^2 (1 - erf(a/sqrt2))
  return body + tail;
}

/** Pr(|r| >= k): the fraction of clipped samples. */
export function clipFraction(P: number, k: number): number {
  return 1 - clipDrift(P, k);
}
