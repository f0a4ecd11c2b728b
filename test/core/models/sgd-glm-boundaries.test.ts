import { describe, expect, it } from 'vitest';
import { sweepBoundaries } from '../../../core/models/sgd-glm/boundaries.js';
import { sgdGlmParams } from '../../../core/models/sgd-glm/params.js';

describe('sgd-glm sweep boundaries', () => {
  it('mark the critical learning rate 2/mean(lambda) for a learning-rate sweep', () => {
    const base = sgdGlmParams.parse({ d: 100, spectrum: { kind: 'two_level', hi: 2, lo: 0.5, frac: 0.5 } });
    // mean eigenvalue (2 + 0.5) / 2 = 1.25, so gamma_c = 1.6 (theory note, check A2)
    expect(sweepBoundaries(base, [{ path: 'lr.gamma', values: [0.5, 1, 2] }])).toEqual([{ label: expect.any(String), x: [1.6], y: [] }]);
  });

  it('trace gamma_c against a spectrum parameter, in the axes order', () => {
    const base = sgdGlmParams.parse({ d: 100, spectrum: { kind: 'two_level', lo: 0.5, frac: 0.5 } });
    const [curve] = sweepBoundaries(base, [{ path: 'spectrum.hi', values: [1.5, 3.5] }, { path: 'lr.gamma', values: [0.5, 1] }]);
    expect(curve!.x).toEqual([1.5, 3.5]);
    expect(curve!.y[0]).toBeCloseTo(2 / 1.0, 12);
    expect(curve!.y[1]).toBeCloseTo(2 / 2.0, 12);
  });

  it('give none where the threshold does not apply', () => {
    const logistic = sgdGlmParams.parse({ problem: 'logistic' });
    expect(sweepBoundaries(logistic, [{ path: 'lr.gamma', values: [1, 2] }])).toEqual([]);
    expect(sweepBoundaries(sgdGlmParams.parse({}), [{ path: 'noise', values: [0, 1] }])).toEqual([]);
  });
});
