/**
 * Kinds that count their own repetitions (Langevin chains, repetitions at each sample size): they
 * declare the parameter, their parts do not follow the run's replica count, a replica count above
 * one is refused naming the parameter, and progress names their parts "chain k" / "repetition k".
 */
import { describe, expect, it } from 'vitest';
import { LANGEVIN_CHAINS } from '../../../core/models/kit/index.js';
import type { KindRepetitions, PartKey } from '../../../core/models/model-kind.js';
import { getAtPath } from '../../../core/models/param-paths.js';
import { kinds, getKind } from '../../../core/models/registry.js';
import { replicasRefusal } from '../../../core/models/repetitions.js';
import { resolveParams } from '../../../core/models/resolve-params.js';
import { partName, runKind } from '../../../core/models/run-kind.js';
import { ctx } from './ctx.js';
import { QUICK } from './quick-params.js';

const OWN = ['adaptive-kernel', 'linear-net-scaling', 'grokking-cubic', 'grokking-modular', 'interaction-kernel', 'attention-pairwise'];

function resolved(id: string, params: Record<string, unknown>): unknown {
  const r = resolveParams(getKind(id)!, { params });
  if (!r.ok) throw new Error(`${id}: ${r.issues[0]!.message}`);
  return r.params;
}

describe('partName', () => {
  const replica = (index: number, extra: Partial<Extract<PartKey, { role: 'replica' }>> = {}): PartKey => ({ role: 'replica', index, ...extra });

  it('names replicas as before for a kind that takes the replica count', () => {
    expect(partName({ role: 'theory' })).toBe('theory');
    expect(partName(replica(3))).toBe('replica 3');
    expect(partName(replica(3, { process: 'sde', dim: 256 }))).toBe('sde replica 3 (d = 256)');
  });

  it('names the parts of a kind with its own repetitions by its noun and its dim', () => {
    expect(partName({ role: 'theory' }, LANGEVIN_CHAINS)).toBe('theory');
    expect(partName(replica(0), LANGEVIN_CHAINS)).toBe('chain 0');
    const attention = getKind('attention-pairwise')!.repetitions;
    expect(partName(replica(2, { dim: 400 }), attention)).toBe('repetition 2 (M = 400)');
    const interaction = getKind('interaction-kernel')!.repetitions;
    expect(partName(replica(1, { dim: 64 }), interaction)).toBe('repetition 1 (M = 64)');
    expect(partName(replica(1, { process: 'bias_variance', dim: 12 }), interaction)).toBe('bias_variance repetition 1 (K = 12)');
    const noDim: KindRepetitions = { param: 'n', noun: 'trial', plural: 'trials' };
    expect(partName(replica(5, { dim: 7 }), noDim)).toBe('trial 5 (d = 7)');
  });

  it('is what a run of a Langevin kind reports as its parts finish', () => {
    const kind = getKind('grokking-modular')!;
    const notes: string[] = [];
    runKind(kind, resolved('grokking-modular', QUICK['grokking-modular']![0]!), ctx(5, 1, { progress: (_f, note) => void (note && notes.push(note)) }));
    expect(notes).toContain('chain 0');
    expect(notes).toContain('chain 1');
    expect(notes.filter((n) => /replica/.test(n))).toEqual([]);
  });
});

describe('replicasRefusal', () => {
  const cli = { option: '--replicas', assign: (p: string, v: number) => `--set ${p}=${v}` };

  it('refuses more than one replica for a kind with its own repetitions, naming the parameter', () => {
    expect(replicasRefusal(getKind('adaptive-kernel')!, 8, cli)).toBe(
      'adaptive-kernel draws its Langevin chains from langevin.chains, not from --replicas: use --set langevin.chains=8 instead',
    );
    expect(replicasRefusal(getKind('attention-pairwise')!, 4)).toBe(
      'attention-pairwise draws its repetitions from reps, not from replicas: use reps = 4 instead',
    );
  });

  it('accepts one replica (the whole run), and any count for a kind that takes it', () => {
    for (const id of OWN) expect(replicasRefusal(getKind(id)!, 1, cli)).toBeNull();
    for (const id of ['sgd-glm', 'nngp-gp', 'dp-sgd', 'gmm-sgd']) expect(replicasRefusal(getKind(id)!, 16, cli)).toBeNull();
  });
});

describe('the kinds that declare their own repetitions', () => {
  it('are the Langevin and rate kinds', () => {
    expect(kinds.filter((k) => k.repetitions).map((k) => k.id).sort()).toEqual([...OWN].sort());
  });

  it('have parts that do not follow the replica count, counted by the declared parameter', () => {
    for (const id of OWN) {
      const kind = getKind(id)!;
      for (const q of QUICK[id]!) {
        const p = resolved(id, q);
        const keys = (replicas: number) => kind.parts(p, replicas).map((part) => part.key);
        expect(keys(3), id).toEqual(keys(1));
        const count = getAtPath(p, kind.repetitions!.param);
        expect(Number.isInteger(count), `${id} ${kind.repetitions!.param}`).toBe(true);
        // The main process's parts are numbered 0 .. count - 1 (at each sample size for the rate kinds).
        const indices = new Set(keys(1).flatMap((k) => (k.role === 'replica' && k.process === undefined ? [k.index] : [])));
        expect(indices, id).toEqual(new Set(Array.from({ length: count as number }, (_, i) => i)));
      }
    }
  });
});
