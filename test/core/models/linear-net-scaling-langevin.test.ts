/**
 * R1 (field-theory note §9): Langevin ensembles of the two-layer linear network reproduce the exact
 * Gamma-mixture posterior mean on the training points within 1 % (relative L2), in standard and in
 * mean-field scaling — small versions of the §5.3 presets (the full presets are in the report).
 * In mean-field scaling the NNGP is visibly off, so the agreement is not the NNGP's.
 */
import { describe, expect, it } from 'vitest';
import { linearNetScaling } from '../../../core/models/linear-net-scaling/index.js';
import { resolveParams } from '../../../core/models/resolve-params.js';
import { runKind } from '../../../core/models/run-kind.js';
import { ctx } from './ctx.js';

function run(preset: string, langevin: Record<string, number>) {
  const r = resolveParams(linearNetScaling as never, { preset, params: { test_size: 20, langevin } });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return runKind(linearNetScaling as never, r.params, ctx(5, 1));
}

describe('linear-net-scaling Langevin ensemble (R1)', () => {
  it('R1, N = χ = 12 (mean-field): train mean within 1 % of the exact mixture, several % from the NNGP', () => {
    const { scalars } = run('table-n12-mean-field', { chains: 4, steps: 100_000, burn_in: 20_000, thin: 10 });
    expect(scalars.prediction_gap_train).toBeLessThan(0.01);
    expect(scalars.prediction_gap_test).toBeLessThan(0.02);
    expect(scalars.prediction_gap_train_nngp).toBeGreaterThan(0.02);
    expect(scalars.two_halves).toBeLessThan(0.02);
    // Directional adaptation (R4, qualitatively): one outlier near Q, the bulk near 1.
    expect(scalars.spike_simulation).toBeGreaterThan(0.8 * scalars.Q_tree!);
    expect(scalars.bulk_simulation_max).toBeLessThan(1.1);
  });

  it('R1, N = 12, χ = 1 (standard): train mean within 1 % of the exact mixture; prior-scale weights', () => {
    const { scalars } = run('table-n12-standard', { chains: 4, steps: 60_000, burn_in: 10_000, thin: 10 });
    expect(scalars.prediction_gap_train).toBeLessThan(0.01);
    expect(scalars.two_halves).toBeLessThan(0.02);
    expect(Math.abs(scalars.w_variance_simulation! / (1 / 8) - 1)).toBeLessThan(0.05);
  });
});
