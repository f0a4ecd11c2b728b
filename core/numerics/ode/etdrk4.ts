/**
 * Cox & Matthews' fourth-order exponential time-differencing Runge–Kutta step (ETDRK4; J. Comput.
 * Phys. 176, 2002, eqs. 26–29) for a semilinear system with a diagonal stiff part,
 *
 *   y' = l ⊙ y + N(t, y),   N(t, y) = f(t, y) − l ⊙ y,
 *
 * where the rates l are frozen over the step (the splitting is exact for any l, so freezing only
 * decides which part is integrated exactly). N is supplied by a `NonlinearPart` (see
 * `splitNonlinear`, which avoids the cancellation of f - l y on decayed stiff components).
 * With z = h l, per component:
 *
 *   a = e^{z/2} y + (h/2) φ1(z/2) N(t, y)
 *   b = e^{z/2} y + (h/2) φ1(z/2) N(t + h/2, a)
 *   c = e^{z/2} a + (h/2) φ1(z/2) (2 N(t + h/2, b) − N(t, y))
 *   y+ = e^z y + h [ f1 N(t, y) + 2 f2 (N_a + N_b) + f3 N_c ],
 *   f1 = φ1 − 3φ2 + 4φ3,  f2 = φ2 − 2φ3,  f3 = −φ2 + 4φ3  (at z).
 *
 * For l = 0 this is the classical Runge–Kutta method; for f = l ⊙ y + const it is exact.
 */
import { PHI_SERIES_RADIUS, phi3Series } from './phi.js';
import type { OdeRhs } from './rhs.js';

/** Per-component coefficients of one step of size h for frozen rates l. */
export class EtdCoefficients {
  /** e^{z/2}. */
  readonly e2: Float64Array;
  /** (h/2) φ1(z/2). */
  readonly q: Float64Array;
  /** e^z. */
  readonly e: Float64Array;
  /** h f1(z), 2 h f2(z), h f3(z). */
  readonly w1: Float64Array;
  readonly w2: Float64Array;
  readonly w3: Float64Array;
  h = 0;

  constructor(readonly dim: number) {
    this.e2 = new Float64Array(dim);
    this.q = new Float64Array(dim);
    this.e = new Float64Array(dim);
    this.w1 = new Float64Array(dim);
    this.w2 = new Float64Array(dim);
    this.w3 = new Float64Array(dim);
  }
}

/**
 * Coefficients for the steps h (into `full`) and h/2 (into `half`) from one expm1 per component:
 * expm1 at z/4, doubled twice (phi-functions as in ./phi.ts, inlined here: this loop runs once per
 * component and step).
 */
export function etdCoefficientPair(l: Float64Array, h: number, full: EtdCoefficients, half: EtdCoefficients): void {
  const n = l.length;
  full.h = h;
  half.h = h / 2;
  const g = 0.5 * h;
  const R = PHI_SERIES_RADIUS;
  for (let i = 0; i < n; i++) {
    const z = h * l[i];
    const z2 = 0.5 * z;
    const z4 = 0.25 * z;
    const m4 = Math.expm1(z4);
    const m2 = m4 * (m4 + 2);
    const m1 = m2 * (m2 + 2);
    // phi_1..3 at z
    let a1: number;
    let a2: number;
    let a3: number;
    if (Math.abs(z) < R) {
      a3 = phi3Series(z);
      a2 = 0.5 + z * a3;
      a1 = 1 + z * a2;
    } else {
      a1 = m1 / z;
      a2 = (a1 - 1) / z;
      a3 = (a2 - 0.5) / z;
    }
    // phi_1..3 at z/2
    let b1: number;
    let b2: number;
    let b3: number;
    if (Math.abs(z2) < R) {
      b3 = phi3Series(z2);
      b2 = 0.5 + z2 * b3;
      b1 = 1 + z2 * b2;
    } else {
      b1 = m2 / z2;
      b2 = (b1 - 1) / z2;
      b3 = (b2 - 0.5) / z2;
    }
    // phi_1 at z/4
    const c1 = Math.abs(z4) < R ? 1 + z4 * (0.5 + z4 * phi3Series(z4)) : m4 / z4;
    full.e2[i] = 1 + m2;
    full.q[i] = g * b1;
    full.e[i] = 1 + m1;
    full.w1[i] = h * (a1 - 3 * a2 + 4 * a3);
    full.w2[i] = 2 * h * (a2 - 2 * a3);
    full.w3[i] = h * (4 * a3 - a2);
    half.e2[i] = 1 + m4;
    half.q[i] = 0.5 * g * c1;
    half.e[i] = 1 + m2;
    half.w1[i] = g * (b1 - 3 * b2 + 4 * b3);
    half.w2[i] = 2 * g * (b2 - 2 * b3);
    half.w3[i] = g * (4 * b3 - b2);
  }
}

