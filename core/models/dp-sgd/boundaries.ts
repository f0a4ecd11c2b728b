/** The boundary `dp-sgd` marks on sweep summaries: the clipping level c* that minimises the ODE's final excess risk. */
import type { SweepAxis, SweepBoundaryCurve } from '../model-kind.js';
import { paramsWithValue } from '../kit/index.js';
import { optimalClip } from './optimum.js';
import { type DpSgdParams, dpSgdParams } from './params.js';
import { MAX_MODES_FOR_OPTIMUM, setup, theoryInput } from './setup.js';

/** c* by parameter set (c itself excluded): a sweep's summary is redrawn often. */
const optimumCache = new Map<string, number | undefined>();

function cStarFor(p: DpSgdParams): number | undefined {
  const key = JSON.stringify({ ...p, clip: { enabled: true, c: 1 } });
  if (optimumCache.has(key)) return optimumCache.get(key);
  const s = setup({ ...p, clip: { ...p.clip, enabled: true } });
  const c = s.sigma0 > 0 && s.spectrum.distinct.length <= MAX_MODES_FOR_OPTIMUM ? optimalClip((c) => theoryInput(s, c, true))?.cStar : undefined;
  if (optimumCache.size >= 256) optimumCache.delete(optimumCache.keys().next().value as string);
  optimumCache.set(key, c);
  return c;
}

/** The ODE optimum c* marked on sweeps over clip.c (vertical line), or c* against a second axis. */
export function sweepBoundaries(base: DpSgdParams, axes: SweepAxis[]): SweepBoundaryCurve[] {
  const ci = axes.findIndex((a) => a.path === 'clip.c');
  if (ci < 0 || axes.length > 2) return [];
  if (axes.length === 1) {
    const c = cStarFor(base);
    return c === undefined ? [] : [{ label: `ODE optimum c* = ${c.toPrecision(3)}`, x: [c], y: [] }];
  }
  const other = axes[1 - ci]!;
  const xs: number[] = [];
  const ys: number[] = [];
  for (const v of other.values) {
    const at = paramsWithValue(dpSgdParams, base, other.path, v);
    const c = at ? cStarFor(at) : undefined;
    if (c === undefined || typeof v !== 'number') continue;
    if (ci === 0) {
      xs.push(c);
      ys.push(v);
    } else {
      xs.push(v);
      ys.push(c);
    }
  }
  return xs.length ? [{ label: 'ODE optimum c*', x: xs, y: ys }] : [];
}
