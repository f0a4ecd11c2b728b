/**
 * A sweep resolved for a job folder: every point with its run id, full parameters, seed and
 * replicas, exactly as `sweeps:start` would queue them (the same seed rule: the point's seed in a
 * seeds sweep, else the sweep's), so the runs a task computes are bit for bit the local ones.
 */
import type { SweepSpec } from '../../api.js';
import type { ModelKind } from '../../../core/models/model-kind.js';
import { canonicalJson, resolveParams } from '../../../core/models/resolve-params.js';
import { APP_VERSION } from '../app-version.js';
import { expandSweep, pointName, pointParams, pointRecord } from '../sweeps.js';
import { JOB_FORMAT, JOB_VERSION, type JobPlan } from './job-folder.js';
import { MAX_ARRAY_TASKS, type SlurmOptions } from './options.js';

export interface PlanIds {
  /** A fresh run (and sweep) id. */
  newId(): string;
  /** The parameter hash the library stores (service.ts paramsHash). */
  hash(canonical: string): string;
  /** A seed for a sweep given none. */
  seed(): number;
}

export class PlanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlanError';
  }
}

export function planSweep(kind: ModelKind<unknown>, spec: SweepSpec, slurm: SlurmOptions, ids: PlanIds, now = new Date()): JobPlan {
  const seed = spec.seed ?? ids.seed();
  const points = expandSweep(spec).map((point, index) => {
    const name = pointName(spec, point);
    const resolved = resolveParams(kind, { ...(spec.preset !== undefined ? { preset: spec.preset } : {}), params: pointParams(spec, point) });
    if (!resolved.ok) throw new PlanError(`sweep point ${name}: ${resolved.issues[0]!.message}`);
    const params = resolved.params as Record<string, unknown>;
    return {
      index,
      runId: ids.newId(),
      name,
      params,
      paramsHash: ids.hash(canonicalJson(params)),
      seed: point.seed ?? seed,
      replicas: spec.replicas ?? 1,
      point: pointRecord(point),
    };
  });
  const tasks = Math.min(slurm.tasks ?? points.length, points.length, MAX_ARRAY_TASKS);
  return {
    format: JOB_FORMAT,
    version: JOB_VERSION,
    appVersion: APP_VERSION,
    createdAt: now.toISOString(),
    sweep: { id: ids.newId(), kind: kind.id, name: spec.name || `sweep ${spec.kind}`, spec: { ...spec, seed } },
    tasks,
    slurm,
    points,
  };
}
