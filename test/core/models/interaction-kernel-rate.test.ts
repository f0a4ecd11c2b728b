/**
 * The minimax rate of `interaction-kernel` as the theory note calibrates it (§1.6): d = 1, i.i.d.
 * uniform particles, phi*(r) = sin(2 pi r) + cos(6 r)/2, sigma = 1, quantile knots, 16
 * repetitions, here M = 2^9..2^14 with a fixed seed. The fitted slope of the mean error is within
 * 0.1 of -2 beta/(2 beta + 1) (K2), the error matches the variance sigma^2 tr(A_hat^-1)/(M N) of the
 * design (K3), taming never fires there but does under a bad design (K4).
 */
import { describe, expect, it } from 'vitest';
import { fitPowerLaw } from '../../../core/numerics/fit.js';
import { interactionKernel as kind } from '../../../core/models/interaction-kernel/index.js';
import type { InteractionKernelInput } from '../../../core/models/interaction-kernel/params.js';
import type { RunResult } from '../../../core/models/model-kind.js';
import { runKind } from '../../../core/models/run-kind.js';
import { ctx } from './ctx.js';

const CALIBRATION: InteractionKernelInput = {
  N: 3,
  d: 1,
  law: 'uniform',
  noise: 1,
  kernel: { kind: 'sin_cos' },
  M_min: 512,
  M_max: 16384,
  M_points: 6,
  reps: 16,
  bias_variance: { enabled: false },
};

function run(over: InteractionKernelInput, seed = 2026): RunResult {
  return runKind(kind, kind.params.parse({ ...CALIBRATION, ...over }), ctx(seed, 1));
}

describe('interaction-kernel rate (K2, K3, K4)', () => {
  it.each([
    [0.5, 1, 2],
    [1, 1, 3],
    [2, 2, 4],
  ])('K2: beta = %f (s = %i, c = %f): fitted slope within 0.1 of -2 beta/(2 beta + 1); K3: error / variance in [0.7, 1.4]; K4: no taming', (beta, s, c) => {
    const r = run({ beta, basis: { degree: s, c, knots: 'quantile' } });
    const target = (-2 * beta) / (2 * beta + 1);
    expect(r.scalars.slope_theory).toBe(target);
    expect(Math.abs(r.scalars.slope! - target), `slope ${r.scalars.slope}`).toBeLessThanOrEqual(0.1);
    // K3 over the upper half of the M grid (M >= 2^12 here).
    expect(r.scalars.variance_ratio).toBeGreaterThanOrEqual(0.7);
    expect(r.scalars.variance_ratio).toBeLessThanOrEqual(1.4);
    expect(r.scalars.tamed_fraction).toBe(0);
    // The reference line has exactly the theoretical slope and is not a fit to the data.
    const theory = r.series.find((q) => q.name === 'error' && q.source === 'theory')!;
    expect(Math.abs(fitPowerLaw(theory.x, theory.y).slope - target)).toBeLessThan(1e-12);
    const mean = r.series.find((q) => q.name === 'error' && q.source === 'simulation' && q.replica === undefined)!;
    expect(mean.band).toBeDefined();
    const fit = r.series.find((q) => q.name === 'error' && q.source === 'fit')!;
    expect(Math.abs(fitPowerLaw(fit.x, fit.y).slope - r.scalars.slope!)).toBeLessThan(1e-12);
  });

  it('K4: uniform knots with rho = 2(1 - r), s = 2, n about M^(1/2): taming fires or the error curve flattens, and the run says so', () => {
    const r = run({ M_max: 8192, M_points: 5, reps: 8, beta: 0.5, basis: { degree: 2, c: 2, knots: 'uniform' } });
    expect(r.scalars.tamed_fraction! > 0 || r.scalars.slope! > -0.25).toBe(true);
    expect(r.scalars.tamed_fraction).toBeGreaterThan(0);
    expect(r.scalars.lambda_min).toBeLessThan(r.scalars.c_L! / 4);
    expect(r.notes!.some((n) => n.startsWith('taming fired'))).toBe(true);
    const tamed = r.series.find((q) => q.name === 'tamed_fraction')!;
    expect(Math.max(...tamed.y)).toBeGreaterThan(0);
    expect(kind.warnings!(kind.params.parse({ basis: { knots: 'uniform' } })).some((w) => w.includes('uniform knots'))).toBe(true);
  });
});
