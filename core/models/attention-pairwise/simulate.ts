/**
 * One part of a run: repetition `replica` at sample size M. Draws the first M samples of the
 * repetition, fits the estimator (A* known, or joint), and measures the error of
 * g_hat = phi_hat(x^T A_hat y) on the repetition's fresh pairs.
 */
import type { RunContext, RunResult } from '../model-kind.js';
import { REPLICA_STREAMS, checkpoint, hooksOf, observablesOf, observableSeries, replicaStream } from '../kit/index.js';
import { fitJoint } from './joint.js';
import { type EvaluationPairs, pairError, plantedValues } from './metric.js';
import { outputs } from './outputs.js';
import { fitSpline, pairValues, project } from './pair-fit.js';
import { type AttentionParams, intervalsAt } from './params.js';
import { drawSamples, drawTokens } from './tokens.js';
import { plantedModel } from './truth.js';

const spec = observablesOf(outputs);

/** The repetition's fresh evaluation pairs (the same for every M). */
export function evaluationPairs(p: AttentionParams, seed: number, replica: number): EvaluationPairs {
  const tokens = new Float64Array(2 * p.eval_pairs * p.d);
  drawTokens(p.law, p.d, tokens, replicaStream(seed, replica, REPLICA_STREAMS.evaluationPairs));
  return { count: p.eval_pairs, d: p.d, tokens };
}

export function replicaPart(p: AttentionParams, M: number, replica: number, ctx: RunContext): RunResult {
  const hooks = hooksOf(ctx);
  checkpoint(hooks, 0);
  const truth = plantedModel(p, ctx.seed);
  const data = drawSamples({ law: p.law, N: p.N, d: p.d, noise: p.noise, seed: ctx.seed, replica }, truth, M, hooks, 0.1);
  const spline = { intervals: intervalsAt(p, M), degree: p.basis.degree, knots: p.basis.knots };
  const scalars: Record<string, number> = {};
  let estimate;
  if (p.estimator === 'oracle_A') {
    const r = truth.A.r;
    const a = new Float64Array(M * p.N * r);
    const b = new Float64Array(M * p.N * r);
    project(truth.A, data.X, M * p.N, a, b);
    const u = new Float64Array(M * p.N * (p.N - 1));
    pairValues(M, p.N, r, a, b, u);
    const fit = fitSpline(data, u, spline, hooks, 0.5);
    estimate = { A: truth.A, basis: fit.basis, coef: fit.coef };
    scalars.ridge = fit.ridge;
  } else {
    const joint = fitJoint(data, p.rank, { spline, iterations: p.joint.iterations, tolerance: p.joint.tolerance }, hooks, 0.1, 0.9);
    estimate = { A: joint.A, basis: joint.fit.basis, coef: joint.fit.coef };
    scalars.ridge = joint.fit.ridge;
    scalars.lm_steps = joint.steps;
    scalars.rss_reduction = joint.rssStart > 0 ? 1 - joint.rss / joint.rssStart : 0;
  }
  scalars.basis_size = estimate.basis.size;
  checkpoint(hooks, 0.9);
  const pairs = evaluationPairs(p, ctx.seed, replica);
  const error = pairError(estimate, pairs, plantedValues(truth.A, truth.phi, pairs), truth.L, hooks, 0.95);
  checkpoint(hooks, 1);
  const series = observableSeries(spec('error'), 'simulation', Float64Array.of(M), Float64Array.of(error), { label: `repetition ${replica}`, replica, seed: ctx.seed });
  return { series: [series], scalars };
}
