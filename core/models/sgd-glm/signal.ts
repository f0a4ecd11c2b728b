/**
 * The planted signal theta* and the initial iterate, on both sides of the comparison.
 *
 * Simulation (eigenbasis coordinates, one replica): theta* by `signal.kind` (gaussian and unit from
 * the replica's STREAM.signal), theta_0 = init_signal theta* + init g / sqrt(d) with g from
 * STREAM.init, returned as the error e_0 = theta_0 - theta*.
 *
 * Theory (per distinct eigenvalue lambda_j, averaged over the modes that share it): with
 * V22_j = d E<theta*, u_i>^2, D_j = d E<e, u_i>^2 and E_j = d E<e, u_i><theta*, u_i>,
 *   V22_j = scale^2 (power: scale^2 lambda_j^(-delta)),
 *   D_j(0) = (init_signal - 1)^2 V22_j + init^2,   E_j(0) = (init_signal - 1) V22_j.
 */
import { STREAM, createRng, deriveSeed } from '../../numerics/rng.js';
import type { SgdGlmParams } from './params.js';

export type SignalSpec = SgdGlmParams['signal'];

/** V22 of one mode with eigenvalue lambda (0 for the power signal at lambda = 0). */
export function signalSecondMoment(signal: SignalSpec, lambda: number): number {
  const s2 = signal.scale * signal.scale;
  if (signal.kind !== 'power') return s2;
  return lambda > 0 ? s2 * Math.pow(lambda, -signal.delta) : 0;
}

export interface TheoryInitial {
  v22: Float64Array;
  d0: Float64Array;
  e0: Float64Array;
}

export function theoryInitial(signal: SignalSpec, lambda: Float64Array, init: number, initSignal: number): TheoryInitial {
  const m = lambda.length;
  const v22 = new Float64Array(m);
  const d0 = new Float64Array(m);
  const e0 = new Float64Array(m);
  const k = initSignal - 1;
  for (let j = 0; j < m; j++) {
    v22[j] = signalSecondMoment(signal, lambda[j]);
    d0[j] = k * k * v22[j] + init * init;
    e0[j] = k * v22[j];
  }
  return { v22, d0, e0 };
}

/** theta* of one replica (eigenbasis coordinates). */
export function drawSignal(signal: SignalSpec, eigenvalues: Float64Array, seed: number, replica: number): Float64Array {
  const d = eigenvalues.length;
  const out = new Float64Array(d);
  const invSqrtD = 1 / Math.sqrt(d);
  switch (signal.kind) {
    case 'gaussian':
    case 'unit': {
      createRng(deriveSeed(seed, replica, STREAM.signal)).fillNormal(out);
      let scale = signal.scale * invSqrtD;
      if (signal.kind === 'unit') {
        let ss = 0;
        for (let i = 0; i < d; i++) ss += out[i] * out[i];
        scale = ss > 0 ? signal.scale / Math.sqrt(ss) : 0;
      }
      for (let i = 0; i < d; i++) out[i] *= scale;
      break;
    }
    case 'ones':
      out.fill(signal.scale * invSqrtD);
      break;
    case 'power':
      for (let i = 0; i < d; i++) {
        const l = eigenvalues[i];
        out[i] = l > 0 ? signal.scale * Math.pow(l, -signal.delta / 2) * invSqrtD : 0;
      }
      break;
  }
  return out;
}

/** e_0 = theta_0 - theta* = (init_signal - 1) theta* + init g / sqrt(d), g ~ N(0, I) from STREAM.init. */
export function drawInitialError(thetaStar: Float64Array, init: number, initSignal: number, seed: number, replica: number): Float64Array {
  const d = thetaStar.length;
  const e = new Float64Array(d);
  if (init > 0) {
    createRng(deriveSeed(seed, replica, STREAM.init)).fillNormal(e);
    const s = init / Math.sqrt(d);
    for (let i = 0; i < d; i++) e[i] *= s;
  }
  const k = initSignal - 1;
  for (let i = 0; i < d; i++) e[i] += k * thetaStar[i];
  return e;
}
