/**
 * Every finished part is stored as it completes; an engine that stops with a run half done leaves
 * it interrupted, and `runs:resume` computes only the missing parts (the merge on a worker) and
 * stores the result an uninterrupted run gives, byte for byte.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../app/api.js';
import { openLibrary, type Db } from '../../app/engine/library/db.js';
import { MIGRATIONS, SCHEMA_VERSION } from '../../app/engine/library/migrations/index.js';
import { INTERRUPTED_ERROR } from '../../app/engine/library/runs.js';
import { JobPool } from '../../app/engine/pool/pool.js';
import { EngineService } from '../../app/engine/service.js';
import type { RunResult } from '../../core/models/model-kind.js';

const WORKER = resolve('dist/worker.cjs');
const RUN = { kind: 'sgd-glm', params: { d: 200, T: 2, sde: false }, seed: 21, replicas: 4 };
/** Theory and 4 replicas. */
const PARTS = 5;
/** Parts the first engine finishes before it stops answering. */
const FINISHED = 2;

const pools: JobPool[] = [];
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
});

/** A real pool that records every job it is given, and gives no answer to parts after the first `answered`. */
function recordingPool(answered = Infinity): { pool: JobPool; parts: string[]; merges: number } {
  const pool = new JobPool({ workerPath: WORKER, threads: 1 });
  pools.push(pool);
  const seen = { pool, parts: [] as string[], merges: 0 };
  const run = pool.run.bind(pool);
  pool.run = (request, handlers): Promise<RunResult> => {
    if (request.merge) seen.merges++;
    else seen.parts.push(JSON.stringify(request.part));
    if (!request.merge && seen.parts.length > answered) return new Promise(() => {});
    return run(request, handlers);
  };
  return seen;
}

async function waitFor(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((r) => setTimeout(r, 20));
}

function seriesBytes(db: Db, id: string): string {
  const rows = db.prepare('SELECT x, y, band_lo, band_hi FROM series WHERE run_id = ? ORDER BY idx').all(id) as Record<string, Buffer | null>[];
  return rows.map((r) => [r.x, r.y, r.band_lo, r.band_hi].map((b) => (b ? b.toString('hex') : '-')).join(':')).join('|');
}

describe('runs that survive their engine', () => {
  it('stores finished parts, lists the run interrupted k/n after the engine stops, and resumes only the missing parts to the bytes of a whole run', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'limitlab-parts-')), 'library.sqlite');
    const db = await openLibrary(path);

    // The first engine computes FINISHED parts, then its pool stops answering (as if killed).
    const first = recordingPool(FINISHED);
    const stopped = new EngineService(db, first.pool);
    const { id } = await stopped.start(RUN);
    await waitFor(() => stopped.runs.partCount(id) === FINISHED);
    expect(stopped.runs.summary(id)!.status).toBe('running');

    // The next engine on the library finds the run interrupted, with its progress.
    const second = recordingPool();
    const service = new EngineService(db, second.pool);
    const listed = (await service.call('runs:list', {})).find((r) => r.id === id)!;
    expect(listed.status).toBe('failed');
    expect(listed.interrupted).toEqual({ partsDone: FINISHED, partsTotal: PARTS });

    const resumed = await service.call('runs:resume', id);
    expect(resumed.status).toBe('queued');
    expect((await service.whenSettled(id)).status).toBe('done');
    expect(second.parts).toHaveLength(PARTS - FINISHED);
    expect(second.parts.filter((p) => first.parts.slice(0, FINISHED).includes(p))).toEqual([]);
    expect(second.merges).toBe(1);
    expect(service.runs.partCount(id)).toBe(0);
    expect(service.runs.summary(id)!.interrupted).toBeUndefined();

    const whole = await service.start(RUN);
    expect((await service.whenSettled(whole.id)).status).toBe('done');
    expect(seriesBytes(db, id).length).toBeGreaterThan(0);
    expect(seriesBytes(db, id)).toBe(seriesBytes(db, whole.id));
    expect(service.runs.detail(id)!.result!.scalars).toEqual(service.runs.detail(whole.id)!.result!.scalars);
  }, 60_000);

  it('refuses to resume a run that is not interrupted, or an unknown one', async () => {
    const db = await openLibrary(':memory:');
    const service = new EngineService(db, recordingPool().pool);
    const { id } = await service.start(RUN);
    await service.whenSettled(id);
    await expect(service.call('runs:resume', id)).rejects.toThrow(/is done, not interrupted/);
    await expect(service.call('runs:resume', 'abcdefgh-0000')).rejects.toSatisfy((e) => e instanceof ApiError && e.code === 'not_found');
  }, 60_000);

  it('migrates a schema-2 library forward after a backup: its interrupted run keeps its rows, has no stored parts and can be resumed in full', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'limitlab-parts-')), 'library.sqlite');
    const old = await openLibrary(path, { migrations: MIGRATIONS.filter((m) => m.version <= 2) });
    const id = 'mx00old0-00000001';
    old
      .prepare(
        `INSERT INTO runs (id, kind, name, status, params_json, params_hash, seed, replicas, rng, app_version, created_at, error)
         VALUES (?, 'sgd-glm', 'old', 'failed', ?, 'h', ?, ?, 'r', '0', '2026-01-01T00:00:00.000Z', ?)`,
      )
      .run(id, JSON.stringify(RUN.params), RUN.seed, RUN.replicas, INTERRUPTED_ERROR);
    old.close();

    const db = await openLibrary(path);
    expect(existsSync(`${path}.v2.bak`)).toBe(true);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const pool = recordingPool();
    const service = new EngineService(db, pool.pool);
    expect(service.runs.summary(id)!.interrupted).toEqual({ partsDone: 0, partsTotal: null });
    await service.call('runs:resume', id);
    expect((await service.whenSettled(id)).status).toBe('done');
    expect(pool.parts).toHaveLength(PARTS);
  }, 60_000);
});
