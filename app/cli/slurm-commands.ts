/**
 * The Slurm side of the command: `sweep … --slurm DIR` (write a job folder and submit it),
 * `sweep-task DIR --task I` (what each array task runs), `jobs [DIR]` and `collect DIR`
 * (app/engine/slurm/). A job folder's problems and Slurm's refusals are bad input: one line,
 * exit 2, nothing written to the library.
 */
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import type { SlurmCollectReport, SweepSpec } from '../api.js';
import { ApiError } from '../api.js';
import type { ModelKind } from '../../core/models/model-kind.js';
import { createEngine, type Engine } from '../engine/index.js';
import { newRunId, paramsHash, randomSeed } from '../engine/service.js';
import {
  checkSlurmOptions, discardJobFolder, execRunner, parseLimitlabJobs, findOnPath, JobFolderError, jobFolderStatus, needsResubmit, PlanError,
  readShards, recordSubmission, requireSbatch, runningTasks, runTask, shardLibrary, SlurmCommandError, SlurmOptionError,
  submitJob, writeSweepFolder, type CliCommand, type SlurmOptions, type TaskState,
} from '../engine/slurm/index.js';
import { flag, intFlag, parseArgs, UsageError, type FlagSpec, type ParsedArgs } from './args.js';
import { guardInterrupts } from './signals.js';

interface Io {
  out(text: string): void;
  err(text: string): void;
}

/** The options `sweep` takes for a cluster. */
export const SLURM_SWEEP_FLAGS: Record<string, FlagSpec> = {
  slurm: { value: true },
  partition: { value: true },
  time: { value: true },
  'cpus-per-task': { value: true },
  mem: { value: true },
  'array-max': { value: true },
  tasks: { value: true },
  account: { value: true },
  'dry-run': { value: false },
};

/** Any Slurm-only option given without --slurm is a mistake worth naming. */
export function checkSlurmFlagsAlone(parsed: ParsedArgs): void {
  if (parsed.flags.has('slurm')) return;
  const stray = Object.keys(SLURM_SWEEP_FLAGS).find((k) => k !== 'slurm' && parsed.flags.has(k));
  if (stray) throw new UsageError(`--${stray} needs --slurm DIR (the job folder to write)`);
}

/** Job-folder and Slurm errors as bad input (exit 2, one line). */
async function asUsage<T>(fn: () => T | Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof JobFolderError || error instanceof SlurmCommandError || error instanceof SlurmOptionError || error instanceof PlanError) {
      throw new UsageError(error.message);
    }
    if (error instanceof ApiError && error.code === 'bad_request') throw new UsageError(error.message);
    throw error;
  }
}

