/** Warnings about `adaptive-kernel` parameters that are valid but costly or outside the theory's comfort. */
import type { AdaptiveKernelParams } from './params.js';

export function warnings(p: AdaptiveKernelParams): string[] {
  const out: string[] = [];
  if (p.N < 10 && p.chi < p.N) {
    out.push(`N = ${p.N} in standard scaling: the Gaussian closure neglects O(1/N) corrections of the same order as the adaptation it describes`);
  }
  if (p.langevin.chains > 0 && p.langevin.chains < 4) out.push('fewer than 4 chains: the simulation band and the jackknife error are rough');
  const samples = Math.floor((p.langevin.steps - p.langevin.burn_in) / p.langevin.thin);
  if (p.langevin.chains > 0 && samples < 100) out.push(`only ${samples} recorded samples per chain (steps - burn_in)/thin`);
  if (p.data.source === 'synthetic' && p.target.kind === 'hermite' && p.target.degree >= 3 && p.P < p.d * p.d) {
    out.push(`a degree-${p.target.degree} target needs P of order d^${p.target.degree} for the NNGP; with P = ${p.P} the NNGP learns mostly its lower-degree part`);
  }
  const work = p.P * p.P * p.d;
  if (work > 5e7) out.push(`each EoS iteration costs about P^2 d + P^3 = ${(work + p.P ** 3).toPrecision(2)} operations (seconds per iteration)`);
  return out;
}
