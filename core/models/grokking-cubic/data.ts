/**
 * A chain's data set: a random unit teacher direction w*, Gaussian inputs x ~ N(0, I_d), targets
 * y = He₁(w*·x) + ε He₃(w*·x) (He₃(z) = z³ − 3z), P training and T held-out points. Each chain has
 * its own data set (the paper's ensemble runs over data seeds), from replicaStream(seed, chain, fieldData).
 */
import { REPLICA_STREAMS, replicaStream } from '../kit/index.js';

export interface CubicData {
  d: number;
  wStar: Float64Array;
  P: number;
  X: Float64Array;
  y: Float64Array;
  T: number;
  Xt: Float64Array;
  yt: Float64Array;
  /** w*·x of the held-out points. */
  zt: Float64Array;
}

export function cubicTarget(z: number, eps: number): number {
  return z + eps * (z * z * z - 3 * z);
}

export function cubicData(seed: number, chain: number, d: number, P: number, T: number, eps: number): CubicData {
  const rng = replicaStream(seed, chain, REPLICA_STREAMS.fieldData);
  const wStar = new Float64Array(d);
  rng.fillNormal(wStar);
  let norm = 0;
  for (const v of wStar) norm += v * v;
  norm = Math.sqrt(norm);
  for (let k = 0; k < d; k++) wStar[k] /= norm;
  const X = new Float64Array(P * d);
  rng.fillNormal(X);
  const Xt = new Float64Array(T * d);
  rng.fillNormal(Xt);
  const project = (A: Float64Array, n: number) => {
    const z = new Float64Array(n);
    for (let m = 0; m < n; m++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += A[m * d + k]! * wStar[k]!;
      z[m] = s;
    }
    return z;
  };
  const z = project(X, P);
  const zt = project(Xt, T);
  return { d, wStar, P, X, y: z.map((v) => cubicTarget(v, eps)), T, Xt, yt: zt.map((v) => cubicTarget(v, eps)), zt };
}
