/** The model layer's public entry (core/models/index.ts) reaches every kind through the registry and runs it from its parts. */
import { describe, expect, it } from 'vitest';
import * as models from '../../../core/models/index.js';

describe('the model layer entry', () => {
  it('exposes the registry, parameter resolution and runKind, and every kind through the registry', () => {
    expect(models.listKindIds()).toEqual(models.kinds.map((k) => k.id));
    for (const id of models.listKindIds()) expect(models.getKind(id)!.id).toBe(id);
    const kind = models.getKind('gmm-sgd')!;
    const r = models.resolveParams(kind, { params: { d: 20, T: 1, grid: 4 } });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const result = models.runKind(kind, r.params, { seed: 1, replicas: 1, isCancelled: () => false, progress: () => undefined });
    expect(models.leadingScalar(kind.outputs, Object.keys(result.scalars))).toBe('final_risk_theory');
    expect(models.scalarSpec(kind.outputs, 'max_rel_gap')?.role).toBe('gap');
  });
});
