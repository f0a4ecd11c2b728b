/** What `grokking-modular` reports: the phase diagram against σ², the NNGP spectrum, the Fourier power, and its scalars. */
import type { KindOutputs } from '../model-kind.js';

export const NOISE = 'σ² (noise)';
export const DISCREPANCY = 'a = ⟨f̄ − y, y⟩ / |y|²';
export const DROPLET = 'droplet fraction p';
export const BLOCK = 'Fourier block (1: k = k′ = 0, 2: one of k, k′ = 0, 3: k, k′ ≠ 0)';
export const EIGENVALUE = 'NNGP eigenvalue';
export const MODE = 'Fourier mode k';
export const POWER = '⟨|w_k|²|v_k|²⟩';
export const STEP = 'Langevin step';

export const outputs: KindOutputs = {
  observables: [
    { name: 'discrepancy', label: 'discrepancy coefficient a (f̄ − y = a y)', xLabel: NOISE, yLabel: DISCREPANCY, logX: false, logY: false },
    { name: 'droplet_fraction', label: 'fraction of Fourier modes in the ordered droplets', xLabel: NOISE, yLabel: DROPLET, logX: false, logY: false },
    { name: 'nngp_eigenvalues', label: 'the three distinct NNGP eigenvalues on the P² table', xLabel: BLOCK, yLabel: EIGENVALUE, logX: false, logY: true },
    { name: 'fourier_power', label: 'Fourier-mode weight power per neuron', xLabel: MODE, yLabel: POWER, logX: false, logY: true },
    { name: 'discrepancy_trace', label: 'discrepancy coefficient along each Langevin chain', xLabel: STEP, yLabel: DISCREPANCY, logX: false, logY: false },
  ],
  scalars: [
    { name: 'a_theory', role: 'theory', description: 'a at the run’s noise (P → ∞ saddles)' },
    { name: 'sigma2_c', role: 'theory', description: 'σ_c²: onset of the mixed phase (GMFL-I), σ_c⁴ = σ_a²P²/(N√(γ/3))' },
    { name: 'sigma2_II', role: 'theory', description: 'σ_II²: onset of GMFL-II (droplet fraction 1), σ_c² − 3σ_a²/γ' },
    { name: 'a_end', role: 'theory', description: 'a at the end of the mixed phase, −σ_II²/σ_c²' },
    { name: 'u_c', role: 'theory', description: 'critical interaction u_c = 2√(γ/3) (A = u a² at the degeneracy)' },
    { name: 'u', role: 'theory', description: 'effective interaction u = 2σ_a²P²/(Nσ⁴) at the run’s noise' },
    { name: 'droplet_theory', role: 'theory', description: 'droplet fraction at the run’s noise' },
    { name: 'phase_theory', role: 'theory', description: 'phase at the run’s noise: 0 GFL, 1 mixed (GMFL-I), 2 GMFL-II' },
    { name: 'a_nngp', role: 'theory', description: 'a of the NNGP on the table, −σ²/(4σ_a² + σ²) (exact at any P; the N → ∞ limit of the network)' },
    { name: 'fourier_power_theory', role: 'theory', description: '⟨|w_k|²|v_k|²⟩ for k ≠ 0: p r₊⁴ + (1 − p)/P² (ordered droplets, prior fluctuations)' },
    { name: 'nngp_eig_constant', role: 'theory', description: 'NNGP eigenvalue on φ₀₀: σ_a²(4P² + 4P + 4), multiplicity 1' },
    { name: 'nngp_eig_axis', role: 'theory', description: 'NNGP eigenvalue on φ_k0, φ_0k (k ≠ 0): σ_a²(2P + 4), multiplicity 2(P − 1)' },
    { name: 'nngp_eig_bulk', role: 'theory', description: 'NNGP eigenvalue on φ_kk′ (k, k′ ≠ 0), the target’s block: 4σ_a², multiplicity (P − 1)²' },
    { name: 'a_simulation', role: 'simulation', description: 'a of the Langevin ensemble’s posterior mean on the table' },
    { name: 'a_gap_nngp', role: 'gap', description: '|a_simulation − a_nngp| (→ 0 as N → ∞ without feature learning)' },
    { name: 'rmse_simulation', role: 'simulation', description: 'RMSE of the ensemble’s posterior mean against the target over the P² pairs and P outputs' },
    { name: 'fourier_power_simulation', role: 'simulation', description: 'ensemble ⟨|w_k|²|v_k|²⟩ averaged over k ≠ 0' },
    { name: 'two_halves', role: 'diagnostic', description: '|a of the first half of the samples − a of the second half|, mean over chains (small when equilibrated)' },
    { name: 'chains', role: 'diagnostic', description: 'Langevin chains' },
    { name: 'samples', role: 'diagnostic', description: 'Langevin samples kept, all chains' },
    { name: 'step_w', role: 'diagnostic', description: 'Langevin step ε_w of the input weights (after the burn-in)' },
    { name: 'step_a', role: 'diagnostic', description: 'Langevin step ε_a of the readout (after the burn-in)' },
  ],
};
