/** From parameters to the theory's sizes and the simulated network (note §8 mapping). */
import type { LangevinNetwork } from '../kit/index.js';
import { type GrokkingCubicParams, scaledSizes } from './params.js';
import type { CubicSizes } from './problem.js';

export function sizesOf(p: GrokkingCubicParams): CubicSizes {
  const s = scaledSizes(p);
  return { d: s.d, N: s.N, P: s.P, sw2: p.sigma_w2, sa2: s.sa2, eps: p.eps, reading: p.reading };
}

/**
 * The simulated network in the kit's notation (χ = N, mean-field): readout prior σ̃_a²/(Nχ) = σ_a²/N
 * with σ̃_a² = N σ_a², likelihood variance σ̃²/χ = σ² with σ̃² = N σ². Langevin then runs at T = σ²,
 * weight decays γ_w = T d/σ_w², γ_a = T N/σ_a² (note §8).
 */
export function networkOf(p: GrokkingCubicParams): LangevinNetwork {
  const s = sizesOf(p);
  return { activation: 'erf', d: s.d, N: s.N, chi: s.N, sigma_w2: p.sigma_w2, sigma_a2: s.N * s.sa2, noise: s.N * p.noise };
}
