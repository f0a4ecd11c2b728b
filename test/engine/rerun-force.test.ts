/**
 * `runs:rerun` takes `force` as `runs:start` does: a re-run of a run estimated over the cost limit
 * (one started forced) is refused with the estimate and writes nothing, unless forced; a forced
 * re-run is a new run with the same kind, parameters, replicas and name. Nothing here computes a
 * run: the pool is a stand-in.
 */
import { describe, expect, it } from 'vitest';
import { ApiError, parseArgs } from '../../app/api.js';
import { countRows as rows, standInEngines } from './stand-in-engine.js';

const engine = standInEngines('limitlab-rerun-');
const YEARS = { kind: 'sgd-glm', params: { d: 1e6, T: 1e7 }, name: 'a forced long run', force: true } as const;

describe('runs:rerun with force', () => {
  it('refuses to re-run a run over the cost limit without force, with the estimate, and writes nothing', async () => {
    const { service, db } = await engine();
    const first = await service.call('runs:start', YEARS);
    await service.whenSettled(first.id);
    for (const options of [undefined, {}, { seed: 5 }, { force: false }]) {
      const error = await service.call('runs:rerun', first.id, ...(options ? [options] : [])).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).code).toBe('too_costly');
      expect((error as ApiError).message).toMatch(/^estimated [\d.e]+ years of computation \(.*\), over the limit of 1 hour$/);
    }
    expect(rows(db)).toBe(1);
  });

  it('re-runs it as a new run with the same kind, parameters, replicas and name when forced, with the given seed', async () => {
    const { service, db } = await engine();
    const first = await service.call('runs:start', { ...YEARS, replicas: 3 });
    await service.whenSettled(first.id);
    const again = await service.call('runs:rerun', first.id, { force: true, seed: 12345 });
    expect(again.id).not.toBe(first.id);
    expect(again).toMatchObject({ kind: 'sgd-glm', name: 'a forced long run', replicas: 3, seed: 12345, paramsHash: first.paramsHash });
    expect(service.runs.detail(again.id)!.params).toEqual(service.runs.detail(first.id)!.params);
    await service.whenSettled(again.id);
    const third = await service.call('runs:rerun', again.id, { force: true });
    expect(third.paramsHash).toBe(first.paramsHash);
    expect(rows(db)).toBe(3);
  });

  it('re-runs a run within the limit without force, as before', async () => {
    const { service, db } = await engine();
    const first = await service.call('runs:start', { kind: 'sgd-glm', params: { d: 100, T: 1 }, seed: 1 });
    await service.whenSettled(first.id);
    const again = await service.call('runs:rerun', first.id, { seed: 2 });
    expect(again).toMatchObject({ paramsHash: first.paramsHash, seed: 2 });
    expect(rows(db)).toBe(2);
  });

  it('validates force in the channel arguments', () => {
    expect(parseArgs('runs:rerun', ['abcdefgh', { force: true }])).toEqual(['abcdefgh', { force: true }]);
    expect(parseArgs('runs:rerun', ['abcdefgh', { seed: 3, force: false }])).toEqual(['abcdefgh', { seed: 3, force: false }]);
    expect(() => parseArgs('runs:rerun', ['abcdefgh', { force: 'yes' }])).toThrow(/bad arguments for runs:rerun: 1\.force/);
    expect(() => parseArgs('runs:rerun', ['abcdefgh', { force: 1 }])).toThrow(ApiError);
  });
});
