/**
 * The EoS against Langevin ensembles of the same network where the note says they should agree
 * (§5.3 table, linear two-layer network, d = 8, P = 12): at N = chi = 48 the closure's outlier of
 * (d/sigma_w2) <w w^T> lies within 3 % of the simulation and the bulk within 1 %, and the ensemble-mean
 * predictor matches the EoS mean within 1 %; from N = 12 to 48 the closure moves toward the
 * simulation. The erf network in mean-field scaling is run beside it and its gaps reported.
 */
import { describe, expect, it } from 'vitest';
import { adaptiveKernel } from '../../../core/models/adaptive-kernel/index.js';
import { resolveParams } from '../../../core/models/resolve-params.js';
import { runKind } from '../../../core/models/run-kind.js';
import { ctx } from './ctx.js';

function run(preset: string, params: Record<string, unknown>, seed = 3) {
  const r = resolveParams(adaptiveKernel, { preset, params });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return runKind(adaptiveKernel, r.params, ctx(seed));
}

const ENSEMBLE = { chains: 8, steps: 45_000, burn_in: 9_000, thin: 10 };
let n48: Record<string, number> | undefined;
/** The N = chi = 48 row, run once for both tests. */
const row48 = () => (n48 ??= run('table-n48-mean-field', { langevin: ENSEMBLE }).scalars);

describe('adaptive-kernel: EoS beside Langevin (note §5.3 table)', () => {
  it('N = chi = 48: spike within 3 %, bulk mean within 1 %, train and test means within 1 % and 2 %; the chains pass the two-halves check', () => {
    const s = row48();
    console.log(
      `N = chi = 48: spike EoS ${s.spike_eos!.toFixed(4)} Langevin ${s.spike_langevin!.toFixed(4)} (gap ${(100 * s.spike_gap!).toFixed(2)} %), bulk ${s.bulk_mean_eos!.toFixed(4)} vs ${s.bulk_mean_langevin!.toFixed(4)}, ` +
        `train mean gap ${(100 * s.train_prediction_gap!).toFixed(3)} %, test ${(100 * s.prediction_gap!).toFixed(3)} %, two-halves ${s.two_halves!.toFixed(4)}`,
    );
    expect(s.eos_converged).toBe(1);
    expect(s.spike_gap).toBeLessThan(0.03);
    expect(Math.abs(s.bulk_mean_langevin! - s.bulk_mean_eos!) / s.bulk_mean_eos!).toBeLessThan(0.01);
    expect(s.train_prediction_gap).toBeLessThan(0.01);
    expect(s.prediction_gap).toBeLessThan(0.02);
    expect(s.two_halves).toBeLessThan(0.02);
    // the adaptation is directional: one outlier well above the bulk, as in the simulation
    expect(s.spike_langevin).toBeGreaterThan(2.5);
    expect(s.bulk_mean_langevin).toBeLessThan(1.02);
  });

  it('the closure moves toward the simulation from N = chi = 12 to 48 (spike gap shrinks)', () => {
    const small = run('table-n12-mean-field', { langevin: ENSEMBLE }).scalars;
    const large = row48();
    console.log(`spike gap N = 12: ${(100 * small.spike_gap!).toFixed(2)} %, N = 48: ${(100 * large.spike_gap!).toFixed(2)} %`);
    expect(small.spike_gap).toBeGreaterThan(large.spike_gap!);
    expect(small.spike_langevin).toBeGreaterThan(small.spike_eos!);
  });
});
