/**
 * The bias-variance view of `interaction-kernel` (check K5 of the theory note): at fixed M the
 * error against the basis dimension n is U-shaped for a kernel of smoothness beta (the
 * approximation error falls like n^(-2 beta), the variance grows like n), with its minimum within a
 * factor 2 of the design dimension c M^(1/(2 beta + 1)).
 */
import { describe, expect, it } from 'vitest';
import { interactionKernel as kind } from '../../../core/models/interaction-kernel/index.js';
import { runKind } from '../../../core/models/run-kind.js';
import { ctx } from './ctx.js';

describe('interaction-kernel bias-variance view (K5)', () => {
  it('K5: Weierstrass kernel of smoothness 1, beta = 1, M = 2^13: U-shaped error against n, argmin within a factor 2 of c M^(1/3)', () => {
    const p = kind.params.parse({
      N: 3,
      noise: 1,
      beta: 1,
      kernel: { kind: 'weierstrass', smoothness: 1, scale: 0.5 },
      basis: { degree: 1, c: 3, knots: 'quantile' },
      // The sweep itself is cut to its minimum: this test is about the view at one M.
      M_min: 64,
      M_max: 128,
      M_points: 2,
      reps: 1,
      bias_variance: { enabled: true, M: 8192, points: 7, span: 4, reps: 8 },
    });
    const r = runKind(kind, p, ctx(7, 1));
    const bv = r.series.find((s) => s.name === 'bias_variance' && s.source === 'simulation')!;
    const y = Array.from(bv.y);
    const best = y.indexOf(Math.min(...y));
    // U-shaped: the minimum is inside, and both ends are clearly above it.
    expect(best).toBeGreaterThan(0);
    expect(best).toBeLessThan(y.length - 1);
    expect(y[0]! / y[best]!).toBeGreaterThan(1.5);
    expect(y[y.length - 1]! / y[best]!).toBeGreaterThan(1.5);
    const design = r.scalars.bias_variance_design_n!;
    expect(design).toBeCloseTo(3 * 8192 ** (1 / 3), 10);
    const argmin = r.scalars.bias_variance_argmin_n!;
    expect(argmin).toBe(bv.x[best]);
    expect(argmin / design).toBeGreaterThanOrEqual(0.5);
    expect(argmin / design).toBeLessThanOrEqual(2);
  });
});
