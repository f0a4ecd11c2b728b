/**
 * The theoretical boundary a sweep summary overlays for `sgd-glm`: for least squares with a
 * constant learning rate, the critical rate γ_c = 2 / mean(λ) (arXiv:2405.19585, §1.4 of
 * docs/theory/sgd-glm.md) above which the risk diverges. Against the learning rate alone it is a
 * vertical line; against the learning rate and a second parameter it is the curve γ_c(value),
 * recomputed from the spectrum at each value of that parameter.
 */
import type { SweepAxis, SweepBoundaryCurve } from '../model-kind.js';
import { paramsWithValue } from '../kit/index.js';
import { type SgdGlmParams, sgdGlmParams } from './params.js';
import { spectrumOf } from './setup.js';

const LR_PATH = 'lr.gamma';

function criticalRate(p: SgdGlmParams): number {
  const mean = spectrumOf(p).mean;
  return mean > 0 ? 2 / mean : NaN;
}

export function sweepBoundaries(base: SgdGlmParams, axes: SweepAxis[]): SweepBoundaryCurve[] {
  if (base.problem !== 'least_squares' || base.lr.policy !== 'constant') return [];
  const lrAxis = axes.findIndex((a) => a.path === LR_PATH);
  if (lrAxis < 0) return [];
  const label = 'γ_c = 2 / mean eigenvalue';
  if (axes.length === 1) {
    const gc = criticalRate(base);
    return Number.isFinite(gc) ? [{ label, x: [gc], y: [] }] : [];
  }
  if (axes.length !== 2) return [];
  const other = axes[1 - lrAxis]!;
  const points = other.values
    .filter((v): v is number => typeof v === 'number')
    .slice()
    .sort((a, b) => a - b)
    .map((v) => {
      const p = paramsWithValue(sgdGlmParams, base, other.path, v);
      return p ? { v, gc: criticalRate(p) } : null;
    })
    .filter((q): q is { v: number; gc: number } => q !== null && Number.isFinite(q.gc));
  if (points.length === 0) return [];
  const gammas = points.map((q) => q.gc);
  const values = points.map((q) => q.v);
  return [lrAxis === 0 ? { label, x: gammas, y: values } : { label, x: values, y: gammas }];
}
