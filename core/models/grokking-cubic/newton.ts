/**
 * A small damped Newton solver for the cubic-teacher equations (2 to 4 unknowns): forward-difference
 * Jacobian, Gaussian elimination, step halving while the residual does not decrease.
 */
import { solveDense } from '../../numerics/small-linear.js';

export interface NewtonResult {
  x: Float64Array;
  /** max |residual| at x. */
  residual: number;
  converged: boolean;
  iterations: number;
}

function maxAbs(r: Float64Array): number {
  let m = 0;
  for (const v of r) m = Math.max(m, Math.abs(v));
  return Number.isFinite(m) ? m : Number.POSITIVE_INFINITY;
}

/** Solves F(x) = 0 from x0; `valid` rejects trial points outside the domain (treated as worse). */
export function newtonSolve(
  F: (x: Float64Array) => Float64Array,
  x0: ArrayLike<number>,
  options: { tol?: number; maxIter?: number; valid?: (x: Float64Array) => boolean } = {},
): NewtonResult {
  const tol = options.tol ?? 1e-12;
  const maxIter = options.maxIter ?? 60;
  const valid = options.valid ?? (() => true);
  const n = x0.length;
  let x: Float64Array = Float64Array.from(x0);
  let r = F(x);
  let norm = maxAbs(r);
  let it = 0;
  for (; it < maxIter && norm > tol; it++) {
    const J = new Float64Array(n * n);
    for (let j = 0; j < n; j++) {
      const h = 1e-7 * Math.max(1e-3, Math.abs(x[j]!));
      const xp = Float64Array.from(x);
      xp[j] += h;
      const rp = F(xp);
      for (let i = 0; i < n; i++) J[i * n + j] = (rp[i]! - r[i]!) / h;
    }
    const step = Float64Array.from(r, (v) => -v);
    if (!solveDense(J, step, n)) break;
    let t = 1;
    let accepted = false;
    for (let k = 0; k < 40; k++, t /= 2) {
      const xt = Float64Array.from(x, (v, i) => v + t * step[i]!);
      if (!valid(xt)) continue;
      const rt = F(xt);
      const nt = maxAbs(rt);
      if (nt < norm || (nt <= tol && norm <= tol)) {
        x = xt;
        r = rt;
        norm = nt;
        accepted = true;
        break;
      }
    }
    if (!accepted) break;
  }
  return { x, residual: norm, converged: norm <= tol * 10, iterations: it };
}

/** The root of a continuous f on [lo, hi] with f(lo), f(hi) of opposite signs (bisection to machine precision). */
export function bisect(f: (x: number) => number, lo: number, hi: number, iterations = 200): number {
  let flo = f(lo);
  for (let k = 0; k < iterations; k++) {
    const mid = 0.5 * (lo + hi);
    if (mid === lo || mid === hi) break;
    const fm = f(mid);
    if (fm === 0) return mid;
    if (fm > 0 === flo > 0) {
      lo = mid;
      flo = fm;
    } else hi = mid;
  }
  return 0.5 * (lo + hi);
}
