/**
 * Reading Slurm's answers about array tasks:
 *
 *   squeue --me --array --states=all --noheader --format=%i|%T|%N|%r
 *     4_2|PENDING||JobArrayTaskLimit       one line per task; tasks not yet split off may appear
 *     4_[3-5%1]|PENDING||JobArrayTaskLimit  as one line with a bracketed list
 *     4_0|COMPLETED|node12|None
 *   sacct --noheader --parsable2 --jobs=4 --format=JobID,State,ExitCode,NodeList
 *     4_0|COMPLETED|0:0|node12
 *     4_0.batch|COMPLETED|0:0|node12       steps (with a dot) are skipped
 *     4_1|CANCELLED by 1000|0:15|node12
 *
 * Each parser returns the tasks it found, keyed `job_task`.
 */

export interface TaskRecord {
  jobId: string;
  task: number;
  /** Slurm's state word: PENDING, RUNNING, COMPLETED, FAILED, CANCELLED, TIMEOUT, OUT_OF_MEMORY, … */
  state: string;
  node: string;
  /** squeue's reason (pending) or sacct's exit code. */
  detail: string;
}

export const taskKey = (jobId: string, task: number) => `${jobId}_${task}`;

/** Indices of a bracketed array list such as `2-5%1` or `1,3,7-8`; null when malformed. */
export function expandArrayList(list: string): number[] | null {
  const body = list.replace(/%\d+$/, '');
  const out: number[] = [];
  for (const part of body.split(',')) {
    const m = /^(\d+)(?:-(\d+))?(?::(\d+))?$/.exec(part.trim());
    if (!m) return null;
    const from = Number(m[1]);
    const to = m[2] !== undefined ? Number(m[2]) : from;
    const step = m[3] !== undefined ? Number(m[3]) : 1;
    if (to < from || step < 1 || to - from > 100_000) return null;
    for (let i = from; i <= to; i += step) out.push(i);
  }
  return out;
}

/** `4_2` → job 4, tasks [2]; `4_[2-3]` → job 4, tasks [2, 3]; a plain id or a step → null. */
export function parseArrayJobId(id: string): { jobId: string; tasks: number[] } | null {
  const m = /^(\d+)_(\d+|\[([^\]]+)\])$/.exec(id.trim());
  if (!m) return null;
  if (m[3] === undefined) return { jobId: m[1]!, tasks: [Number(m[2])] };
  const tasks = expandArrayList(m[3]);
  return tasks ? { jobId: m[1]!, tasks } : null;
}

function parseLines(text: string, fields: (cols: string[]) => { id: string; state: string; node: string; detail: string } | null): Map<string, TaskRecord> {
  const records = new Map<string, TaskRecord>();
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim()) continue;
    const row = fields(line.split('|'));
    if (!row) continue;
    const id = parseArrayJobId(row.id);
    if (!id) continue;
    for (const task of id.tasks) records.set(taskKey(id.jobId, task), { jobId: id.jobId, task, state: row.state, node: row.node, detail: row.detail });
  }
  return records;
}

/** Slurm writes "None assigned" or "(null)" for a task without a node. */
const nodeOf = (text: string | undefined) => (!text || text === 'None assigned' || text === '(null)' ? '' : text.trim());

/** squeue --format=%i|%T|%N|%r */
export function parseSqueue(text: string): Map<string, TaskRecord> {
  return parseLines(text, (c) => (c.length < 4 ? null : { id: c[0]!, state: c[1]!.trim(), node: nodeOf(c[2]), detail: c[3]!.trim() }));
}

/** sacct --parsable2 --format=JobID,State,ExitCode,NodeList; "CANCELLED by 1000" becomes CANCELLED. */
export function parseSacct(text: string): Map<string, TaskRecord> {
  return parseLines(text, (c) => {
    if (c.length < 4 || c[0]!.includes('.')) return null;
    return { id: c[0]!, state: c[1]!.trim().split(/\s+/)[0]!.replace(/\+$/, ''), node: nodeOf(c[3]), detail: c[2]!.trim() };
  });
}

/** Slurm states of a task that is still to run or running. */
export const LIVE_STATES = new Set(['PENDING', 'CONFIGURING', 'RUNNING', 'COMPLETING', 'REQUEUED', 'RESIZING', 'SUSPENDED', 'STAGE_OUT', 'SIGNALING', 'REQUEUE_HOLD', 'REQUEUE_FED']);

export interface QueuedJob {
  /** The job (and task) id as squeue prints it. */
  id: string;
  sweepId: string;
  state: string;
  /** The job's working folder: its job folder. */
  dir: string;
}

/** `squeue --me --array --noheader --format=%i|%j|%T|%Z`: the Limitlab jobs (named limitlab-SWEEP). */
export function parseLimitlabJobs(text: string): QueuedJob[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.split('|'))
    .filter((c) => c.length >= 4 && c[1]!.startsWith('limitlab-'))
    .map((c) => ({ id: c[0]!.trim(), sweepId: c[1]!.slice('limitlab-'.length), state: c[2]!.trim(), dir: c.slice(3).join('|').trim() }));
}
