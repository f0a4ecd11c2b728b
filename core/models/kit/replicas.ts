/**
 * Merging the parts of a run: what each part returned, sorted by role, and the mean of replica
 * curves with the 10-90% quantile band across replicas (core/numerics/replica-aggregate).
 */
import type { PartResult, Series } from '../model-kind.js';
import { aggregateReplicas } from '../../numerics/replica-aggregate.js';

export interface CollectedParts {
  /** Series of the theory parts, in part order. */
  theory: Series[];
  /** Series of the replica parts in part order, by process ('' for the kind's main one). */
  replicas: Map<string, Series[]>;
  /** Scalars of the theory parts, in part order. */
  scalars: Record<string, number>;
  /** Scalars of the replica parts: each key's values, in part order (the kind decides how to combine them). */
  replicaScalars: Record<string, number[]>;
  /** Notes of every part, in part order. */
  notes: string[];
}

export function collectParts(parts: readonly PartResult[]): CollectedParts {
  const out: CollectedParts = { theory: [], replicas: new Map(), scalars: {}, replicaScalars: {}, notes: [] };
  for (const { key, result } of parts) {
    if (result.notes) out.notes.push(...result.notes);
    if (key.role === 'theory') {
      out.theory.push(...result.series);
      Object.assign(out.scalars, result.scalars);
      continue;
    }
    const process = key.process ?? '';
    out.replicas.set(process, [...(out.replicas.get(process) ?? []), ...result.series]);
    for (const [k, v] of Object.entries(result.scalars)) (out.replicaScalars[k] ??= []).push(v);
  }
  return out;
}

/** The replica series of the main process (the kind's simulation). */
export function mainReplicas(collected: CollectedParts): Series[] {
  return collected.replicas.get('') ?? [];
}

/** "SGD mean (3 replicas)". */
export function meanLabel(what: string, count: number): string {
  return `${what} (${count} replica${count === 1 ? '' : 's'})`;
}

export interface ReplicaMean {
  series: Series;
  mean: Float64Array;
  lo: Float64Array;
  hi: Float64Array;
}

/**
 * The pointwise mean of `group` (replica curves of one observable on one grid) with the 10-90%
 * band, as a series with the group's name, axes and source, labelled `label`.
 */
export function replicaMean(group: readonly Series[], label: string, seed: number): ReplicaMean {
  const first = group[0];
  if (!first) throw new RangeError('replicaMean: no replica curves');
  const agg = aggregateReplicas(group.map((s) => s.y));
  return {
    series: {
      name: first.name,
      source: first.source,
      label,
      seed,
      x: first.x,
      y: agg.mean,
      xLabel: first.xLabel,
      yLabel: first.yLabel,
      band: { lo: agg.lo, hi: agg.hi, kind: 'quantile' },
    },
    ...agg,
  };
}

/** The last finite value of a curve (a theory may stop early, leaving NaN), or NaN. */
export function lastFinite(y: Float64Array): number {
  for (let i = y.length - 1; i >= 0; i--) if (Number.isFinite(y[i])) return y[i]!;
  return Number.NaN;
}
