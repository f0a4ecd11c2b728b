/**
 * Deterministic equivalent of one-pass SGD on a Gaussian mixture (note §5.2; docs/theory/gmm-sgd.md).
 *
 * State per coordinate i of the common eigenbasis: u_i = sqrt(d) E theta_i and V_i = d E theta_i^2.
 * The note's M_{c,i} = d E[theta_i] mu_{c,i} = u_i mu_hat_{c,i} (mu_hat = sqrt(d) mu) is carried by
 * u, which is exact because every M_{c,.} obeys the same linear equation. With
 *
 *   m_c = <E theta, mu_c> = (1/d) sum_i u_i mu_hat_{c,i},   v_c = (1/d) sum_i lambda_{c,i} V_i,
 *   e1_c, e2_c, e3_c = E f', E f'', E f'^2 under x ~ N(m_c, v_c) with label y_c (./expectations.ts),
 *
 *   du_i/dt = -gamma sum_c p_c ( e1_c mu_hat_{c,i} + lambda_{c,i} e2_c u_i ),
 *   dV_i/dt = -2 gamma sum_c p_c ( e1_c u_i mu_hat_{c,i} + lambda_{c,i} e2_c V_i ) + gamma^2 sum_c p_c lambda_{c,i} e3_c.
 *
 * Observables: risk = sum_c p_c E_c f, accuracy = sum_c p_c Phi(y_c m_c / sqrt(v_c)),
 * overlap_clean = <E theta, P_S delta> / (||theta|| ||P_S delta||) with ||theta||^2 = (1/d) sum_i V_i,
 * overlap_noisy likewise on the complement of the clean set S. Integrated by DOPRI5 (2d states).
 */
import type { OdeStatus } from '../../numerics/ode/solve.js';
import { type RunHooks, gridSolve, solveTheory } from '../kit/index.js';
import { classAccuracy, classMoments } from './expectations.js';
import type { GmmLoss } from './params.js';
import type { Mixture } from './problem.js';

export interface GmmObservables {
  risk: Float64Array;
  accuracy: Float64Array;
  overlapClean: Float64Array;
  overlapNoisy: Float64Array;
}

export function emptyObservables(n: number): GmmObservables {
  const nan = () => new Float64Array(n).fill(Number.NaN);
  return { risk: nan(), accuracy: nan(), overlapClean: nan(), overlapNoisy: nan() };
}

/**
 * Writes the observables at index j from m_c, v_c (per class), <theta, P_S delta>,
 * <theta, P_{S^c} delta> and ||theta||^2 (unscaled).
 */
export function recordObservables(
  mix: Mixture,
  loss: GmmLoss,
  m: Float64Array,
  v: Float64Array,
  dotClean: number,
  dotNoisy: number,
  normSq: number,
  out: GmmObservables,
  j: number,
  scratch: Float64Array,
): void {
  let risk = 0;
  let acc = 0;
  for (let c = 0; c < mix.C; c++) {
    classMoments(loss, m[c], v[c], mix.labels[c], scratch);
    risk += mix.weights[c] * scratch[0];
    acc += mix.weights[c] * classAccuracy(m[c], v[c], mix.labels[c]);
  }
  out.risk[j] = risk;
  out.accuracy[j] = acc;
  const norm = Math.sqrt(Math.max(0, normSq));
  out.overlapClean[j] = norm > 0 && mix.deltaCleanNorm > 0 ? dotClean / (norm * mix.deltaCleanNorm) : 0;
  out.overlapNoisy[j] = norm > 0 && mix.deltaNoisyNorm > 0 ? dotNoisy / (norm * mix.deltaNoisyNorm) : 0;
}

export interface GmmSolverSettings {
  rtol: number;
  atol: number;
  maxSteps: number;
}

export const GMM_SOLVER: GmmSolverSettings = { rtol: 1e-8, atol: 1e-12, maxSteps: 1_000_000 };

export interface GmmTheoryOutput extends GmmObservables {
  solver: GmmSolverSettings & { method: 'dopri5'; status: OdeStatus; nfev: number; naccepted: number; nrejected: number };
}

export interface GmmTheoryHooks extends RunHooks {
  solver?: Partial<GmmSolverSettings>;
}

