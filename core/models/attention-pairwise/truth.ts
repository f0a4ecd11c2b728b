/**
 * The planted model of a run, drawn once from the run's seed (shared by every sample size and
 * repetition): A* = P* Q*^T = a U V^T (A_norm operator) or a d U V^T / sqrt(r) (spread), with U, V
 * random d x r frames with orthonormal columns, and phi*. Tokens have covariance I/(3d), so
 * u = x^T A* y has variance |A*|_F^2 / (9 d^2): (a sqrt(r) / (3d))^2 or (a/3)^2.
 */
import { REPLICA_STREAMS, replicaStream } from '../kit/index.js';
import type { Rng } from '../../numerics/rng.js';
import { BSplineBasis, ContinuedSpline } from './spline-basis.js';
import type { AttentionParams, TokenLaw } from './params.js';
import { drawTokens } from './tokens.js';

/** A rank-r bilinear form A = P Q^T, P and Q row-major d x r. */
export interface LowRank {
  d: number;
  r: number;
  P: Float64Array;
  Q: Float64Array;
}

/** An activation with its derivative. */
export interface Activation {
  value(u: number): number;
}

export interface Truth {
  A: LowRank;
  phi: Activation;
  /** The truncation level L of the estimate. */
  L: number;
}

/** The random streams of the planted model (not of a repetition). */
const TRUTH_REPLICA = -1;

/** Columns of a d x r Gaussian matrix, orthonormalised (Gram–Schmidt twice), row-major. */
function orthonormalFrame(d: number, r: number, rng: Rng): Float64Array {
  const F = new Float64Array(d * r);
  rng.fillNormal(F);
  for (let k = 0; k < r; k++) {
    for (let pass = 0; pass < 2; pass++) {
      for (let l = 0; l < k; l++) {
        let dot = 0;
        for (let a = 0; a < d; a++) dot += F[a * r + k] * F[a * r + l];
        for (let a = 0; a < d; a++) F[a * r + k] -= dot * F[a * r + l];
      }
    }
    let nrm = 0;
    for (let a = 0; a < d; a++) nrm += F[a * r + k] ** 2;
    nrm = Math.sqrt(nrm);
    for (let a = 0; a < d; a++) F[a * r + k] /= nrm;
  }
  return F;
}

/** The standard deviation of u = x^T A* y. */
export function uSpread(p: Pick<AttentionParams, 'A_scale' | 'A_norm' | 'd' | 'rank'>): number {
  return p.A_norm === 'operator' ? (p.A_scale * Math.sqrt(p.rank)) / (3 * p.d) : p.A_scale / 3;
}

/** The singular values of A*. */
function singularValue(p: Pick<AttentionParams, 'A_scale' | 'A_norm' | 'd' | 'rank'>): number {
  return p.A_norm === 'operator' ? p.A_scale : (p.A_scale * p.d) / Math.sqrt(p.rank);
}

/** phi* of the parameters; random_spline coefficients come from `rng`. */
export function activationOf(p: Pick<AttentionParams, 'phi' | 'A_scale' | 'A_norm' | 'd' | 'rank'>, rng: Rng): Activation {
  switch (p.phi.kind) {
    case 'sin_quadratic':
      return { value: (u) => Math.sin(2 * u) + 0.3 * u * u };
    case 'tanh':
      return { value: (u) => Math.tanh(2 * u) };
    case 'random_spline': {
      const s = uSpread(p);
      const K = p.phi.pieces;
      const breaks = Float64Array.from({ length: K + 1 }, (_, k) => -3 * s + (6 * s * k) / K);
      const basis = new BSplineBasis(breaks, p.phi.degree);
      const coef = new Float64Array(basis.size);
      rng.fillNormal(coef);
      const spline = new ContinuedSpline(basis, coef);
      return { value: (u) => spline.value(u) };
    }
  }
}

/** The planted A* and phi* of a run with seed `seed`, and the truncation level. */
export function plantedModel(p: AttentionParams, seed: number): Truth {
  const frames = replicaStream(seed, TRUTH_REPLICA, REPLICA_STREAMS.attentionTruth);
  const { d, rank: r } = p;
  const P = orthonormalFrame(d, r, frames);
  const Q = orthonormalFrame(d, r, frames);
  const f = Math.sqrt(singularValue(p));
  for (let k = 0; k < d * r; k++) {
    P[k] *= f;
    Q[k] *= f;
  }
  const phi = activationOf(p, replicaStream(seed, TRUTH_REPLICA, REPLICA_STREAMS.attentionActivation));
  const A = { d, r, P, Q };
  const L = p.truncation > 0 ? p.truncation : supOverPairs(A, phi, p.law, replicaStream(seed, TRUTH_REPLICA, REPLICA_STREAMS.evaluationPairs));
  return { A, phi, L };
}

/** max |phi*(x^T A y)| over 4096 pairs of tokens of the law. */
function supOverPairs(A: LowRank, phi: Activation, law: TokenLaw, rng: Rng): number {
  const n = 4096;
  const X = new Float64Array(2 * n * A.d);
  drawTokens(law, A.d, X, rng);
  let sup = 0;
  for (let k = 0; k < n; k++) sup = Math.max(sup, Math.abs(phi.value(bilinear(A, X, 2 * k, X, 2 * k + 1))));
  return sup;
}

/** x^T P Q^T y for the tokens x = X[ix], y = Y[iy] (row-major, d per token). */
export function bilinear(A: LowRank, X: Float64Array, ix: number, Y: Float64Array, iy: number): number {
  const { d, r, P, Q } = A;
  let u = 0;
  for (let k = 0; k < r; k++) {
    let a = 0;
    let b = 0;
    for (let c = 0; c < d; c++) {
      a += X[ix * d + c] * P[c * r + k];
      b += Y[iy * d + c] * Q[c * r + k];
    }
    u += a * b;
  }
  return u;
}
