/**
 * Slurm's answers about array tasks, read from outputs recorded on a real Slurm (fixtures/README.md):
 * one record per task, bracketed pending lists expanded, job steps skipped, and the task states
 * collect and `limitlab jobs` derive from them with the shards' progress.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandArrayList, parseArrayJobId, parseLimitlabJobs, parseSacct, parseSqueue } from '../../../app/engine/slurm/queue.js';
import { slurmMessage, submitJob, type Runner } from '../../../app/engine/slurm/commands.js';
import { taskStates } from '../../../app/engine/slurm/task-states.js';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');

describe('squeue output', () => {
  it('gives one record per task of --array output, with node and reason', () => {
    const tasks = parseSqueue(fixture('squeue-array-running.txt'));
    expect([...tasks.keys()].sort()).toEqual(['4_0', '4_1', '4_2']);
    expect(tasks.get('4_2')).toEqual({ jobId: '4', task: 2, state: 'PENDING', node: '', detail: 'Resources' });
    expect(tasks.get('4_0')).toEqual({ jobId: '4', task: 0, state: 'RUNNING', node: 'vm', detail: 'None' });
  });

  it('expands a throttled pending array written as one bracketed line', () => {
    const tasks = parseSqueue(fixture('squeue-throttled.txt'));
    expect([...tasks.keys()]).toEqual(['1_0', '1_1', '1_2', '1_3', '1_4']);
    expect(new Set([...tasks.values()].map((t) => t.state))).toEqual(new Set(['PENDING']));
  });

  it('keeps tasks of several jobs apart and reads the end states', () => {
    const tasks = parseSqueue(fixture('squeue-array-mixed.txt'));
    expect(tasks.size).toBe(6);
    expect(tasks.get('1_1')).toMatchObject({ state: 'FAILED', detail: 'NonZeroExitCode' });
    expect(tasks.get('4_2')).toMatchObject({ state: 'RUNNING', node: 'vm' });
  });

  it('has no record of a pending task that was cancelled', () => {
    const tasks = parseSqueue(fixture('squeue-array-ended.txt'));
    expect([...tasks.keys()].sort()).toEqual(['1_0', '1_1', '1_2', '1_3']);
  });
});

describe('the Limitlab jobs in the queue', () => {
  it('are read with their sweep and folder', () => {
    expect(parseLimitlabJobs(fixture('squeue-me-jobs.txt'))[0]).toEqual({ id: '4_2', sweepId: 'proto', state: 'PENDING', dir: '/tmp/slurmproto.gPPi/job' });
    expect(parseLimitlabJobs('7|other-job|RUNNING|/home/x\n')).toEqual([]);
  });
});

describe('sacct output', () => {
  const tasks = parseSacct(fixture('sacct-array.txt'));

  it('skips job steps and expands the pending remainder', () => {
    expect([...tasks.keys()]).toEqual(['812_0', '812_1', '812_2', '812_3', '812_4', '812_5', '812_6', '812_7']);
    expect(tasks.get('812_6')).toEqual({ jobId: '812', task: 6, state: 'PENDING', node: '', detail: '0:0' });
  });

  it('reads "CANCELLED by UID" as CANCELLED and keeps the exit code', () => {
    expect(tasks.get('812_1')).toEqual({ jobId: '812', task: 1, state: 'CANCELLED', node: 'node07', detail: '0:15' });
    expect(tasks.get('812_3')!.state).toBe('OUT_OF_MEMORY');
    expect(tasks.get('812_4')!.detail).toBe('2:0');
  });
});

describe('array ids', () => {
  it.each([
    ['7_3', { jobId: '7', tasks: [3] }],
    ['7_[1,3,5-6]', { jobId: '7', tasks: [1, 3, 5, 6] }],
    ['7_[0-6:3%2]', { jobId: '7', tasks: [0, 3, 6] }],
    ['7', null],
    ['7_3.batch', null],
    ['7_[3-1]', null],
  ])('%s', (id, expected) => {
    expect(parseArrayJobId(id)).toEqual(expected);
  });

  it('refuses a list too long to be an array', () => {
    expect(expandArrayList('0-1000000')).toBeNull();
  });
});

describe('sbatch', () => {
  it('turns a refusal into one line from what Slurm said', async () => {
    const stderr = fixture('sbatch-invalid-partition.stderr.txt');
    expect(slurmMessage(stderr)).toBe('invalid partition specified: nosuch');
    const runner: Runner = async () => ({ code: 1, stdout: '', stderr });
    await expect(submitJob('/jobs/a', { sbatch: '/usr/bin/sbatch', runner })).rejects.toThrow(/^sbatch refused the job: invalid partition specified: nosuch$/);
  });

  it('submits from the folder with --parsable and, for a resubmission, only the tasks given', async () => {
    const calls: { file: string; args: readonly string[]; cwd?: string }[] = [];
    const runner: Runner = async (file, args, options) => {
      calls.push({ file, args, ...options });
      return { code: 0, stdout: '4711;cluster\n', stderr: '' };
    };
    expect(await submitJob('/jobs/a b', { sbatch: '/usr/bin/sbatch', runner, tasks: [2, 0, 1, 5], arrayMax: 2 })).toBe('4711');
    expect(calls).toEqual([{ file: '/usr/bin/sbatch', args: ['--parsable', '--chdir=/jobs/a b', '--array=0-2,5%2', '/jobs/a b/job.sbatch'], cwd: '/jobs/a b' }]);
  });
});

describe('task states', () => {
  const progress = [0, 1, 2, 3, 4, 5].map((task) => ({ task, total: 2, done: task === 0 ? 2 : task === 3 ? 1 : 0 }));
  const submissions = [
    { jobId: '4', tasks: [0, 1, 2, 3, 4], at: '2026-01-01T00:00:00Z' },
  ];

  it('combine the shards with squeue: done, running, pending, failed, missing, not submitted', () => {
    const records = parseSqueue('4_0|COMPLETED|vm|None\n4_1|RUNNING|vm|None\n4_2|PENDING||JobArrayTaskLimit\n4_3|FAILED|vm|NonZeroExitCode\n');
    expect(taskStates(progress, submissions, records).map((t) => [t.task, t.state, t.job, t.detail])).toEqual([
      [0, 'done', '4_0', null],
      [1, 'running', '4_1', null],
      [2, 'pending', '4_2', 'JobArrayTaskLimit'],
      [3, 'failed', '4_3', 'NonZeroExitCode'],
      [4, 'missing', '4_4', null],
      [5, 'not submitted', null, null],
    ]);
  });

  it('follow the latest submission of a task', () => {
    const records = parseSqueue('4_3|FAILED|vm|NonZeroExitCode\n9_3|RUNNING|vm|None\n');
    const resubmitted = [...submissions, { jobId: '9', tasks: [3], at: '2026-01-01T01:00:00Z' }];
    expect(taskStates(progress, resubmitted, records)[3]).toMatchObject({ state: 'running', job: '9_3' });
  });

  it('say unfinished when Slurm could not be asked', () => {
    expect(taskStates(progress, submissions, null).map((t) => t.state)).toEqual(['done', 'unfinished', 'unfinished', 'unfinished', 'unfinished', 'not submitted']);
  });

  it('keep a task running while it is on a node, even with all its points in its shard', () => {
    expect(taskStates(progress, submissions, parseSqueue('4_0|COMPLETING|vm|None\n'))[0]!.state).toBe('running');
  });

  it('call a task COMPLETED by Slurm with points unfinished failed', () => {
    expect(taskStates(progress, submissions, parseSqueue('4_3|COMPLETED|vm|None\n'))[3]!.state).toBe('failed');
  });
});
