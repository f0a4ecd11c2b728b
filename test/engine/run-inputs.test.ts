/**
 * A run's inputs: the engine reads the CSV before anything is stored, refuses a bad file with one
 * line naming the row or column (nothing written), records the file's SHA-256 with the run, hands
 * the table to every part and the merge, reports a changed file on re-run and refuses to resume a
 * run from parts computed on the old content.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../app/api.js';
import { openLibrary } from '../../app/engine/library/db.js';
import { JobPool } from '../../app/engine/pool/pool.js';
import { EngineService } from '../../app/engine/service.js';
import { recordedInputs } from '../../app/engine/run-inputs.js';
import { createRegistry, kinds } from '../../core/models/registry.js';
import { slowKind } from '../fixtures/slow-kind/index.js';
import { tableKind } from '../fixtures/table-kind/index.js';
import { buildFixtureWorker } from '../support/fixture-worker.js';

let service: EngineService;
let dir: string;
const cleanup: (() => Promise<void>)[] = [];

beforeAll(async () => {
  const built = await buildFixtureWorker();
  dir = built.dir;
  const pool = new JobPool({ workerPath: built.workerPath, threads: 2 });
  const db = await openLibrary(join(dir, 'library.sqlite'));
  service = new EngineService(db, pool, () => new Date(), createRegistry([...kinds, slowKind, tableKind]));
  cleanup.push(async () => {
    await service.close();
    await pool.close();
    db.close();
  });
}, 60_000);
afterAll(async () => {
  for (const c of cleanup) await c();
});

function csv(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'limitlab-input-')), name);
  writeFileSync(path, text);
  return path;
}

const start = (path: string, extra: Record<string, unknown> = {}) =>
  service.start({ kind: 'table-line', params: { data: { source: 'file', path }, ...extra }, seed: 1 });

async function refusal(path: string, extra: Record<string, unknown> = {}): Promise<string> {
  const before = service.runs.list().length;
  const error = await start(path, extra).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ApiError);
  expect((error as ApiError).code).toBe('bad_request');
  expect(service.runs.list()).toHaveLength(before);
  return (error as ApiError).message;
}

describe('run inputs', () => {
  it('hands the table to every part: the fit through the train rows of y = 2 + 3x is exact, the test rows left out', async () => {
    // Train rows lie on y = 2 + 3x; the test rows do not, so a fit that used them would differ.
    const rows = ['x,y,split', '0,2,train', '1,5,train', '2.5,9.5,train', '4,14,train', '1,100,test', '3,-50,test'];
    const path = csv('line.csv', rows.join('\n') + '\n');
    const run = await start(path);
    expect((await service.whenSettled(run.id)).status).toBe('done');
    const detail = service.runs.detail(run.id)!;
    expect(detail.result!.scalars['slope']).toBeCloseTo(3, 12);
    expect(detail.result!.scalars['intercept']).toBeCloseTo(2, 12);
    expect(detail.result!.scalars['rows']).toBe(4);
    const [recorded] = recordedInputs(detail.solver);
    const sha256 = createHash('sha256').update(rows.join('\n') + '\n').digest('hex');
    expect(recorded).toEqual({ name: 'data', kind: 'csv', path, sha256, count: 6 });
  }, 60_000);

  it('refuses a bad row with the file, row and column named, and stores nothing', async () => {
    const message = await refusal(csv('data.csv', 'x,y\n1,2\n2,4\n3,abc\n'));
    expect(message).toBe('data.csv row 4, column "y": "abc" is not a number');
    expect(await refusal(csv('ragged.csv', 'x,y\n1,2\n2\n'))).toBe('ragged.csv row 3: 1 values, the header has 2');
    expect(await refusal(csv('inf.csv', 'x,y\n1,Infinity\n2,4\n'))).toMatch(/^inf\.csv row 2, column "y": "Infinity" is not a number$/);
  }, 30_000);

  it('refuses what the kind cannot use: a missing column, a bad split cell, too few rows, no path, images', async () => {
    expect(await refusal(csv('noy.csv', 'x,z\n1,2\n2,3\n'))).toBe('noy.csv: no column "y" (columns: x, z)');
    expect(await refusal(csv('split.csv', 'x,y,split\n1,2,train\n2,3,valid\n'))).toBe('split.csv: row 3, column "split": "valid" is neither train nor test');
    expect(await refusal(csv('few.csv', 'x,y\n1,2\n2,3\n3,4\n'), { min_rows: 5 })).toBe('few.csv: 3 training rows, at least 5 needed');
    expect(await refusal('')).toBe('data.path is empty: give the path of a CSV file');
    expect(await refusal(join(dir, 'missing.csv'))).toBe('missing.csv: no such file or folder');
    expect(await refusal('package:mnist')).toBe('package:mnist: images given, but data.path of table-line takes a CSV file');
  }, 60_000);

  it('reads nothing when the parameters do not use the input', async () => {
    const run = await service.start({ kind: 'table-line', params: { data: { source: 'none', path: '' } }, seed: 1 });
    await service.whenSettled(run.id);
    expect(recordedInputs(service.runs.detail(run.id)!.solver)).toEqual([]);
  }, 30_000);

  it('a re-run of a run whose file changed records the new hash and says which file changed', async () => {
    const path = csv('moving.csv', 'x,y\n0,1\n1,3\n');
    const first = await start(path);
    await service.whenSettled(first.id);
    writeFileSync(path, 'x,y\n0,1\n1,5\n');
    const again = await service.call('runs:rerun', first.id);
    expect((await service.whenSettled(again.id)).status).toBe('done');
    const detail = service.runs.detail(again.id)!;
    expect(detail.result!.scalars['slope']).toBeCloseTo(4, 12);
    expect(recordedInputs(detail.solver)[0]!.sha256).toBe(createHash('sha256').update('x,y\n0,1\n1,5\n').digest('hex'));
    expect(detail.solver['warnings']).toEqual([expect.stringMatching(/^moving\.csv changed since the run that used it \(SHA-256 [0-9a-f]{12}… now [0-9a-f]{12}…\)$/)]);
    const unchanged = await service.call('runs:rerun', again.id);
    await service.whenSettled(unchanged.id);
    expect(service.runs.detail(unchanged.id)!.solver['warnings']).toEqual([]);
  }, 60_000);
});
