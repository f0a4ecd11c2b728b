/**
 * Knot vectors for piecewise polynomials on [a, b]: equally spaced, or at the quantiles of a law
 * (equal mass per interval, arXiv:2311.16852 §1.3 of its estimator; the Lu–Maggioni–Tang toolbox
 * calls this "knots by rho").
 */

/** K + 1 equally spaced knots a = r_0 < ... < r_K = b. */
export function uniformKnots(K: number, a: number, b: number): Float64Array {
  checkCount(K);
  if (!(b > a)) throw new RangeError('uniformKnots: need a < b');
  const out = new Float64Array(K + 1);
  for (let k = 0; k <= K; k++) out[k] = a + ((b - a) * k) / K;
  out[K] = b;
  return out;
}

/**
 * K + 1 knots at the quantiles q(k / K) of a law on [a, b] (`quantile` maps a probability to a
 * point; q(0) and q(1) are replaced by a and b, which bound a law with unbounded support).
 * Throws if two knots coincide (a law with an atom or a gap at a quantile).
 */
export function quantileKnots(K: number, quantile: (p: number) => number, a: number, b: number): Float64Array {
  checkCount(K);
  const out = new Float64Array(K + 1);
  out[0] = a;
  out[K] = b;
  for (let k = 1; k < K; k++) out[k] = Math.min(b, Math.max(a, quantile(k / K)));
  for (let k = 0; k < K; k++) {
    if (!(out[k + 1] > out[k])) throw new RangeError(`quantileKnots: knots ${k} and ${k + 1} coincide at ${out[k]}`);
  }
  return out;
}

function checkCount(K: number): void {
  if (!Number.isInteger(K) || K < 1) throw new RangeError('knots: the number of intervals K must be a positive integer');
}
