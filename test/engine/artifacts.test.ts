/**
 * Artifacts: a run keeps a trained model in the library, named by the SHA-256 of its content; a
 * later run reuses it by reference (run:RUN_ID/NAME or artifact:ID), which is recorded in its
 * provenance; a reference that names nothing, or a model of the wrong format, is refused with one
 * line before anything is stored.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../app/api.js';
import { artifactsProblem } from '../../app/engine/library/artifacts.js';
import { openLibrary } from '../../app/engine/library/db.js';
import { JobPool } from '../../app/engine/pool/pool.js';
import { recordedInputs } from '../../app/engine/run-inputs.js';
import { EngineService } from '../../app/engine/service.js';
import { createRegistry, kinds } from '../../core/models/registry.js';
import { slowKind } from '../fixtures/slow-kind/index.js';
import { tableKind } from '../fixtures/table-kind/index.js';
import { buildFixtureWorker } from '../support/fixture-worker.js';

let service: EngineService;
let dbPath: string;
let pool: JobPool;
const registry = createRegistry([...kinds, slowKind, tableKind]);

beforeAll(async () => {
  const built = await buildFixtureWorker();
  pool = new JobPool({ workerPath: built.workerPath, threads: 2 });
  dbPath = join(built.dir, 'library.sqlite');
  service = new EngineService(await openLibrary(dbPath), pool, () => new Date(), registry);
}, 60_000);
afterAll(async () => {
  await service.close();
  await pool.close();
});

function csv(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'limitlab-artifact-')), 'data.csv');
  writeFileSync(path, text);
  return path;
}

async function runLine(path: string, modelRef = ''): Promise<string> {
  const run = await service.start({ kind: 'table-line', params: { data: { source: 'file', path }, model: { ref: modelRef } }, seed: 1 });
  expect((await service.whenSettled(run.id)).status).toBe('done');
  return run.id;
}

/** The content id: SHA-256 over a versioned header, the format, the canonical config and the little-endian numbers. */
function expectedId(format: string, configJson: string, values: number[]): string {
  const bytes = Buffer.alloc(values.length * 8);
  values.forEach((v, i) => bytes.writeDoubleLE(v, i * 8));
  return createHash('sha256').update(`limitlab-artifact/1\0${format}\0${configJson}\0`).update(bytes).digest('hex');
}

describe('artifacts', () => {
  let trained = '';
  /** The trained run's fit, as its scalars report it (about y = 2 + 3x). */
  let line = { intercept: NaN, slope: NaN };

  it('are kept with the run that trained them, named by the SHA-256 of their content', async () => {
    trained = await runLine(csv('x,y\n0,2\n1,5\n2,8\n'));
    const detail = service.runs.detail(trained)!;
    line = { intercept: detail.result!.scalars['intercept']!, slope: detail.result!.scalars['slope']! };
    expect(line.intercept).toBeCloseTo(2, 12);
    expect(line.slope).toBeCloseTo(3, 12);
    expect(detail.result!.artifacts).toBeUndefined();
    expect(detail.artifacts).toEqual([{
      name: 'line', format: 'line/v1', config: { x: 'x', y: 'y' }, size: 2, ref: `run:${trained}/line`,
      id: expectedId('line/v1', '{"x":"x","y":"y"}', [line.intercept, line.slope]),
    }]);
  }, 60_000);

  it('are reused by reference in a later run, which records which one it used', async () => {
    const rows = [[0, 1], [1, 3], [2, 5], [4, 9]];
    const data = csv(`x,y\n${rows.map((r) => r.join(',')).join('\n')}\n`);
    const expected = rows.reduce((s, [x, y]) => s + (y! - (line.intercept + line.slope * x!)) ** 2, 0) / rows.length;
    const id = service.runs.detail(trained)!.artifacts![0]!.id;
    for (const ref of [`run:${trained}/line`, `artifact:${id.slice(0, 10)}`, `artifact:${id.toUpperCase()}`]) {
      const reused = await runLine(data, ref);
      const detail = service.runs.detail(reused)!;
      expect(detail.result!.scalars['reference_mse']).toBeCloseTo(expected, 12);
      expect(recordedInputs(detail.solver).find((r) => r.name === 'model')).toEqual({ name: 'model', kind: 'artifact', path: ref, sha256: id, count: 2 });
      // The reusing run keeps its own fit (about y = 1 + 2x) under its own id.
      const own = [detail.result!.scalars['intercept']!, detail.result!.scalars['slope']!];
      expect(own[1]).toBeCloseTo(2, 12);
      expect(detail.artifacts![0]!.id).toBe(expectedId('line/v1', '{"x":"x","y":"y"}', own));
    }
  }, 60_000);

  it('refuse a reference that names nothing, or a model of another format, before anything is stored', async () => {
    const data = csv('x,y\n0,1\n1,3\n');
    const refuse = async (ref: string, params: Record<string, unknown> = { model: { ref } }) => {
      const before = service.runs.count();
      const error = await service.start({ kind: 'table-line', params: { data: { source: 'file', path: data }, ...params } }).then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(ApiError);
      expect(service.runs.count()).toBe(before);
      return (error as ApiError).message;
    };
    expect(await refuse('run:nope-123/line')).toBe('run:nope-123/line: no run with id nope-123 in this library');
    expect(await refuse(`run:${trained}/weights`)).toBe(`run:${trained}/weights: run ${trained} kept no artifact "weights" (it kept line)`);
    expect(await refuse('run:/line')).toBe('run:/line: an artifact reference is run:RUN_ID/NAME or artifact:ID');
    expect(await refuse('artifact:abc')).toBe("artifact:abc: give at least 8 hex digits of the artifact's id");
    expect(await refuse('artifact:0000000000')).toBe('artifact:0000000000: no artifact with that id in this library');
    expect(await refuse('', { data: { source: 'file', path: `run:${trained}/line` } })).toBe(
      `run:${trained}/line: an artifact given, but data.path of table-line takes a CSV file`,
    );
  }, 60_000);

  it('survive the library being closed and opened again', async () => {
    const again = new EngineService(await openLibrary(dbPath), pool, () => new Date(), registry);
    expect(again.runs.resolveArtifact(`run:${trained}/line`)).toMatchObject({ artifact: { format: 'line/v1', data: Float64Array.of(line.intercept, line.slope) } });
  });

  it('must have names, a format and finite numbers to be stored', () => {
    const ok = { name: 'w', format: 'f/v1', config: {}, data: Float64Array.of(1) };
    expect(artifactsProblem([ok])).toBeNull();
    expect(artifactsProblem([ok, ok])).toBe('artifact "w" appears twice');
    expect(artifactsProblem([{ ...ok, name: '../w' }])).toMatch(/is not 1–64 letters/);
    expect(artifactsProblem([{ ...ok, format: '' }])).toBe('artifact "w" has no format');
    expect(artifactsProblem([{ ...ok, data: Float64Array.of(NaN) }])).toBe('artifact "w" holds values that are not finite');
  });
});

