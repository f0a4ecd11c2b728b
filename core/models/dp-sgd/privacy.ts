/**
 * Privacy accounting of one-pass DP-SGD as implemented in ./simulate.ts (derivation in
 * docs/theory/dp-sgd.md §3). Step k = 0..n-1 uses sample k once:
 *
 *   theta_{k+1} = theta_k - eta_k clip_C(g_k) + s_k xi_k,   xi_k ~ N(0, I_d),
 *   eta_k = eta~(t_k) / n,  s_k = c sigma~(t_k) sqrt(2 d/n) / n,  t_k = k / n,  C = c sqrt(d).
 *
 * Neighbouring datasets: replace-one (same n, one sample changed, same position), so one step's
 * update moves by at most Delta_k = 2 eta_k C. A Gaussian mechanism with shift Delta and noise
 * std s is Delta^2 / (2 s^2)-zCDP. Two guarantees (both upper bounds on the privacy loss; c and
 * C cancel, so they depend on the schedules only):
 *
 * - all_iterates (every iterate released; the sample at step k enters only that step, so by
 *   adaptive composition its loss is that of one Gaussian mechanism):
 *     rho_k = Delta_k^2 / (2 s_k^2) = n eta~(t_k)^2 / sigma~(t_k)^2.
 * - last_iterate (only theta_n released): privacy amplification by iteration (Feldman, Mironov,
 *   Talwar, Thakurta 2018, Thm 22) for non-expansive steps (eta_j ||x_j||^2 <= 2: the clipped
 *   least-squares step is a gradient step on a convex, ||x||^2-smooth Huber loss). Spreading the
 *   shift Delta_k optimally over the noise of steps k..n-1 gives
 *     rho_k = Delta_k^2 / (2 sum_{j>=k} s_j^2) = n eta~(t_k)^2 / sum_{j>=k} sigma~(t_j)^2.
 *
 * The run is rho-zCDP with rho = max_k rho_k. With the zero-out relation (a sample replaced by a
 * null sample that contributes no gradient) Delta_k = eta_k C and every rho is 4 times smaller.
 */
import type { Accounting } from './params.js';

export interface PrivacyUnit {
  /** max_k rho_k for sigma~ scale 1, every iterate released. */
  allIterates: number;
  /** max_k rho_k for sigma~ scale 1, last iterate only. */
  lastIterate: number;
  /** Step indices where the maxima are attained (first one in case of ties). */
  argmaxAll: number;
  argmaxLast: number;
  /** Per-sample rho_k (scale 1) at the requested sample indices, for both accountings. */
  profileAll: Float64Array;
  profileLast: Float64Array;
}

/**
 * Per-sample zCDP levels for noise scale sigma~ = 1 (rho scales as 1 / sigma~^2).
 * `lr(t)` = eta~(t) and `noiseShape(t)` = sigma~(t) / sigma~; `at` lists sample indices in
 * [0, n - 1] (ascending) where the profile is reported. O(n) time, O(at.length) memory.
 */
export function privacyUnit(
  n: number,
  lr: (t: number) => number,
  noiseShape: (t: number) => number,
  at: Float64Array,
): PrivacyUnit {
  const profileAll = new Float64Array(at.length);
  const profileLast = new Float64Array(at.length);
  let suffix = 0; // sum_{j >= k} shape(t_j)^2, Kahan-compensated
  let comp = 0;
  let allMax = -1;
  let lastMax = -1;
  let argAll = 0;
  let argLast = 0;
  let next = at.length - 1;
  for (let k = n - 1; k >= 0; k--) {
    const t = k / n;
    const e = lr(t);
    const s = noiseShape(t);
    const s2 = s * s;
    const yk = s2 - comp;
    const tk = suffix + yk;
    comp = tk - suffix - yk;
    suffix = tk;
    const num = n * e * e;
    const rAll = s2 > 0 ? num / s2 : num > 0 ? Number.POSITIVE_INFINITY : 0;
    const rLast = suffix > 0 ? num / suffix : num > 0 ? Number.POSITIVE_INFINITY : 0;
    if (rAll >= allMax) {
      allMax = rAll;
      argAll = k;
    }
    if (rLast >= lastMax) {
      lastMax = rLast;
      argLast = k;
    }
    while (next >= 0 && at[next] === k) {
      profileAll[next] = rAll;
      profileLast[next] = rLast;
      next--;
    }
  }
  return { allIterates: allMax, lastIterate: lastMax, argmaxAll: argAll, argmaxLast: argLast, profileAll, profileLast };
}

export function unitFor(unit: PrivacyUnit, accounting: Accounting): number {
  return accounting === 'last_iterate' ? unit.lastIterate : unit.allIterates;
}

/** The noise scale sigma~ that makes the run exactly rho-zCDP: rho(sigma~) = unit / sigma~^2. */
export function sigmaForRho(unit: number, rho: number): number {
  return Math.sqrt(unit / rho);
}

/** zCDP to (epsilon, delta)-DP (Bun & Steinke 2016, Prop. 1.3): epsilon = rho + 2 sqrt(rho ln(1/delta)). */
export function zcdpToEpsilon(rho: number, delta: number): number {
  return rho + 2 * Math.sqrt(rho * Math.log(1 / delta));
}
