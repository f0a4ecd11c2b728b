/** Warnings of `linear-net-scaling`: parameters valid but outside what the note's checks cover. */
import type { LinearNetScalingParams } from './params.js';

export function warnings(p: LinearNetScalingParams): string[] {
  const out: string[] = [];
  if (p.chi < 1 || p.chi > p.N) out.push(`χ = ${p.chi} is outside [1, N = ${p.N}] (standard to mean-field scaling)`);
  if (p.langevin.chains > 0 && (p.langevin.steps - p.langevin.burn_in) / p.langevin.thin < 100) {
    out.push('fewer than 100 Langevin samples per chain: the ensemble averages will be noisy');
  }
  if (p.target.kind === 'hermite' && p.target.degree > 1) {
    out.push(`a linear network learns only the linear part of He_${p.target.degree} (which is 0 for degree > 1): expect the test error to stay at the target's variance`);
  }
  if (p.d > 64) out.push(`d = ${p.d} > 64: the Gaussian closure is not solved`);
  return out;
}
