/**
 * A sweep through a real Slurm (test/support/slurm-cluster.ts starts one on this machine): the
 * job folder submitted with sbatch, its tasks run by slurmd, collected into a library and compared
 * byte for byte with the same sweep run locally; a task cancelled with scancel is reported by
 * collect and `--resubmit-failed` completes the sweep; Slurm's refusals are one line and exit 2.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlurm, type SlurmCluster } from '../support/slurm-cluster.js';

const BIN = resolve('bin/limitlab.js');
let slurm: SlurmCluster;
let dir: string;

function limitlab(args: string[], db: string, env: NodeJS.ProcessEnv = slurm.env) {
  const res = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...env, LIMITLAB_DB: db }, timeout: 120_000 });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

const GRID = ['--grid', 'd=40,60', '--grid', 'lr.gamma=0.5,1,1.5', '--set', 'T=2', '--seed', '7', '--replicas', '2'];

/** Waits until none of the job's tasks is pending or running. */
async function waitForJob(jobId: string, timeoutMs = 120_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    last = slurm.run('squeue', ['--array', '--states=all', '--noheader', '--format=%i|%T']).stdout;
    const mine = last.split('\n').filter((l) => l.startsWith(`${jobId}_`));
    if (mine.every((l) => !/\|(PENDING|RUNNING|CONFIGURING|COMPLETING)$/.test(l))) return last;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`job ${jobId} did not finish in ${timeoutMs / 1000} s:\n${last}`);
}

interface SeriesRow {
  name: string; source: string; idx: number; x: Buffer; y: Buffer; band_lo: Buffer | null; band_hi: Buffer | null;
}

/** Every run of the library's one sweep, by its point: params, seed, scalars, series bytes, solver. */
function sweepRuns(db: string) {
  const lib = new Database(db, { readonly: true });
  try {
    const sweeps = lib.prepare('SELECT id, spec_json FROM sweeps').all() as { id: string; spec_json: string }[];
    const runs = lib.prepare('SELECT id, status, params_json, seed, scalars_json, solver_json, sweep_id, sweep_point_json FROM runs ORDER BY sweep_point_json').all() as {
      id: string; status: string; params_json: string; seed: number; scalars_json: string; solver_json: string; sweep_id: string; sweep_point_json: string;
    }[];
    const series = lib.prepare('SELECT name, source, idx, x, y, band_lo, band_hi FROM series WHERE run_id = ? ORDER BY idx');
    return {
      sweeps,
      runs: runs.map((r) => ({ ...r, series: series.all(r.id) as SeriesRow[] })),
    };
  } finally {
    lib.close();
  }
}

beforeAll(async () => {
  if (!existsSync(resolve('dist/cli.js'))) throw new Error('build first: npm run build');
  dir = mkdtempSync(join(tmpdir(), 'limitlab-slurm-sweep-'));
  slurm = await startSlurm();
}, 120_000);

afterAll(async () => {
  await slurm?.stop();
}, 30_000);

