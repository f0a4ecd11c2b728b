/**
 * Job folders without a cluster: written with --dry-run, their tasks run by `limitlab sweep-task`
 * as Slurm would, collected into a library as a sweep (image runs: slurm-collect-images.test.ts),
 * and refused — one line, exit 2, the library untouched — when a shard is corrupted, edited or
 * unreadable, when the folder cannot be written, or when a task index or folder is wrong.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';

const BIN = resolve('bin/limitlab.js');
let root: string;

function limitlab(args: string[], db: string, env: NodeJS.ProcessEnv = {}) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('SLURM_')));
  const res = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...clean, ...env, LIMITLAB_DB: db }, timeout: 120_000 });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

const GRID = ['--grid', 'd=30,50', '--grid', 'lr.gamma=0.5,1', '--set', 'T=1', '--seed', '11'];

/** A job folder of 4 points in 2 tasks, both run to the end (written once, then copied). */
let finished: string | null = null;
function finishedFolder(name: string): string {
  if (!finished) {
    finished = join(root, 'finished');
    const w = limitlab(['sweep', 'gmm-sgd', ...GRID, '--slurm', finished, '--tasks', '2', '--dry-run'], join(root, 'never.sqlite'));
    expect(w.code, w.stderr).toBe(0);
    for (const task of ['0', '1']) {
      const t = limitlab(['sweep-task', finished, '--task', task], join(root, 'never.sqlite'));
      expect(t.code, t.stderr).toBe(0);
    }
  }
  const job = join(root, name);
  cpSync(finished, job, { recursive: true });
  return job;
}

function runCount(db: string): number {
  const lib = new Database(db, { readonly: true });
  try {
    return (lib.prepare('SELECT count(*) AS n FROM runs').get() as { n: number }).n;
  } finally {
    lib.close();
  }
}

beforeAll(() => {
  if (!existsSync(resolve('dist/cli.js'))) throw new Error('build first: npm run build');
  root = mkdtempSync(join(tmpdir(), 'limitlab-jobfolder-'));
});

