/**
 * A weighted-L2-orthonormal basis of piecewise polynomials (arXiv:2311.16852 §1.3 hypothesis
 * space): on knots r_0 < ... < r_K and degree s, the space of functions that are a polynomial of
 * degree <= s on each interval I_k = [r_k, r_{k+1}) (the last one closed) and 0 outside [r_0, r_K],
 * of dimension n = K (s + 1), with a basis {psi} orthonormal in L2(w):
 *
 *   int psi_a(r) psi_b(r) w(r) dr = delta_ab.
 *
 * On each interval the Legendre polynomials P_0..P_s of the local coordinate t = 2 (r - r_k) /
 * (r_{k+1} - r_k) - 1 are orthonormalised by the Cholesky factor of their moment matrix
 * G_pq = int_{I_k} P_p P_q w dr (Gauss–Legendre on each interval, split at the weight's
 * breakpoints): psi_{k,j} = sum_{q <= j} T_jq P_q with T = C^-1, G = C C^T. Functions of different
 * intervals have disjoint supports, so the whole Gram matrix is the identity.
 *
 * Basis function j of interval k has the global index k (s + 1) + j. Pure; Float64Array only;
 * `valuesAt` allocates nothing (it uses scratch owned by the basis, so one basis is not to be
 * shared between concurrent callers — there are none in a worker thread).
 */
import { gaussLegendre } from './gauss-legendre.js';

export interface PiecewiseBasisOptions {
  /** Knots r_0 < r_1 < ... < r_K (K >= 1). */
  knots: ArrayLike<number>;
  /** Polynomial degree s >= 0 on each interval. */
  degree: number;
  /** The weight w >= 0 of the inner product (a probability density, or any non-negative function). */
  weight: (r: number) => number;
  /**
   * Points where w is not smooth (the bin edges of a histogram density): the quadrature splits
   * the intervals there, so a piecewise-polynomial weight is integrated exactly.
   */
  breakpoints?: ArrayLike<number>;
  /** Gauss–Legendre points per piece for the moment matrices (default 20). */
  quadrature?: number;
}

/** How integrals against w are computed: `points` Gauss–Legendre nodes on each of `sub` equal pieces per interval (and split at breakpoints). */
export interface QuadratureOptions {
  points?: number;
  sub?: number;
}

export const MAX_DEGREE = 10;

export class PiecewisePolynomialBasis {
  readonly knots: Float64Array;
  readonly degree: number;
  /** Number of intervals K. */
  readonly intervals: number;
  /** Functions per interval, s + 1. */
  readonly perInterval: number;
  /** Dimension n = K (s + 1). */
  readonly size: number;
  /** Per interval, the lower-triangular (s+1) x (s+1) map from P_0..P_s to psi_{k,0..s}, row-major. */
  readonly transform: Float64Array;
  readonly weight: (r: number) => number;
  readonly breakpoints: Float64Array;
  private readonly legendre: Float64Array;

  constructor(options: PiecewiseBasisOptions) {
    const knots = Float64Array.from(options.knots);
    const s = options.degree;
    if (!Number.isInteger(s) || s < 0 || s > MAX_DEGREE) throw new RangeError(`piecewise basis: degree must be an integer in [0, ${MAX_DEGREE}]`);
    if (knots.length < 2) throw new RangeError('piecewise basis: need at least two knots');
    for (let k = 0; k + 1 < knots.length; k++) {
      if (!(knots[k + 1] > knots[k]) || !Number.isFinite(knots[k]) || !Number.isFinite(knots[k + 1])) {
        throw new RangeError(`piecewise basis: knots must be finite and strictly increasing (knot ${k + 1})`);
      }
    }
    this.knots = knots;
    this.degree = s;
    this.intervals = knots.length - 1;
    this.perInterval = s + 1;
    this.size = this.intervals * this.perInterval;
    this.weight = options.weight;
    this.breakpoints = Float64Array.from(options.breakpoints ?? []).sort();
    this.legendre = new Float64Array(this.perInterval);
    this.transform = new Float64Array(this.intervals * this.perInterval * this.perInterval);
    this.orthonormalise(options.quadrature ?? 20);
  }

