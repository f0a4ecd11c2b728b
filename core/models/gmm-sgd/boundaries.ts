/** The boundary `gmm-sgd` marks on sweep summaries. */
import type { SweepAxis, SweepBoundaryCurve } from '../model-kind.js';
import type { GmmSgdParams } from './params.js';

/**
 * On sweeps over spectrum.exponent (power_law): the linear-separability threshold min_c a_c = 1.
 * For a_min < 1 the best linear separation has a finite signal-to-noise ratio mu^T K_c^-1 mu
 * (sum over coordinates of order int_0^1 u^-a du), so the risk saturates; for a_min >= 1 it diverges
 * with d and the risk can go to 0 (docs/theory/gmm-sgd.md §4).
 */
export function sweepBoundaries(base: GmmSgdParams, axes: SweepAxis[]): SweepBoundaryCurve[] {
  if (axes.length !== 1 || axes[0].path !== 'spectrum.exponent' || base.spectrum.kind !== 'power_law') return [];
  const spread = base.spectrum.exponent_spread;
  const x = 1 - Math.min(0, spread);
  return [{ label: 'separability threshold min_c a_c = 1', x: [x], y: [] }];
}

