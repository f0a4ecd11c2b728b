/** Warnings of `grokking-modular`: valid parameters outside what the theory or the simulation covers well. */
import type { GrokkingModularParams } from './params.js';

export function warnings(p: GrokkingModularParams): string[] {
  const out: string[] = [];
  if (p.langevin.chains > 0) {
    out.push(
      `the Langevin simulation at P = ${p.modulus} is compared qualitatively: the closed forms are the P → ∞ saddles of the per-neuron action`,
    );
    if (p.langevin.regulariser === 'weight_decay') out.push('langevin.regulariser = weight_decay: the simulation has no sextic Γ, unlike the theory');
    if ((p.langevin.steps - p.langevin.burn_in) / p.langevin.thin < 100) out.push('fewer than 100 Langevin samples per chain: the ensemble averages will be noisy');
  }
  return out;
}
