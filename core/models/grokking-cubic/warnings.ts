/** Warnings about `grokking-cubic` parameters that are valid but costly or outside the theory's comfort. */
import type { GrokkingCubicParams } from './params.js';
import { scaledSizes } from './params.js';

export function warnings(p: GrokkingCubicParams): string[] {
  const out: string[] = [];
  const s = scaledSizes(p);
  if (p.langevin.chains > 0 && p.langevin.chains < 4) out.push('fewer than 4 chains: the band over chains is rough');
  const samples = Math.floor((p.langevin.steps - p.langevin.burn_in) / p.langevin.thin);
  if (p.langevin.chains > 0 && samples < 50) out.push(`only ${samples} recorded samples per chain (steps - burn_in)/thin`);
  if (s.d < 20) out.push(`simulated d = ${s.d}: e^{-d S(q)} is far from its saddle points; compare with the finite-d theory curve, not the d -> infinity one`);
  if (s.P < s.d) out.push(`P = ${s.P} below d = ${s.d}: the continuum (EK) limit behind the theory needs P well above d`);
  return out;
}
