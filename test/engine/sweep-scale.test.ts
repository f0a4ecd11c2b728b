/**
 * Sweeps at scale through the engine service, with a stand-in job pool that never computes
 * anything: a 10 000-point sweep is stored in one transaction, listed and cancelled whole, reports
 * its progress, and a cancel while it is being created leaves nothing behind.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiEvents, SweepSpec } from '../../app/api.js';
import { ApiError } from '../../app/api.js';
import { openLibrary, type Db } from '../../app/engine/library/db.js';
import type { JobHandlers, JobPool } from '../../app/engine/pool/pool.js';
import { EngineService } from '../../app/engine/service.js';
import { expandSweep, SweepSpecError } from '../../app/engine/sweeps.js';

/**
 * A pool whose jobs wait until they are cancelled (cooperatively through the flag, or by the abort
 * signal) or, with `fail`, fail at once. It records how many jobs it held at most at one time.
 */
function standInPool(options: { fail?: boolean } = {}) {
  let held = 0;
  let mostHeld = 0;
  let jobs = 0;
  const pool = {
    threads: 1,
    run(_request: unknown, handlers: JobHandlers): Promise<never> {
      jobs++;
      if (options.fail) return Promise.reject(new Error('no worker in this test'));
      held++;
      mostHeld = Math.max(mostHeld, held);
      return new Promise<never>((_resolve, reject) => {
        const flag = new Int32Array(handlers.cancelFlag);
        let stopped = false;
        const stop = () => {
          if (stopped) return;
          stopped = true;
          clearInterval(poll);
          held--;
          reject(new Error('cancelled'));
        };
        const poll = setInterval(() => Atomics.load(flag, 0) === 1 && stop(), 5);
        handlers.signal?.addEventListener('abort', stop, { once: true });
      });
    },
    close: async () => {},
  };
  return { pool: pool as unknown as JobPool, stats: () => ({ held, mostHeld, jobs }) };
}

const open: { service: EngineService; db: Db }[] = [];
afterEach(async () => {
  for (const { service, db } of open.splice(0)) {
    await service.close();
    db.close();
  }
});

async function engineWith(pool: JobPool): Promise<{ service: EngineService; db: Db }> {
  const db = await openLibrary(join(mkdtempSync(join(tmpdir(), 'limitlab-sweep-')), 'library.sqlite'));
  const service = new EngineService(db, pool);
  open.push({ service, db });
  return { service, db };
}

/** A cheap sgd-glm setting swept over 100 × 100 learning rates and noise levels: 10 000 points. */
const tenThousand: SweepSpec = {
  kind: 'sgd-glm',
  mode: 'grid',
  params: { d: 10, T: 0.1, grid: 5 },
  axes: [
    { path: 'lr.gamma', values: Array.from({ length: 100 }, (_, i) => (i + 1) / 50) },
    { path: 'noise', values: Array.from({ length: 100 }, (_, i) => i / 100) },
  ],
};

