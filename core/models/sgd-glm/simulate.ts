/**
 * The replica parts of `sgd-glm`: one SGD replica (./sgd.ts) or one homogenized-SGD replica
 * (./sde.ts) at dimension d, on the prefix of the recording grid the simulations cover. Each
 * rebuilds its inputs from the parameters and draws its streams from (seed, replica).
 */
import type { RunContext, RunResult } from '../model-kind.js';
import { hooksOf } from '../kit/index.js';
import type { SgdGlmParams } from './params.js';
import { curveSeries, replicaSeries } from './series.js';
import { gridsOf, policyOf, spectrumOf, stepLoss, theoryLoss } from './setup.js';
import { simulateSdeReplica } from './sde.js';
import { type ReplicaInput, simulateReplica } from './sgd.js';
import type { SimulationCurves } from './observe.js';

/** Partial curves per replica: about one every tenth of the recording grid. */
const PARTIAL_SHARE = 0.1;

/** Sends the recorded prefix of an SGD replica's risk curve as a partial result, throttled by recorded points. */
function partialRisk(ctx: RunContext, x: Float64Array, name: string, replica: number): ((curves: SimulationCurves, count: number) => void) | undefined {
  const partial = ctx.partial;
  if (!partial) return undefined;
  const every = Math.max(1, Math.ceil(x.length * PARTIAL_SHARE));
  return (curves, count) => {
    if (count % every !== 0 || count === x.length) return;
    const y = curves.risk.slice(0, count);
    partial.call(ctx, { series: [curveSeries('risk', 'simulation', x.slice(0, count), y, { label: name, replica, seed: ctx.seed })] });
  };
}

function replicaInput(p: SgdGlmParams, d: number, steps: Float64Array, seed: number, replica: number): ReplicaInput {
  return {
    eigenvalues: spectrumOf(p, d).eigenvalues,
    omega: p.problem === 'logistic' ? 0 : p.noise,
    init: p.init,
    initSignal: p.init_signal,
    signal: p.signal,
    loss: theoryLoss(p),
    stepLoss: stepLoss(p),
    policy: policyOf(p),
    steps,
    seed,
    replica,
  };
}

/** One SGD replica (source simulation) or homogenized-SGD replica (source sde) at dimension d. */
export function simulationPart(p: SgdGlmParams, ctx: RunContext, replica: number, sde: boolean, d = p.d, label?: string): RunResult {
  const { simSteps } = gridsOf(p, d);
  const input = replicaInput(p, d, simSteps, ctx.seed, replica);
  const x = simSteps.map((k) => k / d);
  const name = label ?? (sde ? `homogenized SGD replica ${replica}` : `SGD replica ${replica}`);
  const curves = sde ? simulateSdeReplica(input, hooksOf(ctx)) : simulateReplica(input, hooksOf(ctx), partialRisk(ctx, x, name, replica));
  return { series: replicaSeries(curves, sde ? 'sde' : 'simulation', x, name, replica, ctx.seed), scalars: {} };
}
