import { describe, expect, it } from 'vitest';
import { ownRepetitionsHint, replicasInput } from '../../renderer/src/form/index.js';

const langevin = { repetitions: { param: 'langevin.chains', noun: 'chain', plural: 'Langevin chains' } };

describe('the replicas field of the run and sweep forms', () => {
  it('is disabled with a hint naming the parameter for a kind that counts its own repetitions', () => {
    expect(ownRepetitionsHint(langevin)).toBe('Langevin chains come from langevin.chains');
    expect(ownRepetitionsHint({ repetitions: { param: 'reps', noun: 'repetition', plural: 'repetitions' } })).toBe('Repetitions come from reps');
    expect(ownRepetitionsHint({})).toBeNull();
    expect(ownRepetitionsHint(undefined)).toBeNull();
  });

  it('sends no replica count for such a kind, whatever text a copied run left in it', () => {
    expect(replicasInput('8', langevin)).toEqual({ ok: true, value: undefined });
    expect(replicasInput('x', langevin)).toEqual({ ok: true, value: undefined });
  });

  it('parses the count as before for a kind that takes it', () => {
    expect(replicasInput('8', {})).toEqual({ ok: true, value: 8 });
    expect(replicasInput('', {})).toEqual({ ok: true, value: undefined });
    expect(replicasInput('0', {})).toEqual({ ok: false, error: 'must be in [1, 1024]' });
  });
});
