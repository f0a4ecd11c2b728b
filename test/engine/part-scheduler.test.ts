/**
 * The scheduler in front of the pool: no more tasks in the pool than slots, interactive runs
 * before batch ones, the run with the fewest tasks in the pool next, a per-run cap, and a task
 * withdrawn when its run is aborted while it waits. Then through the engine on a real pool: a
 * 1-part run started while a 64-part run computes starts before more than (pool size) further parts
 * of the large run start.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openLibrary } from '../../app/engine/library/db.js';
import { PartScheduler, type Priority } from '../../app/engine/part-scheduler.js';
import { JobPool } from '../../app/engine/pool/pool.js';
import { EngineService } from '../../app/engine/service.js';
import type { RunResult } from '../../core/models/model-kind.js';
import { createRegistry, kinds } from '../../core/models/registry.js';
import { slowKind } from '../fixtures/slow-kind/index.js';
import { buildFixtureWorker } from '../support/fixture-worker.js';

/** A scheduler whose tasks end when the test says so; `started` lists "owner#n" in start order. */
function manual(options: { slots: number; perRunCap?: number }) {
  const scheduler = new PartScheduler(options);
  const started: string[] = [];
  const finishers = new Map<string, () => void>();
  const counts = new Map<string, number>();
  const submit = (owner: string, priority: Priority, signal?: AbortSignal) => {
    const n = (counts.get(owner) ?? 0) + 1;
    counts.set(owner, n);
    const name = `${owner}#${n}`;
    return scheduler.submit(owner, priority, () => {
      started.push(name);
      return new Promise<string>((resolve) => finishers.set(name, () => resolve(name)));
    }, signal);
  };
  const finish = async (name: string) => {
    finishers.get(name)!();
    await new Promise((r) => setImmediate(r));
  };
  return { scheduler, started, submit, finish };
}

describe('the part scheduler', () => {
  it('keeps at most its slots busy and starts the next task when one ends', async () => {
    const s = manual({ slots: 2 });
    for (let i = 0; i < 5; i++) void s.submit('big', 'interactive');
    expect(s.started).toEqual(['big#1', 'big#2']);
    expect(s.scheduler.busy).toBe(2);
    await s.finish('big#1');
    expect(s.started).toEqual(['big#1', 'big#2', 'big#3']);
  });

  it('starts a new run before the next part of a run that holds the pool, and interactive runs before batch ones', async () => {
    const s = manual({ slots: 2 });
    for (let i = 0; i < 4; i++) void s.submit('big', 'interactive');
    void s.submit('sweep', 'batch');
    void s.submit('small', 'interactive');
    await s.finish('big#1');
    expect(s.started.at(-1)).toBe('small#1');
    await s.finish('big#2');
    expect(s.started.at(-1)).toBe('big#3');
    await s.finish('small#1');
    await s.finish('big#3');
    await s.finish('big#4');
    expect(s.started.at(-1)).toBe('sweep#1');
  });

  it('holds a run to its cap while another run waits, and leaves slots idle rather than exceed the cap', async () => {
    const s = manual({ slots: 3, perRunCap: 2 });
    for (let i = 0; i < 4; i++) void s.submit('a', 'interactive');
    expect(s.started).toEqual(['a#1', 'a#2']);
    void s.submit('b', 'batch');
    expect(s.started).toEqual(['a#1', 'a#2', 'b#1']);
  });

  it('withdraws a waiting task whose run is aborted, without starting it', async () => {
    const s = manual({ slots: 1 });
    void s.submit('a', 'interactive');
    const abort = new AbortController();
    const waiting = s.submit('b', 'interactive', abort.signal);
    abort.abort(new Error('cancelled'));
    await expect(waiting).rejects.toThrow('cancelled');
    await s.finish('a#1');
    expect(s.started).toEqual(['a#1']);
    expect(s.scheduler.busy).toBe(0);
  });
});

describe('a small run behind a 64-part run, on a real pool', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanup) await c();
  });

  it('starts before more than (pool size) further parts of the large run start', async () => {
    const { workerPath, dir } = await buildFixtureWorker();
    const pool = new JobPool({ workerPath, threads: 2 });
    const db = await openLibrary(join(dir, 'library.sqlite'));
    const service = new EngineService(db, pool, () => new Date(), createRegistry([...kinds, slowKind]));
    cleanup.push(async () => {
      await service.close();
      await pool.close();
      db.close();
    });

    // Every part that begins on a worker (its first progress message), in order, by run.
    const starts: string[] = [];
    const run = pool.run.bind(pool);
    pool.run = (request, handlers): Promise<RunResult> => {
      if (request.merge) return run(request, handlers);
      let begun = false;
      return run(request, {
        ...handlers,
        onProgress: (fraction, note) => {
          if (!begun) starts.push(request.replicas === 64 ? 'big' : 'small');
          begun = true;
          handlers.onProgress?.(fraction, note);
        },
      });
    };

    const big = await service.start({ kind: 'slow-wait', params: { ms: 200 }, replicas: 64, seed: 1 });
    while (starts.length < pool.threads) await new Promise((r) => setTimeout(r, 10));
    const bigBefore = starts.length;
    const small = await service.start({ kind: 'slow-wait', params: { ms: 200 }, replicas: 1, seed: 1 });
    expect((await service.whenSettled(small.id)).status).toBe('done');
    const bigAfter = starts.indexOf('small') - bigBefore;
    expect(starts).toContain('small');
    expect(bigAfter).toBeGreaterThanOrEqual(0);
    expect(bigAfter).toBeLessThanOrEqual(pool.threads);
    expect(service.runs.summary(big.id)!.status).toBe('running');
    await service.call('runs:cancel', big.id);
    expect((await service.whenSettled(big.id)).status).toBe('cancelled');
  }, 60_000);
});
