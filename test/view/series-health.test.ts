import { describe, expect, it } from 'vitest';
import type { Series } from '../../core/models/model-kind.js';
import { incompleteCurves, incompleteText } from '../../view/charts/series-health.js';

const x = Float64Array.from([0, 1, 2, 3, 4]);
const s = (y: number[], extra: Partial<Series> = {}): Series => ({ name: 'risk', source: 'theory', label: 'ODE (theory)', x, y: Float64Array.from(y), xLabel: 't = steps / d', yLabel: 'risk', ...extra });

describe('curves that stop early', () => {
  it('names a theory that stopped, where, and how many points are missing', () => {
    const curves = incompleteCurves([s([1, 0.5, 0.2, Number.NaN, Number.NaN]), s([1, 1, 1, 1, 1], { source: 'simulation', label: 'SGD mean' })]);
    expect(curves).toEqual([{ name: 'risk', label: 'ODE (theory)', missing: 2, total: 5, lastFiniteX: 2 }]);
    expect(incompleteText(curves, 't = steps / d')).toBe('risk: ODE (theory) stops at t = 2 (2 of 5 points missing)');
  });

  it('leaves complete curves and replicas alone, and says when nothing is finite', () => {
    expect(incompleteCurves([s([1, 2, 3, 4, 5]), s([Number.NaN, 1, 1, 1, 1], { replica: 0 })])).toEqual([]);
    expect(incompleteText(incompleteCurves([s([Number.NaN, Number.NaN, Number.NaN, Number.NaN, Number.POSITIVE_INFINITY])]))).toBe(
      'risk: ODE (theory) has no finite value (5 of 5 points missing)',
    );
  });
});
