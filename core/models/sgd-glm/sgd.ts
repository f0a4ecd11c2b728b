/**
 * One replica of one-pass SGD in the eigenbasis of K (O(d) per step, no allocation per step), in
 * error coordinates e = theta - theta*:
 *
 *   x = sqrt(lambda) * z,  z ~ N(0, I_d);  r* = <x, theta*>,  r = <x, e> + r*;  y = label(r*);
 *   e <- e - (gamma_k / d) f'(r, y) x.
 *
 * Least squares needs only <x, e> (f' = <x, e> - omega eps). The update of step k and the inner
 * products of step k + 1 share one pass over the coordinates. theta* and theta_0 come from the
 * replica's own streams (./signal.ts); z from STREAM.data and the label noise (or the Bernoulli
 * uniforms) from STREAM.noise, so runs that differ only in omega see the same x. The exact
 * population observables of the current iterate are recorded before step steps[j]. Oracle
 * policies (line search, Polyak) see the exact P, C, P2, C2 of the iterate at every step,
 * accumulated in the update pass.
 */
import { type RunHooks, checkpoint, pollInterval } from '../kit/hooks.js';
import { STREAM, createRng, deriveSeed } from '../../numerics/rng.js';
import { type GlmLoss, emptyExpectations, momentsOf } from './losses.js';
import type { LrPolicy, LrView } from './lr/index.js';
import { emptyView, oracleGrad2, setView } from './lr/index.js';
import { type SimulationCurves, emptyCurves, emptySums, iterateSums, recordObservables, signalSums } from './observe.js';
import { SGD_SUMS, emptyPassSums, sgdPass } from './sgd-pass.js';
import { type SignalSpec, drawInitialError, drawSignal } from './signal.js';

export interface ReplicaInput {
  /** All d eigenvalues. */
  eigenvalues: Float64Array;
  omega: number;
  init: number;
  initSignal: number;
  signal: SignalSpec;
  /** The loss, accurate (for the recorded risk). */
  loss: GlmLoss;
  /** The same loss with a cheaper quadrature, for scalars needed at every step (oracle policies, sde). */
  stepLoss: GlmLoss;
  policy: LrPolicy;
  /** Recording step counts, strictly increasing, starting at 0. */
  steps: Float64Array;
  seed: number;
  replica: number;
}

/** Fills the oracle view from exact sums at the current iterate. */
export function fillOracleView(
  view: LrView,
  loss: GlmLoss,
  omega: number,
  P: number,
  C: number,
  P2: number,
  C2: number,
  b: number,
  b2: number,
  t: number,
): void {
  const ex = ORACLE_EX;
  loss.expectations(momentsOf(P, C, b, ORACLE_MOMENTS), omega, ex);
  setView(view, t, ex, P, C);
  view.grad2 = oracleGrad2(ex, P2, C2, b2);
}
const ORACLE_EX = emptyExpectations();
const ORACLE_MOMENTS = { a: 0, b: 0, c: 0, P: 0, C: 0 };

/**
 * What every replica (SGD or homogenized SGD) starts from: sqrt(lambda), the planted signal and the
 * initial error drawn from the replica's streams, the policy's controller, the signal's sums and a
 * learning-rate view carrying the spectrum's first two moments.
 */
export function replicaStart(input: ReplicaInput) {
  const { eigenvalues: lam, policy, seed, replica } = input;
  const d = lam.length;
  const sq = lam.map(Math.sqrt);
  const th = drawSignal(input.signal, lam, seed, replica);
  const e = drawInitialError(th, input.init, input.initSignal, seed, replica);
  const ctrl = policy.controller(d);
  const sig = signalSums(th, lam);
  const view = emptyView();
  let meanLambda = 0;
  let meanLambda2 = 0;
  for (let i = 0; i < d; i++) {
    meanLambda += lam[i];
    meanLambda2 += lam[i] * lam[i];
  }
  view.meanLambda = meanLambda / d;
  view.meanLambda2 = meanLambda2 / d;
  return { d, sq, th, e, ctrl, sig, view };
}

/**
 * Runs one SGD replica; returns the curves at each recording step. `onRecorded` sees the curves
 * after each recording with the number of points recorded so far (it must not change them).
 */
