/**
 * Fourier modes of a neuron's input weights (arXiv:2310.03789 §4; docs/theory/grokking-modular.md
 * §2). A neuron's weights w ∈ R^{2P} split into the n-half w_n and the m-half v_m; their modes are
 * w_k = P⁻¹Σ_n w_n e^{−2πikn/P} (the normalisation in which the per-mode action carries an overall
 * factor P). Direct DFTs from a cosine/sine table: P is a small prime in the simulation.
 */

/** cos and sin of 2πj/P for j = 0..P−1, and the full tables cosKN[k·P + n] = cos(2π(kn mod P)/P) (sinKN alike). */
export interface DftTable {
  P: number;
  cos: Float64Array;
  sin: Float64Array;
  cosKN: Float64Array;
  sinKN: Float64Array;
}

export function dftTable(P: number): DftTable {
  const cos = new Float64Array(P);
  const sin = new Float64Array(P);
  for (let j = 0; j < P; j++) {
    cos[j] = Math.cos((2 * Math.PI * j) / P);
    sin[j] = Math.sin((2 * Math.PI * j) / P);
  }
  const cosKN = new Float64Array(P * P);
  const sinKN = new Float64Array(P * P);
  for (let k = 0; k < P; k++) {
    for (let n = 0; n < P; n++) {
      cosKN[k * P + n] = cos[(k * n) % P]!;
      sinKN[k * P + n] = sin[(k * n) % P]!;
    }
  }
  return { P, cos, sin, cosKN, sinKN };
}

/**
 * re, im ← the modes w_k = P⁻¹Σ_n x[off + n] e^{−2πikn/P}, k = 0..P−1, of the P values of `x` from
 * `off`.
 */
export function modes(t: DftTable, x: Float64Array, off: number, re: Float64Array, im: Float64Array): void {
  const { P, cosKN, sinKN } = t;
  const inv = 1 / P;
  for (let k = 0; k < P; k++) {
    const row = k * P;
    let sr = 0;
    let si = 0;
    for (let n = 0; n < P; n++) {
      const xn = x[off + n]!;
      sr += xn * cosKN[row + n]!;
      si -= xn * sinKN[row + n]!;
    }
    re[k] = sr * inv;
    im[k] = si * inv;
  }
}

/**
 * The sextic regulariser of one half, Γ_half = Σ_k P(γ/6)|w_k|⁶, and its gradient added into
 * `grad[off + n]`: ∂Γ/∂w_n = γ Σ_k |w_k|⁴ Re(w_k e^{2πikn/P}). `re`, `im` are the half's modes
 * (from `modes`); returns Γ_half.
 */
export function addSexticGradient(
  t: DftTable,
  gamma: number,
  re: Float64Array,
  im: Float64Array,
  grad: Float64Array,
  off: number,
): number {
  const { P, cosKN, sinKN } = t;
  let value = 0;
  // Scale the modes by γ|w_k|⁴ in place of a second buffer: c_k = γ|w_k|⁴ w_k.
  for (let k = 0; k < P; k++) {
    const p2 = re[k]! * re[k]! + im[k]! * im[k]!;
    value += p2 * p2 * p2;
    const c = gamma * p2 * p2;
    re[k] = re[k]! * c;
    im[k] = im[k]! * c;
  }
  for (let n = 0; n < P; n++) {
    const row = n * P;
    let s = 0;
    for (let k = 0; k < P; k++) s += re[k]! * cosKN[row + k]! - im[k]! * sinKN[row + k]!;
    grad[off + n] += s;
  }
  return (P * gamma * value) / 6;
}
