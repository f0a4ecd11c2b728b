/**
 * The command line refuses runs and sweeps over the cost limit before anything starts: exit 2,
 * one line with the estimate and how to force it, no library file.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const BIN = resolve('bin/limitlab.js');
let dir: string;

beforeAll(() => {
  if (!existsSync(resolve('dist/cli.js'))) throw new Error('dist/cli.js is missing: build first with "npm run build"');
  dir = mkdtempSync(join(tmpdir(), 'limitlab-cli-cost-'));
});

function limitlab(...args: string[]) {
  const folder = mkdtempSync(join(dir, 'case-'));
  const res = spawnSync(process.execPath, [BIN, ...args, '--db', join(folder, 'library.sqlite')], { encoding: 'utf8' });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr, files: readdirSync(folder) };
}

describe('the cost limit on the command line', () => {
  it.each([
    [['run', 'sgd-glm', '--set', 'd=1000000', '--set', 'T=10000000'], /^limitlab: estimated 4100 years of computation \(homogenized SGD steps·d·replicas = 1\.0e19\), over the limit of 1 hour; pass --force to run anyway\n$/],
    [['run', 'sgd-glm', '--set', 'd=1000000', '--replicas', '1024'], /^limitlab: estimated 4\.\d years of computation \(.* = 1\.0e16\), over the limit of 1 hour; pass --force to run anyway\n$/],
    [['run', 'dp-sgd', '--set', 'd=1000000', '--set', 'aspect=0.01'], /^limitlab: estimated [\d.]+ days of computation \(DP-SGD steps·d·replicas = 1\.0e14\), .*; pass --force to run anyway\n$/],
    [['sweep', 'sgd-glm', '--grid', 'd=200000,300000,400000', '--set', 'T=1'], /^limitlab: sweep of 3 runs: estimated 1\.\d+ hours of computation \(.* over all points\), over the limit of 1 hour; pass --force to run anyway\n$/],
  ])('refuses limitlab %j with the estimate and writes nothing', (args, says) => {
    const res = limitlab(...args);
    expect(res.code, res.stderr).toBe(2);
    expect(res.stderr).toMatch(says);
    expect(res.stdout).toBe('');
    expect(res.files).toEqual([]);
  });

  it('lists --force in the usage of run and sweep', () => {
    const res = spawnSync(process.execPath, [BIN, '--help'], { encoding: 'utf8' });
    const usage = res.stdout + res.stderr;
    expect(usage).toMatch(/limitlab run KIND .*\[--force\]/);
    expect(usage).toMatch(/\[--replicas R\] \[--force\] \[--db PATH\] \[--json\]/);
  });
});
