/**
 * Your own data from the command line: a CSV with a bad row is refused before anything is stored
 * (exit 2, one line naming the file, row and column, no run stored); a good one runs and its
 * path, SHA-256 and row count are in the run's provenance.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const BIN = resolve('bin/limitlab.js');

beforeAll(() => {
  if (!existsSync(resolve('dist/cli.js'))) throw new Error('build first: npm run build');
});

function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
}

/** A CSV of `rows` points x1..x3 on a seeded grid, y = x1 − x2 / 2. */
function table(rows: number): string {
  const lines = ['x1,x2,x3,y'];
  for (let r = 0; r < rows; r++) {
    const x = [Math.sin(r + 1), Math.cos(2 * r + 1), Math.sin(3 * r + 2)];
    lines.push([...x.map((v) => v.toFixed(6)), (x[0]! - x[1]! / 2).toFixed(6)].join(','));
  }
  return lines.join('\n') + '\n';
}

const RUN = ['run', 'nngp-gp', '--set', 'data.source=file', '--set', 'd=3', '--set', 'P=16', '--set', 'P_min=4', '--set', 'P_points=3', '--set', 'test_size=8'];

describe('limitlab run with a CSV', () => {
  it('refuses a bad row with exit 2 and one line naming file, row and column, and stores no run', () => {
    const dir = mkdtempSync(join(tmpdir(), 'limitlab-cli-input-'));
    const rows = table(40).split('\n');
    rows[5] = '0.1,0.2,oops,0.3';
    writeFileSync(join(dir, 'mine.csv'), rows.join('\n'));
    const db = join(dir, 'library.sqlite');
    const res = cli([...RUN, '--set', `data.path=${join(dir, 'mine.csv')}`, '--db', db]);
    expect(res.status, res.stderr).toBe(2);
    expect(res.stderr).toBe('limitlab: mine.csv row 6, column "x3": "oops" is not a number\n');
    expect(res.stdout).toBe('');
    const listed = cli(['list', '--json', '--db', db]);
    expect(listed.status === 0 ? (JSON.parse(listed.stdout) as { runs: unknown[] }).runs : []).toEqual([]);
  });

  it('refuses a file whose columns do not fit d with one line, and runs a good file recording its hash', () => {
    const dir = mkdtempSync(join(tmpdir(), 'limitlab-cli-input-'));
    const text = table(40);
    writeFileSync(join(dir, 'mine.csv'), text);
    const db = join(dir, 'library.sqlite');
    const wrong = cli(['run', 'nngp-gp', '--set', 'data.source=file', '--set', 'd=4', '--set', `data.path=${join(dir, 'mine.csv')}`, '--db', db]);
    expect(wrong.status, wrong.stderr).toBe(2);
    expect(wrong.stderr.trim().split('\n')).toHaveLength(1);
    expect(wrong.stderr).toMatch(/^limitlab: mine\.csv: .*x4|^limitlab: mine\.csv: .*d = 4/);

    const res = cli([...RUN, '--set', `data.path=${join(dir, 'mine.csv')}`, '--db', db, '--json', '--replicas', '2', '--seed', '3']);
    expect(res.status, res.stderr).toBe(0);
    const run = JSON.parse(res.stdout) as { solver: { inputs: unknown[] }; series: { name: string; source: string }[] };
    expect(run.solver.inputs).toEqual([
      { name: 'data', kind: 'csv', path: join(dir, 'mine.csv'), sha256: createHash('sha256').update(text).digest('hex'), count: 40 },
    ]);
    expect(run.series.some((s) => s.name === 'test_error' && s.source === 'theory')).toBe(true);
    expect(run.series.some((s) => s.name === 'test_error' && s.source === 'empirical')).toBe(true);
  }, 60_000);
});
