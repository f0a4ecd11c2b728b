/**
 * The merge of `adaptive-kernel` against its definitions, recomputed here from the chains the
 * parts return: the ensemble-mean predictor's errors with their jackknife standard error, the pooled
 * weight spectrum, the gaps to the EoS, and the per-chain series.
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { syntheticData } from '../../../core/models/adaptive-kernel/data.js';
import { adaptiveKernel, adaptiveKernelParams } from '../../../core/models/adaptive-kernel/index.js';
import { langevinChainOf } from '../../../core/models/kit/index.js';
import { ctx } from './ctx.js';

describe('adaptive-kernel merge', () => {
  it('errors of the ensemble mean with a leave-one-chain-out standard error, the pooled spectrum and the gaps', () => {
    const p = adaptiveKernelParams.parse({ d: 4, P: 12, test_size: 6, N: 8, chi: 8, activation: 'erf', langevin: { chains: 4, steps: 2000, burn_in: 500, thin: 10 }, solver: { path_points: 4 } });
    const seed = 21;
    const parts = adaptiveKernel.parts(p, 1).map((q) => ({ key: q.key, result: adaptiveKernel.runPart(p, q.key, ctx(seed)) }));
    const merged = adaptiveKernel.merge(p, parts, { seed, replicas: 1 });
    const chains = parts.filter((q) => q.key.role === 'replica').map((q) => langevinChainOf(q.result.series));
    const data = syntheticData(p, seed);
    const c = chains.length;
    const meanOf = (f: (k: number) => Float64Array, skip = -1) => {
      const n = f(0).length;
      const m = new Float64Array(n);
      for (let k = 0; k < c; k++) if (k !== skip) for (let i = 0; i < n; i++) m[i] += f(k)[i] / (skip >= 0 ? c - 1 : c);
      return m;
    };
    const mse = (f: Float64Array, y: Float64Array) => f.reduce((s, v, i) => s + (v - y[i]) ** 2, 0) / y.length;
    const test = (k: number) => chains[k].testMean.all;
    const value = mse(meanOf(test), data.yt);
    const loo = chains.map((_, k) => mse(meanOf(test, k), data.yt));
    const looMean = loo.reduce((s, v) => s + v, 0) / c;
    const se = Math.sqrt(((c - 1) / c) * loo.reduce((s, v) => s + (v - looMean) ** 2, 0));
    const sim = merged.series.find((s) => s.name === 'test_error' && s.source === 'simulation')!;
    expect(Array.from(sim.x)).toEqual([p.chi]);
    expect(sim.y[0]).toBeCloseTo(value, 14);
    expect(sim.band!.hi[0] - sim.y[0]).toBeCloseTo(se, 14);
    expect(merged.scalars.test_error_langevin).toBeCloseTo(value, 14);
    // pooled covariance spectrum
    const cov = meanOf((k) => chains[k].weightCovariance);
    const rows = Array.from({ length: p.d }, (_, i) => Array.from(cov.subarray(i * p.d, (i + 1) * p.d)));
    const ev = new EigenvalueDecomposition(new Matrix(rows), { assumeSymmetric: true }).realEigenvalues.sort((a, b) => b - a);
    expect(merged.scalars.spike_langevin).toBeCloseTo((ev[0] * p.d) / p.sigma_w2, 10);
    expect(merged.scalars.bulk_mean_langevin).toBeCloseTo((ev.slice(1).reduce((s, v) => s + v, 0) * p.d) / p.sigma_w2 / (p.d - 1), 10);
    // prediction gap to the EoS
    const eos = merged.series.find((s) => s.name === 'prediction' && s.label?.startsWith('EoS'))!;
    const m = meanOf(test);
    const gap = Math.sqrt(m.reduce((s, v, i) => s + (v - eos.y[i]) ** 2, 0) / eos.y.reduce((s, v) => s + v * v, 0));
    expect(merged.scalars.prediction_gap).toBeCloseTo(gap, 12);
    // one prediction and one spectrum per chain, then their means; no internal series left
    for (const name of ['prediction', 'weight_spectrum']) {
      expect(merged.series.filter((s) => s.name === name && s.replica !== undefined)).toHaveLength(c);
      expect(merged.series.filter((s) => s.name === name && s.source === 'simulation' && s.replica === undefined)).toHaveLength(1);
    }
    expect(merged.series.some((s) => s.name.includes('.'))).toBe(false);
  });
});
