/**
 * The MPPM / Latent MPPM iteration of arXiv 2510.00666 as the authors implement it (`utils.py`,
 * `update_z` and the reconstruction loop; docs/theory/mppm.md "The iteration"). With z₀ = E(x̃),
 * λ₀, δ, β_k = (k + 1)/K, for k = 0 … K − 1:
 *
 *   z̄  = kernel mean of the anchors at z (coordinate-wise Laplace softmax, or a joint Gaussian kernel)
 *   z⊥ = z − |d(z)| ∇d(z) / max(|∇d(z)|, 1e-12)              (projection on the manifold)
 *   Δ  = λ_k (z − z⊥) + (1 − λ_k)(z − z̄)   (or z − z⊥ when a threshold is set and the batch mean |d| exceeds it)
 *   z ← z − β_k Δ,  λ_{k+1} = min(1, λ_k + δ)
 *
 * and x̂ = clip(G(z_K), 0, 1). Deterministic: no noise is injected.
 */
import { type RunHooks, checkpoint } from '../kit/index.js';
import type { LatentSpace } from './latent-space.js';

export const KERNELS = ['laplace', 'gaussian'] as const;
export type KernelKind = (typeof KERNELS)[number];

export interface IterationSettings {
  /** K, the number of steps. */
  steps: number;
  /** λ₀, the weight of the projection at the first step. */
  lambda0: number;
  /** δ, the increment of λ per step. */
  delta: number;
  /** σ, the kernel bandwidth. */
  sigma: number;
  /**
   * 'laplace': the code's kernel, a separate softmax of −|z_c − z_ic|/σ per coordinate c (exponent
   * clipped to [−50, 0], denominator floored at 1e−12); 'gaussian': one softmax of −|z − z_i|²/(2σ²)
   * over the anchors (the mean shift of a Gaussian KDE, the paper's formulation).
   */
  kernel: KernelKind;
  /** When positive: steps whose batch mean |d| exceeds it are pure projections. 0 = off (the MNIST default). */
  threshold: number;
}

/** δ of the authors' MNIST script: λ reaches 0.9 after K steps. */
export function defaultDelta(lambda0: number, steps: number): number {
  return (0.9 - lambda0) / steps;
}

/** Scratch arrays of one batch (allocated once per call, reused by every step). */
class Workspace {
  readonly mean: Float64Array;
  readonly dist: Float64Array;
  readonly grad: Float64Array;
  readonly weights: Float64Array;
  constructor(n: number, p: number, anchors: number) {
    this.mean = new Float64Array(n * p);
    this.dist = new Float64Array(n);
    this.grad = new Float64Array(n * p);
    this.weights = new Float64Array(anchors);
  }
}

/** The kernel mean z̄ of the anchors (count × p) at each of n latents, into `out`. */
export function kernelMean(z: Float64Array, n: number, p: number, anchors: Float64Array, sigma: number, kernel: KernelKind, out: Float64Array, weights?: Float64Array): void {
  const count = anchors.length / p;
  const w = weights ?? new Float64Array(count);
  for (let q = 0; q < n; q++) {
    const zo = q * p;
    if (kernel === 'laplace') {
      for (let c = 0; c < p; c++) {
        const zc = z[zo + c]!;
        let total = 0;
        let acc = 0;
        for (let i = 0; i < count; i++) {
          const a = anchors[i * p + c]!;
          let e = -Math.abs(zc - a) / sigma;
          if (e < -50) e = -50;
          const wi = Math.exp(e);
          total += wi;
          acc += wi * a;
        }
        out[zo + c] = acc / Math.max(total, 1e-12);
      }
    } else {
      let best = Infinity;
      for (let i = 0; i < count; i++) {
        let s = 0;
        for (let c = 0; c < p; c++) {
          const d = z[zo + c]! - anchors[i * p + c]!;
          s += d * d;
        }
        w[i] = s;
        if (s < best) best = s;
      }
      let total = 0;
      for (let i = 0; i < count; i++) {
        w[i] = Math.exp(-(w[i]! - best) / (2 * sigma * sigma));
        total += w[i]!;
      }
      for (let c = 0; c < p; c++) out[zo + c] = 0;
      for (let i = 0; i < count; i++) {
        const wi = w[i]! / total;
        for (let c = 0; c < p; c++) out[zo + c]! += wi * anchors[i * p + c]!;
      }
    }
  }
}

/**
 * Runs the K steps on n latents `z` (n × p, updated in place) with the anchors' latents
 * (count × p). `onStep(k, z)` is called after each step (for diagnostics); `hooks` poll cancel and
 * report progress from `progressFrom` to `progressTo`.
 */
export function iterateLatents(
  space: LatentSpace,
  anchors: Float64Array,
  z: Float64Array,
  n: number,
  s: IterationSettings,
  hooks: RunHooks = {},
  onStep?: (k: number, z: Float64Array) => void,
  progressFrom = 0,
  progressTo = 1,
): void {
  const p = space.latent;
  const ws = new Workspace(n, p, anchors.length / p);
  let lambda = s.lambda0;
  for (let k = 0; k < s.steps; k++) {
    checkpoint(hooks, progressFrom + ((progressTo - progressFrom) * k) / s.steps);
    const beta = (k + 1) / s.steps;
    kernelMean(z, n, p, anchors, s.sigma, s.kernel, ws.mean, ws.weights);
    space.distance(z, n, ws.dist, ws.grad);
    let meanAbs = 0;
    for (let q = 0; q < n; q++) meanAbs += Math.abs(ws.dist[q]!) / n;
    const projectOnly = s.threshold > 0 && meanAbs > s.threshold;
    for (let q = 0; q < n; q++) {
      const o = q * p;
      let g2 = 0;
      for (let c = 0; c < p; c++) g2 += ws.grad[o + c]! * ws.grad[o + c]!;
      const scale = Math.abs(ws.dist[q]!) / Math.max(Math.sqrt(g2), 1e-12);
      for (let c = 0; c < p; c++) {
        const toManifold = scale * ws.grad[o + c]!; // z − z⊥
        const toMean = z[o + c]! - ws.mean[o + c]!; // z − z̄
        const step = projectOnly ? toManifold : lambda * toManifold + (1 - lambda) * toMean;
        z[o + c] = z[o + c]! - beta * step;
      }
    }
    lambda = Math.min(1, lambda + s.delta);
    onStep?.(k, z);
  }
  checkpoint(hooks, progressTo);
}

/** x̂ = clip(G(z_K)) for n degraded images x̃ (n × pixels), with the anchors' latents (count × p). */
export function mppmRestore(space: LatentSpace, anchors: Float64Array, degraded: Float64Array, n: number, s: IterationSettings, hooks: RunHooks = {}): Float64Array {
  const z = new Float64Array(n * space.latent);
  space.encode(degraded, n, z);
  iterateLatents(space, anchors, z, n, s, hooks);
  const out = new Float64Array(n * space.pixels);
  space.decode(z, n, out);
  for (let i = 0; i < out.length; i++) out[i] = out[i]! < 0 ? 0 : out[i]! > 1 ? 1 : out[i]!;
  return out;
}