  /** The interval holding r (the last one includes r_K), or -1 outside [r_0, r_K] (and for NaN). */
  locate(r: number): number {
    const t = this.knots;
    const K = this.intervals;
    if (!(r >= t[0] && r <= t[K])) return -1;
    if (r === t[K]) return K - 1;
    let lo = 0;
    let hi = K;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (r >= t[mid]) lo = mid;
      else hi = mid;
    }
    return lo;
  }

  /**
   * Writes psi_{k,0..s}(r) into out[0..s] for the interval k holding r and returns k; returns -1
   * (out unchanged) outside [r_0, r_K]. The global index of out[j] is k (s + 1) + j.
   */
  valuesAt(r: number, out: Float64Array): number {
    const k = this.locate(r);
    if (k < 0) return -1;
    this.localValues(k, r, out);
    return k;
  }

  /** sum_a coef[a] psi_a(r) (0 outside [r_0, r_K]). */
  evaluate(coef: ArrayLike<number>, r: number): number {
    const k = this.locate(r);
    if (k < 0) return 0;
    const m = this.perInterval;
    const P = this.legendrePolys(k, r);
    const T = this.transform;
    const base = k * m * m;
    let sum = 0;
    for (let j = 0; j < m; j++) {
      let v = 0;
      for (let q = 0; q <= j; q++) v += T[base + j * m + q] * P[q];
      sum += coef[k * m + j] * v;
    }
    return sum;
  }

  /** psi_{k,0..s}(r) of interval k (r need not lie in it: the polynomials extend). */
  localValues(k: number, r: number, out: Float64Array): void {
    const m = this.perInterval;
    const P = this.legendrePolys(k, r);
    const T = this.transform;
    const base = k * m * m;
    for (let j = 0; j < m; j++) {
      let v = 0;
      for (let q = 0; q <= j; q++) v += T[base + j * m + q] * P[q];
      out[j] = v;
    }
  }

  /**
   * Calls visit(k, r, w) at every quadrature node r of interval k, with w the quadrature weight
   * times w(r): sum visit = int f w dr for f evaluated at the nodes. `sub` equal pieces per
   * interval, each split at the weight's breakpoints.
   */
  forEachNode(visit: (k: number, r: number, w: number) => void, options: QuadratureOptions = {}): void {
    const { nodes, weights } = gaussLegendre(options.points ?? 20);
    const sub = Math.max(1, Math.floor(options.sub ?? 1));
    const bp = this.breakpoints;
    for (let k = 0; k < this.intervals; k++) {
      const a = this.knots[k];
      const b = this.knots[k + 1];
      for (let p = 0; p < sub; p++) {
        let lo = a + ((b - a) * p) / sub;
        const hi = p === sub - 1 ? b : a + ((b - a) * (p + 1)) / sub;
        let i = lowerBound(bp, lo);
        while (lo < hi) {
          const end = i < bp.length && bp[i] < hi ? bp[i++] : hi;
          if (end > lo) {
            const half = (end - lo) / 2;
            const mid = (end + lo) / 2;
            for (let q = 0; q < nodes.length; q++) {
              const r = mid + half * nodes[q];
              const w = this.weight(r);
              if (w !== 0) visit(k, r, half * weights[q] * w);
            }
          }
          lo = end;
          if (end === hi) break;
        }
      }
    }
  }

  private legendrePolys(k: number, r: number): Float64Array {
    const a = this.knots[k];
    const b = this.knots[k + 1];
    const t = (2 * (r - a)) / (b - a) - 1;
    const P = this.legendre;
    P[0] = 1;
    if (this.perInterval > 1) P[1] = t;
    for (let q = 1; q + 1 < this.perInterval; q++) P[q + 1] = ((2 * q + 1) * t * P[q] - q * P[q - 1]) / (q + 1);
    return P;
  }

  private orthonormalise(points: number): void {
    const m = this.perInterval;
    const G = new Float64Array(this.intervals * m * m);
    // The transform starts as the identity so localValues returns P_0..P_s while G is assembled.
    for (let k = 0; k < this.intervals; k++) for (let j = 0; j < m; j++) this.transform[k * m * m + j * m + j] = 1;
    const v = new Float64Array(m);
    this.forEachNode(
      (k, r, w) => {
        this.localValues(k, r, v);
        const base = k * m * m;
        for (let p = 0; p < m; p++) for (let q = 0; q <= p; q++) G[base + p * m + q] += w * v[p] * v[q];
      },
      { points },
    );
    const C = new Float64Array(m * m);
    for (let k = 0; k < this.intervals; k++) {
      const base = k * m * m;
      // Cholesky G = C C^T (lower).
      C.fill(0);
      for (let j = 0; j < m; j++) {
        let d = G[base + j * m + j];
        for (let q = 0; q < j; q++) d -= C[j * m + q] * C[j * m + q];
        if (!(d > 0) || !Number.isFinite(d)) {
          throw new RangeError(`piecewise basis: the weight gives interval ${k} [${this.knots[k]}, ${this.knots[k + 1]}] no room for degree ${j} (moment matrix not positive definite)`);
        }
        const cjj = Math.sqrt(d);
        C[j * m + j] = cjj;
        for (let i = j + 1; i < m; i++) {
          let s = G[base + i * m + j];
          for (let q = 0; q < j; q++) s -= C[i * m + q] * C[j * m + q];
          C[i * m + j] = s / cjj;
        }
      }
      // T = C^-1 (lower triangular), by forward substitution column by column.
      for (let col = 0; col < m; col++) {
        for (let i = 0; i < m; i++) {
          if (i < col) {
            this.transform[base + i * m + col] = 0;
            continue;
          }
          let s = i === col ? 1 : 0;
          for (let q = col; q < i; q++) s -= C[i * m + q] * this.transform[base + q * m + col];
          this.transform[base + i * m + col] = s / C[i * m + i];
        }
      }
    }
  }
}

