/** The phase boundaries `grokking-modular` marks on sweep summaries. */
import type { SweepAxis, SweepBoundaryCurve } from '../model-kind.js';
import type { GrokkingModularParams } from './params.js';
import { modelOf } from './theory.js';
import { sigma2Critical, sigma2II } from './phase-diagram.js';

/** On a sweep over noise: vertical lines at σ_c² (onset of the mixed phase) and σ_II² (onset of GMFL-II, when > 0). */
export function sweepBoundaries(base: GrokkingModularParams, axes: SweepAxis[]): SweepBoundaryCurve[] {
  if (axes.length !== 1 || axes[0]!.path !== 'noise') return [];
  const m = modelOf(base);
  const out: SweepBoundaryCurve[] = [{ label: 'σ_c²: onset of the mixed phase (GMFL-I)', x: [sigma2Critical(m)], y: [] }];
  const s2II = sigma2II(m);
  if (s2II > 0) out.push({ label: 'σ_II²: onset of GMFL-II', x: [s2II], y: [] });
  return out;
}
