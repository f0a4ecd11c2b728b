/**
 * Check A3 of the theory note for `attention-pairwise` (arXiv:2510.11789): the rate follows the
 * smoothness of phi*. With phi* a random B-spline of degree p (beta = p - 1) and A* known, the paper
 * reports slopes of about -0.81 for p = 3 (theory -0.8) and -0.90 for p = 8 (theory -0.933); the note
 * asks for slopes within 0.1 of those. The presets a3-spline-3 and a3-spline-8 (d = 1, so that the
 * spline's span [-3s, 3s] covers every u = x^T A* y; L = max |phi*|; c = 4 and 16 so that the basis
 * resolves the 8 pieces), here on M = 2^9..2^13 with 8 repetitions and a fixed seed.
 */
import { describe, expect, it } from 'vitest';
import { attentionPairwise as kind } from '../../../core/models/attention-pairwise/index.js';
import { uSpread } from '../../../core/models/attention-pairwise/truth.js';
import { runKind } from '../../../core/models/run-kind.js';
import { ctx } from './ctx.js';

const SHORTER = { M_max: 8192, M_points: 5, reps: 8 };

// About 5 s of computation per preset on an idle machine; the timeout leaves room for a loaded one.
describe('attention-pairwise: A3, the slope follows the smoothness of phi*', () => {
  it.each([
    ['a3-spline-3', 3, -0.81, -0.8],
    ['a3-spline-8', 8, -0.9, -0.9333333333333333],
  ] as const)('A3: %s (degree %i): the fitted slope is within 0.1 of the paper\'s %f', (preset, degree, paper, theory) => {
    const p = kind.params.parse({ ...kind.presets[preset]!.params, ...SHORTER });
    expect(p.phi).toMatchObject({ kind: 'random_spline', degree });
    expect(p.beta).toBe(degree - 1);
    // Uniform tokens have |x| <= 1, so |u| <= a: inside the spline's span [-3s, 3s].
    expect(3 * uSpread(p)).toBeGreaterThanOrEqual(p.A_scale);
    const r = runKind(kind, p, ctx(2026, 1));
    expect(r.scalars.slope_theory).toBeCloseTo(theory, 12);
    expect(Math.abs(r.scalars.slope! - paper), `slope ${r.scalars.slope}`).toBeLessThanOrEqual(0.1);
    expect(r.scalars.error_M_min! / r.scalars.error_M_max!).toBeGreaterThan(5);
  }, 180_000);
});
