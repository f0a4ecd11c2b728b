/**
 * Sweep specifications into concrete points: `grid` (cartesian product of the axes), `zip` (the
 * i-th value of every axis together; all axes the same length) and `seeds` (each configuration of
 * the axes' grid, or the base alone, once per listed seed).
 *
 * Axis paths come from users (the API, the CLI). A path whose segment names prototype machinery
 * (`__proto__`, `constructor`, `prototype`) is refused before any point is built, and points keep
 * their values as own properties only.
 */
import { TEXT_LIMITS, type SweepSpec } from '../api.js';
import { pathProblem } from '../../core/models/param-paths.js';
import { deepMerge, setPath } from '../../core/models/resolve-params.js';

export type SweepValue = number | string | boolean;

export interface SweepPoint {
  /** axis path -> value */
  values: Record<string, SweepValue>;
  /** set for seed sweeps */
  seed?: number;
}

export class SweepSpecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SweepSpecError';
  }
}

export const MAX_SWEEP_POINTS = 10_000;

/** A record of own data properties (never a prototype write, whatever the key). */
function ownRecord(entries: Iterable<readonly [string, SweepValue]>): Record<string, SweepValue> {
  const out: Record<string, SweepValue> = {};
  for (const [key, value] of entries) Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  return out;
}

function cartesian(axes: SweepSpec['axes']): Record<string, SweepValue>[] {
  let points: Record<string, SweepValue>[] = [{}];
  for (const axis of axes) {
    const next: Record<string, SweepValue>[] = [];
    for (const p of points) for (const v of axis.values) next.push(ownRecord([...Object.entries(p), [axis.path, v]]));
    points = next;
    if (points.length > MAX_SWEEP_POINTS) throw new SweepSpecError(`the sweep has more than ${MAX_SWEEP_POINTS} points`);
  }
  return points;
}

/** Refuses axis paths that are empty, have empty segments or name prototype machinery. */
function checkAxisPaths(spec: SweepSpec): void {
  for (const axis of spec.axes) {
    const problem = pathProblem(axis.path);
    if (problem) throw new SweepSpecError(`sweep axis: ${problem}`);
  }
}

export function expandSweep(spec: SweepSpec): SweepPoint[] {
  checkAxisPaths(spec);
  const paths = spec.axes.map((a) => a.path);
  const duplicate = paths.find((p, i) => paths.indexOf(p) !== i);
  if (duplicate) throw new SweepSpecError(`the parameter "${duplicate}" appears on two axes`);
  if (spec.mode === 'grid') {
    if (!spec.axes.length) throw new SweepSpecError('a grid sweep needs at least one axis');
    return cartesian(spec.axes).map((values) => ({ values }));
  }
  if (spec.mode === 'zip') {
    if (!spec.axes.length) throw new SweepSpecError('a zip sweep needs at least one axis');
    const n = spec.axes[0]!.values.length;
    const bad = spec.axes.find((a) => a.values.length !== n);
    if (bad) throw new SweepSpecError(`zip needs lists of equal length: ${spec.axes[0]!.path} has ${n} values, ${bad.path} has ${bad.values.length}`);
    return Array.from({ length: n }, (_, i) => ({ values: ownRecord(spec.axes.map((a) => [a.path, a.values[i]!] as const)) }));
  }
  const seeds = spec.seeds ?? [];
  if (!seeds.length) throw new SweepSpecError('a seeds sweep needs a list of seeds');
  const configs = spec.axes.length ? cartesian(spec.axes) : [{}];
  const points = configs.flatMap((values) => seeds.map((seed) => ({ values, seed })));
  if (points.length > MAX_SWEEP_POINTS) throw new SweepSpecError(`the sweep has more than ${MAX_SWEEP_POINTS} points`);
  return points;
}

/** The parameter overrides of one point: the spec's base parameters with the point's values set at their paths. */
export function pointParams(spec: SweepSpec, point: SweepPoint): Record<string, unknown> {
  const params = deepMerge({}, spec.params ?? {});
  for (const [path, value] of Object.entries(point.values)) setPath(params, path, value);
  return params;
}

/** A point's run name: the sweep's name, the point's values and its seed, cut to the longest name a run may have. */
export function pointName(spec: SweepSpec, point: SweepPoint): string {
  const label = Object.entries(point.values).map(([k, v]) => `${k}=${v}`).join(', ');
  const name = [spec.name || `sweep ${spec.kind}`, label, point.seed !== undefined ? `seed ${point.seed}` : ''].filter(Boolean).join(' · ');
  return name.length <= TEXT_LIMITS.name ? name : `${name.slice(0, TEXT_LIMITS.name - 1)}…`;
}

/** What a run records as its place in the sweep: the axis values, and the seed for seed sweeps. */
export function pointRecord(point: SweepPoint): Record<string, unknown> {
  const record: Record<string, unknown> = ownRecord(Object.entries(point.values));
  if (point.seed !== undefined) record['seed'] = point.seed;
  return record;
}
