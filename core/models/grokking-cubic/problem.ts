/**
 * The cubic-teacher problem at one noise level, in the numbers the theory needs (note symbols,
 * docs/theory/grokking-cubic.md §1): u = P²σ_a²/(σ⁴dN), ν = σ_a²P/(σ²d) and the ridge ratio
 * R = σ_a²P/σ² = ν d, σ_a² and σ² the actual readout scale and noise, and the 2×2 kernel in the
 * orthonormal pair (Ĥ₁, Ĥ₃) divided by the ridge κ = σ²/P.
 */
import { hermiteProjections } from './action.js';

export const READINGS = ['corrected', 'printed'] as const;
export type Reading = (typeof READINGS)[number];

/** The physical sizes at the simulated scale (actual σ_a², σ², not the tilde ones). */
export interface CubicSizes {
  d: number;
  N: number;
  P: number;
  sw2: number;
  /** Actual readout scale σ_a² (per-weight variance σ_a²/N). */
  sa2: number;
  eps: number;
  reading: Reading;
}

export interface CubicProblem extends CubicSizes {
  noise: number;
  u: number;
  nu: number;
  /** R = σ_a² P / σ²: Q̃/κ of one neuron-sized kernel entry. */
  ridgeRatio: number;
}

export function problemAt(s: CubicSizes, noise: number): CubicProblem {
  const u = (s.P * s.P * s.sa2) / (noise * noise * s.d * s.N);
  const ridgeRatio = (s.sa2 * s.P) / noise;
  return { ...s, noise, u, nu: ridgeRatio / s.d, ridgeRatio };
}

/** The noise σ² at which the effective interaction equals u (inverse of u(σ²)). */
export function noiseForInteraction(s: CubicSizes, u: number): number {
  return Math.sqrt((s.P * s.P * s.sa2) / (u * s.d * s.N));
}

/**
 * Factor of the (1,1) entry: the note's reading squares the projection 2q/√(πD) (4q²/(πD)); the
 * printed App. A.3 entry is 2q²/(πD), half of it.
 */
export function entry11Factor(reading: Reading): number {
  return reading === 'printed' ? 0.5 : 1;
}

/** A symmetric 2×2 matrix [[a11, a13], [a13, a33]]. */
export interface Sym2 {
  a11: number;
  a13: number;
  a33: number;
}

/** The single-neuron kernel entries at overlap q (without σ_a²): v vᵀ, the (1,1) entry per reading. */
export function neuronKernel(q: number, sw2: number, reading: Reading): Sym2 {
  const { v1, v3 } = hermiteProjections(q, sw2);
  return { a11: entry11Factor(reading) * v1 * v1, a13: v1 * v3, a33: v3 * v3 };
}

/**
 * The 2×2 GP regression in the continuum (EK) limit (note §6.2, App. A.1):
 *   [b, √6 c]ᵀ = κ (Q̃ + κ I)⁻¹ [1, √6 ε]ᵀ = (A + I)⁻¹ [1, √6 ε]ᵀ,  A = Q̃/κ,
 * solved in closed form (Cramer). Returns the discrepancy coefficients b and c.
 */
export function discrepancyOf(A: Sym2, eps: number): { b: number; c: number } {
  const m11 = A.a11 + 1;
  const m33 = A.a33 + 1;
  const m13 = A.a13;
  const det = m11 * m33 - m13 * m13;
  const y1 = 1;
  const y3 = Math.sqrt(6) * eps;
  const b = (m33 * y1 - m13 * y3) / det;
  const c3 = (m11 * y3 - m13 * y1) / det;
  return { b, c: c3 / Math.sqrt(6) };
}
