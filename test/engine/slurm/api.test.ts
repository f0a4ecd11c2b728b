/**
 * The app's cluster actions through the API (zod-checked like every channel): slurm:export writes
 * a job folder for a stored sweep with its seed; the folder's tasks (run here as Slurm would run
 * them) and slurm:collect give back the same sweep object, with every curve equal to the local
 * sweep's bit for bit; bad folders are refused as bad_request with nothing written.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../../app/engine/index.js';
import { collectJobFolder, recordSubmission, runTask, shardLibrary, type Runner } from '../../../app/engine/slurm/index.js';
import { paramsHash } from '../../../app/engine/service.js';
import { sweepHeatmapInput } from '../../../view/charts/sweep-summary.js';

const root = mkdtempSync(join(tmpdir(), 'limitlab-slurm-api-'));
let local: Engine;
let collected: Engine;
let sweepId: string;

beforeAll(async () => {
  local = await createEngine({ dbPath: join(root, 'local.sqlite'), threads: 1 });
  collected = await createEngine({ dbPath: join(root, 'collected.sqlite'), threads: 1 });
  const sweep = await local.call('sweeps:start', {
    kind: 'gmm-sgd', mode: 'grid', axes: [{ path: 'd', values: [30, 50] }, { path: 'lr.gamma', values: [0.5, 1] }], params: { T: 1 }, replicas: 2, seed: 5,
  });
  sweepId = sweep.id;
  for (const run of (await local.call('sweeps:get', sweepId))!.runs) await local.service.whenSettled(run.id);
}, 120_000);

afterAll(async () => {
  await local?.close();
  await collected?.close();
});

describe('slurm:export and slurm:collect', () => {
  it('round-trip a sweep through a job folder to the same sweep, bit for bit', async () => {
    const dir = join(root, 'job');
    const written = await local.call('slurm:export', { sweepId, dir, slurm: { partition: 'short', tasks: 2 } });
    expect(written).toMatchObject({ dir, points: 4, tasks: 2 });
    expect(written.sweepId).not.toBe(sweepId);
    expect(written.script).toContain('#SBATCH --partition=short');
    // Nothing submitted: the tasks are "not submitted" until they run.
    const before = await collected.call('slurm:collect', { dir });
    expect(before.imported).toEqual([]);
    expect(before.tasks.map((t) => t.state)).toEqual(['not submitted', 'not submitted']);

    for (const task of [0, 1]) {
      const outcome = await runTask({ dir, task, shardPath: shardLibrary(dir, task), open: (path) => createEngine({ dbPath: path, threads: 1, createFolder: false }), env: { SLURM_ARRAY_JOB_ID: '77', SLURM_ARRAY_TASK_ID: String(task), SLURMD_NODENAME: 'node-a' } });
      expect(outcome).toMatchObject({ total: 2, done: 2, failed: [] });
    }
    const report = await collected.call('slurm:collect', { dir });
    expect(report.imported).toHaveLength(4);
    expect(report.sweepId).toBe(written.sweepId);

    const mine = (await local.call('sweeps:get', sweepId))!;
    const theirs = (await collected.call('sweeps:get', written.sweepId))!;
    expect(theirs.spec).toEqual(mine.spec);
    expect(theirs.runs.map((r) => r.sweepPoint)).toEqual(mine.runs.map((r) => r.sweepPoint));
    expect(theirs.runs.map((r) => r.scalars)).toEqual(mine.runs.map((r) => r.scalars));
    expect(sweepHeatmapInput(theirs, 'final_risk_theory', 'd', 'lr.gamma')).toEqual(sweepHeatmapInput(mine, 'final_risk_theory', 'd', 'lr.gamma'));
    for (const [i, run] of theirs.runs.entries()) {
      const a = (await local.call('runs:get', mine.runs[i]!.id))!;
      const b = (await collected.call('runs:get', run.id))!;
      expect(b.seed).toBe(a.seed);
      expect(b.solver['slurm']).toMatchObject({ arrayJobId: '77', node: 'node-a', taskId: String(Math.floor(i / 2)) });
      expect(b.result!.series.length).toBe(a.result!.series.length);
      b.result!.series.forEach((s, k) => {
        const t = a.result!.series[k]!;
        expect(Buffer.from(s.y.buffer, s.y.byteOffset, s.y.byteLength).equals(Buffer.from(t.y.buffer, t.y.byteOffset, t.y.byteLength))).toBe(true);
        expect(Buffer.from(s.x.buffer, s.x.byteOffset, s.x.byteLength).equals(Buffer.from(t.x.buffer, t.x.byteOffset, t.x.byteLength))).toBe(true);
      });
    }
    const compare = await collected.call('runs:compare', { ids: theirs.runs.slice(0, 2).map((r) => r.id) });
    expect(compare.params.find((p) => p.path === 'lr.gamma')?.differs).toBe(true);
  }, 120_000);

  it.each([
    [{ sweepId: 'mx000000-00000000', dir: 'relative/job' }, /an absolute folder path/],
    [{ sweepId: 'mx000000-00000000', dir: '/tmp/job', slurm: { partition: 'a b' } }, /partition/],
    [{ sweepId: 'mx000000-00000000', dir: '/tmp/job', slurm: { script: 'x' } }, /script|Unrecognized/i],
  ])('refuses bad arguments %j', async (args, message) => {
    await expect(local.call('slurm:export', args as never)).rejects.toMatchObject({ code: 'bad_request', message: expect.stringMatching(message) });
  });

  it('refuses a folder it cannot write and a folder that is no job, writing nothing', async () => {
    const file = join(root, 'a-file');
    writeFileSync(file, 'x');
    await expect(local.call('slurm:export', { sweepId, dir: join(file, 'job') })).rejects.toMatchObject({ code: 'bad_request', message: expect.stringMatching(/a-file is a file, not a folder/) });
    const count = (await collected.call('runs:query', {})).total;
    await expect(collected.call('slurm:collect', { dir: root })).rejects.toMatchObject({ code: 'bad_request', message: expect.stringMatching(/sweep\.json is missing/) });
    expect((await collected.call('runs:query', {})).total).toBe(count);
  });
});

describe('collect while tasks run', () => {
  it('leaves the shard of a running task alone and reports the task running', async () => {
    const dir = join(root, 'running');
    await local.call('slurm:export', { sweepId, dir, slurm: { tasks: 2 } });
    for (const task of [0, 1]) {
      await runTask({ dir, task, shardPath: shardLibrary(dir, task), open: (path) => createEngine({ dbPath: path, threads: 1, createFolder: false }) });
    }
    recordSubmission(dir, { jobId: '31', tasks: [0, 1], at: new Date().toISOString() });
    // Task 1 still runs (as squeue says): its shard, even unreadable now, is not opened.
    writeFileSync(shardLibrary(dir, 1), 'being written');
    const bin = mkdtempSync(join(tmpdir(), 'limitlab-fake-slurm-'));
    writeFileSync(join(bin, 'squeue'), '', { mode: 0o755 });
    const runner: Runner = async (file) =>
      file.endsWith('squeue') ? { code: 0, stdout: '31_0|COMPLETED|n1|None\n31_1|RUNNING|n2|None\n', stderr: '' } : { code: 1, stdout: '', stderr: 'no' };
    const target = await createEngine({ dbPath: join(root, 'running.sqlite'), threads: 1 });
    try {
      const report = await collectJobFolder(dir, { runs: target.service.runs, sweeps: target.service.sweeps, hashOf: paramsHash }, runner, bin);
      expect(report.imported).toHaveLength(2);
      expect(report.tasks.map((t) => [t.state, t.node])).toEqual([['done', 'n1'], ['running', 'n2']]);
    } finally {
      await target.close();
    }
  }, 60_000);
});
