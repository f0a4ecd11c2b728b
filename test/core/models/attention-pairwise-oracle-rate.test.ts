/**
 * Check A1 of the theory note for `attention-pairwise` (arXiv:2510.11789): with A* known, the
 * least-squares B-spline estimate of phi reaches the minimax slope. The note's calibration: uniform
 * tokens, N = 5, rank 1, phi*(u) = sin 2u + 0.3 u^2, sigma = 0.5, cubic B-splines on
 * K = ceil(2 M^(1/5)) quantile intervals (beta = 2), truncation L = 2, M = 2^8..2^13, 16
 * repetitions, a fixed seed. The fitted slope of the mean error on fresh pairs is within 0.1 of
 * -2 beta/(2 beta + 1) = -0.8 for d = 1, 5 and 30.
 */
import { describe, expect, it } from 'vitest';
import { attentionPairwise as kind } from '../../../core/models/attention-pairwise/index.js';
import { runKind } from '../../../core/models/run-kind.js';
import { ctx } from './ctx.js';

// About 5 s of computation per d on an idle machine; the timeout leaves room for a loaded one.
describe('attention-pairwise: A1, phi with A* known', () => {
  it.each([1, 5, 30])('A1: d = %i, the fitted slope is within 0.1 of -0.8', (d) => {
    const p = kind.params.parse({ ...kind.presets['a1-oracle']!.params, d });
    const r = runKind(kind, p, ctx(2026, 1));
    expect(r.scalars.slope_theory).toBe(-0.8);
    expect(Math.abs(r.scalars.slope! - -0.8), `slope ${r.scalars.slope}`).toBeLessThanOrEqual(0.1);
    // The error falls from the smallest to the largest M by more than an order of magnitude.
    expect(r.scalars.error_M_min! / r.scalars.error_M_max!).toBeGreaterThan(10);
  }, 180_000);
});
