/**
 * A run killed (kill -9) at about half of its parts is listed as interrupted with its progress, and
 * `limitlab resume` computes only the missing parts and stores the bytes an uninterrupted run of
 * the same seed stores.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';

const BIN = resolve('bin/limitlab.js');
/** Theory and 8 replicas: 9 parts of about a second each. */
const RUN = ['run', 'sgd-glm', '--replicas', '8', '--seed', '7', '--set', 'T=300', '--set', 'sde=false'];
const PARTS = 9;

beforeAll(() => {
  if (!existsSync(resolve('dist/cli.js'))) throw new Error('build first: npm run build');
});

function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
}

/** How many parts of runs the library has stored (0 while the file or the table is not there yet). */
function storedParts(db: string): number {
  if (!existsSync(db)) return 0;
  const conn = new Database(db, { readonly: true, fileMustExist: true });
  try {
    return (conn.prepare('SELECT count(*) AS n FROM run_parts').get() as { n: number }).n;
  } catch {
    return 0;
  } finally {
    conn.close();
  }
}

/** Every stored byte of a run's series, in order. */
function seriesBytes(db: string, id: string): Buffer[] {
  const conn = new Database(db, { readonly: true, fileMustExist: true });
  try {
    const rows = conn.prepare('SELECT x, y, band_lo, band_hi FROM series WHERE run_id = ? ORDER BY idx').all(id) as Record<string, Buffer | null>[];
    return rows.flatMap((r) => [r.x!, r.y!, r.band_lo ?? Buffer.alloc(0), r.band_hi ?? Buffer.alloc(0)]);
  } finally {
    conn.close();
  }
}

interface Listed {
  id: string;
  status: string;
  error: string | null;
  interrupted?: { partsDone: number; partsTotal: number | null };
}

function listRuns(db: string): Listed[] {
  const res = cli(['list', '--json', '--db', db]);
  expect(res.status, res.stderr).toBe(0);
  return JSON.parse(res.stdout).runs as Listed[];
}

/** Starts the run, kills it with SIGKILL once `atLeast` parts are stored, and waits for the exit. */
async function killAtParts(db: string, atLeast: number): Promise<number> {
  const child = spawn(process.execPath, [BIN, ...RUN, '--db', db], { stdio: 'ignore' });
  const exited = new Promise<NodeJS.Signals | null>((r) => child.on('exit', (_code, signal) => r(signal)));
  let ended = false;
  void exited.then(() => (ended = true));
  let stored = 0;
  while (!ended && (stored = storedParts(db)) < atLeast) await new Promise((r) => setTimeout(r, 50));
  if (ended) throw new Error(`the run ended before it was killed (${stored} parts stored)`);
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
  return storedParts(db);
}

describe('a run killed halfway and resumed', () => {
  it('is listed and shown as interrupted k/n, resumes the missing parts only, and stores the bytes of an uninterrupted run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'limitlab-resume-'));
    const db = join(dir, 'library.sqlite');
    const stored = await killAtParts(db, PARTS / 2);
    expect(stored).toBeGreaterThanOrEqual(4);
    expect(stored).toBeLessThan(PARTS);

    const [interrupted] = listRuns(db);
    expect(interrupted!.status).toBe('failed');
    expect(interrupted!.error).toMatch(/^interrupted/);
    expect(interrupted!.interrupted).toEqual({ partsDone: stored, partsTotal: PARTS });
    const text = cli(['list', '--db', db]);
    expect(text.stdout).toContain(`interrupted ${stored}/${PARTS}`);
    const shown = cli(['show', interrupted!.id, '--db', db]);
    expect(shown.stdout).toContain(`status failed (interrupted ${stored}/${PARTS}; limitlab resume ${interrupted!.id})`);

    const resumed = cli(['resume', interrupted!.id, '--db', db]);
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain(`${stored}/${PARTS} parts stored`);
    expect(storedParts(db)).toBe(0);

    const whole = cli([...RUN, '--db', db, '--json']);
    expect(whole.status, whole.stderr).toBe(0);
    const wholeId = (JSON.parse(whole.stdout) as { id: string }).id;
    const runs = listRuns(db);
    expect(runs.map((r) => r.status)).toEqual(['done', 'done']);
    expect(runs.every((r) => r.interrupted === undefined)).toBe(true);
    const a = seriesBytes(db, interrupted!.id);
    const b = seriesBytes(db, wholeId);
    expect(a.length).toBeGreaterThan(0);
    expect(Buffer.concat(a).equals(Buffer.concat(b))).toBe(true);
    expect(a.map((x) => x.length)).toEqual(b.map((x) => x.length));

    // A finished run is not resumed again: one line, exit 2.
    const again = cli(['resume', interrupted!.id, '--db', db]);
    expect(again.status).toBe(2);
    expect(again.stderr.trim().split('\n')).toEqual([`limitlab: run ${interrupted!.id} is done, not interrupted; only an interrupted run can be resumed`]);
  }, 120_000);

  it('refuses an unknown run id with one line and exit 2', () => {
    const db = join(mkdtempSync(join(tmpdir(), 'limitlab-resume-')), 'library.sqlite');
    const res = cli(['resume', 'abcdefgh-1234', '--db', db]);
    expect(res.status).toBe(2);
    expect(res.stderr).toBe('limitlab: no run with id abcdefgh-1234\n');
  });
});