describe('artifacts in bundles', () => {
  it('travel with the run that kept them and the run that reused them, and a changed number is refused', async () => {
    const built = await buildFixtureWorker();
    const pool2 = new JobPool({ workerPath: built.workerPath, threads: 1 });
    const from = new EngineService(await openLibrary(join(built.dir, 'from.sqlite')), pool2, () => new Date(), registry);
    const to = new EngineService(await openLibrary(join(built.dir, 'to.sqlite')), pool2, () => new Date(), registry);
    try {
      const start = async (params: Record<string, unknown>) => {
        const run = await from.start({ kind: 'table-line', params, seed: 1 });
        expect((await from.whenSettled(run.id)).status).toBe('done');
        return run.id;
      };
      const trained = await start({ data: { source: 'file', path: csv('x,y\n0,2\n1,5\n2,8\n') } });
      const id = from.runs.detail(trained)!.artifacts![0]!.id;
      const reused = await start({ data: { source: 'file', path: csv('x,y\n0,1\n1,3\n') }, model: { ref: `artifact:${id.slice(0, 12)}` } });
      const { text } = await from.call('bundles:export', { ids: [reused] });
      // Only the run that reused the model goes: the model travels with it.
      expect((await to.call('bundles:import', { text })).imported).toEqual([reused]);
      const carried = to.runs.detail(reused)!.artifacts!.find((a) => a.name === 'input.model')!;
      expect(carried.id).toBe(id);
      expect(to.runs.resolveArtifact(`artifact:${id}`)).toMatchObject({ artifact: { id, format: 'line/v1' } });

      const both = (await from.call('bundles:export', { ids: [trained, reused] })).text;
      const doc = JSON.parse(both) as { runs: { artifacts?: { data: unknown }[] }[] };
      expect(doc.runs[0]!.artifacts).toHaveLength(1);
      // Flip a number of the trained line: the bundle no longer matches its checksum.
      const tampered = both.replace(/("artifacts":\[\{"name":"line"[^\]]*?"data":\{"\$f64":")([A-Za-z0-9+/])/, (_m, head: string, c: string) => head + (c === 'A' ? 'B' : 'A'));
      expect(tampered).not.toBe(both);
      await expect(to.call('bundles:import', { text: tampered })).rejects.toThrow(/trained models \(artifacts\) changed since it was exported/);
    } finally {
      await from.close();
      await to.close();
      await pool2.close();
    }
  }, 60_000);
});