/** Work arrays of one ETDRK4 step. */
export class EtdWork {
  readonly a: Float64Array;
  readonly b: Float64Array;
  readonly c: Float64Array;
  readonly na: Float64Array;
  readonly nb: Float64Array;
  readonly nc: Float64Array;

  constructor(dim: number) {
    this.a = new Float64Array(dim);
    this.b = new Float64Array(dim);
    this.c = new Float64Array(dim);
    this.na = new Float64Array(dim);
    this.nb = new Float64Array(dim);
    this.nc = new Float64Array(dim);
  }
}

/** N(t, y) for the rates frozen in the step, written into `out`. */
export type NonlinearPart = (t: number, y: Float64Array, out: Float64Array) => void;

/** N = f(t, y) − l ⊙ y into `out` (one right-hand-side evaluation). */
export function nonlinearPart(rhs: OdeRhs, l: Float64Array, t: number, y: Float64Array, out: Float64Array): void {
  rhs(t, y, out);
  for (let i = 0; i < out.length; i++) out[i] -= l[i] * y[i];
}

/**
 * A semilinear right-hand side given as f(t, y) = l(t, y) ⊙ y + g(t, y): writes the current rates
 * into `l` and the rest into `g`.
 */
export type SemilinearSplit = (t: number, y: Float64Array, l: Float64Array, g: Float64Array) => void;

/**
 * N = (l(t, y) − l_frozen) ⊙ y + g(t, y) into `out`. Unlike f − l_frozen ⊙ y this is exactly 0
 * where f is exactly linear with the frozen rate, so components that have decayed by many orders
 * of magnitude keep their relative accuracy. `work` receives l(t, y).
 */
export function splitNonlinear(
  split: SemilinearSplit,
  lFrozen: Float64Array,
  t: number,
  y: Float64Array,
  out: Float64Array,
  work: Float64Array,
): void {
  split(t, y, work, out);
  for (let i = 0; i < out.length; i++) {
    const dl = work[i] - lFrozen[i];
    if (dl !== 0) out[i] += dl * y[i];
  }
}

/**
 * One ETDRK4 step (t, y) -> (t + h, yOut) with coefficients `k` (for this h and the frozen l) and
 * nn = N(t, y) precomputed. Costs three evaluations of N. yOut may not alias y.
 */
export function etdrk4Step(
  nonlinear: NonlinearPart,
  t: number,
  y: Float64Array,
  nn: Float64Array,
  k: EtdCoefficients,
  w: EtdWork,
  yOut: Float64Array,
): void {
  const n = y.length;
  const h = k.h;
  const { e2, q, e, w1, w2, w3 } = k;
  const { a, b, c, na, nb, nc } = w;
  for (let i = 0; i < n; i++) a[i] = e2[i] * y[i] + q[i] * nn[i];
  nonlinear(t + 0.5 * h, a, na);
  for (let i = 0; i < n; i++) b[i] = e2[i] * y[i] + q[i] * na[i];
  nonlinear(t + 0.5 * h, b, nb);
  for (let i = 0; i < n; i++) c[i] = e2[i] * a[i] + q[i] * (2 * nb[i] - nn[i]);
  nonlinear(t + h, c, nc);
  for (let i = 0; i < n; i++) {
    yOut[i] = e[i] * y[i] + w1[i] * nn[i] + w2[i] * (na[i] + nb[i]) + w3[i] * nc[i];
  }
}
