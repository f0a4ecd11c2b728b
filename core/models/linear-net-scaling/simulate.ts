/**
 * A Langevin chain of `linear-net-scaling`: the shared simulator (kit/simulators/langevin) on the
 * run's data, packed into its part's series, with the chain's own test-point mean as a replica
 * `prediction` curve and its train-error trace.
 */
import {
  type LangevinData,
  type LangevinNetwork,
  hooksOf,
  langevinAutoSteps,
  langevinChainSeries,
  runLangevinChain,
} from '../kit/index.js';
import type { RunContext, RunResult, Series } from '../model-kind.js';
import type { NetData } from './data.js';
import type { LinearNetScalingParams } from './params.js';
import { PREDICTION_POINTS } from './theory.js';

/** The automatic step factor (scaled by 1/(1 + 3χ/N) in langevinAutoSteps). */
export const AUTO_STEP = 0.2;

export function networkOf(p: LinearNetScalingParams): LangevinNetwork {
  return { activation: 'linear', d: p.d, N: p.N, chi: p.chi, sigma_w2: p.sigma_w2, sigma_a2: p.sigma_a2, noise: p.noise };
}

export function langevinDataOf(data: NetData): LangevinData {
  return { P: data.P, X: data.X, y: data.y, Ptest: data.Ptest, Xtest: data.Xtest, ytest: data.ytest };
}

export function chainPart(p: LinearNetScalingParams, data: NetData, chain: number, ctx: RunContext): RunResult {
  const net = networkOf(p);
  const ldata = langevinDataOf(data);
  const steps = langevinAutoSteps(net, ldata, p.langevin.step > 0 ? p.langevin.step : AUTO_STEP);
  const result = runLangevinChain(
    net,
    ldata,
    { steps: p.langevin.steps, burnIn: p.langevin.burn_in, thin: p.langevin.thin, ...steps },
    {
      seed: ctx.seed,
      chain,
      hooks: hooksOf(ctx),
      onProgress: (s) =>
        ctx.partial?.({
          series: [],
          scalars: { train_error_simulation: s.meanTrainError },
          note: `chain ${chain}: step ${s.step}, ${s.samples} samples`,
        }),
    },
  );
  const series: Series[] = [];
  const n = Math.min(data.Ptest, PREDICTION_POINTS);
  if (n > 0) {
    series.push({
      name: 'prediction',
      source: 'simulation',
      label: `Langevin chain ${chain}`,
      seed: ctx.seed,
      replica: chain,
      x: Float64Array.from({ length: n }, (_, k) => k + 1),
      y: result.testMean.all.slice(0, n),
      xLabel: 'test point',
      yLabel: 'f̄(x*)',
    });
  }
  series.push({
    name: 'langevin_trace',
    source: 'simulation',
    label: `Langevin chain ${chain}`,
    seed: ctx.seed,
    replica: chain,
    x: result.trace.step,
    y: result.trace.trainError,
    xLabel: 'Langevin step',
    yLabel: 'train MSE, block mean',
  });
  ctx.progress(1);
  return { series: [...series, ...langevinChainSeries(result)], scalars: {} };
}
