/**
 * The job folder's format: the resolved sweep (each point's run id, full parameters, seed and
 * replicas, the seed rule of a local sweep), the tasks' contiguous shares, and a batch script in
 * which bash reads every path back exactly and only checked options reach #SBATCH lines.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getKind } from '../../../core/models/registry.js';
import { resolveParams } from '../../../core/models/resolve-params.js';
import type { SweepSpec } from '../../../app/api.js';
import { checkSlurmOptions } from '../../../app/engine/slurm/options.js';
import { JobFolderError, readJobPlan, taskShare } from '../../../app/engine/slurm/job-folder.js';
import { planSweep } from '../../../app/engine/slurm/plan.js';
import { arraySpec, compressIndices, sbatchScript, shellQuote } from '../../../app/engine/slurm/sbatch-script.js';
import { whyNotJobFolder, writeSweepFolder } from '../../../app/engine/slurm/export.js';

const kind = getKind('gmm-sgd')!;
let next = 0;
const ids = { newId: () => `run0000-${String(next++).padStart(8, '0')}`, hash: () => '0123456789abcdef', seed: () => 99 };
const spec: SweepSpec = { kind: 'gmm-sgd', mode: 'grid', axes: [{ path: 'd', values: [40, 60] }, { path: 'lr.gamma', values: [0.5, 1, 1.5] }], params: { T: 2 }, replicas: 2 };

describe('the resolved sweep', () => {
  const plan = planSweep(kind, spec, { tasks: 4 }, ids);

  it('holds every point with its full parameters, the sweep seed and the replicas', () => {
    expect(plan.points).toHaveLength(6);
    const expected = resolveParams(kind, { params: { T: 2, d: 60, lr: { gamma: 1 } } });
    expect(expected.ok).toBe(true);
    expect(plan.points[4]).toMatchObject({ index: 4, params: expected.ok ? expected.params : {}, seed: 99, replicas: 2, point: { d: 60, 'lr.gamma': 1 } });
    expect(new Set(plan.points.map((p) => p.runId)).size).toBe(6);
    expect(plan.sweep.spec.seed).toBe(99);
  });

  it('gives a seeds sweep each point its own seed, as a local sweep does', () => {
    const seeds = planSweep(kind, { kind: 'gmm-sgd', mode: 'seeds', axes: [], seeds: [5, 6, 7], seed: 1 }, {}, ids);
    expect(seeds.points.map((p) => p.seed)).toEqual([5, 6, 7]);
    expect(seeds.tasks).toBe(3);
  });

  it.each([1, 2, 4, 5, 6])('shares the points among %i tasks contiguously, once each, sizes within one', (tasks) => {
    const p = { ...plan, tasks };
    const shares = Array.from({ length: tasks }, (_, i) => taskShare(p, i).map((x) => x.index));
    expect(shares.flat()).toEqual([0, 1, 2, 3, 4, 5]);
    const sizes = shares.map((s) => s.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  });

  it('never has more tasks than points', () => {
    expect(planSweep(kind, spec, { tasks: 50 }, ids).tasks).toBe(6);
  });
});

describe('the batch script', () => {
  const plan = planSweep(kind, spec, checkSlurmOptions({ partition: 'gpu-a100', time: '1-02:00:00', cpusPerTask: 4, mem: '8G', arrayMax: 3, account: 'proj.x' }), ids);
  const odd = { node: "/opt/node 20/bin/node", cli: "/home/o'brien/limit lab/bin/limitlab.js" };
  const script = sbatchScript(plan, odd);

  it('carries the options as #SBATCH lines and the array with its throttle', () => {
    const lines = script.split('\n').filter((l) => l.startsWith('#SBATCH'));
    expect(lines).toEqual([
      `#SBATCH --job-name=limitlab-${plan.sweep.id}`,
      '#SBATCH --array=0-5%3',
      '#SBATCH --output=logs/task-%a-job-%A.out',
      '#SBATCH --error=logs/task-%a-job-%A.err',
      '#SBATCH --ntasks=1',
      '#SBATCH --partition=gpu-a100',
      '#SBATCH --account=proj.x',
      '#SBATCH --time=1-02:00:00',
      '#SBATCH --cpus-per-task=4',
      '#SBATCH --mem=8G',
    ]);
  });

  it('is valid bash in which every path reads back exactly', () => {
    expect(spawnSync('bash', ['-n'], { input: script }).status).toBe(0);
    for (const path of [odd.node, odd.cli, 'a$b`c`\\d "e"']) {
      expect(spawnSync('bash', ['-c', `printf %s ${shellQuote(path)}`], { encoding: 'utf8' }).stdout).toBe(path);
    }
    expect(script).toContain(shellQuote(odd.cli));
  });

  it('runs the task with the folder it was submitted from, LIMITLAB overriding the command', () => {
    const dir = mkdtempSync(join(tmpdir(), 'limitlab-script-'));
    // A stand-in `limitlab` that prints its arguments.
    const fake = join(dir, 'fake-limitlab');
    writeFileSync(fake, '#!/bin/bash\nprintf "%s\\n" "$@"\n', { mode: 0o755 });
    const r = spawnSync('bash', ['-c', script], { encoding: 'utf8', env: { PATH: '/usr/bin:/bin', LIMITLAB: fake, SLURM_SUBMIT_DIR: '/jobs/my sweep', SLURM_ARRAY_TASK_ID: '4' } });
    expect(r.stdout.split('\n')).toEqual(['sweep-task', '/jobs/my sweep', '--task', '4', '']);
  });

  it('says so when no Limitlab is found on the node', () => {
    const r = spawnSync('/bin/bash', ['-c', sbatchScript(plan)], { encoding: 'utf8', env: { PATH: '/nonexistent', SLURM_ARRAY_TASK_ID: '0' } });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/the command was not found on .*; install Limitlab or set LIMITLAB/);
  });

  it.each([
    [{ partition: 'debug\n#SBATCH --uid=0' }, /--partition = .* is not allowed: expected a partition name/],
    [{ partition: 'a b' }, /--partition/],
    [{ time: '1 hour' }, /--time = "1 hour" is not allowed: expected a time limit such as 01:30:00/],
    [{ mem: '4GB' }, /--mem = "4GB" is not allowed: expected a memory size such as 4G/],
    [{ account: '$(id)' }, /--account/],
    [{ arrayMax: 0 }, /--array-max/],
  ])('refuses the option %o', (options, message) => {
    expect(() => checkSlurmOptions(options)).toThrow(message);
  });

  it('compresses task lists for --array', () => {
    expect(compressIndices([5, 0, 1, 2, 7, 8, 2])).toBe('0-2,5,7-8');
    expect(arraySpec(1)).toBe('0');
    expect(arraySpec([3], 1)).toBe('3%1');
  });
});

describe('writing and reading a job folder', () => {
  it('writes sweep.json, job.sbatch, submissions.json, shards/ and logs/, and reads the plan back', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'limitlab-folder-')), 'new', 'job');
    const written = writeSweepFolder(dir, kind, spec, {}, ids);
    expect(written).toMatchObject({ dir, points: 6, tasks: 6, created: true });
    const plan = readJobPlan(dir);
    expect(plan.points.map((p) => p.runId)).toHaveLength(6);
    expect(readFileSync(join(dir, 'job.sbatch'), 'utf8')).toBe(written.script);
    expect(JSON.parse(readFileSync(join(dir, 'submissions.json'), 'utf8'))).toEqual({ submissions: [] });
    expect(whyNotJobFolder(dir)).toMatch(/already holds a job folder/);
    expect(() => writeSweepFolder(dir, kind, spec, {}, ids)).toThrow(JobFolderError);
  });

  it('refuses a damaged or edited plan with one line naming the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'limitlab-folder-'));
    writeSweepFolder(dir, kind, spec, {}, ids);
    const path = join(dir, 'sweep.json');
    const text = readFileSync(path, 'utf8');
    writeFileSync(path, text.slice(0, 100));
    expect(() => readJobPlan(dir)).toThrow(/sweep\.json is not valid JSON/);
    const doc = JSON.parse(text);
    doc.points[2].index = 7;
    writeFileSync(path, JSON.stringify(doc));
    expect(() => readJobPlan(dir)).toThrow(/point 2 has index 7/);
    doc.points[2].index = 2;
    doc.points[2].seed = -1;
    writeFileSync(path, JSON.stringify(doc));
    expect(() => readJobPlan(dir)).toThrow(/malformed at points\.2\.seed/);
  });

  it('finds a folder that cannot be written, before writing anything', () => {
    const dir = mkdtempSync(join(tmpdir(), 'limitlab-folder-'));
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    expect(whyNotJobFolder(file)).toBe('it is a file, not a folder');
    expect(whyNotJobFolder(join(file, 'job'))).toMatch(/a-file is a file, not a folder/);
    writeFileSync(join(dir, 'job.sbatch'), 'mine');
    expect(whyNotJobFolder(dir)).toBe('it already holds job.sbatch; choose an empty or new folder');
  });
});
