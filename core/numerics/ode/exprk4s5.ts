/**
 * Hochbruck & Ostermann's five-stage exponential Runge–Kutta method of stiff order four
 * (SIAM J. Numer. Anal. 43(3), 2005, §5; Acta Numerica 19, 2010, §2), for
 * y' = l ⊙ y + N(t, y) with the rates l frozen over the step. Cox & Matthews' ETDRK4 (./etdrk4.ts)
 * has classical order four but only stiff order two: when fast modes are slaved to slow ones
 * through N, its error constant grows with |h l| and the step stops growing. This scheme satisfies
 * the stiff order conditions up to four. With z = h l and φ_{k,c} = φ_k(c z):
 *
 *   c = (0, 1/2, 1/2, 1, 1/2);
 *   a21 = φ_{1,1/2}/2;  a31 = φ_{1,1/2}/2 − φ_{2,1/2},  a32 = φ_{2,1/2};
 *   a41 = φ_{1,1} − 2φ_{2,1},  a42 = a43 = φ_{2,1};
 *   a52 = φ_{2,1/2}/2 − φ_{3,1} + φ_{2,1}/4 − φ_{3,1/2}/2,  a53 = a52,  a54 = φ_{2,1/2}/4 − a52,
 *   a51 = φ_{1,1/2}/2 − 2 a52 − a54;
 *   b1 = φ1 − 3φ2 + 4φ3,  b4 = −φ2 + 4φ3,  b5 = 4φ2 − 8φ3 (at z),
 *
 * U_i = e^{c_i z} y + h Σ_j a_ij N_j, y+ = e^z y + h Σ_i b_i N_i. Four evaluations of N per step.
 */
import { PHI_SERIES_RADIUS, phi3Series } from './phi.js';
import type { NonlinearPart } from './etdrk4.js';

/** Per-component coefficients of one step (already multiplied by h). */
export class Exprk4s5Coefficients {
  readonly e2: Float64Array;
  readonly e: Float64Array;
  readonly a21: Float64Array;
  readonly a31: Float64Array;
  readonly a32: Float64Array;
  readonly a41: Float64Array;
  readonly a42: Float64Array;
  readonly a51: Float64Array;
  readonly a52: Float64Array;
  readonly a54: Float64Array;
  readonly b1: Float64Array;
  readonly b4: Float64Array;
  readonly b5: Float64Array;
  h = 0;

  constructor(readonly dim: number) {
    const f = () => new Float64Array(dim);
    this.e2 = f();
    this.e = f();
    this.a21 = f();
    this.a31 = f();
    this.a32 = f();
    this.a41 = f();
    this.a42 = f();
    this.a51 = f();
    this.a52 = f();
    this.a54 = f();
    this.b1 = f();
    this.b4 = f();
    this.b5 = f();
  }
}

/** φ1, φ2, φ3 at w from expm1(w), written into out[0..2]. */
function phis(w: number, em: number, out: Float64Array): void {
  if (Math.abs(w) < PHI_SERIES_RADIUS) {
    const p3 = phi3Series(w);
    const p2 = 0.5 + w * p3;
    out[0] = 1 + w * p2;
    out[1] = p2;
    out[2] = p3;
  } else {
    const p1 = em / w;
    const p2 = (p1 - 1) / w;
    out[0] = p1;
    out[1] = p2;
    out[2] = (p2 - 0.5) / w;
  }
}

const P1 = new Float64Array(3);
const PH = new Float64Array(3);
const PQ = new Float64Array(3);

function fill(k: Exprk4s5Coefficients, i: number, h: number, em: number, emHalf: number, p: Float64Array, ph: Float64Array): void {
  const a52 = 0.5 * ph[1] - p[2] + 0.25 * p[1] - 0.5 * ph[2];
  const a54 = 0.25 * ph[1] - a52;
  k.e2[i] = 1 + emHalf;
  k.e[i] = 1 + em;
  k.a21[i] = h * 0.5 * ph[0];
  k.a31[i] = h * (0.5 * ph[0] - ph[1]);
  k.a32[i] = h * ph[1];
  k.a41[i] = h * (p[0] - 2 * p[1]);
  k.a42[i] = h * p[1];
  k.a52[i] = h * a52;
  k.a54[i] = h * a54;
  k.a51[i] = h * (0.5 * ph[0] - 2 * a52 - a54);
  k.b1[i] = h * (p[0] - 3 * p[1] + 4 * p[2]);
  k.b4[i] = h * (4 * p[2] - p[1]);
  k.b5[i] = h * (4 * p[1] - 8 * p[2]);
}

/** Coefficients for the steps h (`full`) and h/2 (`half`) from one expm1 per component. */
export function exprk4s5CoefficientPair(l: Float64Array, h: number, full: Exprk4s5Coefficients, half: Exprk4s5Coefficients): void {
  full.h = h;
  half.h = 0.5 * h;
  for (let i = 0; i < l.length; i++) {
    const z = h * l[i];
    const m4 = Math.expm1(0.25 * z);
    const m2 = m4 * (m4 + 2);
    const m1 = m2 * (m2 + 2);
    phis(z, m1, P1);
    phis(0.5 * z, m2, PH);
    phis(0.25 * z, m4, PQ);
    fill(full, i, h, m1, m2, P1, PH);
    fill(half, i, 0.5 * h, m2, m4, PH, PQ);
  }
}

export class Exprk4s5Work {
  readonly u: Float64Array;
  readonly n2: Float64Array;
  readonly n3: Float64Array;
  readonly n4: Float64Array;
  readonly n5: Float64Array;

  constructor(dim: number) {
    this.u = new Float64Array(dim);
    this.n2 = new Float64Array(dim);
    this.n3 = new Float64Array(dim);
    this.n4 = new Float64Array(dim);
    this.n5 = new Float64Array(dim);
  }
}

/** One step (t, y) -> (t + h, yOut), nn = N(t, y) given; four evaluations of N. yOut may not alias y. */
export function exprk4s5Step(
  nonlinear: NonlinearPart,
  t: number,
  y: Float64Array,
  nn: Float64Array,
  k: Exprk4s5Coefficients,
  w: Exprk4s5Work,
  yOut: Float64Array,
): void {
  const n = y.length;
  const h = k.h;
  const { e2, e, a21, a31, a32, a41, a42, a51, a52, a54, b1, b4, b5 } = k;
  const { u, n2, n3, n4, n5 } = w;
  for (let i = 0; i < n; i++) u[i] = e2[i] * y[i] + a21[i] * nn[i];
  nonlinear(t + 0.5 * h, u, n2);
  for (let i = 0; i < n; i++) u[i] = e2[i] * y[i] + a31[i] * nn[i] + a32[i] * n2[i];
  nonlinear(t + 0.5 * h, u, n3);
  for (let i = 0; i < n; i++) u[i] = e[i] * y[i] + a41[i] * nn[i] + a42[i] * (n2[i] + n3[i]);
  nonlinear(t + h, u, n4);
  for (let i = 0; i < n; i++) u[i] = e2[i] * y[i] + a51[i] * nn[i] + a52[i] * (n2[i] + n3[i]) + a54[i] * n4[i];
  nonlinear(t + 0.5 * h, u, n5);
  for (let i = 0; i < n; i++) yOut[i] = e[i] * y[i] + b1[i] * nn[i] + b4[i] * n4[i] + b5[i] * n5[i];
}
