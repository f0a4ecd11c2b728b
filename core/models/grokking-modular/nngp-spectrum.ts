/**
 * The NNGP kernel of the quadratic network on the full modular-addition table and its spectrum in
 * the Fourier basis φ_{k,k'}(n, m) = P⁻¹e^{2πi(kn + k'm)/P} (arXiv:2310.03789 §4.1; derivation in
 * docs/theory/grokking-modular.md §3).
 *
 * With two-hot inputs and unit input-weight variance, K_{nm,n'm'} = δ_nn' + δ_mm', and the square
 * activation gives (Wick) Q = σ_a²[K_xx K_x'x' + 2K_xx'²] = σ_a²[4·J + 2δ_nn'·1 + 2·1·δ_mm' + 4·I]
 * (J the all-ones matrix on the P² pairs; δ² = δ). Each term is diagonal in φ_{k,k'}, so Q has
 * three distinct eigenvalues:
 *   (0, 0):                 σ_a²(4P² + 4P + 4), once;
 *   (k, 0) and (0, k'), ≠0:  σ_a²(2P + 4),        2(P − 1) times;
 *   k ≠ 0 and k' ≠ 0:        4σ_a²,               (P − 1)² times — the block holding the target.
 */

export interface NngpEigenvalue {
  /** Which Fourier block. */
  block: 'constant' | 'axis' | 'bulk';
  value: number;
  multiplicity: number;
}

/** The three distinct eigenvalues of the NNGP kernel on the P² table, largest first. */
export function nngpEigenvalues(P: number, sigma_a2: number): NngpEigenvalue[] {
  return [
    { block: 'constant', value: sigma_a2 * (4 * P * P + 4 * P + 4), multiplicity: 1 },
    { block: 'axis', value: sigma_a2 * (2 * P + 4), multiplicity: 2 * (P - 1) },
    { block: 'bulk', value: 4 * sigma_a2, multiplicity: (P - 1) * (P - 1) },
  ];
}

/**
 * The discrepancy coefficient of the NNGP (no feature learning) on the full table: the target lies
 * in the bulk block, so f̄ − y = −σ²/(4σ_a² + σ²) y exactly.
 */
export function nngpDiscrepancy(sigma_a2: number, noise: number): number {
  return -noise / (4 * sigma_a2 + noise);
}
