/**
 * Token draws and the samples of a repetition. Tokens have i.i.d. coordinates of variance
 * 1/(3d): uniform on [-1, 1]^d / sqrt(d) (the note's calibration), or Gaussian with the same
 * covariance. A repetition's samples come from its own streams in sample order, so the first M
 * samples are the same for every larger M (the sizes of a sweep are nested within a repetition).
 */
import { type RunHooks, REPLICA_STREAMS, checkpoint, replicaStream } from '../kit/index.js';
import type { Rng } from '../../numerics/rng.js';
import type { TokenLaw } from './params.js';
import { project } from './pair-fit.js';
import type { Truth } from './truth.js';

/** Fills `out` (whole tokens of dimension d, row-major) with draws of the law. */
export function drawTokens(law: TokenLaw, d: number, out: Float64Array, rng: Rng, start = 0, end = out.length): void {
  if (law === 'gaussian') {
    rng.fillNormal(out, start, end);
    const s = 1 / Math.sqrt(3 * d);
    for (let k = start; k < end; k++) out[k] *= s;
    return;
  }
  const s = 1 / Math.sqrt(d);
  for (let k = start; k < end; k++) out[k] = (2 * rng.nextDouble() - 1) * s;
}

/** M samples of N tokens: X (M N d, sample-major then token), Y (M N). */
export interface Samples {
  M: number;
  N: number;
  d: number;
  X: Float64Array;
  Y: Float64Array;
}

export interface SampleSpec {
  law: TokenLaw;
  N: number;
  d: number;
  noise: number;
  seed: number;
  replica: number;
}

/**
 * The first M samples of repetition `replica`: Y_i = (1/(N-1)) sum_{j != i} phi*(X_i^T A* X_j)
 * + noise eta_i, eta_i ~ N(0, noise^2). Progress runs over [0, share] of the part.
 */
export function drawSamples(spec: SampleSpec, truth: Truth, M: number, hooks: RunHooks, share: number): Samples {
  const { law, N, d, noise, seed, replica } = spec;
  const X = new Float64Array(M * N * d);
  const Y = new Float64Array(M * N);
  const tokens = replicaStream(seed, replica, REPLICA_STREAMS.data);
  const noiseRng = replicaStream(seed, replica, REPLICA_STREAMS.noise);
  const eta = new Float64Array(N);
  const { phi, A } = truth;
  const r = A.r;
  const a = new Float64Array(N * r);
  const b = new Float64Array(N * r);
  const every = Math.max(1, Math.floor(65536 / (N * (N + 2 * d * r))));
  for (let m = 0; m < M; m++) {
    if (m % every === 0) checkpoint(hooks, (share * m) / M);
    drawTokens(law, d, X, tokens, m * N * d, (m + 1) * N * d);
    noiseRng.fillNormal(eta);
    project(A, X, N, a, b, m * N);
    for (let i = 0; i < N; i++) {
      let s = 0;
      for (let j = 0; j < N; j++) {
        if (j === i) continue;
        let u = 0;
        for (let k = 0; k < r; k++) u += a[i * r + k] * b[j * r + k];
        s += phi.value(u);
      }
      Y[m * N + i] = s / (N - 1) + noise * eta[i];
    }
  }
  return { M, N, d, X, Y };
}
