/**
 * Reading a job folder's shards for collection. Each task's finished runs (those its manifest
 * lists) are read from its shard library and put through bundle import's checks (export/bundle.ts:
 * structure and the API's limits, the kind, the parameters resolved again and their hash, the
 * checksum of series, scalars, seed, notes, images with their metrics, image grids and trained
 * models) against the checksums the task recorded, and against the plan (the run's planned id,
 * parameters, seed and replicas). Each run is checked as a bundle of its own, so a task of many
 * image runs never has to fit in one string. The first problem is thrown as a JobFolderError
 * naming the task, its shard and the run.
 */
import { existsSync } from 'node:fs';
import { decodeApiJson, encodeApiJson } from '../../api-codec.js';
import { canonicalJson } from '../../../core/models/resolve-params.js';
import { APP_VERSION } from '../app-version.js';
import { BundleError, exportBundle, parseBundle, type BundleRun, type ImportedRun } from '../export/bundle.js';
import { showPath } from '../file-checks.js';
import { LibraryFileError, openLibrary, type Db } from '../library/db.js';
import { RunsRepository } from '../library/runs.js';
import { JobFolderError, shardLibrary, shardManifest, taskShare, type JobPlan } from './job-folder.js';
import { readManifest } from './manifest.js';

export interface ShardProgress {
  task: number;
  /** Points of the task. */
  total: number;
  /** Runs its manifest lists as finished. */
  done: number;
}

/** A checked run with its place in the sweep. */
export type CollectedRun = ImportedRun & { sweepId: string; sweepPoint: Record<string, unknown> };

/** Each task's progress from its manifest alone (nothing opened): what `limitlab jobs` shows. */
export function shardProgress(dir: string, plan: JobPlan): ShardProgress[] {
  return Array.from({ length: plan.tasks }, (_, task) => {
    const total = taskShare(plan, task).length;
    const manifest = readManifest(shardManifest(dir, task));
    return { task, total, done: manifest ? Object.keys(manifest.checksums).length : 0 };
  });
}

async function openShard(path: string, where: string): Promise<Db> {
  if (!existsSync(path)) throw new JobFolderError(`${where}: its shard ${showPath(path)} is missing though its manifest lists finished runs`);
  try {
    const db = await openLibrary(path, { createFolder: false });
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') {
      db.close();
      throw new JobFolderError(`${where}: its shard ${showPath(path)} is damaged (SQLite: ${String(check).slice(0, 200)})`);
    }
    return db;
  } catch (error) {
    if (error instanceof JobFolderError) throw error;
    const message = error instanceof LibraryFileError ? error.message : `cannot read its shard ${showPath(path)}: ${(error as Error).message}`;
    throw new JobFolderError(`${where}: ${message}`);
  }
}

/** The finished runs of one task, checked. */
async function readTask(dir: string, plan: JobPlan, task: number, hashOf: (canonical: string) => string): Promise<CollectedRun[]> {
  const manifest = readManifest(shardManifest(dir, task));
  const ids = manifest ? Object.keys(manifest.checksums) : [];
  if (!manifest || !ids.length) return [];
  const where = `task ${task}`;
  if (manifest.sweepId !== plan.sweep.id || manifest.task !== task) throw new JobFolderError(`${where}: its manifest belongs to another job (sweep ${manifest.sweepId}, task ${manifest.task})`);
  const planned = new Map(taskShare(plan, task).map((p) => [p.runId, p]));
  const db = await openShard(shardLibrary(dir, task), where);
  try {
    const runs = new RunsRepository(db);
    return ids.map((id) => {
      const point = planned.get(id);
      if (!point) throw new JobFolderError(`${where}: run ${id} is not one of the task's points`);
      const detail = runs.detail(id);
      if (!detail || detail.status !== 'done') throw new JobFolderError(`${where}: run ${id} is listed as finished but its shard has it ${detail ? detail.status : 'missing'}`);
      const same =
        detail.kind === plan.sweep.kind && detail.seed === point.seed && detail.replicas === point.replicas &&
        canonicalJson(detail.params) === canonicalJson(point.params);
      if (!same) throw new JobFolderError(`${where}: run ${id} in its shard does not match its planned point (${point.name})`);
      const recorded = manifest.checksums[id] as BundleRun['checksum'] | undefined;
      // Trained models travel when the task's checksum covers them (manifests written before it did: the run without them).
      const carried = recorded?.artifacts === undefined ? [] : runs.artifactsToCarry(detail);
      // The run as a bundle of its own, carrying the checksum the task recorded when it finished it.
      const doc = decodeApiJson<{ runs: { checksum: unknown }[] }>(exportBundle([detail], APP_VERSION, undefined, () => carried));
      doc.runs[0]!.checksum = recorded;
      let checked: ImportedRun;
      try {
        checked = parseBundle(encodeApiJson(doc), hashOf)[0]!;
      } catch (error) {
        if (error instanceof BundleError) throw new JobFolderError(`${where} (shard ${showPath(shardLibrary(dir, task))}): ${error.message.replace('since it was exported', 'since the task finished it')}`);
        throw error;
      }
      return { ...checked, sweepId: plan.sweep.id, sweepPoint: point.point };
    });
  } finally {
    db.close();
  }
}

/**
 * Every finished run of every task, checked; throws on the first problem, so nothing is imported
 * from a bad folder. Tasks in `skip` (still running: their shard is being written, perhaps from
 * another machine over a network file system) are left for a later collect.
 */
export async function readShards(dir: string, plan: JobPlan, hashOf: (canonical: string) => string, skip: ReadonlySet<number> = new Set()): Promise<CollectedRun[]> {
  const all: CollectedRun[] = [];
  for (let task = 0; task < plan.tasks; task++) if (!skip.has(task)) all.push(...(await readTask(dir, plan, task, hashOf)));
  return all;
}
