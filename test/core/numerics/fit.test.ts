import { describe, expect, it } from 'vitest';
import { fitLine, fitPowerLaw } from '../../../core/numerics/fit.js';

describe('least-squares fits', () => {
  it('recovers an exact line and a power law, skipping non-positive points on log axes', () => {
    const x = [1, 2, 3, 4, 5];
    const fit = fitLine(x, x.map((v) => 3 - 0.5 * v));
    expect(fit.slope).toBeCloseTo(-0.5, 14);
    expect(fit.intercept).toBeCloseTo(3, 14);
    expect(fit.slopeStderr).toBeLessThan(1e-14);
    const d = [256, 512, 1024, 2048, 4096];
    const p = fitPowerLaw([...d, 0], [...d.map((v) => 7 * v ** -0.5), 1]);
    expect(p.n).toBe(5);
    expect(p.slope).toBeCloseTo(-0.5, 12);
    expect(Math.exp(p.intercept)).toBeCloseTo(7, 10);
  });

  it('reports NaN where a fit is undefined', () => {
    expect(fitLine([1, 1], [2, 3]).slope).toBeNaN();
    expect(fitLine([1, 2], [2, 3]).slopeStderr).toBeNaN();
  });
});