function slurmOptions(parsed: ParsedArgs): SlurmOptions {
  const options: Record<string, unknown> = {};
  const text = (name: string, key: keyof SlurmOptions) => {
    const v = flag(parsed, name);
    if (v !== undefined) options[key] = v;
  };
  text('partition', 'partition');
  text('account', 'account');
  text('time', 'time');
  text('mem', 'mem');
  const cpus = intFlag(parsed, 'cpus-per-task', 1, 1024);
  const arrayMax = intFlag(parsed, 'array-max', 1, 1000);
  const tasks = intFlag(parsed, 'tasks', 1, 1000);
  if (cpus !== undefined) options['cpusPerTask'] = cpus;
  if (arrayMax !== undefined) options['arrayMax'] = arrayMax;
  if (tasks !== undefined) options['tasks'] = tasks;
  try {
    return checkSlurmOptions(options);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** This Limitlab as the nodes may run it: Node and the bin script, when run through the bin. */
function thisCommand(): CliCommand | undefined {
  const script = process.argv[1];
  if (!script || !/limitlab(\.js)?$/.test(script)) return undefined;
  try {
    return { node: process.execPath, cli: realpathSync(script) };
  } catch {
    return undefined;
  }
}

/** `sweep KIND … --slurm DIR`: the sweep (already checked) written as a job folder and submitted. */
export async function sweepToSlurm(kind: ModelKind<unknown>, spec: SweepSpec, parsed: ParsedArgs, io: Io): Promise<number> {
  const dir = flag(parsed, 'slurm')!;
  if (!dir.trim()) throw new UsageError('--slurm needs the path of a job folder');
  const options = slurmOptions(parsed);
  const dryRun = parsed.flags.has('dry-run');
  const json = parsed.flags.has('json');
  return asUsage(async () => {
    // Before anything is written: no sbatch, no job folder.
    const sbatch = dryRun ? null : requireSbatch();
    const folder = writeSweepFolder(resolve(dir), kind, spec, options, { newId: newRunId, hash: paramsHash, seed: randomSeed }, thisCommand());
    let jobId: string | null = null;
    if (sbatch) {
      try {
        jobId = await submitJob(folder.dir, { sbatch });
      } catch (error) {
        discardJobFolder(folder);
        throw error;
      }
      recordSubmission(folder.dir, { jobId, tasks: Array.from({ length: folder.tasks }, (_, i) => i), at: new Date().toISOString() });
    }
    const { created: _created, ...written } = folder;
    if (json) io.out(JSON.stringify({ ...written, jobId, submitted: jobId !== null }) + '\n');
    else {
      io.err(`job folder ${folder.dir}: sweep ${folder.sweepId}, ${folder.points} points in ${folder.tasks} array task${folder.tasks === 1 ? '' : 's'}\n`);
      if (jobId) io.out(`submitted job ${jobId}\n`);
      else {
        io.out(folder.script);
        io.err(`not submitted (--dry-run); on the cluster: cd ${folder.dir} && sbatch job.sbatch, then limitlab collect ${folder.dir}\n`);
      }
    }
    return 0;
  });
}

/** `sweep-task DIR [--task I]`: what array task I runs (I from SLURM_ARRAY_TASK_ID when not given). */
export async function cmdSweepTask(argv: string[], io: Io): Promise<number> {
  const parsed = parseArgs(argv, { task: { value: true }, threads: { value: true } });
  const [dir, ...extra] = parsed.positional;
  if (!dir || extra.length) throw new UsageError('sweep-task needs exactly one job folder');
  const given = flag(parsed, 'task') ?? process.env['SLURM_ARRAY_TASK_ID'];
  if (given === undefined) throw new UsageError('sweep-task needs --task I (or SLURM_ARRAY_TASK_ID)');
  if (!/^\d{1,4}$/.test(given)) throw new UsageError(`--task = ${JSON.stringify(given.slice(0, 40))} is not allowed: expected an array task index`);
  const task = Number(given);
  const threads = intFlag(parsed, 'threads', 1, 1024) ?? (Number(process.env['SLURM_CPUS_PER_TASK']) || 1);
  const folder = resolve(dir);
  return asUsage(async () => {
    let guard: ReturnType<typeof guardInterrupts> | null = null;
    let cancelRequested = false;
    let cancelRuns: (() => void) | null = null;
    guard = guardInterrupts(() => {
      cancelRequested = true;
      cancelRuns?.();
    }, (line) => io.err(line));
    try {
      const outcome = await runTask({
        dir: folder,
        task,
        shardPath: shardLibrary(folder, task),
        open: (path) => createEngine({ dbPath: path, threads, createFolder: false }),
        log: (line) => io.err(line),
        started: (cancel) => {
          cancelRuns = cancel;
          if (cancelRequested) cancel();
        },
      });
      io.err(`task ${task}: ${outcome.done}/${outcome.total} points done\n`);
      for (const f of outcome.failed) io.err(`  ${f.runId} ${f.status}${f.error ? `: ${f.error}` : ''}\n`);
      return outcome.done === outcome.total ? 0 : 1;
    } finally {
      guard.release();
    }
  });
}

const STATE_ORDER = ['done', 'running', 'pending', 'failed', 'missing', 'unfinished', 'not submitted'] as const;

function printTasks(tasks: readonly TaskState[], io: Io): void {
  io.out(`task  state          points  slurm job   slurm state  node\n`);
  for (const t of tasks) {
    io.out(
      `${String(t.task).padEnd(5)} ${t.state.padEnd(14)} ${`${t.done}/${t.total}`.padEnd(7)} ${(t.job ?? '').padEnd(11)} ${(t.slurmState ?? '').padEnd(12)} ${t.node ?? ''}${t.detail ? `  (${t.detail})` : ''}\n`,
    );
  }
  const counts = STATE_ORDER.map((s) => [s, tasks.filter((t) => t.state === s).length] as const).filter(([, n]) => n > 0);
  io.err(counts.map(([s, n]) => `${n} ${s}`).join(', ') + '\n');
}

/** `jobs [DIR]`: a job folder's tasks, or without DIR the user's Limitlab jobs in the queue. */
export async function cmdJobs(argv: string[], io: Io): Promise<number> {
  const parsed = parseArgs(argv, { json: { value: false } });
  const [dir, ...extra] = parsed.positional;
  if (extra.length) throw new UsageError('jobs takes at most one job folder');
  const json = parsed.flags.has('json');
  return asUsage(async () => {
    if (dir === undefined) {
      const squeue = findOnPath('squeue');
      if (!squeue) throw new SlurmCommandError('squeue was not found on PATH: run "limitlab jobs" on a Slurm login node, or give a job folder');
      const r = await execRunner(squeue, ['--me', '--array', '--noheader', '--format=%i|%j|%T|%Z'], {});
      if (r.code !== 0) throw new SlurmCommandError(`squeue: ${r.stderr.trim().split('\n')[0] ?? 'failed'}`);
      const jobs = parseLimitlabJobs(r.stdout);
      if (json) io.out(JSON.stringify({ jobs }) + '\n');
      else if (!jobs.length) io.err('no Limitlab jobs in the queue\n');
      else for (const j of jobs) io.out(`${j.id.padEnd(14)} ${j.state.padEnd(11)} sweep ${j.sweepId}  ${j.dir}\n`);
      return 0;
    }
    const folder = resolve(dir);
    const status = await jobFolderStatus(folder);
    if (json) {
      io.out(JSON.stringify({ dir: folder, sweepId: status.plan.sweep.id, points: status.plan.points.length, jobs: status.submissions.map((s) => s.jobId), tasks: status.tasks, notes: status.notes }) + '\n');
      return 0;
    }
    const done = status.tasks.reduce((n, t) => n + t.done, 0);
    io.err(`job folder ${folder}: sweep ${status.plan.sweep.id} (${status.plan.sweep.kind}), ${done}/${status.plan.points.length} points done${status.submissions.length ? `, job ${status.submissions.map((s) => s.jobId).join(', ')}` : ', not submitted'}\n`);
    for (const note of status.notes) io.err(`note: ${note}\n`);
    printTasks(status.tasks, io);
    return 0;
  });
}

/** `collect DIR [--resubmit-failed]`: the folder's finished runs into the library, failed or missing tasks listed (and resubmitted). */
export async function cmdCollect(
  argv: string[],
  io: Io,
  withLibrary: (parsed: ParsedArgs, fn: (engine: Engine) => Promise<number>) => Promise<number>,
  flagsOfLibrary: Record<string, FlagSpec>,
): Promise<number> {
  const parsed = parseArgs(argv, { ...flagsOfLibrary, json: { value: false }, 'resubmit-failed': { value: false } });
  const [dir, ...extra] = parsed.positional;
  if (!dir || extra.length) throw new UsageError('collect needs exactly one job folder');
  const folder = resolve(dir);
  const resubmit = parsed.flags.has('resubmit-failed');
  return asUsage(async () => {
    // The folder is read and Slurm found before the library is opened: bad input writes nothing.
    const status = await jobFolderStatus(folder);
    const plan = status.plan;
    await readShards(folder, plan, paramsHash, runningTasks(status.tasks));
    const sbatch = resubmit ? requireSbatch() : null;
    return withLibrary(parsed, async (engine) => {
      let report: SlurmCollectReport;
      try {
        report = await engine.call('slurm:collect', { dir: folder });
      } catch (error) {
        if (error instanceof ApiError && error.code === 'bad_request') throw new UsageError(error.message);
        throw error;
      }
      const again = report.tasks.filter(needsResubmit).map((t) => t.task);
      let jobId: string | null = null;
      if (sbatch && again.length) {
        jobId = await submitJob(folder, { tasks: again, sbatch, ...(plan.slurm.arrayMax !== undefined ? { arrayMax: plan.slurm.arrayMax } : {}) });
        recordSubmission(folder, { jobId, tasks: again, at: new Date().toISOString() });
      }
      if (parsed.flags.has('json')) io.out(JSON.stringify({ ...report, resubmitted: jobId ? { jobId, tasks: again } : null }) + '\n');
      else {
        io.err(`collected sweep ${report.sweepId}: imported ${report.imported.length} run(s)${report.skipped.length ? `, skipped ${report.skipped.length} already in the library` : ''}; ${report.tasks.reduce((n, t) => n + t.done, 0)}/${report.points} points done\n`);
        for (const note of report.notes) io.err(`note: ${note}\n`);
        for (const t of report.tasks.filter((t) => t.state !== 'done')) {
          io.out(`task ${t.task} ${t.state}: ${t.done}/${t.total} points${t.job ? `, job ${t.job}` : ''}${t.slurmState ? ` ${t.slurmState}` : ''}${t.detail ? ` (${t.detail})` : ''}\n`);
        }
        if (jobId) io.err(`resubmitted task${again.length === 1 ? '' : 's'} ${again.join(', ')} as job ${jobId}\n`);
        else if (again.length) io.err(`${again.length} task(s) failed or missing: limitlab collect ${folder} --resubmit-failed submits them again\n`);
      }
      return again.length && !jobId ? 1 : 0;
    });
  });
}
