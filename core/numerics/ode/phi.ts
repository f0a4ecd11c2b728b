/**
 * The phi-functions of exponential integrators (Hochbruck & Ostermann, Acta Numerica 19, 2010,
 * §2.1): phi_0(z) = e^z and phi_{k+1}(z) = (phi_k(z) - 1/k!) / z, so
 *   phi_1(z) = (e^z - 1) / z,  phi_2(z) = (e^z - 1 - z) / z^2,  phi_3(z) = (e^z - 1 - z - z^2/2) / z^3,
 * with phi_k(0) = 1/k!.
 *
 * For |z| < 1/2 the downward recurrence cancels; there phi_3 is summed from its Taylor series
 * sum_j z^j / (j + 3)! (13 terms, remainder below 1e-17) and phi_2, phi_1 follow by the stable
 * upward recurrence phi_k = 1/k! + z phi_{k+1}. For |z| >= 1/2 the downward recurrence starts from
 * expm1(z), which the caller supplies (so that expm1 at z, z/2, z/4 can share one evaluation: see
 * `expm1Doubled`); it loses at most a factor 4/z^2 <= 16 in phi_3. Relative error below 1e-14 for
 * all real z where e^z does not overflow.
 */

/** Below this |z| the series is used. */
export const PHI_SERIES_RADIUS = 0.5;

/** 1/(j+3)! for j = 0..12 (0.5^13 / 16! < 1e-17). */
const INV_FACT3 = (() => {
  const out = new Float64Array(13);
  let f = 6;
  for (let j = 0; j < out.length; j++) {
    out[j] = 1 / f;
    f *= j + 4;
  }
  return out;
})();

/** phi_3(z) by its Taylor series (use for |z| < 1/2). */
export function phi3Series(z: number): number {
  const c = INV_FACT3;
  return (
    c[0] +
    z * (c[1] + z * (c[2] + z * (c[3] + z * (c[4] + z * (c[5] + z * (c[6] + z * (c[7] + z * (c[8] + z * (c[9] + z * (c[10] + z * (c[11] + z * c[12])))))))))))
  );
}

/**
 * Writes [phi_1(z), phi_2(z), phi_3(z)] into out[offset..offset+2]. `em1` must be expm1(z) (it is
 * used only when |z| >= 1).
 */
export function phiFunctions(z: number, em1: number, out: Float64Array, offset = 0): void {
  if (Math.abs(z) < PHI_SERIES_RADIUS) {
    const p3 = phi3Series(z);
    const p2 = 0.5 + z * p3;
    out[offset] = 1 + z * p2;
    out[offset + 1] = p2;
    out[offset + 2] = p3;
    return;
  }
  const p1 = em1 / z;
  const p2 = (p1 - 1) / z;
  out[offset] = p1;
  out[offset + 1] = p2;
  out[offset + 2] = (p2 - 0.5) / z;
}

/** phi_1(z) alone (e^z - 1)/z, accurate for all z (1 at z = 0). */
export function phi1(z: number): number {
  return z === 0 ? 1 : Math.abs(z) < 1e-5 ? 1 + z * (0.5 + z / 6) : Math.expm1(z) / z;
}

/** expm1(2x) from m = expm1(x): (e^x - 1)(e^x + 1), without cancellation. */
export function expm1Doubled(m: number): number {
  return m * (m + 2);
}

const FACTORIALS = (() => {
  const out = new Float64Array(20);
  out[0] = 1;
  for (let p = 1; p < out.length; p++) out[p] = out[p - 1] * p;
  return out;
})();

/** Largest count accepted by `phiSequence`. */
export const PHI_SEQUENCE_MAX = 12;
const SEQUENCE_RADIUS = 2;
const SEQUENCE_TERMS = 26;
const RECIPROCALS = Float64Array.from({ length: PHI_SEQUENCE_MAX + SEQUENCE_TERMS + 2 }, (_, k) => (k === 0 ? 0 : 1 / k));
const INV_FACTORIALS = FACTORIALS.map((f) => 1 / f);

/**
 * phi_1(z), ..., phi_K(z) into out[0..K-1] (K <= 12); returns e^z = 1 + z phi_1(z). For |z| < 2
 * phi_K is summed from its series (26 terms, remainder below 1e-17 relative) and the others follow
 * by the upward recurrence phi_k = 1/k! + z phi_{k+1}; beyond, the downward recurrence from expm1,
 * phi_{k+1} = (phi_k - 1/k!)/z, where each level amplifies the relative error by at most about
 * (k+1)/|z| (below 100 in all for K <= 7).
 */
export function phiSequence(z: number, out: Float64Array, count: number): number {
  if (!(count >= 1 && count <= PHI_SEQUENCE_MAX)) throw new RangeError(`phiSequence: count must be in [1, ${PHI_SEQUENCE_MAX}]`);
  if (Math.abs(z) < SEQUENCE_RADIUS) {
    // count! phi_count(z) = sum_n z^n count!/(n + count)!, by Horner with the ratios z/(n + count + 1)
    let s = 0;
    for (let n = SEQUENCE_TERMS - 1; n >= 0; n--) s = 1 + s * z * RECIPROCALS[n + count + 1];
    out[count - 1] = s * INV_FACTORIALS[count];
    for (let q = count - 1; q >= 1; q--) out[q - 1] = INV_FACTORIALS[q] + z * out[q];
    return 1 + z * out[0];
  }
  const em = Math.expm1(z);
  const iz = 1 / z;
  let p = em * iz;
  out[0] = p;
  for (let q = 1; q < count; q++) {
    p = (p - INV_FACTORIALS[q]) * iz;
    out[q] = p;
  }
  return 1 + em;
}
