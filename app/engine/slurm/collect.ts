/**
 * Collecting a job folder into a library: every finished run of every shard, checked as a bundle
 * is (shards.ts), stored with its sweep in one transaction (series, images with their metrics,
 * image grids and trained models, as a bundle import stores them); runs already in the library are
 * skipped, so collecting twice adds nothing. A problem anywhere refuses the whole folder and
 * nothing is written. The report lists each task's state (task-states.ts).
 */
import type { SlurmCollectReport, SlurmTaskState } from '../../api.js';
import { bundleArtifacts, bundleGrids, bundleImages, bundleSeries as bundleSeriesOf } from '../export/bundle.js';
import type { RunsRepository } from '../library/runs.js';
import type { SweepsRepository } from '../library/sweeps.js';
import { queryTasks, type Runner } from './commands.js';
import { readJobPlan, readSubmissions } from './job-folder.js';
import { readShards, shardProgress } from './shards.js';
import { taskStates } from './task-states.js';

export interface CollectTarget {
  runs: RunsRepository;
  sweeps: SweepsRepository;
  hashOf(canonical: string): string;
}

/** Each task's state now: the shards' manifests and, where Slurm can be asked, squeue and sacct. */
export async function jobFolderStatus(dir: string, runner?: Runner, path?: string) {
  const plan = readJobPlan(dir);
  const submissions = readSubmissions(dir);
  const jobIds = [...new Set(submissions.map((s) => s.jobId))];
  const queue = await queryTasks(jobIds, runner, path);
  const tasks = taskStates(shardProgress(dir, plan), submissions, queue.asked ? queue.tasks : null);
  return { plan, submissions, tasks, notes: queue.notes };
}

/** Tasks whose shard is still being written (on a node: a task closing its shard has all its points). */
export const runningTasks = (tasks: readonly SlurmTaskState[]) => new Set(tasks.filter((t) => t.state === 'running').map((t) => t.task));

/** `runner` and `path` replace execFile and the PATH searched for squeue and sacct (tests). */
export async function collectJobFolder(dir: string, target: CollectTarget, runner?: Runner, path?: string): Promise<SlurmCollectReport> {
  const status = await jobFolderStatus(dir, runner, path);
  const plan = status.plan;
  const collected = await readShards(dir, plan, target.hashOf, runningTasks(status.tasks));
  const fresh = collected.filter((r) => !target.runs.exists(r.id));
  const skipped = collected.filter((r) => target.runs.exists(r.id)).map((r) => r.id);
  if (fresh.length) {
    target.runs.transaction(() => {
      if (!target.sweeps.get(plan.sweep.id)) {
        target.sweeps.insert({ id: plan.sweep.id, kind: plan.sweep.kind, name: plan.sweep.name, spec: plan.sweep.spec, createdAt: plan.createdAt });
      }
      target.runs.insertFinished(
        fresh.map((r) => ({
          id: r.id, kind: r.kind, name: r.name, status: r.status, paramsJson: r.paramsJson, paramsHash: r.paramsHash,
          seed: r.seed, replicas: r.replicas, rng: r.rng, solver: r.solver, appVersion: r.appVersion, createdAt: r.createdAt,
          startedAt: r.startedAt, finishedAt: r.finishedAt, durationMs: r.durationMs, error: r.error, notes: r.notes, tags: r.tags,
          scalars: r.scalars, resultNotes: r.resultNotes, series: bundleSeriesOf(r), images: bundleImages(r), grids: bundleGrids(r),
          artifacts: bundleArtifacts(r), sweepId: r.sweepId, sweepPoint: r.sweepPoint,
        })),
      );
    });
  }
  return {
    dir,
    sweepId: plan.sweep.id,
    points: plan.points.length,
    imported: fresh.map((r) => r.id),
    skipped,
    tasks: status.tasks,
    notes: status.notes,
  };
}
