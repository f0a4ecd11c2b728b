/**
 * Collecting a job folder of image runs: a small mppm sweep (synthetic images, the DAE trained for
 * one epoch) written with --dry-run, its task run by `limitlab sweep-task` as Slurm would, and
 * collected into a library whose runs hold the shard's images, per-image metrics, image grids and
 * trained models byte for byte; an edited metric or a lost model in the shard is refused with
 * one line naming it, and nothing is written.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';

const BIN = resolve('bin/limitlab.js');
let root: string;
let job: string;

function limitlab(args: string[], db: string) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('SLURM_')));
  const res = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...clean, LIMITLAB_DB: db }, timeout: 120_000 });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

const SWEEP = [
  'sweep', 'mppm', '--grid', 'mppm.steps=2,3', '--seed', '5',
  '--set', 'data.source=synthetic', '--set', 'data.train=40', '--set', 'data.test=3', '--set', 'data.side=12',
  '--set', 'degradation.severity=severe', '--set', 'latent.dim=4', '--set', 'anchors.batch=16', '--set', 'grid.rows=2',
  '--set', 'methods=degraded,lmppm_pca,dae', '--set', 'baselines.dae_epochs=1',
];

/** Every stored row of a library's images, grids and artifacts, in a fixed order, blobs as hex. */
function pictures(path: string) {
  const db = new Database(path, { readonly: true });
  const rows = (sql: string) => (db.prepare(sql).all() as Record<string, unknown>[]).map((r) =>
    Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Buffer.isBuffer(v) ? v.toString('hex') : v])));
  try {
    return {
      images: rows('SELECT * FROM images ORDER BY run_id, idx'),
      grids: rows('SELECT * FROM image_grids ORDER BY run_id, idx'),
      artifacts: rows('SELECT run_id, name, id, format, config_json, data FROM artifacts ORDER BY run_id, name'),
    };
  } finally {
    db.close();
  }
}

/** A copy of the finished job folder to tamper with. */
function copyOf(name: string): string {
  const copy = join(root, name);
  cpSync(job, copy, { recursive: true });
  return copy;
}

beforeAll(() => {
  if (!existsSync(resolve('dist/cli.js'))) throw new Error('build first: npm run build');
  root = mkdtempSync(join(tmpdir(), 'limitlab-collect-images-'));
  job = join(root, 'job');
  const never = join(root, 'never.sqlite');
  const written = limitlab([...SWEEP, '--slurm', job, '--tasks', '1', '--dry-run'], never);
  expect(written.code, written.stderr).toBe(0);
  const task = limitlab(['sweep-task', job, '--task', '0'], never);
  expect(task.code, task.stderr).toBe(0);
}, 60_000);

describe('collecting image runs', () => {
  it('imports them with their images, per-image metrics, grids and trained models as the shard holds them', () => {
    const db = join(root, 'library.sqlite');
    const res = limitlab(['collect', job, '--json'], db);
    expect(res.code, res.stderr).toBe(0);
    const report = JSON.parse(res.stdout);
    expect(report.imported).toHaveLength(2);

    const shard = pictures(join(job, 'shards', 'task-0.sqlite'));
    const collected = pictures(db);
    expect(collected).toEqual(shard);
    expect(collected.images.length).toBeGreaterThanOrEqual(2 * 4);
    const metrics = collected.images.filter((im) => im['metrics_json'] !== null).map((im) => JSON.parse(im['metrics_json'] as string));
    expect(metrics.length).toBeGreaterThan(0);
    for (const m of metrics) expect(Object.keys(m).sort()).toEqual(['psnr', 'ssim']);
    expect(collected.grids.length).toBeGreaterThanOrEqual(2);
    expect(collected.artifacts.map((a) => a['name'])).toEqual(['dae', 'dae']);

    const again = JSON.parse(limitlab(['collect', job, '--json'], db).stdout);
    expect(again).toMatchObject({ imported: [], skipped: report.imported });
  }, 30_000);

  it('refuses a shard whose per-image metric was edited after the task finished, naming the image; nothing is written', () => {
    const edited = copyOf('metric');
    const shard = new Database(join(edited, 'shards', 'task-0.sqlite'));
    const image = shard.prepare('SELECT run_id, idx, name, metrics_json FROM images WHERE metrics_json IS NOT NULL ORDER BY run_id, idx LIMIT 1').get() as { run_id: string; idx: number; name: string; metrics_json: string };
    const metrics = JSON.parse(image.metrics_json) as Record<string, number>;
    metrics['psnr'] = metrics['psnr']! + 1;
    shard.prepare('UPDATE images SET metrics_json = ? WHERE run_id = ? AND idx = ?').run(JSON.stringify(metrics), image.run_id, image.idx);
    shard.close();
    const db = join(root, 'metric.sqlite');
    const res = limitlab(['collect', edited], db);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(new RegExp(`^limitlab: task 0 \\(shard .*task-0\\.sqlite\\): run 1 \\(${image.run_id}\\) does not match its checksum: its image \\d+ \\("${image.name}"\\): name, size, range, pixels or metrics changed since the task finished it\\n$`));
    expect(existsSync(db)).toBe(false);
  });

  it('refuses a shard that lost a trained model after the task finished', () => {
    const edited = copyOf('model');
    const shard = new Database(join(edited, 'shards', 'task-0.sqlite'));
    shard.prepare('DELETE FROM artifacts WHERE run_id = (SELECT min(run_id) FROM artifacts)').run();
    shard.close();
    const db = join(root, 'model.sqlite');
    const res = limitlab(['collect', edited], db);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/does not match its checksum: its trained models \(artifacts\) changed since the task finished it\n$/);
    expect(existsSync(db)).toBe(false);
  });
});
