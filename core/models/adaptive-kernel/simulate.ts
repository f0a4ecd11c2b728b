/**
 * One Langevin chain of the two-layer network (the shared simulator of kit/simulators/langevin),
 * on the run's data: a replica part. Its time averages travel to the merge packed in internal
 * series (`langevinChainSeries`).
 */
import type { RunContext, RunResult } from '../model-kind.js';
import { type LangevinNetwork, hooksOf, langevinAutoSteps, langevinChainSeries, runLangevinChain } from '../kit/index.js';
import type { Data } from './data.js';
import { dataOf } from './dataset.js';
import type { AdaptiveKernelParams } from './params.js';

/** The default step-size scale c of eta_l = c / stiffness_l (note §8). */
export const AUTO_STEP_SCALE = 0.2;

export function networkOf(p: AdaptiveKernelParams): LangevinNetwork {
  return { activation: p.activation, d: p.d, N: p.N, chi: p.chi, sigma_w2: p.sigma_w2, sigma_a2: p.sigma_a2, noise: p.noise };
}

export function langevinDataOf(data: Data) {
  return { P: data.P, X: data.X, y: data.y, Ptest: data.T, Xtest: data.Xt, ytest: data.yt };
}

export function chainPart(p: AdaptiveKernelParams, chain: number, ctx: RunContext): RunResult {
  const data = dataOf(p, ctx.seed, ctx.inputs);
  const net = networkOf(p);
  const ldata = langevinDataOf(data);
  const steps = langevinAutoSteps(net, ldata, p.langevin.step > 0 ? p.langevin.step : AUTO_STEP_SCALE);
  const result = runLangevinChain(
    net,
    ldata,
    { steps: p.langevin.steps, burnIn: p.langevin.burn_in, thin: p.langevin.thin, ...steps },
    {
      seed: ctx.seed,
      chain,
      hooks: hooksOf(ctx),
      ...(ctx.partial
        ? {
            onProgress: (s) =>
              ctx.partial?.({
                series: [],
                note: `chain ${chain}: step ${s.step} of ${p.langevin.steps}, ${s.samples} samples, mean per-sample train error ${s.meanTrainError.toPrecision(3)}`,
              }),
          }
        : {}),
    },
  );
  return { series: langevinChainSeries(result), scalars: {} };
}
