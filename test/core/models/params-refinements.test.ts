/**
 * Cross-field refinements of every kind run only on parameters whose fields passed their own
 * checks, and a list's bad entries cost one issue, so no parameter set, however large its numbers
 * or lists, makes validation build something of that size.
 */
import { describe, expect, it } from 'vitest';
import { getKind } from '../../../core/models/registry.js';
import { resolveParams } from '../../../core/models/resolve-params.js';

function issuesOf(kindId: string, params: Record<string, unknown>) {
  const kind = getKind(kindId);
  if (!kind) throw new Error(`kind ${kindId} is not registered`);
  const result = resolveParams(kind, { params });
  return result.ok ? [] : result.issues;
}

describe('cross-field refinements', () => {
  it('gmm-sgd refuses classes = 1e9 by its range only, without the per-class checks', () => {
    // The per-class checks (labels of every class, classes x d) would have to walk 1e9 classes.
    for (const classes of [1e9, 1e5]) {
      expect(issuesOf('gmm-sgd', { classes })).toEqual([
        { path: 'classes', message: `classes = ${classes} is not allowed: expected an integer ≥ 2 and ≤ 1024` },
      ]);
    }
  });

  it('sgd-glm checks the custom spectrum against d only once d is in range', () => {
    expect(issuesOf('sgd-glm', { d: 1e9, spectrum: { kind: 'custom', values: [] } }).map((i) => i.path)).toEqual(['d']);
    expect(issuesOf('sgd-glm', { d: 10, spectrum: { kind: 'custom', values: [] } }).map((i) => i.path)).toEqual(['spectrum.values']);
  });

  it('dp-sgd checks the sample count d / aspect only once d and aspect are in range', () => {
    expect(issuesOf('dp-sgd', { d: 1e12, aspect: 1e-9 }).map((i) => i.path)).toEqual(['d']);
    expect(issuesOf('dp-sgd', { d: 1e6, aspect: 1e-3 }).map((i) => i.path)).toEqual(['aspect']);
  });
});

describe('list parameters', () => {
  it('answer a million out-of-range eigenvalues with one issue naming the first', () => {
    for (const kindId of ['sgd-glm', 'dp-sgd']) {
      const values = new Array<number>(1_000_000).fill(1);
      values[3] = -1;
      for (let i = 4; i < values.length; i++) values[i] = 1e9;
      expect(issuesOf(kindId, { spectrum: { kind: 'custom', values } })).toEqual([
        { path: 'spectrum.values.3', message: 'spectrum.values.3: must be a number >= 0 and <= 1000000' },
      ]);
    }
  });

  it('answer a million nulls with one issue naming the first', () => {
    const issues = issuesOf('sgd-glm', { spectrum: { kind: 'custom', values: new Array<null>(1_000_000).fill(null) } });
    expect(issues.map((i) => i.path)).toEqual(['spectrum.values.0']);
  });

  it('still accept a custom spectrum of valid eigenvalues and default to an empty list', () => {
    const kind = getKind('sgd-glm')!;
    const custom = resolveParams(kind, { params: { d: 4, spectrum: { kind: 'custom', values: [0, 0.5, 2, 1e6] } } });
    expect(custom.ok && (custom.params as { spectrum: { values: number[] } }).spectrum.values).toEqual([0, 0.5, 2, 1e6]);
    const defaults = resolveParams(kind, {});
    expect(defaults.ok && (defaults.params as { spectrum: { values: number[] } }).spectrum.values).toEqual([]);
  });
});
