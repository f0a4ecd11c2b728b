/**
 * The empirical optimal denoiser (docs/theory/mppm.md "Baselines"): the posterior mean of a clean
 * image given x̃ = x + σ ε when x is drawn uniformly from the n training images,
 *   x̂(x̃, σ) = Σ_i softmax_i(−|x̃ − x_i|² / 2σ²) x_i,
 * i.e. x̃ + σ² ∇ log p_σ(x̃) for the training set smoothed at σ (the closed-form score). Computed
 * with the largest exponent subtracted (log-sum-exp), so it never overflows.
 */
import { type RunHooks, checkpoint } from '../kit/index.js';

/** Denoises n images (n × pixels) against the training images (count × pixels) at noise level σ_j (one per image). */
export function optimalDenoise(train: Float64Array, pixels: number, degraded: Float64Array, n: number, sigmas: Float64Array, hooks: RunHooks = {}): Float64Array {
  const count = train.length / pixels;
  const logw = new Float64Array(count);
  const out = new Float64Array(n * pixels);
  for (let q = 0; q < n; q++) {
    checkpoint(hooks, q / n);
    const xo = q * pixels;
    let best = -Infinity;
    const scale = 1 / (2 * sigmas[q]! * sigmas[q]!);
    for (let i = 0; i < count; i++) {
      let s = 0;
      const to = i * pixels;
      for (let j = 0; j < pixels; j++) {
        const d = degraded[xo + j]! - train[to + j]!;
        s += d * d;
      }
      logw[i] = -s * scale;
      if (logw[i]! > best) best = logw[i]!;
    }
    let total = 0;
    for (let i = 0; i < count; i++) {
      logw[i] = Math.exp(logw[i]! - best);
      total += logw[i]!;
    }
    for (let i = 0; i < count; i++) {
      const w = logw[i]! / total;
      if (w === 0) continue;
      const to = i * pixels;
      for (let j = 0; j < pixels; j++) out[xo + j]! += w * train[to + j]!;
    }
  }
  checkpoint(hooks, 1);
  return out;
}

/**
 * A blind noise level per image for degradations without one: the root-mean-square pixel distance
 * from x̃ to its nearest training image, i.e. the σ at which that image would be a typical draw.
 */
export function blindNoiseLevels(train: Float64Array, pixels: number, degraded: Float64Array, n: number): Float64Array {
  const count = train.length / pixels;
  const out = new Float64Array(n);
  for (let q = 0; q < n; q++) {
    let best = Infinity;
    for (let i = 0; i < count; i++) {
      let s = 0;
      for (let j = 0; j < pixels; j++) {
        const d = degraded[q * pixels + j]! - train[i * pixels + j]!;
        s += d * d;
      }
      if (s < best) best = s;
    }
    out[q] = Math.max(Math.sqrt(best / pixels), 1e-3);
  }
  return out;
}
