/**
 * Sweep specifications into concrete points: `grid` (cartesian product of the axes), `zip` (the
 * i-th value of every axis together; all axes the same length) and `seeds` (each configuration of
 * the axes' grid, or the base alone, once per listed seed).
 */
import type { SweepSpec } from '../api.js';

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

function cartesian(axes: SweepSpec['axes']): Record<string, SweepValue>[] {
  let points: Record<string, SweepValue>[] = [{}];
  for (const axis of axes) {
    const next: Record<string, SweepValue>[] = [];
    for (const p of points) for (const v of axis.values) next.push({ ...p, [axis.path]: v });
    points = next;
    if (points.length > MAX_SWEEP_POINTS) throw new SweepSpecError(`the sweep has more than ${MAX_SWEEP_POINTS} points`);
  }
  return points;
}

export function expandSweep(spec: SweepSpec): SweepPoint[] {
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
    return Array.from({ length: n }, (_, i) => ({ values: Object.fromEntries(spec.axes.map((a) => [a.path, a.values[i]!])) }));
  }
  const seeds = spec.seeds ?? [];
  if (!seeds.length) throw new SweepSpecError('a seeds sweep needs a list of seeds');
  const configs = spec.axes.length ? cartesian(spec.axes) : [{}];
  const points = configs.flatMap((values) => seeds.map((seed) => ({ values, seed })));
  if (points.length > MAX_SWEEP_POINTS) throw new SweepSpecError(`the sweep has more than ${MAX_SWEEP_POINTS} points`);
  return points;
}
