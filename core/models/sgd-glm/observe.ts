/**
 * Observables of an iterate in error coordinates e = theta - theta* (eigenbasis), computed exactly
 * in O(d): the moments P = sum lambda e^2, C = sum lambda e theta*, the population risk and its
 * excess from the loss, |e|^2 and <theta, theta*> = <e, theta*> + |theta*|^2.
 */
import { type GlmLoss, type LossExpectations, type Moments, momentsOf } from './losses.js';

/** The curves recorded on the grid, one value per recording time. */
export interface SimulationCurves {
  risk: Float64Array;
  excess: Float64Array;
  lr: Float64Array;
  distance: Float64Array;
  overlap: Float64Array;
  /** B11 = <theta, K theta> and B12 = <theta, K theta*> (not shown as series; used by checks). */
  b11: Float64Array;
  b12: Float64Array;
}

export const OBSERVABLES = ['risk', 'excess', 'lr', 'distance', 'overlap'] as const;
export type Observable = (typeof OBSERVABLES)[number];

export function emptyCurves(n: number): SimulationCurves {
  return {
    risk: new Float64Array(n).fill(Number.NaN),
    excess: new Float64Array(n).fill(Number.NaN),
    lr: new Float64Array(n).fill(Number.NaN),
    distance: new Float64Array(n).fill(Number.NaN),
    overlap: new Float64Array(n).fill(Number.NaN),
    b11: new Float64Array(n).fill(Number.NaN),
    b12: new Float64Array(n).fill(Number.NaN),
  };
}

/** The curves of NaN on `times` with the times themselves, filled as an ODE solve reaches each time (an early stop leaves NaN). */
export function emptyTheoryCurves(times: Float64Array): SimulationCurves & { t: Float64Array } {
  return { t: Float64Array.from(times), ...emptyCurves(times.length) };
}

/** Constant sums over theta*: b = sum lambda theta*^2, b2 = sum lambda^2 theta*^2, |theta*|^2. */
export interface SignalSums {
  b: number;
  b2: number;
  norm2: number;
}

export function signalSums(thetaStar: Float64Array, lambda: Float64Array): SignalSums {
  let b = 0;
  let b2 = 0;
  let norm2 = 0;
  for (let i = 0; i < thetaStar.length; i++) {
    const q = thetaStar[i] * thetaStar[i];
    b += lambda[i] * q;
    b2 += lambda[i] * lambda[i] * q;
    norm2 += q;
  }
  return { b, b2, norm2 };
}

/** Exact sums of the iterate: P, C and, for the oracle policies, P2 = sum lambda^2 e^2, C2 = sum lambda^2 e theta*. */
export interface IterateSums {
  P: number;
  C: number;
  P2: number;
  C2: number;
  dist: number;
  cross: number;
}

export function iterateSums(e: Float64Array, thetaStar: Float64Array, lambda: Float64Array, out: IterateSums): IterateSums {
  let P = 0;
  let C = 0;
  let P2 = 0;
  let C2 = 0;
  let dist = 0;
  let cross = 0;
  for (let i = 0; i < e.length; i++) {
    const ei = e[i];
    const l = lambda[i];
    const le = l * ei;
    P += le * ei;
    C += le * thetaStar[i];
    P2 += l * le * ei;
    C2 += l * le * thetaStar[i];
    dist += ei * ei;
    cross += ei * thetaStar[i];
  }
  out.P = P;
  out.C = C;
  out.P2 = P2;
  out.C2 = C2;
  out.dist = dist;
  out.cross = cross;
  return out;
}

export function emptySums(): IterateSums {
  return { P: 0, C: 0, P2: 0, C2: 0, dist: 0, cross: 0 };
}

/** Records risk, excess, distance and overlap at index j (lr is recorded by the caller). */
export function recordObservables(
  sums: IterateSums,
  sig: SignalSums,
  loss: GlmLoss,
  omega: number,
  moments: Moments,
  ex: LossExpectations,
  curves: SimulationCurves,
  j: number,
): void {
  loss.expectations(momentsOf(sums.P, sums.C, sig.b, moments), omega, ex);
  curves.risk[j] = ex.risk;
  curves.excess[j] = ex.excess;
  curves.distance[j] = sums.dist;
  curves.overlap[j] = sums.cross + sig.norm2;
  curves.b11[j] = moments.a;
  curves.b12[j] = moments.c;
}
