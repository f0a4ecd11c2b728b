/**
 * Writing a job folder for a sweep (plan.ts, sbatch-script.ts, job-folder.ts): the folder is
 * checked first (a folder that already holds a job, a file in its place, no permission to write),
 * and a folder this call created is removed again by `discardJobFolder` (a submission refused).
 */
import { constants, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { SlurmExportResult, SweepSpec } from '../../api.js';
import type { ModelKind } from '../../../core/models/model-kind.js';
import { canAccess, fileAncestor, fileErrorReason, showPath } from '../file-checks.js';
import { JOB_FILE, JobFolderError, LOGS_DIR, SCRIPT_FILE, SHARDS_DIR, SUBMISSIONS_FILE, writeJobFolder } from './job-folder.js';
import type { SlurmOptions } from './options.js';
import { planSweep, type PlanIds } from './plan.js';
import { sbatchScript, type CliCommand } from './sbatch-script.js';

export interface WrittenFolder extends SlurmExportResult {
  /** The folder did not exist before: discarding removes it whole. */
  created: boolean;
}

/** Why a job folder cannot be written at `dir`, or null (nothing is created). */
export function whyNotJobFolder(dir: string): string | null {
  let stat;
  try {
    stat = statSync(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR') return `${showPath(fileAncestor(dir))} is a file, not a folder`;
    if (code !== 'ENOENT') return fileErrorReason(error);
    // A new folder: its nearest existing ancestor must be a writable folder.
    let parent = dirname(dir);
    while (!existsSync(parent) && parent !== dirname(parent)) parent = dirname(parent);
    try {
      if (!statSync(parent).isDirectory()) return `${showPath(parent)} is a file, not a folder`;
    } catch (e) {
      return fileErrorReason(e);
    }
    return canAccess(parent, constants.W_OK | constants.X_OK) ? null : `the folder ${showPath(parent)} is not writable`;
  }
  if (!stat.isDirectory()) return 'it is a file, not a folder';
  if (existsSync(join(dir, JOB_FILE))) return `it already holds a job folder (${JOB_FILE}); choose another folder`;
  // Nothing in the folder is replaced.
  const taken = [SCRIPT_FILE, SUBMISSIONS_FILE, SHARDS_DIR, LOGS_DIR].find((name) => existsSync(join(dir, name)));
  if (taken) return `it already holds ${taken}; choose an empty or new folder`;
  return canAccess(dir, constants.W_OK | constants.X_OK) ? null : 'the folder is not writable';
}

export function writeSweepFolder(
  dir: string,
  kind: ModelKind<unknown>,
  spec: SweepSpec,
  slurm: SlurmOptions,
  ids: PlanIds,
  command?: CliCommand,
): WrittenFolder {
  const full = resolve(dir);
  const problem = whyNotJobFolder(full);
  if (problem) throw new JobFolderError(`cannot write the job folder ${showPath(full)}: ${problem}`);
  const plan = planSweep(kind, spec, slurm, ids);
  const script = sbatchScript(plan, command);
  const created = !existsSync(full);
  try {
    // Node's recursive mkdir can spin on special file systems (/proc): only missing ancestors need it.
    if (created) mkdirSync(full, { recursive: !existsSync(dirname(full)) });
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no folder can be created there' : fileErrorReason(error);
    throw new JobFolderError(`cannot write the job folder ${showPath(full)}: ${reason}`);
  }
  try {
    writeJobFolder(full, plan, script);
  } catch (error) {
    discardJobFolder({ dir: full, created });
    throw error;
  }
  return { dir: full, sweepId: plan.sweep.id, points: plan.points.length, tasks: plan.tasks, script, created };
}

/** Removes what writeSweepFolder wrote (the whole folder if it created it). */
export function discardJobFolder(folder: { dir: string; created: boolean }): void {
  if (folder.created) {
    rmSync(folder.dir, { recursive: true, force: true });
    return;
  }
  for (const name of [JOB_FILE, SCRIPT_FILE, SUBMISSIONS_FILE]) rmSync(join(folder.dir, name), { force: true });
  for (const sub of [SHARDS_DIR, LOGS_DIR]) {
    const path = join(folder.dir, sub);
    if (existsSync(path) && readdirSync(path).length === 0) rmSync(path, { recursive: true, force: true });
  }
}