export function gmmTheory(
  mix: Mixture,
  loss: GmmLoss,
  gamma: number,
  init: number,
  times: Float64Array,
  hooks: GmmTheoryHooks = {},
): GmmTheoryOutput {
  const { d, C, K, rows, lambda, what, B, weights, labels, rowOf, clean, deltaHat } = mix;
  const invD = 1 / d;
  const a = new Float64Array(K);
  const m = new Float64Array(C);
  const vr = new Float64Array(rows);
  const v = new Float64Array(C);
  const G = new Float64Array(K);
  const H = new Float64Array(rows);
  const N = new Float64Array(rows);
  const mom = new Float64Array(4);
  const drift = new Float64Array(d);
  const h = new Float64Array(d);
  const nz = new Float64Array(d);
  const gamma2 = gamma * gamma;
  // Views made once (no allocation inside the right-hand side).
  const wRows = Array.from({ length: K }, (_, k) => what.subarray(k * d, (k + 1) * d));
  const lamRows = Array.from({ length: rows }, (_, r) => lambda.subarray(r * d, (r + 1) * d));

  const moments = (y: Float64Array): void => {
    for (let k = 0; k < K; k++) {
      const w = wRows[k];
      let s = 0;
      for (let i = 0; i < d; i++) s += y[i] * w[i];
      a[k] = s * invD;
    }
    for (let c = 0; c < C; c++) {
      let s = 0;
      for (let k = 0; k < K; k++) s += B[c * K + k] * a[k];
      m[c] = s;
    }
    for (let r = 0; r < rows; r++) {
      const lam = lamRows[r];
      let s = 0;
      for (let i = 0; i < d; i++) s += lam[i] * y[d + i];
      vr[r] = s * invD;
    }
    for (let c = 0; c < C; c++) v[c] = vr[rowOf[c]];
  };

  const rhs = (_t: number, y: Float64Array, dy: Float64Array): void => {
    moments(y);
    G.fill(0);
    H.fill(0);
    N.fill(0);
    for (let c = 0; c < C; c++) {
      classMoments(loss, m[c], v[c], labels[c], mom);
      const pc = weights[c];
      for (let k = 0; k < K; k++) G[k] += pc * mom[1] * B[c * K + k];
      H[rowOf[c]] += pc * mom[2];
      N[rowOf[c]] += pc * mom[3];
    }
    drift.fill(0);
    h.fill(0);
    nz.fill(0);
    for (let k = 0; k < K; k++) {
      const g = G[k];
      if (g === 0) continue;
      const w = wRows[k];
      for (let i = 0; i < d; i++) drift[i] += g * w[i];
    }
    for (let r = 0; r < rows; r++) {
      const lam = lamRows[r];
      const hr = H[r];
      const nr = N[r];
      for (let i = 0; i < d; i++) {
        h[i] += lam[i] * hr;
        nz[i] += lam[i] * nr;
      }
    }
    for (let i = 0; i < d; i++) {
      const u = y[i];
      dy[i] = -gamma * (drift[i] + h[i] * u);
      dy[d + i] = -2 * gamma * (u * drift[i] + h[i] * y[d + i]) + gamma2 * nz[i];
    }
  };

  const y0 = new Float64Array(2 * d);
  y0.fill(init * init, d);
  const settings = { ...GMM_SOLVER, ...hooks.solver };
  const obs = emptyObservables(times.length);
  const sol = solveTheory(
    gridSolve(rhs, y0, times, settings, (j, _t, y) => {
      moments(y);
      let dotClean = 0;
      let dotNoisy = 0;
      let normSq = 0;
      for (let i = 0; i < d; i++) {
        const p = y[i] * deltaHat[i];
        if (clean[i]) dotClean += p;
        else dotNoisy += p;
        normSq += y[d + i];
      }
      recordObservables(mix, loss, m, v, dotClean * invD, dotNoisy * invD, normSq * invD, obs, j, mom);
    }),
    hooks,
    { progressEvery: 64 },
  );
  return {
    ...obs,
    solver: { method: 'dopri5', ...settings, status: sol.status, nfev: sol.nfev, naccepted: sol.naccepted, nrejected: sol.nrejected },
  };
}
