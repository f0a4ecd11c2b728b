/**
 * A part's partial results (reported through ctx.partial while it runs) reach listeners as
 * 'run:progress' events flagged `partial` with the part's name, before the run is done; they are
 * never stored: the library keeps the merge of the parts' returned results only. The CLI's
 * progress line shows the latest one, marked as not final.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ApiEvents } from '../../app/api.js';
import { fitLine, partialLine } from '../../app/cli/partial-line.js';
import { openLibrary } from '../../app/engine/library/db.js';
import { JobPool } from '../../app/engine/pool/pool.js';
import { EngineService } from '../../app/engine/service.js';
import { createRegistry, kinds } from '../../core/models/registry.js';
import { runKind } from '../../core/models/run-kind.js';
import { slowKind } from '../fixtures/slow-kind/index.js';
import { buildFixtureWorker } from '../support/fixture-worker.js';

const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanup) await c();
});

describe('partial results', () => {
  it('go out as run:progress events flagged partial while the run computes, and never into the library', async () => {
    const { workerPath, dir } = await buildFixtureWorker();
    const pool = new JobPool({ workerPath, threads: 2 });
    const db = await openLibrary(join(dir, 'library.sqlite'));
    const registry = createRegistry([...kinds, slowKind]);
    const service = new EngineService(db, pool, () => new Date(), registry);
    cleanup.push(async () => {
      await service.close();
      await pool.close();
      db.close();
    });

    const events: ({ type: 'partial'; partial: NonNullable<ApiEvents['run:progress']['partial']> } | { type: 'status'; status: string })[] = [];
    service.on('run:progress', (p) => {
      if (p.partial) events.push({ type: 'partial', partial: p.partial });
    });
    service.on('run:status', (s) => events.push({ type: 'status', status: s.status }));
    const run = await service.start({ kind: 'slow-wait', params: { ms: 400 }, replicas: 2, seed: 3 });
    expect((await service.whenSettled(run.id)).status).toBe('done');

    const partials = events.flatMap((e) => (e.type === 'partial' ? [e.partial] : []));
    expect(partials.length).toBeGreaterThanOrEqual(2);
    expect(new Set(partials.map((p) => p.part))).toEqual(new Set(['replica 0', 'replica 1']));
    expect(partials.every((p) => p.series[0]!.name === 'waited' && p.series[0]!.y[0]! <= 1)).toBe(true);
    const done = events.findIndex((e) => e.type === 'status' && e.status === 'done');
    expect(events.findIndex((e) => e.type === 'partial')).toBeLessThan(done);
    expect(events.slice(done).some((e) => e.type === 'partial')).toBe(false);

    const stored = service.runs.detail(run.id)!.result!;
    const direct = runKind(slowKind, { ms: 1 }, { seed: 3, replicas: 2, isCancelled: () => false, progress: () => {} });
    expect(stored.series).toEqual([]);
    expect(stored.scalars).toEqual(direct.scalars);
    expect(service.runs.partCount(run.id)).toBe(0);
  }, 60_000);

  it('show in the CLI progress line as the part, its last point and "(so far)", cut to the terminal width', () => {
    const line = partialLine({
      part: 'replica 3',
      series: [{ name: 'risk', source: 'simulation', x: Float64Array.of(0, 1.5), y: Float64Array.of(1, 0.000123456), xLabel: 't', yLabel: 'risk' }],
      scalars: { rhat: 1.0123456 },
    });
    expect(line).toBe('replica 3: risk 1.23e-4 at t 1.5, rhat 1.012 (so far)');
    expect(partialLine({ part: 'theory', series: [] })).toBe('theory: running (so far)');
    expect(fitLine('x'.repeat(50), 30)).toBe(`${'x'.repeat(29)}…`);
    expect(fitLine('short', 30)).toBe('short');
  });
});
