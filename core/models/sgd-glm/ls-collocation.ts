/**
 * The least-squares theory on the exponential collocation solver (`exponential` method for least
 * squares; the solver is core/numerics/ode/exp-collocation.ts).
 *
 * In the time u = Γ(t) = ∫ gamma dt every mode obeys a linear equation with a constant rate,
 *
 *   dD_j/du = -2 lambda_j D_j + lambda_j psi(u),   psi = gamma I = gamma (P + omega^2),  P = sum_j w_j lambda_j D_j,
 *
 * (E_j(u) = E_j(0) e^{-lambda_j u} exactly), and all coupling runs through the scalar psi and the
 * scalar states: t, with dt/du = 1/gamma, and the policy's states, with d/du = rate / gamma. The
 * policy sees P, P2 = sum_j w_j lambda_j^2 D_j (its oracle gradient norm) and I = P + omega^2.
 * So the modes are the solver's forced modes with rate 2 lambda_j, inflow lambda_j, forcing
 * gamma (P + omega^2), and the distance sum_j w_j D_j as its size functional.
 */
import { solveExpCollocation } from '../../numerics/ode/exp-collocation.js';
import { solveTheory } from '../kit/index.js';
import { type LrView, emptyView } from './lr/index.js';
import type { GlmTheoryInput, TheoryHooks, TheoryOutput, TheorySolverSettings } from './ode.js';
import { emptyTheoryCurves } from './observe.js';

/** Below this risk (noiseless) the integration stops; later outputs stay NaN. */
export const UNDERFLOW = 1e-250;

export function lsCollocationTheory(
  input: GlmTheoryInput,
  times: Float64Array,
  settings: TheorySolverSettings,
  hooks: TheoryHooks = {},
): TheoryOutput {
  const { lambda, weight, v22, policy } = input;
  const m = lambda.length;
  const omega2 = input.omega * input.omega;
  const k = policy.theoryStates;
  const nS = 1 + k; // t and the policy states
  const wl = new Float64Array(m);
  const wl2 = new Float64Array(m);
  let meanLambda = 0;
  let meanLambda2 = 0;
  let lambdaMax = 0;
  for (let j = 0; j < m; j++) {
    wl[j] = weight[j] * lambda[j];
    wl2[j] = wl[j] * lambda[j];
    meanLambda += wl[j];
    meanLambda2 += wl2[j];
    lambdaMax = Math.max(lambdaMax, lambda[j]);
  }

  const E0 = Float64Array.from(input.e0);
  const s0 = new Float64Array(nS);
  const policyStates = new Float64Array(k);
  policy.initialStates(policyStates);
  s0.set(policyStates, 1);

  const view: LrView = emptyView();
  view.meanLambda = meanLambda;
  view.meanLambda2 = meanLambda2;
  view.exx = 1;
  view.exs = -1;
  /** gamma and the u-derivatives f of the scalar states, for given (state, P, P2). */
  const scalarsAt = (st: Float64Array, P: number, P2: number, f: Float64Array, fOff: number): number => {
    for (let q = 0; q < k; q++) policyStates[q] = st[1 + q];
    view.t = st[0];
    view.fisher = P + omega2;
    view.risk = 0.5 * view.fisher;
    view.P = P;
    view.C = 0;
    view.grad2 = P2;
    const g = policy.gamma(policyStates, view);
    f[fOff] = 1 / g;
    if (k > 0) {
      policy.rates(policyStates, view, g, RATES);
      for (let q = 0; q < k; q++) f[fOff + 1 + q] = RATES[q] / g;
    }
    return g;
  };
  const RATES = new Float64Array(Math.max(1, k));

  const n = times.length;
  const curves = emptyTheoryCurves(times);
  let b = 0;
  for (let j = 0; j < m; j++) b += wl[j] * v22[j];
  const finalPolicy = new Float64Array(k);
  const fOut = new Float64Array(nS);
  const emit = (i: number, u: number, Dcur: Float64Array, st: Float64Array): void => {
    let P = 0;
    let P2 = 0;
    let dist = 0;
    let C = 0;
    let ov = 0;
    for (let j = 0; j < m; j++) {
      P += wl[j] * Dcur[j];
      P2 += wl2[j] * Dcur[j];
      dist += weight[j] * Dcur[j];
      const E = E0[j] === 0 ? 0 : E0[j] * Math.exp(-lambda[j] * u);
      C += wl[j] * E;
      ov += weight[j] * (E + v22[j]);
    }
    const g = scalarsAt(st, P, P2, fOut, 0);
    curves.risk[i] = 0.5 * (P + omega2);
    curves.excess[i] = 0.5 * P;
    curves.lr[i] = g;
    curves.distance[i] = dist;
    curves.overlap[i] = ov;
    curves.b11[i] = Math.max(0, b + 2 * C + P);
    curves.b12[i] = b + C;
    finalPolicy.set(st.subarray(1));
    hooks.progress?.((i + 1) / n);
  };

  const sol = solveTheory(
    {
      problem: {
        rate: lambda.map((l) => 2 * l),
        inflow: lambda,
        y0: input.d0,
        forcingWeights: wl,
        forcingOffset: omega2,
        secondWeights: wl2,
        sizeWeights: weight,
        s0,
        scalars: scalarsAt,
        initialStep: lambdaMax > 0 ? 1e-3 / lambdaMax : 1e-3,
        floor: UNDERFLOW,
      },
      tEval: times,
      rtol: settings.rtol,
      atol: settings.atol,
      maxSteps: settings.maxSteps,
      onOutput: emit,
    },
    { isCancelled: hooks.isCancelled },
    { progressEvery: 0, solver: solveExpCollocation },
  );
  const { status, nfev, nsteps, naccepted, nrejected } = sol;
  return {
    ...curves,
    policyStates: finalPolicy,
    solver: { ...settings, scheme: 'collocation', status, nfev, nsteps, naccepted, nrejected, underflowAt: sol.floorReachedAt },
  };
}
