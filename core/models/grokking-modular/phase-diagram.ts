/**
 * The closed-form phase diagram of modular addition learned by a quadratic network, in the limit
 * P → ∞ where the per-mode saddle points are exact (arXiv:2310.03789 §4; derivation in
 * docs/theory/grokking-modular.md).
 *
 * Each Fourier mode pair (w_k, v_k) of a neuron's input weights (n- and m-halves, w_k = P⁻¹Σ_n w_n
 * e^{−2πikn/P}) feels the action S_k/P = r² − A r⁴ + (γ/3) r⁶ at |w_k| = |v_k| = r, with
 * A = u a², u = 2σ_a²P²/(Nσ⁴) and a the discrepancy coefficient (f̄ − y = a y on the table).
 * Its non-zero saddle is r₊² = (A + √(A² − γ))/γ; it is degenerate with r = 0 when A = 2√(γ/3)
 * (then r₊² = √(3/γ)). The target's kernel eigenvalue is λ = σ_a²⟨|w_k|²|v_k|²⟩ (the note's
 * normalisation) and a = −σ²/(λ + σ²). Three phases follow, as σ² decreases:
 *   GFL (σ² > σ_c²): every mode at r = 0, a = −1;
 *   mixed, GMFL-I (σ_II² < σ² < σ_c²): A pinned at 2√(γ/3), a droplet fraction p of modes at r₊,
 *     |a| = σ²/σ_c², p = γ(σ_c² − σ²)/(3σ_a²) (the lever rule);
 *   GMFL-II (σ² < σ_II²): every mode at r₊, a the root of a = −σ²/(σ_a² r₊(a)⁴ + σ²).
 */

export interface ModularModel {
  /** The modulus P (a prime). */
  P: number;
  /** Width N. */
  N: number;
  /** σ_a²: readout weights a_pi ~ N(0, σ_a²/N). */
  sigma_a2: number;
  /** γ: strength of the sextic regulariser Γ = Σ_k P(γ/6)(|w_k|⁶ + |v_k|⁶). */
  gamma: number;
}

export type Phase = 'GFL' | 'mixed' | 'GMFL-II';

/** The effective interaction u = 2σ_a²P²/(Nσ⁴) at noise σ². */
export function interaction(m: ModularModel, noise: number): number {
  return (2 * m.sigma_a2 * m.P * m.P) / (m.N * noise * noise);
}

/** u_c = 2√(γ/3): the value of A = u a² at which r = 0 and r₊ are degenerate. */
export function criticalInteraction(gamma: number): number {
  return 2 * Math.sqrt(gamma / 3);
}

/** σ_c²: onset of the mixed phase, where u(σ_c²) = u_c with a = −1: σ_c⁴ = σ_a²P²/(N√(γ/3)). */
export function sigma2Critical(m: ModularModel): number {
  return Math.sqrt((m.sigma_a2 * m.P * m.P) / (m.N * Math.sqrt(m.gamma / 3)));
}

/** σ_II²: end of the mixed phase (droplet fraction 1), σ_c² − 3σ_a²/γ; ≤ 0 when GMFL-II is never reached. */
export function sigma2II(m: ModularModel): number {
  return sigma2Critical(m) - (3 * m.sigma_a2) / m.gamma;
}

/** The per-mode action S_k/P at |w_k| = |v_k| = r, with r2 = r². */
export function modeAction(r2: number, A: number, gamma: number): number {
  return r2 - A * r2 * r2 + (gamma / 3) * r2 * r2 * r2;
}

/** r₊² = (A + √(A² − γ))/γ, the non-zero minimum of the per-mode action; NaN when A² < γ (no such saddle). */
export function rPlus2(A: number, gamma: number): number {
  const disc = A * A - gamma;
  if (!(disc >= 0)) return Number.NaN;
  return (A + Math.sqrt(disc)) / gamma;
}

/**
 * |a| on the GMFL-II branch at noise σ²: the root m of m = σ²/(σ_a² r₊(u m²)⁴ + σ²). The right side
 * decreases in m, so the root is unique on the interval where r₊ exists (u m² ≥ √γ); found by
 * bisection to machine precision. NaN when there is none (the ordered saddle does not exist).
 */
export function gmflIIMagnitude(m: ModularModel, noise: number): number {
  const u = interaction(m, noise);
  const lo0 = Math.sqrt(Math.sqrt(m.gamma) / u);
  const g = (x: number) => {
    const r2 = rPlus2(u * x * x, m.gamma);
    return x - noise / (m.sigma_a2 * r2 * r2 + noise);
  };
  if (lo0 > 1) return Number.NaN;
  let lo = lo0 * (1 + 1e-15);
  let hi = 1;
  if (g(lo) > 0) return Number.NaN;
  if (g(hi) < 0) return Number.NaN;
  for (let it = 0; it < 200 && hi - lo > 1e-16 * hi; it++) {
    const mid = 0.5 * (lo + hi);
    if (g(mid) > 0) hi = mid;
    else lo = mid;
  }
  return 0.5 * (lo + hi);
}

export interface PhasePoint {
  phase: Phase;
  /** The discrepancy coefficient a (f̄ − y = a y): −1 in GFL, towards 0 as features are learned. */
  a: number;
  /** Fraction of mode pairs at r₊ (the droplets): 0 in GFL, 1 in GMFL-II. */
  droplet: number;
  /** A = u a². */
  A: number;
  /** r₊² of the ordered modes (NaN in GFL, where no mode is ordered). */
  r2: number;
  /** λ = σ_a²⟨|w_k|²|v_k|²⟩, the target's kernel eigenvalue. */
  lambda: number;
  /** ⟨|w_k|²|v_k|²⟩ for k ≠ 0 (0 in GFL at P → ∞). */
  power: number;
}

/** The phase, discrepancy and droplet fraction at noise σ² (P → ∞ saddles). */
export function phaseAt(m: ModularModel, noise: number): PhasePoint {
  const s2c = sigma2Critical(m);
  const s2II = sigma2II(m);
  const u = interaction(m, noise);
  if (noise >= s2c) return { phase: 'GFL', a: -1, droplet: 0, A: u, r2: Number.NaN, lambda: 0, power: 0 };
  if (noise >= s2II) {
    const a = -noise / s2c;
    const droplet = (m.gamma * (s2c - noise)) / (3 * m.sigma_a2);
    const r2 = Math.sqrt(3 / m.gamma);
    const power = droplet * r2 * r2;
    return { phase: 'mixed', a, droplet, A: u * a * a, r2, lambda: m.sigma_a2 * power, power };
  }
  const mag = gmflIIMagnitude(m, noise);
  const A = u * mag * mag;
  const r2 = rPlus2(A, m.gamma);
  const power = r2 * r2;
  return { phase: 'GMFL-II', a: -mag, droplet: 1, A, r2, lambda: m.sigma_a2 * power, power };
}

/** a at the end of the mixed phase (σ² = σ_II²): −σ_II²/σ_c²; NaN when σ_II² ≤ 0. */
export function discrepancyAtEnd(m: ModularModel): number {
  const s2II = sigma2II(m);
  return s2II > 0 ? -s2II / sigma2Critical(m) : Number.NaN;
}
