/**
 * Calling Slurm: sbatch to submit, squeue and sacct to ask about tasks. Every command is run with
 * an argument array (execFile, never a shell). A missing command or a refusal becomes a
 * SlurmCommandError with one line naming what Slurm said.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { SCRIPT_FILE } from './job-folder.js';
import { arraySpec } from './sbatch-script.js';
import { parseSacct, parseSqueue, type TaskRecord } from './queue.js';

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a program with arguments (no shell); resolves whatever its exit status. */
export type Runner = (file: string, args: readonly string[], options: { cwd?: string }) => Promise<CommandResult>;

export class SlurmCommandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SlurmCommandError';
  }
}

const TIMEOUT_MS = 60_000;

export const execRunner: Runner = (file, args, options) =>
  new Promise((resolve) => {
    execFile(file, [...args], { cwd: options.cwd, timeout: TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
      const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? ((error as { code: number }).code) : 127) : 0;
      resolve({ code, stdout: String(stdout ?? ''), stderr: String(stderr ?? (error ? error.message : '')) });
    });
  });

/** The full path of a program on PATH, or null. */
export function findOnPath(program: string, path = process.env['PATH'] ?? ''): string | null {
  for (const folder of path.split(delimiter)) {
    if (!folder) continue;
    const candidate = join(folder, program);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

/** What Slurm said, as one line: its error lines without the program prefix. */
export function slurmMessage(stderr: string): string {
  const lines = stderr.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const errors = lines.filter((l) => /error/i.test(l)).map((l) => l.replace(/^\w+:\s*error:\s*/i, ''));
  const chosen = errors.length ? errors[0]! : (lines[0] ?? 'no message');
  return chosen.length > 300 ? `${chosen.slice(0, 299)}…` : chosen;
}

/** The sbatch to use: on PATH, else a SlurmCommandError saying so. */
export function requireSbatch(path?: string): string {
  const found = findOnPath('sbatch', path);
  if (!found) throw new SlurmCommandError('sbatch was not found on PATH: submit from a Slurm login node (or write the folder with --dry-run and submit it there)');
  return found;
}

/**
 * Submits the folder's script (every task, or only `tasks`) from the folder, so the job runs there;
 * returns the job id. `--array` on the command line replaces the script's for a resubmission.
 */
export async function submitJob(dir: string, options: { tasks?: readonly number[]; arrayMax?: number; runner?: Runner; sbatch?: string }): Promise<string> {
  const sbatch = options.sbatch ?? requireSbatch();
  const args = ['--parsable', `--chdir=${dir}`];
  if (options.tasks) args.push(`--array=${arraySpec(options.tasks, options.arrayMax)}`);
  args.push(join(dir, SCRIPT_FILE));
  const result = await (options.runner ?? execRunner)(sbatch, args, { cwd: dir });
  if (result.code !== 0) throw new SlurmCommandError(`sbatch refused the job: ${slurmMessage(result.stderr)}`);
  const jobId = /^(\d+)/.exec(result.stdout.trim())?.[1];
  if (!jobId) throw new SlurmCommandError(`sbatch answered without a job id: ${result.stdout.trim().slice(0, 200) || slurmMessage(result.stderr)}`);
  return jobId;
}

/**
 * What Slurm knows of the tasks of these jobs: squeue (live and recently ended tasks) over sacct
 * (the accounting record, where it is kept). Either command may be missing or refuse (no
 * accounting storage); what could be learnt is returned, with notes on what could not.
 */
export async function queryTasks(
  jobIds: readonly string[],
  runner: Runner = execRunner,
  path?: string,
): Promise<{ tasks: Map<string, TaskRecord>; notes: string[]; asked: boolean }> {
  const tasks = new Map<string, TaskRecord>();
  const notes: string[] = [];
  let asked = false;
  if (!jobIds.length) return { tasks, notes, asked: true };
  const sacct = findOnPath('sacct', path);
  if (sacct) {
    const r = await runner(sacct, ['--noheader', '--parsable2', `--jobs=${jobIds.join(',')}`, '--format=JobID,State,ExitCode,NodeList'], {});
    if (r.code === 0) {
      asked = true;
      for (const [k, v] of parseSacct(r.stdout)) tasks.set(k, v);
    } else notes.push(`sacct: ${slurmMessage(r.stderr || r.stdout)}`);
  }
  const squeue = findOnPath('squeue', path);
  if (squeue) {
    // Every job of the user, filtered here: asking for a job squeue has forgotten is an error.
    const r = await runner(squeue, ['--me', '--array', '--states=all', '--noheader', '--format=%i|%T|%N|%r'], {});
    if (r.code === 0) {
      asked = true;
      const wanted = new Set(jobIds);
      for (const [k, v] of parseSqueue(r.stdout)) if (wanted.has(v.jobId)) tasks.set(k, v);
    } else notes.push(`squeue: ${slurmMessage(r.stderr || r.stdout)}`);
  }
  if (!sacct && !squeue) notes.push('squeue and sacct are not on PATH: task states come from the shards alone');
  return { tasks, notes, asked };
}
