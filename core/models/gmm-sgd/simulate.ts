/**
 * One replica of one-pass SGD on the Gaussian mixture in the common eigenbasis (O(d) per step, no
 * allocation per step). Step k: class c ~ p (stream REPLICA_STREAMS.classes), z ~ N(0, I_d) (data),
 *
 *   x = mu_c + sqrt(lambda_c) * z,   r = <theta, x>,   theta <- theta - (gamma/d) f'(r; y_c) x,
 *
 * theta_0 ~ N(0, init^2 I/d) from the init stream. At each recording step the exact population
 * observables of the current theta are computed from m_c = <theta, mu_c> and
 * v_c = sum_i lambda_{c,i} theta_i^2 (the class-conditional law of the output is N(m_c, v_c)),
 * with the same quadrature as the theory.
 */
import type { RunContext, RunResult } from '../model-kind.js';
import { REPLICA_STREAMS, type RunHooks, checkpoint, hooksOf, observableSeries, pollInterval, replicaStream } from '../kit/index.js';
import { type GmmObservables, emptyObservables, recordObservables } from './ode.js';
import { activeObservables } from './observables.js';
import type { GmmLoss, GmmSgdParams } from './params.js';
import { type Mixture, buildMixture, classMeans, gridOf } from './problem.js';

/** One SGD replica on the recording grid, as series of the active observables. */
export function replicaPart(p: GmmSgdParams, replica: number, ctx: RunContext): RunResult {
  const mix = buildMixture(p, ctx.seed);
  const grid = gridOf(p);
  const obs = simulateGmmReplica({ mix, loss: p.loss, gamma: p.lr.gamma, init: p.init, steps: grid.steps, seed: ctx.seed, replica }, hooksOf(ctx));
  const label = `SGD replica ${replica}`;
  return { series: activeObservables(mix).map((o) => observableSeries(o.spec, 'simulation', grid.t, obs[o.key], { label, replica, seed: ctx.seed })), scalars: {} };
}

export interface GmmReplicaInput {
  mix: Mixture;
  loss: GmmLoss;
  gamma: number;
  init: number;
  /** Recording step counts, strictly increasing, from 0. */
  steps: Float64Array;
  seed: number;
  replica: number;
}

export function simulateGmmReplica(input: GmmReplicaInput, hooks: RunHooks = {}): GmmObservables {
  const { mix, loss, gamma, init, steps, seed, replica } = input;
  const { d, C, rows, lambda, rowOf, labels, weights, clean, deltaHat } = mix;
  const means = classMeans(mix);
  const sqrtLambda = lambda.map(Math.sqrt);
  const theta = new Float64Array(d);
  const x = new Float64Array(d);
  if (init > 0) {
    replicaStream(seed, replica, REPLICA_STREAMS.init).fillNormal(theta);
    const s = init / Math.sqrt(d);
    for (let i = 0; i < d; i++) theta[i] *= s;
  }
  const data = replicaStream(seed, replica, REPLICA_STREAMS.data);
  const classRng = replicaStream(seed, replica, REPLICA_STREAMS.classes);
  const cumulative = new Float64Array(C);
  let acc = 0;
  for (let c = 0; c < C; c++) {
    acc += weights[c];
    cumulative[c] = acc;
  }
  let uniform = true;
  for (let c = 1; c < C; c++) if (weights[c] !== weights[0]) uniform = false;

  const out = emptyObservables(steps.length);
  const m = new Float64Array(C);
  const vr = new Float64Array(rows);
  const v = new Float64Array(C);
  const scratch = new Float64Array(4);
  const invSqrtD = 1 / Math.sqrt(d);
  const total = steps[steps.length - 1];
  const poll = pollInterval(d);
  const step = gamma / d;
  let next = 0;
  for (let k = 0; ; k++) {
    if (k === steps[next]) {
      for (let c = 0; c < C; c++) {
        const mu = means.subarray(c * d, (c + 1) * d);
        let s = 0;
        for (let i = 0; i < d; i++) s += theta[i] * mu[i];
        m[c] = s;
      }
      for (let r = 0; r < rows; r++) {
        const lam = lambda.subarray(r * d, (r + 1) * d);
        let s = 0;
        for (let i = 0; i < d; i++) s += lam[i] * theta[i] * theta[i];
        vr[r] = s;
      }
      for (let c = 0; c < C; c++) v[c] = vr[rowOf[c]];
      let dotClean = 0;
      let dotNoisy = 0;
      let normSq = 0;
      for (let i = 0; i < d; i++) {
        const p = theta[i] * deltaHat[i];
        if (clean[i]) dotClean += p;
        else dotNoisy += p;
        normSq += theta[i] * theta[i];
      }
      recordObservables(mix, loss, m, v, dotClean * invSqrtD, dotNoisy * invSqrtD, normSq, out, next, scratch);
      next++;
      if (next === steps.length) break;
    }
    if (k % poll === 0) checkpoint(hooks, k / total);
    let c: number;
    const u = classRng.nextDouble();
    if (uniform) c = Math.min(C - 1, Math.floor(u * C));
    else {
      let lo = 0;
      let hi = C - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (u < cumulative[mid]) hi = mid;
        else lo = mid + 1;
      }
      c = lo;
    }
    data.fillNormal(x);
    const mo = c * d;
    const lo = rowOf[c] * d;
    let r = 0;
    for (let i = 0; i < d; i++) {
      const xv = means[mo + i] + sqrtLambda[lo + i] * x[i];
      x[i] = xv;
      r += theta[i] * xv;
    }
    const y = labels[c];
    let g: number;
    if (loss === 'logistic') {
      // f' = -y sigmoid(-y r)
      const yr = y * r;
      g = yr >= 0 ? (-y * Math.exp(-yr)) / (1 + Math.exp(-yr)) : -y / (1 + Math.exp(yr));
    } else g = r - y;
    const coef = step * g;
    for (let i = 0; i < d; i++) theta[i] -= coef * x[i];
  }
  return out;
}
