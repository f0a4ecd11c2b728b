/**
 * The engine's side of kinds that count their own repetitions: a request for more than one replica
 * is invalid (naming the parameter, nothing stored) whichever client sends it, the kinds list says
 * which parameter counts them, and re-running a run stored with a replica count (before the count
 * was refused) asks for one replica.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../app/api.js';
import { createRegistry, kinds } from '../../core/models/registry.js';
import { countRows as rows, standInEngines } from './stand-in-engine.js';

const newEngine = standInEngines('limitlab-reps-');
/** Runs are queued and fail in the stand-in pool: the checks happen before anything is computed. */
const engine = (path: string, registry = createRegistry(kinds)) => newEngine(path, registry);

describe('replicas for kinds with their own repetitions', () => {
  it('refuses runs:start and sweeps:start with more than one replica, naming the parameter, and stores nothing', async () => {
    const { service, db } = await engine(join(mkdtempSync(join(tmpdir(), 'limitlab-reps-')), 'library.sqlite'));
    const run = await service.call('runs:start', { kind: 'adaptive-kernel', replicas: 4 }).catch((e: unknown) => e);
    expect(run).toBeInstanceOf(ApiError);
    expect((run as ApiError).code).toBe('invalid_params');
    const message = 'adaptive-kernel draws its Langevin chains from langevin.chains, not from replicas: use langevin.chains = 4 instead';
    expect((run as ApiError).message).toBe(message);
    expect((run as ApiError).issues).toEqual([{ path: 'replicas', message }]);
    const sweep = await service
      .call('sweeps:start', { kind: 'attention-pairwise', mode: 'grid', axes: [{ path: 'beta', values: [1, 2] }], replicas: 2 })
      .catch((e: unknown) => e);
    expect((sweep as ApiError).code).toBe('invalid_params');
    expect((sweep as ApiError).message).toBe('attention-pairwise draws its repetitions from reps, not from replicas: use reps = 2 instead');
    expect(rows(db, 'runs')).toBe(0);
    expect(rows(db, 'sweeps')).toBe(0);
  });

  it('lists the parameter that counts them with the kind, and nothing for kinds that take replicas', async () => {
    const { service } = await engine(join(mkdtempSync(join(tmpdir(), 'limitlab-reps-')), 'library.sqlite'));
    const list = await service.call('kinds:list');
    expect(list.find((k) => k.id === 'grokking-cubic')!.repetitions).toEqual({ param: 'langevin.chains', noun: 'chain', plural: 'Langevin chains' });
    expect(list.find((k) => k.id === 'interaction-kernel')!.repetitions).toEqual({ param: 'reps', noun: 'repetition', plural: 'repetitions' });
    expect('repetitions' in list.find((k) => k.id === 'sgd-glm')!).toBe(false);
  });

  it('re-runs a run stored with several replicas (before they were refused) with one', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'limitlab-reps-')), 'library.sqlite');
    // A registry whose adaptive-kernel does not yet declare its chains, as before the refusal.
    const before = createRegistry(kinds.map((k) => (k.id === 'adaptive-kernel' ? { ...k, repetitions: undefined } : k)));
    const old = await engine(path, before);
    const stored = await old.service.call('runs:start', { kind: 'adaptive-kernel', params: { langevin: { chains: 0 } }, replicas: 4, seed: 3 });
    expect(stored.replicas).toBe(4);
    await old.service.whenSettled(stored.id);
    await newEngine.close(old);

    const now = await engine(path);
    const again = await now.service.call('runs:rerun', stored.id);
    expect(again.replicas).toBe(1);
    expect(again.kind).toBe('adaptive-kernel');
  });
});