function lowerBound(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The coefficients of the L2(w)-orthogonal projection of f on the span: c_a = int f psi_a w dr. */
export function projectOnto(basis: PiecewisePolynomialBasis, f: (r: number) => number, options: QuadratureOptions = {}): Float64Array {
  const m = basis.perInterval;
  const coef = new Float64Array(basis.size);
  const v = new Float64Array(m);
  basis.forEachNode((k, r, w) => {
    basis.localValues(k, r, v);
    const fr = f(r) * w;
    for (let j = 0; j < m; j++) coef[k * m + j] += fr * v[j];
  }, options);
  return coef;
}

/** int_{r_0}^{r_K} (sum_a coef[a] psi_a(r) - f(r))^2 w(r) dr. */
export function weightedDistance2(basis: PiecewisePolynomialBasis, coef: ArrayLike<number>, f: (r: number) => number, options: QuadratureOptions = {}): number {
  const m = basis.perInterval;
  const v = new Float64Array(m);
  let sum = 0;
  basis.forEachNode((k, r, w) => {
    basis.localValues(k, r, v);
    let g = 0;
    for (let j = 0; j < m; j++) g += coef[k * m + j] * v[j];
    const e = g - f(r);
    sum += w * e * e;
  }, options);
  return sum;
}

/** int_{r_0}^{r_K} f(r)^2 w(r) dr, with the basis's quadrature. */
export function weightedNorm2(basis: PiecewisePolynomialBasis, f: (r: number) => number, options: QuadratureOptions = {}): number {
  let sum = 0;
  basis.forEachNode((_k, r, w) => {
    const v = f(r);
    sum += w * v * v;
  }, options);
  return sum;
}