describe('a job folder without a cluster', () => {
  it('--dry-run writes the folder and prints the script; nothing is submitted and no library is opened', () => {
    const job = join(root, 'dry');
    const db = join(root, 'dry.sqlite');
    const res = limitlab(['sweep', 'gmm-sgd', ...GRID, '--slurm', job, '--dry-run', '--partition', 'short', '--json'], db);
    expect(res.code, res.stderr).toBe(0);
    const doc = JSON.parse(res.stdout);
    expect(doc).toMatchObject({ dir: job, points: 4, tasks: 4, submitted: false, jobId: null });
    expect(doc.script).toContain('#SBATCH --partition=short');
    expect(readFileSync(join(job, 'job.sbatch'), 'utf8')).toBe(doc.script);
    expect(existsSync(db)).toBe(false);
    const jobs = JSON.parse(limitlab(['jobs', job, '--json'], db).stdout);
    expect(jobs.tasks.map((t: { state: string }) => t.state)).toEqual(['not submitted', 'not submitted', 'not submitted', 'not submitted']);
  });

  it('runs its tasks into shards and collects them as one sweep, with where each ran', () => {
    const job = finishedFolder('tasks');
    const db = join(root, 'collected.sqlite');
    const res = limitlab(['collect', job, '--json'], db);
    expect(res.code, res.stderr).toBe(0);
    const report = JSON.parse(res.stdout);
    expect(report.imported).toHaveLength(4);
    expect(report.tasks.map((t: { state: string; done: number }) => [t.state, t.done])).toEqual([['done', 2], ['done', 2]]);
    const lib = new Database(db, { readonly: true });
    const runs = lib.prepare('SELECT sweep_id, solver_json FROM runs').all() as { sweep_id: string; solver_json: string }[];
    lib.close();
    expect(new Set(runs.map((r) => r.sweep_id))).toEqual(new Set([report.sweepId]));
    expect(JSON.parse(runs[0]!.solver_json).slurm).toEqual({ node: hostname() });
    expect(limitlab(['show', report.imported[0]], db).stdout).toContain(`ran under Slurm: node ${hostname()}`);
    // Collecting twice adds nothing.
    const again = JSON.parse(limitlab(['collect', job, '--json'], db).stdout);
    expect(again.imported).toEqual([]);
    expect(again.skipped).toHaveLength(4);
  });

  it('refuses a shard with a flipped bit in a curve, naming the task, the run and the curve; the library is untouched', () => {
    const job = finishedFolder('flipped');
    const shard = new Database(join(job, 'shards', 'task-1.sqlite'));
    const row = shard.prepare('SELECT run_id, idx, y FROM series ORDER BY run_id, idx LIMIT 1').get() as { run_id: string; idx: number; y: Buffer };
    row.y[5] = row.y[5]! ^ 1;
    shard.prepare('UPDATE series SET y = ? WHERE run_id = ? AND idx = ?').run(row.y, row.run_id, row.idx);
    shard.close();
    const db = join(root, 'flipped.sqlite');
    const res = limitlab(['collect', job], db);
    expect(res.code).toBe(2);
    const lines = res.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^limitlab: task 1 \\(shard .*task-1\\.sqlite\\): run \\d \\(${row.run_id}\\) does not match its checksum: its series \\d+ \\(".+"\\): .+ changed since the task finished it$`));
    expect(existsSync(db)).toBe(false);
  });

  it('refuses a shard whose run differs from its planned point, and leaves an existing library as it was', () => {
    const job = finishedFolder('edited');
    const db = join(root, 'existing.sqlite');
    const other = join(root, 'other');
    expect(limitlab(['sweep', 'gmm-sgd', '--grid', 'd=20,30', '--set', 'T=1', '--slurm', other, '--dry-run'], db).code).toBe(0);
    expect(limitlab(['sweep-task', other, '--task', '0'], db).code).toBe(0);
    expect(limitlab(['collect', other], db).code).toBe(0);
    const shard = new Database(join(job, 'shards', 'task-0.sqlite'));
    shard.prepare('UPDATE runs SET seed = seed + 1').run();
    shard.close();
    const res = limitlab(['collect', job], db);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/^limitlab: task 0: run \S+ in its shard does not match its planned point \(sweep gmm-sgd · d=30, lr\.gamma=0\.5\)\n$/);
    expect(runCount(db)).toBe(1);
  });

  it('refuses a shard that is not a library any more', () => {
    const job = finishedFolder('garbage');
    writeFileSync(join(job, 'shards', 'task-0.sqlite'), 'this is not a database at all, just text');
    const res = limitlab(['collect', job], join(root, 'garbage.sqlite'));
    expect(res.code).toBe(2);
    expect(res.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^limitlab: task 0: .*task-0\.sqlite/)]);
  });

  it('refuses an image added to a run after its task finished it', () => {
    const job = finishedFolder('images');
    const shard = new Database(join(job, 'shards', 'task-0.sqlite'));
    const id = (shard.prepare('SELECT id FROM runs LIMIT 1').get() as { id: string }).id;
    shard.prepare('INSERT INTO images (run_id, idx, name, width, height, channels, data) VALUES (?, 0, ?, 1, 1, 1, ?)').run(id, 'w', Buffer.alloc(8));
    shard.close();
    const db = join(root, 'images.sqlite');
    const res = limitlab(['collect', job], db);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(new RegExp(`^limitlab: task 0 \\(shard .*task-0\\.sqlite\\): run 1 \\(${id}\\) does not match its checksum: its list of images \\(0 recorded, 1 in the file\\) changed since the task finished it\n$`));
    expect(existsSync(db)).toBe(false);
  });

  it('refuses a manifest whose checksum was edited', () => {
    const job = finishedFolder('manifest');
    const path = join(job, 'shards', 'task-0.json');
    const manifest = JSON.parse(readFileSync(path, 'utf8'));
    const first = Object.keys(manifest.checksums)[0]!;
    manifest.checksums[first].scalars = '0'.repeat(64);
    writeFileSync(path, JSON.stringify(manifest));
    const res = limitlab(['collect', job], join(root, 'manifest.sqlite'));
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/does not match its checksum: its scalars changed since the task finished it/);
  });

  it.each([
    [['sweep', 'gmm-sgd', ...GRID, '--slurm', '/etc/hostname/job', '--dry-run'], /^limitlab: cannot write the job folder \/etc\/hostname\/job: \/etc\/hostname is a file, not a folder$/],
    [['sweep', 'gmm-sgd', ...GRID, '--slurm', '/tmp', '--time', 'soon', '--dry-run'], /^limitlab: --time = "soon" is not allowed/],
    [['sweep', 'gmm-sgd', ...GRID, '--partition', 'short'], /^limitlab: --partition needs --slurm DIR/],
    [['jobs', '/tmp'], /^limitlab: \/tmp\/sweep\.json is missing: not a Limitlab job folder$/],
    [['collect', '/tmp'], /^limitlab: \/tmp\/sweep\.json is missing: not a Limitlab job folder$/],
    [['sweep-task', '/tmp', '--task', 'x'], /^limitlab: --task = "x" is not allowed/],
  ])('refuses %j with one line and exit 2', (args, message) => {
    const db = join(root, 'bad-input.sqlite');
    const res = limitlab(args, db);
    expect(res.code).toBe(2);
    expect(res.stderr.trim().split('\n')).toEqual([expect.stringMatching(message)]);
    expect(existsSync(db)).toBe(false);
  });

  it('refuses a task index outside the folder', () => {
    const job = join(root, 'index');
    expect(limitlab(['sweep', 'gmm-sgd', ...GRID, '--slurm', job, '--dry-run'], join(root, 'x.sqlite')).code).toBe(0);
    const res = limitlab(['sweep-task', job, '--task', '4'], join(root, 'x.sqlite'));
    expect(res.code).toBe(2);
    expect(res.stderr).toBe('limitlab: task 4 is not in this job folder (tasks 0 to 3)\n');
  });
});
