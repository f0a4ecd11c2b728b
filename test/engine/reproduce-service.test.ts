/** The reproduction channels of the API on a real engine: start a claim's run, read its verdict back from the library. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../app/engine/index.js';

let engine: Engine;

beforeAll(async () => {
  engine = await createEngine({ dbPath: join(mkdtempSync(join(tmpdir(), 'limitlab-repro-service-')), 'library.sqlite'), threads: 1 });
});
afterAll(async () => {
  await engine?.close();
});

describe('reproduce:claims and reproduce:start', () => {
  it('lists a kind\'s claims unchecked, runs one, and shows its verdict with its run', async () => {
    const before = await engine.call('reproduce:claims', { kind: 'dp-sgd' });
    expect(before.papers).toEqual([{ arxiv: '2505.16329', title: expect.any(String), kind: 'dp-sgd' }]);
    expect(before.claims.length).toBeGreaterThanOrEqual(3);
    expect(before.claims.every((c) => c.status === 'unchecked' && c.runId === null && c.measured === null)).toBe(true);

    const started = await engine.call('reproduce:start', { claim: 'dp-sgd/isotropic-ode' });
    expect(started.runIds).toHaveLength(1);
    expect(started.tag).toMatch(/^reproduce-/);
    const running = await engine.call('reproduce:claims', { claim: 'dp-sgd/isotropic-ode' });
    expect(running.claims[0]).toMatchObject({ status: 'running', runId: started.runIds[0] });

    await engine.service.whenSettled(started.runIds[0]!);
    const after = await engine.call('reproduce:claims', { kind: 'dp-sgd' });
    const checked = after.claims.find((c) => c.key === 'dp-sgd/isotropic-ode')!;
    expect(checked).toMatchObject({ status: 'pass', runId: started.runIds[0], expected: '0.179' });
    expect(checked.measured).toBeCloseTo(0.179, 3);
    expect(checked.checkedAt).not.toBeNull();
    // Another claim on the same run (the two bounding ODEs) is answered by it too.
    expect(after.claims.find((c) => c.key === 'dp-sgd/bounds-coincide-isotropic')).toMatchObject({ status: 'pass', runId: started.runIds[0] });
    expect(after.claims.find((c) => c.key === 'dp-sgd/aggressive-clipping-optimum')?.status).toBe('unchecked');
    const summary = engine.service.runs.summary(started.runIds[0]!)!;
    expect(summary.tags).toEqual(expect.arrayContaining(['reproduce', started.tag]));
  });

  it('refuses an unknown kind, paper or claim, and arguments outside the schema', async () => {
    await expect(engine.call('reproduce:claims', { kind: 'nope' })).rejects.toMatchObject({ code: 'bad_request', message: expect.stringMatching(/unknown kind "nope"/) });
    await expect(engine.call('reproduce:start', { paper: '0000.00000' })).rejects.toMatchObject({ code: 'bad_request' });
    await expect(engine.call('reproduce:start', { claim: 'dp-sgd/nope' })).rejects.toMatchObject({ code: 'bad_request' });
    await expect(engine.call('reproduce:start', { quick: 'yes' } as never)).rejects.toMatchObject({ code: 'bad_request' });
    await expect(engine.call('reproduce:claims', { kind: 'dp-sgd', extra: 1 } as never)).rejects.toMatchObject({ code: 'bad_request' });
    expect((await engine.call('runs:list')).length).toBe(1);
  });
});
