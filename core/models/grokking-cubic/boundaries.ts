/**
 * Sweep overlays of `grokking-cubic`: against `noise`, vertical lines at the d → ∞ onsets σ²_c
 * (GMFL-I) and σ²_II (GMFL-II, when it exists); against noise and a second parameter, σ²_c as a
 * curve over that parameter.
 */
import type { SweepAxis, SweepBoundaryCurve } from '../model-kind.js';
import { paramsWithValue } from '../kit/index.js';
import { type GrokkingCubicParams, grokkingCubicParams } from './params.js';
import { phaseDiagram } from './saddle.js';
import { sizesOf } from './setup.js';

const NOISE = 'noise';

export function sweepBoundaries(base: GrokkingCubicParams, axes: SweepAxis[]): SweepBoundaryCurve[] {
  const at = axes.findIndex((a) => a.path === NOISE);
  if (at < 0) return [];
  if (axes.length === 1) {
    const pd = phaseDiagram(sizesOf(base), []);
    const out: SweepBoundaryCurve[] = [];
    if (pd.onset) out.push({ label: 'sigma2_c (GMFL-I onset, d -> infinity)', x: [pd.onset.noise], y: [] });
    if (Number.isFinite(pd.noiseII)) out.push({ label: 'sigma2_II (GMFL-II onset)', x: [pd.noiseII], y: [] });
    return out;
  }
  if (axes.length !== 2) return [];
  const other = axes[1 - at]!;
  const points = other.values
    .filter((v): v is number => typeof v === 'number')
    .slice()
    .sort((a, b) => a - b)
    .map((v) => {
      const p = paramsWithValue(grokkingCubicParams, base, other.path, v);
      const onset = p ? phaseDiagram(sizesOf(p), []).onset : null;
      return onset ? { v, n: onset.noise } : null;
    })
    .filter((q): q is { v: number; n: number } => q !== null);
  if (points.length === 0) return [];
  const label = 'sigma2_c (GMFL-I onset, d -> infinity)';
  const noises = points.map((q) => q.n);
  const values = points.map((q) => q.v);
  return [at === 0 ? { label, x: noises, y: values } : { label, x: values, y: noises }];
}
