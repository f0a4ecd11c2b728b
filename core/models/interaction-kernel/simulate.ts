/**
 * The parts of an `interaction-kernel` run: one fit per (M, repetition) of the sweep, and one per
 * (n, repetition) of the bias-variance view (all n of a repetition see the same samples). Each
 * returns its error and diagnostics as scalars; the fits at the largest M also return phi_hat on
 * the plotting grid.
 */
import type { PartKey, RunContext, RunPart, RunResult } from '../model-kind.js';
import { hooksOf } from '../kit/index.js';
import { BIAS_VARIANCE_TAG, fitOnce } from './fit.js';
import { curve } from './outputs.js';
import { type InteractionKernelParams, biasVarianceIntervals, designIntervals, sampleSizes } from './params.js';
import { buildSetup } from './setup.js';

export const BIAS_VARIANCE = 'bias_variance';

/** Points of the r grid on which kernels are drawn. */
export const PLOT_POINTS = 256;

/** The plotting grid: PLOT_POINTS midpoints of [0, R]. */
export function plotGrid(R: number): Float64Array {
  return Float64Array.from({ length: PLOT_POINTS }, (_, i) => (R * (i + 0.5)) / PLOT_POINTS);
}

/** Rough operation count of one fit: the normal equations and the n x n eigenproblem and solve. */
function fitWeight(p: InteractionKernelParams, M: number, K: number): number {
  const touched = Math.min((p.N - 1) * (p.basis.degree + 1), K * (p.basis.degree + 1));
  const n = K * (p.basis.degree + 1);
  return M * p.N * (p.N * p.d + touched * touched * p.d) + 3 * n * n * n;
}

export function parts(p: InteractionKernelParams): RunPart[] {
  const out: RunPart[] = [];
  for (const M of sampleSizes(p)) {
    const K = designIntervals(M, p.beta, p.basis.c, p.basis.degree);
    for (let k = 0; k < p.reps; k++) out.push({ key: { role: 'replica', index: k, dim: M }, weight: fitWeight(p, M, K) });
  }
  if (p.bias_variance.enabled) {
    for (const K of biasVarianceIntervals(p)) {
      for (let k = 0; k < p.bias_variance.reps; k++) {
        out.push({ key: { role: 'replica', index: k, process: BIAS_VARIANCE, dim: K }, weight: fitWeight(p, p.bias_variance.M, K) });
      }
    }
  }
  return out;
}

export function runPart(p: InteractionKernelParams, key: PartKey, ctx: RunContext): RunResult {
  if (key.role !== 'replica' || key.dim === undefined) throw new RangeError('interaction-kernel: every part is a fit with an index and a dim');
  const setup = buildSetup(p, ctx.seed);
  const hooks = hooksOf(ctx);
  const bias = key.process === BIAS_VARIANCE;
  const M = bias ? p.bias_variance.M : key.dim;
  const K = bias ? key.dim : designIntervals(M, p.beta, p.basis.c, p.basis.degree);
  const fit = fitOnce({ setup, M, K, seed: ctx.seed, repetition: key.index, ...(bias ? { tag: BIAS_VARIANCE_TAG } : {}) }, hooks);
  const scalars: Record<string, number> = {
    error: fit.error,
    variance: fit.variance,
    n: fit.n,
    lambda_min: fit.lambdaMin,
    lambda_max: fit.lambdaMax,
    condition: fit.condition,
    tamed: fit.tamed ? 1 : 0,
  };
  const series = [];
  if (!bias && M === p.M_max) {
    const r = plotGrid(setup.rho.R);
    const y = r.map((v) => fit.basis.evaluate(fit.theta, v));
    series.push(curve('kernel', 'simulation', `estimate, repetition ${key.index}`, r, y, { replica: key.index, seed: ctx.seed }));
  }
  return { series, scalars };
}
