/**
 * One array task: computes its share of the job folder's points into its own shard library, each
 * run with its planned id, parameters and seed (so its bytes are those of the same sweep run
 * locally) and the Slurm job, task and node in its provenance. After each finished run the
 * task's manifest (shards/task-<i>.json) is rewritten with the checksums of its finished runs,
 * which collect checks the shard against.
 *
 * Run again (a resubmission), the task keeps the runs it finished, resumes an interrupted one from
 * its stored parts, and computes the others afresh.
 */
import { hostname } from 'node:os';
import type { RunDetail, RunSummary } from '../../api.js';
import { decodeApiJson } from '../../api-codec.js';
import type { ArtifactResult } from '../../../core/models/model-kind.js';
import { getKind } from '../../../core/models/registry.js';
import { APP_VERSION } from '../app-version.js';
import { exportBundle, type BundleRun } from '../export/bundle.js';
import type { Engine } from '../index.js';
import { INTERRUPTED_ERROR } from '../library/runs.js';
import { JobFolderError, readJobPlan, shardManifest, taskShare, writeFileAtomic, type JobPlan } from './job-folder.js';
import { MANIFEST_FORMAT, type Manifest } from './manifest.js';

/** Where the task runs, from Slurm's environment. */
export function slurmProvenance(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  const take = (key: string, name: string) => {
    const v = env[name];
    if (v) out[key] = v.slice(0, 200);
  };
  take('jobId', 'SLURM_JOB_ID');
  take('arrayJobId', 'SLURM_ARRAY_JOB_ID');
  take('taskId', 'SLURM_ARRAY_TASK_ID');
  take('cluster', 'SLURM_CLUSTER_NAME');
  take('partition', 'SLURM_JOB_PARTITION');
  out['node'] = (env['SLURMD_NODENAME'] || hostname()).slice(0, 200);
  return out;
}

export interface TaskOptions {
  dir: string;
  task: number;
  /** Opens the shard library (createEngine over it). */
  open(shardPath: string): Promise<Engine>;
  shardPath: string;
  env?: NodeJS.ProcessEnv;
  log?(line: string): void;
  /** Called once the task's runs are queued: cancel() stops them (a signal). */
  started?(cancel: () => void): void;
}

export interface TaskOutcome {
  total: number;
  done: number;
  failed: { runId: string; status: string; error: string | null }[];
}

/** The plan and this task's share, checked (a task index outside the array is bad input). */
export function taskPlan(dir: string, task: number): { plan: JobPlan; share: JobPlan['points'] } {
  const plan = readJobPlan(dir);
  if (!Number.isInteger(task) || task < 0 || task >= plan.tasks) throw new JobFolderError(`task ${task} is not in this job folder (tasks 0 to ${plan.tasks - 1})`);
  if (!getKind(plan.sweep.kind)) throw new JobFolderError(`the job folder's kind "${plan.sweep.kind}" is unknown to this Limitlab (${APP_VERSION})`);
  return { plan, share: taskShare(plan, task) };
}

/** The checksum of a finished run as a bundle of it records it, covering the trained models it carries. */
function checksumOf(detail: RunDetail, artifacts: ArtifactResult[]): BundleRun['checksum'] {
  const doc = decodeApiJson<{ runs: { checksum: BundleRun['checksum'] }[] }>(exportBundle([detail], APP_VERSION, undefined, () => artifacts));
  return doc.runs[0]!.checksum;
}

export async function runTask(options: TaskOptions): Promise<TaskOutcome> {
  const { dir, task } = options;
  const log = options.log ?? (() => {});
  const { plan, share } = taskPlan(dir, task);
  const provenance = { slurm: slurmProvenance(options.env ?? process.env) };
  const engine = await options.open(options.shardPath);
  try {
    const service = engine.service;
    if (!service.sweeps.get(plan.sweep.id)) {
      service.sweeps.insert({ id: plan.sweep.id, kind: plan.sweep.kind, name: plan.sweep.name, spec: plan.sweep.spec, createdAt: plan.createdAt });
    }
    // A finished run's checksum is computed once (an image run's pixels are encoded for it).
    const checksums = new Map<string, BundleRun['checksum']>();
    const writeManifest = () => {
      const finished = share.map((p) => service.runs.summary(p.runId)).filter((s): s is RunSummary => s?.status === 'done');
      for (const { id } of finished) {
        if (checksums.has(id)) continue;
        const detail = service.runs.detail(id)!;
        checksums.set(id, checksumOf(detail, service.runs.artifactsToCarry(detail)));
      }
      const manifest: Manifest = {
        format: MANIFEST_FORMAT,
        sweepId: plan.sweep.id,
        task,
        total: share.length,
        checksums: Object.fromEntries(finished.map(({ id }) => [id, checksums.get(id)!])),
      };
      writeFileAtomic(shardManifest(dir, task), JSON.stringify(manifest) + '\n');
    };
    writeManifest();
    const waiting: Promise<RunSummary>[] = [];
    for (const point of share) {
      const existing = service.runs.summary(point.runId);
      if (existing?.status === 'done') continue;
      if (existing?.error === INTERRUPTED_ERROR) {
        log(`resume ${point.runId} (${point.name})\n`);
        await service.resume(point.runId);
      } else {
        if (existing) service.runs.purge(point.runId);
        await service.start(
          { kind: plan.sweep.kind, params: point.params, seed: point.seed, replicas: point.replicas, name: point.name, force: true },
          { placement: { id: point.runId, sweepId: plan.sweep.id, sweepPoint: point.point, provenance } },
        );
      }
      waiting.push(service.whenSettled(point.runId).then((s) => {
        if (s.status === 'done') writeManifest();
        log(`${s.status} ${s.id} (${point.name})\n`);
        return s;
      }));
    }
    options.started?.(() => {
      for (const point of share) {
        try {
          service.cancel(point.runId);
        } catch {
          // not started
        }
      }
    });
    await Promise.all(waiting);
    writeManifest();
    const summaries = share.map((p) => service.runs.summary(p.runId)!);
    return {
      total: share.length,
      done: summaries.filter((s) => s.status === 'done').length,
      failed: summaries.filter((s) => s.status !== 'done').map((s) => ({ runId: s.id, status: s.status, error: s.error })),
    };
  } finally {
    await engine.close();
  }
}
