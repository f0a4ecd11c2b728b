/**
 * The job folder: everything a Slurm array job needs, so a task reads nothing but the folder.
 *
 *   sweep.json        the resolved sweep: its id, kind and specification, and every point with its
 *                     run id, full parameters (defaults applied), seed and replicas; the task count
 *   job.sbatch        the array job's script (sbatch-script.ts)
 *   submissions.json  every submission: Slurm job id, the tasks it ran, when
 *   shards/           task-<i>.sqlite, task i's own library (the normal library format), and
 *                     task-<i>.json, the checksums of the runs it finished
 *   logs/             the tasks' standard output and error
 *
 * Task i runs a contiguous share of the points (taskShare). Each task writes only its own shard,
 * so no two processes ever write one SQLite file (unsafe on network file systems).
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { slurmOptionsSchema, sweepSpecSchema, type SweepSpec } from '../../api.js';
import { findReservedKey } from '../../../core/models/param-paths.js';
import { fileErrorReason, showPath } from '../file-checks.js';

export const JOB_FORMAT = 'limitlab-slurm-job';
export const JOB_VERSION = 1;
export const JOB_FILE = 'sweep.json';
export const SCRIPT_FILE = 'job.sbatch';
export const SUBMISSIONS_FILE = 'submissions.json';
export const SHARDS_DIR = 'shards';
export const LOGS_DIR = 'logs';

const runId = z.string().regex(/^[0-9a-z-]{8,64}$/, 'a run id');

const pointSchema = z.object({
  index: z.number().int().min(0),
  runId,
  name: z.string().max(200),
  /** The full parameters, defaults and preset applied (what the run stores). */
  params: z.record(z.string(), z.unknown()),
  paramsHash: z.string().regex(/^[0-9a-f]{16}$/),
  seed: z.number().int().min(0).max(2 ** 32 - 1),
  replicas: z.number().int().min(1).max(1024),
  /** The run's place in the sweep (axis values, and the seed of a seeds sweep). */
  point: z.record(z.string(), z.unknown()),
});

export const jobPlanSchema = z.object({
  format: z.literal(JOB_FORMAT),
  version: z.literal(JOB_VERSION),
  appVersion: z.string().max(50),
  createdAt: z.string().max(40),
  sweep: z.object({ id: runId, kind: z.string().max(64), name: z.string().max(200), spec: sweepSpecSchema }),
  tasks: z.number().int().min(1).max(1000),
  slurm: slurmOptionsSchema,
  points: z.array(pointSchema).min(1).max(10_000),
});

export type JobPlan = z.infer<typeof jobPlanSchema>;
export type PlannedPoint = z.infer<typeof pointSchema>;

const submissionsSchema = z.object({
  submissions: z.array(z.object({ jobId: z.string().regex(/^\d+$/), tasks: z.array(z.number().int().min(0)), at: z.string().max(40) })),
});
export type Submission = z.infer<typeof submissionsSchema>['submissions'][number];

export class JobFolderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JobFolderError';
  }
}

/** The points of task `index`: a contiguous share, sizes differing by at most one. */
export function taskShare(plan: Pick<JobPlan, 'points' | 'tasks'>, index: number): PlannedPoint[] {
  const n = plan.points.length;
  const start = Math.floor((index * n) / plan.tasks);
  const end = Math.floor(((index + 1) * n) / plan.tasks);
  return plan.points.slice(start, end);
}

export const shardLibrary = (dir: string, task: number) => join(dir, SHARDS_DIR, `task-${task}.sqlite`);
export const shardManifest = (dir: string, task: number) => join(dir, SHARDS_DIR, `task-${task}.json`);

/** Writes a file whole or not at all (a temporary file renamed into place). */
export function writeFileAtomic(path: string, text: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}

/** Creates the folder's layout and writes the plan and the script; the folder must hold no job yet. */
export function writeJobFolder(dir: string, plan: JobPlan, script: string): void {
  if (existsSync(join(dir, JOB_FILE))) throw new JobFolderError(`${showPath(dir)} already holds a job folder (${JOB_FILE}); choose another folder`);
  try {
    mkdirSync(join(dir, SHARDS_DIR), { recursive: true });
    mkdirSync(join(dir, LOGS_DIR), { recursive: true });
    writeFileAtomic(join(dir, SCRIPT_FILE), script);
    writeFileAtomic(join(dir, SUBMISSIONS_FILE), JSON.stringify({ submissions: [] }, null, 1) + '\n');
    // The plan last: a folder with sweep.json is complete.
    writeFileAtomic(join(dir, JOB_FILE), JSON.stringify(plan, null, 1) + '\n');
  } catch (error) {
    throw new JobFolderError(`cannot write the job folder ${showPath(dir)}: ${fileErrorReason(error)}`);
  }
}

function readJson(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new JobFolderError(code === 'ENOENT' ? `${showPath(path)} is missing: not a Limitlab job folder` : `cannot read ${showPath(path)}: ${fileErrorReason(error)}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new JobFolderError(`${showPath(path)} is not valid JSON: the ${what} is damaged`);
  }
  const reserved = findReservedKey(raw);
  if (reserved !== null) throw new JobFolderError(`${showPath(path)} is malformed at ${reserved}: a reserved name`);
  return raw;
}

/** Reads and checks a job folder's plan. */
export function readJobPlan(dir: string): JobPlan {
  const path = join(dir, JOB_FILE);
  const parsed = jobPlanSchema.safeParse(readJson(path, 'sweep plan'));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new JobFolderError(`${showPath(path)} is malformed at ${issue.path.join('.') || '(top)'}: ${issue.message}`);
  }
  const plan = parsed.data;
  plan.points.forEach((p, i) => {
    if (p.index !== i) throw new JobFolderError(`${showPath(path)}: point ${i} has index ${p.index}`);
  });
  if (plan.tasks > plan.points.length) throw new JobFolderError(`${showPath(path)}: ${plan.tasks} tasks for ${plan.points.length} points`);
  return plan;
}

export function readSubmissions(dir: string): Submission[] {
  const path = join(dir, SUBMISSIONS_FILE);
  if (!existsSync(path)) return [];
  const parsed = submissionsSchema.safeParse(readJson(path, 'submission log'));
  if (!parsed.success) throw new JobFolderError(`${showPath(path)} is malformed: ${parsed.error.issues[0]!.message}`);
  return parsed.data.submissions;
}

export function recordSubmission(dir: string, submission: Submission): void {
  const all = [...readSubmissions(dir), submission];
  writeFileAtomic(join(dir, SUBMISSIONS_FILE), JSON.stringify({ submissions: all }, null, 1) + '\n');
}

/** The Slurm job that last ran each task (a resubmission replaces the first), or undefined. */
export function latestJobOfTask(submissions: readonly Submission[], task: number): string | undefined {
  for (let i = submissions.length - 1; i >= 0; i--) if (submissions[i]!.tasks.includes(task)) return submissions[i]!.jobId;
  return undefined;
}

export type { SweepSpec };
