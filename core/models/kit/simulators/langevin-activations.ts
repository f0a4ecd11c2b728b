/**
 * The activations of the Langevin two-layer network (field-theory note §1): φ and φ' for
 * identity, erf, ReLU and square.
 */

export const LANGEVIN_ACTIVATIONS = ['linear', 'erf', 'relu', 'square'] as const;
export type LangevinActivation = (typeof LANGEVIN_ACTIVATIONS)[number];

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

// erf and e^{-h²} together, with no branch but the choice of range (the WebAssembly module's
// template/langevin.wat.mjs runs the same operations on f64x2 pairs, every range computed and the
// lane's own kept, so the two give the same bits). The rational approximations are FreeBSD
// s_erf.c's: |h| < 0.84375 erf = |h| + |h| R(h²)/S(h²); |h| < 1.25 erf = erx + P(|h| - 1)/Q(|h| - 1);
// above, erfc = e^{-h²} e^{R/S - 0.5625}/|h| with R, S in 1/h² — s_erf's two exponentials
// e^{-z²-0.5625} e^{(z-|h|)(z+|h|)+R/S} in one: e^{-h²} is computed once, from h² split exactly
// into hi + lo (Veltkamp), and serves φ' as well; e^{R/S-0.5625} = e^{r}/2, r = R/S + (ln 2 -
// 0.5625) in [-0.09, 0.11], by its Taylor series to degree 10. e^{-hi-lo} = 2^k e^{r},
// k = round(-hi/ln 2), r = (-hi - k ln2hi) - (lo + k ln2lo) in [-ln2/2, ln2/2], e^r by its Taylor
// series to degree 13, 2^k as two factors 2^k1 2^k2 (one rounding, also into subnormals).
// Measured against the exact values (200-bit mpmath): erf within 1.4e-16 relative, e^{-h²}
// within 1.7e-16, for |h| > 1e-300 (test/core/models/langevin-wasm.test.ts).
export const ERF_PP = [1.28379167095512558561e-1, -0.3250421072470015, -0.02848174957559851, -0.005770270296489442, -0.000023763016656650163];
export const ERF_QQ = [1, 0.39791722395915535, 0.0650222499887673, 0.005081306281875766, 0.00013249473800432164, -0.000003960228278775368];
export const ERF_PA = [-2.36211856075265944077e-3, 0.41485611868374833, -0.3722078760357013, 0.31834661990116175, -0.11089469428239668, 0.035478304325618236, -0.002166375594868791];
export const ERF_QA = [1, 0.10642088040084423, 0.540397917702171, 0.07182865441419627, 0.12617121980876164, 0.01363708391202905, 0.011984499846799107];
export const ERF_RA = [-9.86494403484714822705e-3, -0.6938585727071818, -10.558626225323291, -62.375332450326006, -162.39666946257347, -184.60509290671104, -81.2874355063066, -9.814329344169145];
export const ERF_SA = [1, 19.651271667439257, 137.65775414351904, 434.56587747522923, 645.3872717332679, 429.00814002756783, 108.63500554177944, 6.570249770319282, -0.0604244152148581];
export const ERF_RB = [-9.86494292470009928597e-3, -0.799283237680523, -17.757954917754752, -160.63638485582192, -637.5664433683896, -1025.0951316110772, -483.5191916086514];
export const ERF_SB = [1, 30.33806074348246, 325.7925129965739, 1536.729586084437, 3199.8582195085955, 2553.0504064331644, 474.52854120695537, -22.44095244658582];
const factorial = (n: number): number => {
  let p = 1;
  for (let i = 2; i <= n; i++) p *= i;
  return p;
};
/** 1/n!, n = 0..13 (the Taylor series of e^r). */
export const EXP_TAYLOR = Array.from({ length: 14 }, (_, n) => 1 / factorial(n));
export const ERF_ERX = 8.45062911510467529297e-1;
export const LN2_HI = 6.9314718036912381649e-1;
export const LN2_LO = 1.90821492927058770002e-10;
export const INV_LN2 = 1.442695040888963387;
/** 1.5 2^52: (y + SHIFT) - SHIFT rounds y to an integer, ties to even. */
export const ROUND_SHIFT = 6755399441055744;
export const VELTKAMP = 134217729;
/** ln 2 - 0.5625 (exact from the double ln 2). */
export const ERF_TAIL_SHIFT = Math.LN2 - 0.5625;

