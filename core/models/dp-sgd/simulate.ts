/**
 * One replica of one-pass DP-SGD in the eigenbasis of Sigma (O(d) per step, no allocation per
 * step). Step k = 0..n-1 draws a fresh sample (the k-th of the pass):
 *
 *   x = sqrt(lambda) * z,  y = <x, theta*> + zeta eps,   r = <x, theta> - y,   g = r x,
 *   theta <- theta - eta_k g min(1, C / ||g||) + s_k xi,   xi ~ N(0, I_d),
 *   eta_k = eta~(k/n) / n,  C = c sqrt(d),  s_k = c sigma~(k/n) sqrt(2 d/n) / n.
 *
 * The iterate is tracked as e = theta - theta* (then r = <x, e> - zeta eps). Streams per
 * (seed, replica): theta* from STREAM.signal, theta_0 from STREAM.init, z from STREAM.data, eps from
 * STREAM.noise, xi from REPLICA_STREAMS.privacy, so runs differing only in the privacy noise see the
 * same data. Recorded at each grid step: the exact population excess risk 1/2 sum lambda_i e_i^2,
 * the fraction of clipped samples in the window since the previous record, and a count of steps
 * with eta_k ||x_k||^2 > 2 (where a step is not non-expansive; see ./privacy.ts).
 */
import type { RunContext, RunResult, Series } from '../model-kind.js';
import { REPLICA_STREAMS, type RunHooks, checkpoint, hooksOf, pollInterval, replicaStream } from '../kit/index.js';
import type { DpSgdParams } from './params.js';
import { addConstant, curve } from './outputs.js';
import { setup } from './setup.js';

/** One DP-SGD replica on the pass grid: risk, excess risk, clipped fraction, and its count of expansive steps. */
export function replicaPart(params: DpSgdParams, replica: number, ctx: RunContext): RunResult {
  const s = setup(params);
  const { p, grid } = s;
  const out = simulateDpReplica(
    {
      eigenvalues: s.spectrum.eigenvalues,
      n: s.n,
      zeta: p.noise,
      init: p.init,
      clipC: s.clipC,
      c: p.clip.c,
      lr: s.lr,
      sigma: s.sigma,
      steps: grid.steps,
      seed: ctx.seed,
      replica,
    },
    hooksOf(ctx),
  );
  const half2 = 0.5 * p.noise * p.noise;
  const tag = { replica, seed: ctx.seed };
  const list: Series[] = [
    curve('risk', 'simulation', `DP-SGD replica ${replica}`, grid.t, addConstant(out.excess, half2), tag),
    curve('excess_risk', 'simulation', `DP-SGD replica ${replica}`, grid.t, out.excess, tag),
  ];
  if (p.clip.enabled) {
    list.push(curve('clip_fraction', 'simulation', `DP-SGD replica ${replica}`, grid.t.subarray(1).slice(), out.clipWindow.subarray(1).slice(), tag));
  }
  return { series: list, scalars: { expansive_steps: out.expansiveSteps } };
}

export interface DpReplicaInput {
  /** All d eigenvalues. */
  eigenvalues: Float64Array;
  n: number;
  zeta: number;
  init: number;
  /** Clipping constant C (Infinity = no clipping). */
  clipC: number;
  /** c of C = c sqrt(d) (privacy noise scale). */
  c: number;
  lr: (t: number) => number;
  sigma: (t: number) => number;
  /** Recording step counts, strictly increasing, from 0 to n. */
  steps: Float64Array;
  seed: number;
  replica: number;
}

export interface DpReplicaOutput {
  excess: Float64Array;
  /** Fraction of clipped samples in (steps[j-1], steps[j]]; entry 0 is NaN (no window). */
  clipWindow: Float64Array;
  /** Steps with eta_k ||x_k||^2 > 2. */
  expansiveSteps: number;
}

export function simulateDpReplica(input: DpReplicaInput, hooks: RunHooks = {}): DpReplicaOutput {
  const { eigenvalues, n, zeta, init, clipC, c, lr, sigma, steps, seed, replica } = input;
  const d = eigenvalues.length;
  const sqrtLambda = eigenvalues.map(Math.sqrt);
  const e = new Float64Array(d);
  const x = new Float64Array(d);
  const xi = new Float64Array(d);
  const invSqrtD = 1 / Math.sqrt(d);

  // e_0 = theta_0 - theta*
  replicaStream(seed, replica, REPLICA_STREAMS.signal).fillNormal(e);
  for (let i = 0; i < d; i++) e[i] = -e[i] * invSqrtD;
  if (init > 0) {
    replicaStream(seed, replica, REPLICA_STREAMS.init).fillNormal(x);
    const s = init * invSqrtD;
    for (let i = 0; i < d; i++) e[i] += s * x[i];
  }
  const data = replicaStream(seed, replica, REPLICA_STREAMS.data);
  const labelNoise = replicaStream(seed, replica, REPLICA_STREAMS.noise);
  const privacy = replicaStream(seed, replica, REPLICA_STREAMS.privacy);
  const noiseCoef = (c * Math.sqrt((2 * d) / n)) / n;
  const invN = 1 / n;
  const clipping = clipC < Number.POSITIVE_INFINITY;

  const excess = new Float64Array(steps.length);
  const clipWindow = new Float64Array(steps.length);
  clipWindow[0] = Number.NaN;
  const poll = pollInterval(d);
  let next = 0;
  let clipped = 0;
  let windowStart = 0;
  let expansive = 0;
  for (let k = 0; ; k++) {
    if (k === steps[next]) {
      let s = 0;
      for (let i = 0; i < d; i++) s += eigenvalues[i] * e[i] * e[i];
      excess[next] = 0.5 * s;
      if (next > 0) clipWindow[next] = clipped / (k - windowStart);
      clipped = 0;
      windowStart = k;
      next++;
      if (next === steps.length) break;
    }
    if (k % poll === 0) checkpoint(hooks, k * invN);
    const t = k * invN;
    data.fillNormal(x);
    let r = 0;
    let xx = 0;
    for (let i = 0; i < d; i++) {
      const xv = sqrtLambda[i] * x[i];
      x[i] = xv;
      r += xv * e[i];
      xx += xv * xv;
    }
    r -= zeta * labelNoise.normal();
    const eta = lr(t) * invN;
    if (eta * xx > 2) expansive++;
    let factor = 1;
    if (clipping) {
      const norm = Math.sqrt(xx) * Math.abs(r);
      if (norm > clipC) {
        factor = clipC / norm;
        clipped++;
      }
    }
    const coef = eta * r * factor;
    for (let i = 0; i < d; i++) e[i] -= coef * x[i];
    const s = sigma(t);
    if (s > 0) {
      privacy.fillNormal(xi);
      const amp = noiseCoef * s;
      for (let i = 0; i < d; i++) e[i] += amp * xi[i];
    }
  }
  return { excess, clipWindow, expansiveSteps: expansive };
}