describe('a sweep on Slurm', () => {
  it('runs as an array job, and collects bit for bit as the same sweep run locally; a cancelled task is reported and resubmitted', async () => {
    const started = Date.now();
    const localDb = join(dir, 'local.sqlite');
    const local = limitlab(['sweep', 'gmm-sgd', ...GRID, '--json'], localDb);
    expect(local.code, local.stderr).toBe(0);

    // Three tasks of two points, one at a time: the last is still pending when it is cancelled.
    const job = join(dir, 'job folder');
    const clusterDb = join(dir, 'cluster.sqlite');
    const sub = limitlab(['sweep', 'gmm-sgd', ...GRID, '--slurm', job, '--tasks', '3', '--array-max', '1', '--time', '00:05:00', '--cpus-per-task', '1', '--json'], clusterDb);
    expect(sub.code, sub.stderr).toBe(0);
    const submitted = JSON.parse(sub.stdout);
    expect(submitted).toMatchObject({ points: 6, tasks: 3, submitted: true });
    const jobId: string = submitted.jobId;
    const queue = slurm.run('squeue', ['--array', '--noheader', '--format=%i|%T', `--jobs=${jobId}`]).stdout;
    expect(queue).toContain(`${jobId}_2|PENDING`);
    const listed = limitlab(['jobs', '--json'], clusterDb);
    expect(listed.code, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout).jobs).toContainEqual(expect.objectContaining({ id: `${jobId}_2`, sweepId: submitted.sweepId, state: 'PENDING', dir: job }));
    const cancel = slurm.run('scancel', [`${jobId}_2`]);
    expect(cancel.code, cancel.stderr).toBe(0);
    await waitForJob(jobId);

    const jobs = limitlab(['jobs', job, '--json'], clusterDb);
    expect(jobs.code, jobs.stderr).toBe(0);
    expect(JSON.parse(jobs.stdout).tasks.map((t: { state: string }) => t.state)).toEqual(['done', 'done', 'missing']);

    // Collect: the four finished runs come in; task 2 is listed; exit 1 until it is resubmitted.
    const first = limitlab(['collect', job], clusterDb);
    expect(first.code, first.stderr).toBe(1);
    expect(first.stdout).toMatch(/^task 2 missing: 0\/2 points, job \d+_2/m);
    expect(first.stderr).toMatch(/imported 4 run\(s\)/);
    expect(sweepRuns(clusterDb).runs).toHaveLength(4);

    const again = limitlab(['collect', job, '--resubmit-failed', '--json'], clusterDb);
    expect(again.code, again.stderr).toBe(0);
    const report = JSON.parse(again.stdout);
    expect(report.imported).toEqual([]);
    expect(report.skipped).toHaveLength(4);
    expect(report.resubmitted.tasks).toEqual([2]);
    await waitForJob(report.resubmitted.jobId);

    const last = limitlab(['collect', job, '--json'], clusterDb);
    expect(last.code, last.stderr).toBe(0);
    const final = JSON.parse(last.stdout);
    expect(final.imported).toHaveLength(2);
    expect(final.tasks.map((t: { state: string }) => t.state)).toEqual(['done', 'done', 'done']);
    // Collecting twice adds nothing.
    const twice = JSON.parse(limitlab(['collect', job, '--json'], clusterDb).stdout);
    expect(twice.imported).toEqual([]);
    expect(twice.skipped).toHaveLength(6);

    // The same sweep, bit for bit: parameters, seeds, scalars and every series' bytes per point.
    const a = sweepRuns(localDb);
    const b = sweepRuns(clusterDb);
    const plan = JSON.parse(readFileSync(join(job, 'sweep.json'), 'utf8')) as { points: { runId: string }[] };
    const taskOf = (runId: string) => Math.floor(plan.points.findIndex((p) => p.runId === runId) / 2);
    expect(b.sweeps).toHaveLength(1);
    expect(b.sweeps[0]!.id).toBe(submitted.sweepId);
    expect(JSON.parse(b.sweeps[0]!.spec_json)).toEqual(JSON.parse(a.sweeps[0]!.spec_json));
    expect(b.runs).toHaveLength(6);
    for (const [i, run] of b.runs.entries()) {
      const mine = a.runs[i]!;
      expect(run.sweep_id).toBe(submitted.sweepId);
      expect(run.status).toBe('done');
      expect(run.sweep_point_json).toBe(mine.sweep_point_json);
      expect(run.params_json).toBe(mine.params_json);
      expect(run.seed).toBe(mine.seed);
      expect(run.scalars_json).toBe(mine.scalars_json);
      expect(run.series.length).toBeGreaterThan(0);
      expect(run.series.map((s) => `${s.name}/${s.source}`)).toEqual(mine.series.map((s) => `${s.name}/${s.source}`));
      run.series.forEach((s, k) => {
        const t = mine.series[k]!;
        expect(s.x.equals(t.x) && s.y.equals(t.y), `${s.name}/${s.source} of point ${run.sweep_point_json}`).toBe(true);
        expect(String(s.band_lo?.toString('hex')) + String(s.band_hi?.toString('hex'))).toBe(String(t.band_lo?.toString('hex')) + String(t.band_hi?.toString('hex')));
      });
      // Where it ran: the Slurm job, task and node.
      const provenance = JSON.parse(run.solver_json).slurm;
      expect(provenance.node).toBe(hostname().split('.')[0]);
      expect(provenance.arrayJobId).toMatch(/^\d+$/);
      expect(Number(provenance.taskId)).toBe(taskOf(run.id));
    }
    console.log(`slurm sweep: submitted, cancelled, collected, resubmitted and compared in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }, 240_000);

  it('reports a task killed while it runs as failed, and a resubmission finishes it', async () => {
    const job = join(dir, 'killed');
    const db = join(dir, 'killed.sqlite');
    // One point that computes for a few seconds.
    const sub = limitlab(['sweep', 'sgd-glm', '--grid', 'd=2000', '--set', 'T=12', '--seed', '3', '--slurm', job, '--json'], db);
    expect(sub.code, sub.stderr).toBe(0);
    const jobId: string = JSON.parse(sub.stdout).jobId;
    const deadline = Date.now() + 60_000;
    while (!slurm.run('squeue', ['--array', '--noheader', '--format=%i|%T', `--jobs=${jobId}`]).stdout.includes(`${jobId}_0|RUNNING`)) {
      if (Date.now() > deadline) throw new Error('the task never ran');
      await new Promise((r) => setTimeout(r, 100));
    }
    // Killed as soon as it has opened its shard (its manifest is written just before its run starts).
    while (!existsSync(join(job, 'shards', 'task-0.json'))) await new Promise((r) => setTimeout(r, 50));
    expect(slurm.run('scancel', [`${jobId}_0`]).code).toBe(0);
    await waitForJob(jobId);

    const first = limitlab(['collect', job, '--json'], db);
    expect(first.code, first.stderr).toBe(1);
    const report = JSON.parse(first.stdout);
    expect(report.tasks[0]).toMatchObject({ state: 'failed', slurmState: 'CANCELLED', done: 0, total: 1 });
    expect(readFileSync(join(job, 'logs', `task-0-job-${jobId}.err`), 'utf8')).toMatch(/SIGTERM: cancelling/);

    const again = JSON.parse(limitlab(['collect', job, '--resubmit-failed', '--json'], db).stdout);
    expect(again.resubmitted.tasks).toEqual([0]);
    await waitForJob(again.resubmitted.jobId);
    const last = JSON.parse(limitlab(['collect', job, '--json'], db).stdout);
    expect(last.imported).toHaveLength(1);
    expect(last.tasks[0]).toMatchObject({ state: 'done', job: `${again.resubmitted.jobId}_0` });
  }, 120_000);

  it('refuses a partition Slurm rejects with one line and exit 2, leaving no job folder', () => {
    const job = join(dir, 'bad-partition');
    const db = join(dir, 'untouched.sqlite');
    const res = limitlab(['sweep', 'gmm-sgd', ...GRID, '--slurm', job, '--partition', 'nosuch'], db);
    expect(res.code).toBe(2);
    expect(res.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^limitlab: sbatch refused the job: invalid partition specified: nosuch$/)]);
    expect(existsSync(job)).toBe(false);
    expect(existsSync(db)).toBe(false);
  });

  it('refuses to submit without sbatch on PATH, writing nothing', () => {
    const job = join(dir, 'no-sbatch');
    const db = join(dir, 'untouched2.sqlite');
    const emptyPath = mkdtempSync(join(tmpdir(), 'limitlab-no-slurm-'));
    const res = limitlab(['sweep', 'gmm-sgd', ...GRID, '--slurm', job], db, { ...slurm.env, PATH: emptyPath });
    expect(res.code).toBe(2);
    expect(res.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^limitlab: sbatch was not found on PATH/)]);
    expect(existsSync(job)).toBe(false);
    expect(existsSync(db)).toBe(false);
  });
});