/** c_0 + t (c_1 + t (c_2 + ...)). */
function horner(t: number, c: readonly number[], n = c.length): number {
  let s = c[n - 1]!;
  for (let j = n - 2; j >= 0; j--) s = c[j]! + t * s;
  return s;
}

/** 2^j for j = -600..600 (each exact). */
const POW2 = new Float64Array(1201);
for (let j = 0, p = 1; j <= 600; j++, p *= 2) POW2[600 + j] = p;
for (let j = 0, p = 1; j <= 600; j++, p /= 2) POW2[600 - j] = p;

/** e^{-h²} (the scratch of erfExp). */
let lastExp = 0;

/** erf(h), leaving e^{-h²} in lastExp. */
function erfExp(x: number): number {
  const ax = Math.abs(x);
  const xc = Math.min(ax, 28);
  const cs = VELTKAMP * xc;
  const xh = cs - (cs - xc);
  const xl = xc - xh;
  const hi = xc * xc;
  const lo = xh * xh - hi + 2 * xh * xl + xl * xl;
  const k = hi * -INV_LN2 + ROUND_SHIFT - ROUND_SHIFT;
  const r = -hi - k * LN2_HI - (lo + k * LN2_LO);
  const k1 = Math.trunc(k * 0.5);
  const k2 = k - k1;
  const e = horner(r, EXP_TAYLOR) * POW2[600 + k1]! * POW2[600 + k2]!;
  lastExp = e;
  let res: number;
  if (ax < 0.84375) {
    res = ax + ax * (horner(hi, ERF_PP) / horner(hi, ERF_QQ));
  } else if (ax < 1.25) {
    const s = ax - 1;
    res = ERF_ERX + horner(s, ERF_PA) / horner(s, ERF_QA);
  } else {
    const ia = 1 / ax;
    const s = ia * ia;
    const q = ax < 2.857142857142857 ? horner(s, ERF_RA) / horner(s, ERF_SA) : horner(s, ERF_RB) / horner(s, ERF_SB);
    res = 1 - 0.5 * e * horner(q + ERF_TAIL_SHIFT, EXP_TAYLOR, 11) * ia;
  }
  return x < 0 ? -res : x === 0 ? x : res;
}

/** erf(h) of the Langevin network (the function above; within 1.4e-16 of the exact erf). */
export function langevinErf(h: number): number {
  return erfExp(h);
}

/** (2/√π) e^{-h²}, e^{-h²} within 1.7e-16 of the exact value. */
export function langevinErfDerivative(h: number): number {
  erfExp(h);
  return TWO_OVER_SQRT_PI * lastExp;
}

/** φ(h). */
export function activate(kind: LangevinActivation, h: number): number {
  switch (kind) {
    case 'linear':
      return h;
    case 'erf':
      return erfExp(h);
    case 'relu':
      return h > 0 ? h : 0;
    case 'square':
      return h * h;
  }
}

/** φ'(h) (ReLU: 0 at h = 0). */
export function activateDerivative(kind: LangevinActivation, h: number): number {
  switch (kind) {
    case 'linear':
      return 1;
    case 'erf':
      return langevinErfDerivative(h);
    case 'relu':
      return h > 0 ? 1 : 0;
    case 'square':
      return 2 * h;
  }
}

/**
 * Writes φ(h) into `phi` and φ'(h) into `dphi` for every h of `h` (one pass, the hot part of the
 * forward pass of a non-linear network).
 */
export function activateAll(
  kind: LangevinActivation,
  h: Float64Array,
  phi: Float64Array,
  dphi: Float64Array,
  n: number,
): void {
  switch (kind) {
    case 'linear':
      for (let k = 0; k < n; k++) {
        phi[k] = h[k]!;
        dphi[k] = 1;
      }
      return;
    case 'erf':
      for (let k = 0; k < n; k++) {
        const x = h[k]!;
        phi[k] = erfExp(x);
        dphi[k] = TWO_OVER_SQRT_PI * lastExp;
      }
      return;
    case 'relu':
      for (let k = 0; k < n; k++) {
        const x = h[k]!;
        const on = x > 0;
        phi[k] = on ? x : 0;
        dphi[k] = on ? 1 : 0;
      }
      return;
    case 'square':
      for (let k = 0; k < n; k++) {
        const x = h[k]!;
        phi[k] = x * x;
        dphi[k] = 2 * x;
      }
      return;
  }
}
