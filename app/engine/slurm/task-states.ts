/**
 * Each array task's state, from what Slurm says of its latest submission (queue.ts) and how many of
 * its points its shard has finished:
 *
 *   done           every point finished (and the task no longer on a node)
 *   pending        queued; running: on a node
 *   failed         Slurm says it ended (FAILED, CANCELLED, TIMEOUT, …, or COMPLETED) with points unfinished
 *   missing        submitted, unfinished, and Slurm has no record of it (cancelled while pending,
 *                  or forgotten since)
 *   not submitted  never submitted (a folder written with --dry-run or by the app)
 *   unfinished     points unfinished and Slurm could not be asked (no squeue or sacct here)
 *
 * Failed and missing tasks are the ones `collect --resubmit-failed` submits again.
 */
import type { SlurmTaskState } from '../../api.js';
import { latestJobOfTask, type Submission } from './job-folder.js';
import { LIVE_STATES, taskKey, type TaskRecord } from './queue.js';
import type { ShardProgress } from './shards.js';

export type TaskState = SlurmTaskState;
type TaskStateName = SlurmTaskState['state'];

export function taskStates(progress: readonly ShardProgress[], submissions: readonly Submission[], records: ReadonlyMap<string, TaskRecord> | null): TaskState[] {
  return progress.map((p) => {
    const jobId = latestJobOfTask(submissions, p.task);
    const record = jobId !== undefined ? records?.get(taskKey(jobId, p.task)) : undefined;
    const base = {
      task: p.task,
      done: p.done,
      total: p.total,
      job: jobId !== undefined ? taskKey(jobId, p.task) : null,
      slurmState: record?.state ?? null,
      node: record?.node || null,
      detail: record?.detail && record.detail !== 'None' ? record.detail : null,
    };
    let state: TaskStateName;
    const onNode = record !== undefined && LIVE_STATES.has(record.state) && record.state !== 'PENDING' && record.state !== 'REQUEUED';
    if (p.done >= p.total && !onNode) state = 'done';
    else if (jobId === undefined) state = 'not submitted';
    else if (records === null) state = 'unfinished';
    else if (!record) state = 'missing';
    else if (LIVE_STATES.has(record.state)) state = record.state === 'PENDING' || record.state === 'REQUEUED' ? 'pending' : 'running';
    else state = 'failed';
    return { ...base, state };
  });
}

/** Tasks to submit again: ended without finishing, or lost. */
export const needsResubmit = (t: TaskState) => t.state === 'failed' || t.state === 'missing';
