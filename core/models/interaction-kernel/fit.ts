/**
 * One fit of the tamed least-squares estimator: M fresh samples of N particles with
 * Y = R_phi*[X] + sigma eta (streams from (seed, repetition, purpose, M)), the normal equations in
 * the L2(w)-orthonormal basis of K intervals, the tamed solve and the error
 * ||phi_hat - phi*||^2_{L2(w)} (arXiv:2311.16852; docs/theory/interaction-kernel.md).
 */
import { createRng, deriveSeed } from '../../numerics/rng.js';
import { type PiecewisePolynomialBasis, weightedDistance2 } from '../../numerics/splines/index.js';
import { REPLICA_STREAMS, type RunHooks, checkpoint } from '../kit/index.js';
import { forwardMap } from './forward.js';
import { sampleParticles } from './laws.js';
import { NormalEquations } from './normal-equations.js';
import { type Setup, basisFor, errorQuadrature } from './setup.js';
import { type TamedSolution, tamedSolve } from './tamed-solve.js';

/** Tag appended to the stream path of the bias-variance view's samples (independent of the sweep's). */
export const BIAS_VARIANCE_TAG = 0x6276;

export interface FitResult extends TamedSolution {
  basis: PiecewisePolynomialBasis;
  n: number;
  /** ||phi_hat - phi*||^2 in L2(w). */
  error: number;
  /** sigma^2 tr(A^-1) / (M N): the variance of the estimator given the design (NaN when tamed). */
  variance: number;
}

export interface FitInput {
  setup: Setup;
  M: number;
  K: number;
  seed: number;
  repetition: number;
  /** Extra path elements of the streams (the bias-variance view's tag). */
  tag?: number;
}

/** Samples between cancel checks and progress reports. */
const POLL = 256;

export function fitOnce(input: FitInput, hooks: RunHooks = {}): FitResult {
  const { setup, M, K, seed, repetition } = input;
  const { p, kernel } = setup;
  const { N, d } = p;
  const path = input.tag === undefined ? [M] : [M, input.tag];
  const dataRng = createRng(deriveSeed(seed, repetition, REPLICA_STREAMS.data, ...path));
  const noiseRng = createRng(deriveSeed(seed, repetition, REPLICA_STREAMS.noise, ...path));
  const basis = basisFor(setup, K);
  const eq = new NormalEquations(basis, p.form, N, d);
  const x = new Float64Array(N * d);
  const y = new Float64Array(N * d);
  const eta = new Float64Array(N * d);
  const sigma = p.noise;
  for (let m = 0; m < M; m++) {
    if (m % POLL === 0) checkpoint(hooks, (0.9 * m) / M);
    sampleParticles(p.law, x, dataRng);
    forwardMap(p.form, N, d, x, kernel.phi, y);
    if (sigma > 0) {
      noiseRng.fillNormal(eta);
      for (let i = 0; i < y.length; i++) y[i] += sigma * eta[i];
    }
    eq.add(x, y);
  }
  checkpoint(hooks, 0.9);
  const { A, b } = eq.finish();
  const solution = tamedSolve(A, b, basis.size, setup.cL / 4);
  const error = weightedDistance2(basis, solution.theta, kernel.phi, errorQuadrature(setup, K));
  if (!Number.isFinite(error)) {
    throw new RangeError(`the error norm of ${kernel.label} is not finite on the support [0, ${setup.rho.R.toPrecision(4)}]: the kernel must be square-integrable against rho`);
  }
  const variance = (sigma * sigma * solution.traceInverse) / (M * N);
  checkpoint(hooks, 1);
  return { ...solution, basis, n: basis.size, error, variance };
}
