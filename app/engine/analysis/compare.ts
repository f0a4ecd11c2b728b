/** The compare view's numbers: parameter differences and theory-vs-simulation discrepancy. */
import type { Discrepancy, ParamRow } from '../../api.js';
import type { Series } from '../../../core/models/model-kind.js';
import { canonicalJson, isPlainObject } from '../../../core/models/resolve-params.js';
import { theoryGap } from '../../../core/models/kit/compare.js';
import { interpolateLinear, sameGrid } from './interpolate.js';

/** Flatten nested parameters to dotted paths. */
export function flattenParams(params: Record<string, unknown>, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(params)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (isPlainObject(value)) for (const [p, v] of flattenParams(value, path)) out.set(p, v);
    else out.set(path, value);
  }
  return out;
}

export function paramTable(runs: { kind: string; seed: number; replicas: number; params: Record<string, unknown> }[]): ParamRow[] {
  const flat = runs.map((r) => flattenParams({ kind: r.kind, seed: r.seed, replicas: r.replicas, ...r.params }));
  const paths: string[] = [];
  for (const f of flat) for (const p of f.keys()) if (!paths.includes(p)) paths.push(p);
  return paths.map((path) => {
    const values = flat.map((f) => (f.has(path) ? f.get(path) : null));
    const texts = values.map((v) => canonicalJson(v));
    return { path, values, differs: texts.some((t) => t !== texts[0]) };
  });
}

/**
 * Gap between each observable's theory curve and its simulation aggregate (the kinds' own measure,
 * core/models/kit/compare.ts): max and RMS absolute difference on the simulation's grid, relative
 * to the theory's largest magnitude, and how often the theory lies inside the simulation band.
 * Points where either curve is not finite are left out.
 */
export function discrepancies(series: Series[]): Discrepancy[] {
  const out: Discrepancy[] = [];
  const names = [...new Set(series.map((s) => s.name))];
  for (const name of names) {
    const theory = series.find((s) => s.name === name && s.source === 'theory');
    const sim = series.find((s) => s.name === name && s.source === 'simulation' && s.replica === undefined);
    if (!theory || !sim) continue;
    const t = sameGrid(theory.x, sim.x) ? theory.y : interpolateLinear(theory.x, theory.y, sim.x);
    const gap = theoryGap(t, sim.y, sim.band, { skipNonFiniteSimulation: true });
    out.push({ name, maxAbs: gap.maxAbs, maxRel: gap.maxRel, rms: gap.rms, coverage: gap.coverage });
  }
  return out;
}
