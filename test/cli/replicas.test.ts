/**
 * `--replicas` for kinds that count their own repetitions (Langevin chains, the rate kinds'
 * repetitions): more than one replica is bad input (exit 2, one line naming the parameter to set,
 * nothing written); one replica runs, and the run line states the kind's own count.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const BIN = resolve('bin/limitlab.js');
let dir: string;

function limitlab(db: string, ...args: string[]) {
  const res = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, LIMITLAB_DB: db } });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

beforeAll(() => {
  if (!existsSync(resolve('dist/cli.js'))) throw new Error('build first: npm run build');
  dir = mkdtempSync(join(tmpdir(), 'limitlab-replicas-'));
});

describe('--replicas for a kind with its own repetitions', () => {
  it.each([
    [['run', 'adaptive-kernel', '--replicas', '8'], 'adaptive-kernel draws its Langevin chains from langevin.chains, not from --replicas: use --set langevin.chains=8 instead'],
    [['run', 'linear-net-scaling', '--preset', 'table-n12-standard', '--replicas', '2', '--json'], 'linear-net-scaling draws its Langevin chains from langevin.chains, not from --replicas: use --set langevin.chains=2 instead'],
    [['run', 'interaction-kernel', '--replicas', '4'], 'interaction-kernel draws its repetitions from reps, not from --replicas: use --set reps=4 instead'],
    [['run', 'attention-pairwise', '--replicas', '1024'], 'attention-pairwise draws its repetitions from reps, not from --replicas: use --set reps=1024 instead'],
    [['sweep', 'grokking-modular', '--grid', 'noise=0.1,0.2', '--replicas', '3'], 'grokking-modular draws its Langevin chains from langevin.chains, not from --replicas: use --set langevin.chains=3 instead'],
    [['sweep', 'grokking-cubic', '--seeds', '1,2', '--replicas', '2', '--slurm', join(tmpdir(), 'limitlab-never-written')], 'grokking-cubic draws its Langevin chains from langevin.chains, not from --replicas: use --set langevin.chains=2 instead'],
  ])('limitlab %j exits 2 with one line naming the parameter, and writes nothing', (args, message) => {
    const db = join(dir, `refused-${args[1]}.sqlite`);
    const res = limitlab(db, ...args);
    expect(res.code, res.stderr).toBe(2);
    expect(res.stderr).toBe(`limitlab: ${message}\n`);
    expect(res.stdout).toBe('');
    expect(existsSync(db)).toBe(false);
    expect(existsSync(join(tmpdir(), 'limitlab-never-written'))).toBe(false);
  });

  it('runs with one replica, and the run line gives the kind\'s own count', () => {
    const db = join(dir, 'one.sqlite');
    const res = limitlab(
      db, 'run', 'grokking-modular', '--replicas', '1', '--seed', '2', '--json',
      '--set', 'modulus=5', '--set', 'N=8', '--set', 'langevin.chains=2', '--set', 'langevin.steps=300', '--set', 'langevin.burn_in=100', '--set', 'langevin.thin=5',
    );
    expect(res.code, res.stderr).toBe(0);
    expect(res.stderr).toMatch(/^run \S+ \(grokking-modular, seed 2, langevin\.chains = 2\)$/m);
    const doc = JSON.parse(res.stdout);
    expect(doc.params.langevin.chains).toBe(2);
    expect(doc.scalars.chains).toBe(2);
  });

  it('still takes --replicas for a kind whose simulation is its replicas', () => {
    const db = join(dir, 'sgd.sqlite');
    const res = limitlab(db, 'run', 'sgd-glm', '--set', 'd=40', '--set', 'T=1', '--set', 'grid=5', '--replicas', '3', '--seed', '1', '--json');
    expect(res.code, res.stderr).toBe(0);
    expect(res.stderr).toMatch(/^run \S+ \(sgd-glm, seed 1, 3 replicas\)$/m);
    const replicas = new Set(JSON.parse(res.stdout).series.flatMap((s: { replica?: number | null }) => (s.replica == null ? [] : [s.replica])));
    expect(replicas).toEqual(new Set([0, 1, 2]));
  });
});
