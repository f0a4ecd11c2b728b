import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../app/api.js';
import { createEngine, type Engine } from '../../app/engine/index.js';
import { openLibrary } from '../../app/engine/library/db.js';
import { JobPool } from '../../app/engine/pool/pool.js';
import { EngineService } from '../../app/engine/service.js';

const tempDb = () => join(mkdtempSync(join(tmpdir(), 'limitlab-svc-')), 'library.sqlite');
const engines: Engine[] = [];
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.close()));
});

async function engine(threads = 1): Promise<Engine> {
  const e = await createEngine({ dbPath: tempDb(), threads });
  engines.push(e);
  return e;
}

const small = { d: 200, T: 2 };

describe('engine service with the real pool', () => {
  it('runs sgd-glm to done with a theory and a simulation risk curve on the same x grid', async () => {
    const e = await engine();
    const started = await e.call('runs:start', { kind: 'sgd-glm', params: small, seed: 11, replicas: 2 });
    expect(started.status).toBe('queued');
    const final = await e.service.whenSettled(started.id);
    expect(final.status).toBe('done');
    const detail = (await e.call('runs:get', started.id))!;
    const theory = detail.result!.series.find((s) => s.name === 'risk' && s.source === 'theory')!;
    const sim = detail.result!.series.find((s) => s.name === 'risk' && s.source === 'simulation' && s.replica === undefined)!;
    expect(theory).toBeDefined();
    expect(sim).toBeDefined();
    expect(Array.from(sim.x)).toEqual(Array.from(theory.x));
    expect(detail.rng).toMatch(/@/);
    expect(detail.solver).toMatchObject({ integrator: 'dopri5', rtol: 1e-9 });
    expect(detail.params).toMatchObject({ d: 200, T: 2 });
  });

  it('gives bit-identical simulation output for the same seed, in separate runs', async () => {
    const e = await engine();
    const a = await e.call('runs:start', { kind: 'sgd-glm', params: small, seed: 5, replicas: 2 });
    const b = await e.call('runs:start', { kind: 'sgd-glm', params: small, seed: 5, replicas: 2 });
    await Promise.all([e.service.whenSettled(a.id), e.service.whenSettled(b.id)]);
    const sims = async (id: string) =>
      (await e.call('runs:get', id))!.result!.series.filter((s) => s.source === 'simulation').map((s) => Buffer.from(s.y.buffer).toString('hex'));
    expect(await sims(a.id)).toEqual(await sims(b.id));
    expect(a.paramsHash).toBe(b.paramsHash);
  });

  it('rejects invalid parameters with issues naming the parameter, and writes nothing', async () => {
    const e = await engine();
    const error = await e.call('runs:start', { kind: 'sgd-glm', params: { d: 1 } }).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('invalid_params');
    expect((error as ApiError).issues![0]!.path).toBe('d');
    expect((error as ApiError).message).toMatch(/d = 1/);
    const unknown = await e.call('runs:start', { kind: 'sgd-glm', params: { nonsense: 3 } }).catch((err: unknown) => err);
    expect((unknown as ApiError).issues![0]!.message).toMatch(/unknown parameter "nonsense"/);
    expect(await e.call('runs:list', {})).toEqual([]);
  });

  it('rejects malformed call arguments before they reach the library', async () => {
    const e = await engine();
    await expect(e.call('runs:get', '../../etc' as never)).rejects.toMatchObject({ code: 'bad_request' });
    await expect(e.call('runs:start', { kind: 'sgd-glm', seed: -1 })).rejects.toMatchObject({ code: 'bad_request' });
  });

  it('cancels a long run cooperatively and marks it cancelled', async () => {
    const e = await engine();
    const run = await e.call('runs:start', { kind: 'sgd-glm', params: { d: 4000, T: 5000 }, seed: 1 });
    await new Promise<void>((r) => {
      const off = e.on('run:progress', (p) => {
        if (p.id === run.id && p.fraction > 0) {
          off();
          r();
        }
      });
    });
    await e.call('runs:cancel', run.id);
    const final = await e.service.whenSettled(run.id);
    expect(final.status).toBe('cancelled');
    expect(final.error).toBeNull();
  });

  it('streams progress events and status changes', async () => {
    const e = await engine();
    const statuses: string[] = [];
    e.on('run:status', (s) => statuses.push(s.status));
    const run = await e.call('runs:start', { kind: 'sgd-glm', params: small, seed: 2 });
    await e.service.whenSettled(run.id);
    expect(statuses[0]).toBe('queued');
    expect(statuses).toContain('running');
    expect(statuses.at(-1)).toBe('done');
  });
});

describe('engine service when workers fail', () => {
  async function serviceWith(workerFile: string) {
    const db = await openLibrary(tempDb());
    const pool = new JobPool({ workerPath: resolve('test/fixtures', workerFile), threads: 1 });
    const service = new EngineService(db, pool);
    return { service, close: async () => (await service.close(), await pool.close(), db.close()) };
  }

  it('marks the run failed with the model error message and keeps serving', async () => {
    const { service, close } = await serviceWith('throwing-worker.mjs');
    const run = await service.start({ kind: 'sgd-glm', params: small });
    const final = await service.whenSettled(run.id);
    expect(final.status).toBe('failed');
    expect(final.error).toMatch(/risk is NaN/);
    const again = await service.start({ kind: 'sgd-glm', params: small });
    expect((await service.whenSettled(again.id)).status).toBe('failed');
    await close();
  });

  it('marks the run failed when its worker thread dies', async () => {
    const { service, close } = await serviceWith('dying-worker.mjs');
    const run = await service.start({ kind: 'sgd-glm', params: small });
    const final = await service.whenSettled(run.id);
    expect(final.status).toBe('failed');
    expect(final.error).toBeTruthy();
    expect(service.runs.list({}).length).toBe(1);
    await close();
  });
});
