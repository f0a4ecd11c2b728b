/**
 * `limitlab rerun RUN_ID`: the same run again as a new run. A re-run over the cost limit is refused
 * as `run` refuses it (exit 2, the estimate and --force named, nothing written) and starts with
 * --force; an unknown id is bad input.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openLibrary } from '../../app/engine/library/db.js';
import type { JobPool } from '../../app/engine/pool/pool.js';
import { EngineService } from '../../app/engine/service.js';

const BIN = resolve('bin/limitlab.js');
let db: string;
let costly: string;

beforeAll(async () => {
  if (!existsSync(resolve('dist/cli.js'))) throw new Error('dist/cli.js is missing: build first with "npm run build"');
  db = join(mkdtempSync(join(tmpdir(), 'limitlab-cli-rerun-')), 'library.sqlite');
  // A run started forced past the cost limit, stored without being computed (its stand-in pool fails it at once).
  const library = await openLibrary(db);
  const service = new EngineService(library, { threads: 1, run: () => Promise.reject(new Error('not computed here')) } as unknown as JobPool);
  costly = (await service.call('runs:start', { kind: 'sgd-glm', params: { d: 1e6, T: 1e7 }, name: 'years of SGD', force: true })).id;
  await service.whenSettled(costly);
  await service.close();
  library.close();
});

function limitlab(...args: string[]) {
  const res = spawnSync(process.execPath, [BIN, ...args, '--db', db], { encoding: 'utf8' });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

function runs(): { id: string; name: string; status: string; seed: number; paramsHash: string }[] {
  const res = limitlab('list', '--json');
  expect(res.code, res.stderr).toBe(0);
  return JSON.parse(res.stdout).runs;
}

describe('limitlab rerun', () => {
  it('refuses a re-run over the cost limit without --force, naming the estimate, and writes nothing', () => {
    const res = limitlab('rerun', costly);
    expect(res.code, res.stderr).toBe(2);
    expect(res.stderr).toMatch(/^limitlab: estimated [\d.e]+ years of computation \(.*\), over the limit of 1 hour; pass --force to run anyway\n$/);
    expect(res.stdout).toBe('');
    expect(runs().map((r) => r.id)).toEqual([costly]);
  });

  it('starts it with --force as a new run of the same parameters and name (cancelled here with Ctrl+C)', async () => {
    const child = spawn(process.execPath, [BIN, 'rerun', costly, '--force', '--seed', '77', '--db', db], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    await new Promise<void>((r, reject) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += String(chunk);
        if (/run [0-9a-z-]+ \(re-run of [^\n]*\n[^]*%/.test(stderr)) r(); // computing: Ctrl+C now cancels it
      });
      void exited.then(() => reject(new Error(`the re-run ended before it was interrupted: ${stderr}`)));
    });
    child.kill('SIGINT');
    expect(await exited, stderr).toBe(1);
    expect(stderr).toMatch(new RegExp(`^run ([0-9a-z-]+) \\(re-run of ${costly}: sgd-glm, seed 77, 1 replica\\)`));
    const [again, first] = runs();
    expect(first!.id).toBe(costly);
    expect(again).toMatchObject({ name: 'years of SGD', status: 'cancelled', seed: 77, paramsHash: first!.paramsHash });
  }, 30_000);

  it('re-runs a run within the limit with the seed given, printing its JSON', () => {
    const first = JSON.parse(limitlab('run', 'sgd-glm', '--set', 'd=100', '--set', 'T=1', '--seed', '3', '--json').stdout);
    const res = limitlab('rerun', first.id, '--seed', '3', '--json');
    expect(res.code, res.stderr).toBe(0);
    const again = JSON.parse(res.stdout);
    expect(again.id).not.toBe(first.id);
    expect(again.params).toEqual(first.params);
    expect(again.series).toEqual(first.series);
  }, 30_000);

  it.each([
    [['rerun'], /^limitlab: rerun needs exactly one RUN_ID\n$/],
    [['rerun', 'zzzzzzzz'], /^limitlab: no run with id zzzzzzzz\n$/],
    [['rerun', 'NOT AN ID'], /is not a run id/],
    [['rerun', 'zzzzzzzz', '--seed', '-1'], /--seed/],
  ])('refuses %j as bad input', (args, says) => {
    const before = runs().length;
    const res = limitlab(...args);
    expect(res.code, res.stderr).toBe(2);
    expect(res.stderr).toMatch(says);
    expect(runs()).toHaveLength(before);
  });

  it('is listed in the usage with --force', () => {
    const res = spawnSync(process.execPath, [BIN, '--help'], { encoding: 'utf8' });
    expect(res.stdout).toMatch(/limitlab rerun RUN_ID \[--seed N\] \[--force\]/);
  });
});