const count = (db: Db, table: 'runs' | 'sweeps') => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('a 10 000-point sweep', () => {
  it('is stored with all its runs, listed whole in its detail, and cancelled whole', async () => {
    const { pool, stats } = standInPool();
    const { service, db } = await engineWith(pool);
    const sweep = await service.call('sweeps:start', tenThousand);
    expect(sweep.total).toBe(10_000);
    expect(count(db, 'runs')).toBe(10_000);

    const detail = (await service.call('sweeps:get', sweep.id))!;
    expect(detail.runs).toHaveLength(10_000);
    expect(new Set(detail.runs.map((r) => r.id)).size).toBe(10_000);
    // In the order of the points: the last axis varies fastest.
    expect(detail.runs[0]!.sweepPoint).toEqual({ 'lr.gamma': 0.02, noise: 0 });
    expect(detail.runs[1]!.sweepPoint).toEqual({ 'lr.gamma': 0.02, noise: 0.01 });
    expect(detail.runs[9_999]!.sweepPoint).toEqual({ 'lr.gamma': 2, noise: 0.99 });
    // The pool is fed a few runs at a time, not all 10 000.
    expect(stats().mostHeld).toBeLessThanOrEqual(8);

    await service.call('sweeps:cancel', sweep.id);
    await Promise.all(detail.runs.map((r) => service.whenSettled(r.id)));
    const after = (await service.call('sweeps:get', sweep.id))!;
    expect(after.counts).toEqual({ queued: 0, running: 0, done: 0, failed: 0, cancelled: 10_000 });
    expect(after.runs.filter((r) => r.status === 'cancelled')).toHaveLength(10_000);
    expect(stats().held).toBe(0);
  }, 180_000);

  it('is stored in one transaction: a failure while storing leaves neither the sweep nor any run', async () => {
    const { pool, stats } = standInPool();
    const { service, db } = await engineWith(pool);
    // The library fails on the 5 001st row, as a full disk would.
    db.exec(`CREATE TEMP TRIGGER fail_midway BEFORE INSERT ON runs WHEN (SELECT count(*) FROM runs) >= 5000
             BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    await expect(service.call('sweeps:start', tenThousand)).rejects.toThrow(/disk full/);
    expect(count(db, 'runs')).toBe(0);
    expect(count(db, 'sweeps')).toBe(0);
    expect(stats().jobs).toBe(0);
  }, 180_000);

  it('reports its progress while its points are checked and its runs stored', async () => {
    const { pool } = standInPool();
    const { service } = await engineWith(pool);
    const seen: ApiEvents['sweep:progress'][] = [];
    service.on('sweep:progress', (p) => seen.push(p));
    const sweep = await service.call('sweeps:start', tenThousand);
    expect(new Set(seen.map((p) => p.id))).toEqual(new Set([sweep.id]));
    const phases = seen.map((p) => p.phase).filter((phase, i, all) => phase !== all[i - 1]);
    expect(phases).toEqual(['checking', 'storing', 'running']);
    const checking = seen.filter((p) => p.phase === 'checking');
    expect(checking.length).toBeGreaterThan(1);
    expect(checking.at(-1)).toMatchObject({ done: 10_000, total: 10_000, fraction: 1 });
    expect(seen.filter((p) => p.phase === 'storing').at(-1)).toMatchObject({ done: 10_000, total: 10_000 });
    // Reports are throttled, not one per point.
    expect(seen.length).toBeLessThan(200);
  }, 180_000);

  it('stores nothing when it is cancelled while its points are being checked', async () => {
    const { pool, stats } = standInPool();
    const { service, db } = await engineWith(pool);
    service.on('sweep:progress', (p) => {
      if (p.phase === 'checking' && p.done >= 1000) void service.call('sweeps:cancel', p.id);
    });
    const error = await service.call('sweeps:start', tenThousand).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toMatch(/cancelled while it was being created; nothing was stored/);
    expect(count(db, 'runs')).toBe(0);
    expect(count(db, 'sweeps')).toBe(0);
    expect(await service.call('sweeps:list')).toEqual([]);
    expect(stats().jobs).toBe(0);
  }, 180_000);
});

describe('sweep progress while running', () => {
  it('ends with a report of every run settled', async () => {
    const { pool } = standInPool({ fail: true });
    const { service } = await engineWith(pool);
    const running: ApiEvents['sweep:progress'][] = [];
    service.on('sweep:progress', (p) => p.phase === 'running' && running.push(p));
    const sweep = await service.call('sweeps:start', { ...tenThousand, axes: [{ path: 'noise', values: [0, 0.1, 0.2, 0.3, 0.4, 0.5] }] });
    const detail = (await service.call('sweeps:get', sweep.id))!;
    await Promise.all(detail.runs.map((r) => service.whenSettled(r.id)));
    expect(running.at(-1)).toMatchObject({ id: sweep.id, done: 6, total: 6, fraction: 1 });
    expect((await service.call('sweeps:get', sweep.id))!.counts.failed).toBe(6);
  });
});

describe('sweep axis paths', () => {
  const base: SweepSpec = { kind: 'sgd-glm', mode: 'grid', axes: [] };
  const reserved = ['__proto__.polluted', 'constructor.prototype.polluted', 'lr.__proto__.gamma', 'prototype', 'lr.constructor'];

  it.each(reserved)('refuses %s without touching Object.prototype', (path) => {
    expect(() => expandSweep({ ...base, axes: [{ path, values: [1] }] })).toThrow(SweepSpecError);
    expect(() => expandSweep({ ...base, mode: 'zip', axes: [{ path, values: [1] }] })).toThrow(/reserved name/);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('are refused by sweeps:start as a bad request, and the engine keeps answering', async () => {
    const { pool, stats } = standInPool();
    const { service, db } = await engineWith(pool);
    for (const path of reserved) {
      await expect(service.call('sweeps:start', { ...base, axes: [{ path, values: [1] }] })).rejects.toMatchObject({ code: 'bad_request' });
    }
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect((await service.call('kinds:list')).length).toBeGreaterThan(0);
    expect(count(db, 'runs')).toBe(0);
    expect(stats().jobs).toBe(0);
  });
});
