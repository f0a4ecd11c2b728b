/**
 * Presets of `grokking-modular`: the paper's Fig. 3 phase diagram (theory at P = 401; the
 * simulation there is out of reach, P² = 160 801 inputs of dimension 802), a small-prime Langevin
 * run beside its theory, and a cheap one.
 */
import type { Preset } from '../model-kind.js';
import type { GrokkingModularParams } from './params.js';

export const presets: Record<string, Preset<GrokkingModularParams>> = {
  'fig3': {
    description:
      'arXiv:2310.03789 Fig. 3: P = 401, N = 1000, σ_a² = 0.002/N, γ = 10⁻⁴ — theory only. Closed forms: σ_c² = 0.2360, σ_II² = 0.1760, ' +
      'a from −1 to −0.7458 across the mixed phase (paper: mixed phase from ≈ 0.227 at finite P, GMFL-II at ≈ 0.175, a −1 → −0.7). ' +
      'The Langevin simulation runs only small primes (≤ 53): see small-prime.',
    params: { modulus: 401, N: 1000, sigma_a2: 0.002 / 1000, gamma: 1e-4, noise: 0.2, langevin: { chains: 0 } },
  },
  'small-prime': {
    description:
      'P = 7, N = 64, σ_a² = 0.05, γ = 3 (σ_c² = 0.196, σ_II² = 0.146): 4 Langevin chains with the exact sextic regulariser beside the ' +
      'P → ∞ theory and the exact NNGP discrepancy. Qualitative: at P = 7 the per-mode saddles are far from exact; sweep noise ' +
      '(limitlab sweep grokking-modular --preset small-prime --grid noise=0.1,0.15,0.2,0.25,0.3).',
    params: { modulus: 7, N: 64, sigma_a2: 0.05, gamma: 3, noise: 0.2, langevin: { chains: 4, steps: 20_000, burn_in: 4000, thin: 10 } },
  },
  'cheap': {
    description: 'P = 5, N = 16: two short chains and the theory, in about a second.',
    params: { modulus: 5, N: 16, sigma_a2: 0.05, gamma: 3, noise: 0.2, langevin: { chains: 2, steps: 2000, burn_in: 500, thin: 5 } },
  },
};
