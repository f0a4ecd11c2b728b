/**
 * `limitlab list` finds runs by scalar and by id, and refuses a filter on a field no run has with
 * exit status 2 and one line naming it (the built bin, a temporary library).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const BIN = resolve('bin/limitlab.js');
let db: string;
let run: { id: string; scalars: Record<string, number> };

function limitlab(...args: string[]) {
  const res = spawnSync(process.execPath, [BIN, ...args, '--db', db], { encoding: 'utf8' });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

const listed = (...args: string[]): string[] => {
  const res = limitlab('list', '--json', ...args);
  expect(res.code, res.stderr).toBe(0);
  return (JSON.parse(res.stdout) as { runs: { id: string }[] }).runs.map((r) => r.id);
};

beforeAll(() => {
  if (!existsSync(resolve('dist/cli.js'))) throw new Error('build first: npm run build');
  db = join(mkdtempSync(join(tmpdir(), 'limitlab-list-')), 'library.sqlite');
  const res = limitlab('run', 'sgd-glm', '--set', 'd=60', '--set', 'T=1', '--set', 'sde=false', '--replicas', '1', '--json');
  if (res.code !== 0) throw new Error(`the run for the list tests failed: ${res.stderr}`);
  run = JSON.parse(res.stdout) as typeof run;
});

describe('limitlab list --where', () => {
  it('filters on a scalar of the runs', () => {
    const [name, value] = Object.entries(run.scalars).find(([, v]) => typeof v === 'number' && Number.isFinite(v))!;
    expect(listed('--where', `${name} <= ${value}`)).toEqual([run.id]);
    expect(listed('--where', `${name} > ${value}`)).toEqual([]);
  });

  it('filters on a parameter as before', () => {
    expect(listed('--where', 'd = 60')).toEqual([run.id]);
  });

  it('refuses a field no run has with exit 2 and one line naming it', () => {
    const res = limitlab('list', '--where', 'final_risk_nothing < 0.1');
    expect(res.code).toBe(2);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    expect(res.stderr).toMatch(/unknown field "final_risk_nothing"/);
  });
});

describe('limitlab list --search', () => {
  it('finds a run by its id', () => {
    expect(listed('--search', run.id)).toEqual([run.id]);
    expect(listed('--search', run.id.slice(0, 8))).toEqual([run.id]);
  });
});