export function simulateReplica(input: ReplicaInput, hooks: RunHooks = {}, onRecorded?: (curves: SimulationCurves, count: number) => void): SimulationCurves {
  const { eigenvalues: lam, omega, loss, stepLoss, policy, steps, seed, replica } = input;
  const start = replicaStart(input);
  const { d, ctrl, sig, view } = start;
  // The replica's arrays live where the SGD pass reads them (WebAssembly memory where available).
  const pass = sgdPass(d);
  const { e, th, sq } = pass.arrays;
  e.set(start.e);
  th.set(start.th);
  sq.set(start.sq);
  pass.arrays.lam.set(lam);

  const data = createRng(deriveSeed(seed, replica, STREAM.data));
  const noise = createRng(deriveSeed(seed, replica, STREAM.noise));
  const isLs = loss.id === 'least_squares';
  const oracle = policy.needsOracle;
  // What the pass sums besides <x, e>: |x|^2 for gradient-norm policies and GLMs, <x, theta*> for
  // GLMs, and the iterate's moments for the oracle policies (which see them at every step).
  const passSums = oracle
    ? SGD_SUMS.oracle
    : isLs
      ? policy.needsGradNorm
        ? SGD_SUMS.withNorm
        : SGD_SUMS.residual
      : SGD_SUMS.withSignal;
  const passOut = emptyPassSums();
  const curves = emptyCurves(steps.length);
  const sums = emptySums();
  const moments = { a: 0, b: 0, c: 0, P: 0, C: 0 };
  const ex = emptyExpectations();
  iterateSums(e, th, lam, sums);
  let P = sums.P;
  let C = sums.C;
  let P2 = sums.P2;
  let C2 = sums.C2;

  const total = steps[steps.length - 1];
  const poll = pollInterval(d);
  const invD = 1 / d;
  // x holds the data of the current step, xn receives the next one: the update of step k and the
  // inner products of step k + 1 share one pass over the coordinates (two partial sums each).
  let x = pass.arrays.x;
  let xn = pass.arrays.xn;
  let re = 0;
  let rs = 0;
  let xx = 0;
  if (total > 0) {
    data.fillNormal(x);
    for (let i = 0; i < d; i++) {
      const xi = sq[i] * x[i];
      x[i] = xi;
      re += xi * e[i];
      rs += xi * th[i];
      xx += xi * xi;
    }
  }
  let next = 0;
  for (let k = 0; ; k++) {
    if (k === steps[next]) {
      iterateSums(e, th, lam, sums);
      recordObservables(sums, sig, loss, omega, moments, ex, curves, next);
      if (oracle) fillOracleView(view, stepLoss, omega, P, C, P2, C2, sig.b, sig.b2, k * invD);
      curves.lr[next] = ctrl.current(k, view);
      next++;
      onRecorded?.(curves, next);
      if (next === steps.length) break;
    }
    if (k % poll === 0) checkpoint(hooks, k / total);
    let g: number;
    if (isLs) g = re - omega * noise.normal();
    else g = loss.dLoss(re + rs, loss.label(rs, noise, omega));
    if (oracle) fillOracleView(view, stepLoss, omega, P, C, P2, C2, sig.b, sig.b2, k * invD);
    const gamma = ctrl.step(k, g * g * xx * invD, view);
    const kappa = gamma * invD * g;
    if (k + 1 >= total) {
      for (let i = 0; i < d; i++) e[i] -= kappa * x[i];
      if (oracle) {
        iterateSums(e, th, lam, sums);
        P = sums.P;
        C = sums.C;
        P2 = sums.P2;
        C2 = sums.C2;
      }
    } else {
      pass.run(data, x, xn, kappa, passSums, passOut);
      re = passOut.residual;
      if (passSums !== SGD_SUMS.residual) xx = passOut.norm;
      if (passSums >= SGD_SUMS.withSignal) rs = passOut.signal;
      if (oracle) {
        P = passOut.P;
        C = passOut.C;
        P2 = passOut.P2;
        C2 = passOut.C2;
      }
    }
    const swap = x;
    x = xn;
    xn = swap;
  }
  return curves;
}
