/**
 * Check M1 of the MPPM note (exact geometry on analytic manifolds): the iteration's projection step
 * lands on a circle, a sphere and a two-dimensional swiss roll (analytic or exactly solved
 * distances) to |D(π(x))| < 1e-9 for points within the reach; the λ-blend with a Gaussian KDE on
 * the angle coordinate raises the KDE at every step and converges to a KDE mode. Also the
 * authors' kernel-mean details (coordinate-wise softmax, clipped exponent, floored denominator)
 * on cases with a closed form, and the anchor distance's projection.
 */
import { describe, expect, it } from 'vitest';
import { AnchorDistance } from '../../../core/models/mppm/anchor-distance.js';
import { type IterationSettings, iterateLatents, kernelMean } from '../../../core/models/mppm/iteration.js';
import type { LatentSpace } from '../../../core/models/mppm/latent-space.js';
import { createRng } from '../../../core/numerics/rng.js';

/** E = G = id on R^dim with an analytic unsigned distance (its gradient points away from the manifold). */
function analyticSpace(dim: number, distance: (x: Float64Array, grad: Float64Array) => number): LatentSpace {
  const g = new Float64Array(dim);
  return {
    kind: 'analytic',
    pixels: dim,
    latent: dim,
    encode: (x, n, out) => out.set(x.subarray(0, n * dim)),
    decode: (z, n, out) => out.set(z.subarray(0, n * dim)),
    distance(z, n, dist, grad) {
      for (let q = 0; q < n; q++) {
        dist[q] = distance(z.subarray(q * dim, (q + 1) * dim), g);
        grad.set(g, q * dim);
      }
    },
  };
}

/** Distance to the sphere of radius r in R^dim (the circle for dim = 2). */
function sphereDistance(r: number) {
  return (x: Float64Array, grad: Float64Array): number => {
    const norm = Math.hypot(...x);
    const sign = norm >= r ? 1 : -1;
    for (let i = 0; i < x.length; i++) grad[i] = (sign * x[i]!) / norm;
    return Math.abs(norm - r);
  };
}

/** The swiss roll γ(t) = (t cos t, t sin t), t in [T0, T1]; its closest point by a grid and Newton's method. */
const T0 = 1.5 * Math.PI;
const T1 = 4.5 * Math.PI;
function rollPoint(t: number): [number, number] {
  return [t * Math.cos(t), t * Math.sin(t)];
}
function closestOnRoll(x: number, y: number): number {
  let best = T0;
  let bestD = Infinity;
  for (let i = 0; i <= 4000; i++) {
    const t = T0 + ((T1 - T0) * i) / 4000;
    const [px, py] = rollPoint(t);
    const d = (x - px) ** 2 + (y - py) ** 2;
    if (d < bestD) [best, bestD] = [t, d];
  }
  let t = best;
  for (let it = 0; it < 50; it++) {
    const c = Math.cos(t);
    const s = Math.sin(t);
    const [px, py] = [t * c, t * s];
    const [dx, dy] = [c - t * s, s + t * c]; // γ'
    const [ddx, ddy] = [-2 * s - t * c, 2 * c - t * s]; // γ''
    const f = (px - x) * dx + (py - y) * dy; // half the derivative of |γ − x|²
    const fp = dx * dx + dy * dy + (px - x) * ddx + (py - y) * ddy;
    const step = f / fp;
    t -= step;
    if (Math.abs(step) < 1e-15 * Math.abs(t)) break;
  }
  return t;
}
function rollDistance(x: Float64Array, grad: Float64Array): number {
  const t = closestOnRoll(x[0]!, x[1]!);
  const [px, py] = rollPoint(t);
  const d = Math.hypot(x[0]! - px, x[1]! - py);
  grad[0] = d > 0 ? (x[0]! - px) / d : 0;
  grad[1] = d > 0 ? (x[1]! - py) / d : 0;
  return d;
}

/** One pure projection step: λ0 = 1, δ = 0, K = 1 (β0 = 1), so z1 = z − |d| ∇d/|∇d|. */
const PROJECT: IterationSettings = { steps: 1, lambda0: 1, delta: 0, sigma: 1, kernel: 'laplace', threshold: 0 };

function projectAll(space: LatentSpace, points: Float64Array, n: number): Float64Array {
  const z = Float64Array.from(points);
  iterateLatents(space, new Float64Array(space.latent), z, n, PROJECT);
  return z;
}

describe('M1: the projection step on analytic manifolds', () => {
  const rng = createRng(11);

  it('lands on the circle and the sphere: |D(π(x))| < 1e-9 for points within the reach', () => {
    for (const dim of [2, 3]) {
      const r = 1.7;
      const space = analyticSpace(dim, sphereDistance(r));
      const n = 200;
      const x = new Float64Array(n * dim);
      for (let q = 0; q < n; q++) {
        const dir = Array.from({ length: dim }, () => rng.normal());
        const norm = Math.hypot(...dir);
        const radius = r * (0.05 + 1.9 * rng.nextDouble()); // inside the reach r, both sides
        for (let i = 0; i < dim; i++) x[q * dim + i] = (radius * dir[i]!) / norm;
      }
      const z = projectAll(space, x, n);
      const dist = new Float64Array(n);
      space.distance(z, n, dist, new Float64Array(n * dim));
      expect(Math.max(...dist), `dim ${dim}`).toBeLessThan(1e-9);
      // And the projection keeps the direction: π(x) = r x/|x|.
      for (let i = 0; i < dim; i++) expect(z[i]).toBeCloseTo((r * x[i]!) / Math.hypot(...x.subarray(0, dim)), 12);
    }
  });

  it('lands on a two-dimensional swiss roll: |D(π(x))| < 1e-9 within the reach (offsets up to 1, arms 2π apart)', () => {
    const space = analyticSpace(2, rollDistance);
    const n = 100;
    const x = new Float64Array(2 * n);
    for (let q = 0; q < n; q++) {
      const t = 2 * Math.PI + 2 * Math.PI * rng.nextDouble();
      const [px, py] = rollPoint(t);
      const [dx, dy] = [Math.cos(t) - t * Math.sin(t), Math.sin(t) + t * Math.cos(t)];
      const len = Math.hypot(dx, dy);
      const offset = 2 * rng.nextDouble() - 1;
      x[2 * q] = px - (offset * dy) / len;
      x[2 * q + 1] = py + (offset * dx) / len;
    }
    const z = projectAll(space, x, n);
    const dist = new Float64Array(n);
    space.distance(z, n, dist, new Float64Array(2 * n));
    expect(Math.max(...dist)).toBeLessThan(1e-9);
  });
});

describe('M1: the λ-blend with a Gaussian KDE on the angle', () => {
  // Latent = the angle itself (on the manifold, so d = 0 and only the kernel mean moves it).
  const angleSpace = analyticSpace(1, (_x, grad) => {
    grad[0] = 0;
    return 0;
  });
  const anchors = Float64Array.from([0.2, 0.25, 0.3, 0.32, 0.4, 0.45, 1.3, 1.35, 1.42, 1.5, 1.6]);
  const sigma = 0.15;
  const kde = (t: number) => anchors.reduce((s, a) => s + Math.exp(-((t - a) ** 2) / (2 * sigma * sigma)), 0);
  const kdeSlope = (t: number) => anchors.reduce((s, a) => s - ((t - a) / (sigma * sigma)) * Math.exp(-((t - a) ** 2) / (2 * sigma * sigma)), 0);

  it('raises p_M(z_k) at every step and ends at a mode (zero slope, a maximum) of the KDE', () => {
    for (const start of [-0.3, 0.7, 0.95, 2.2]) {
      const z = Float64Array.from([start]);
      const values = [kde(start)];
      const steps = 200;
      iterateLatents(angleSpace, anchors, z, 1, { steps, lambda0: 0, delta: 0.9 / steps, sigma, kernel: 'gaussian', threshold: 0 }, {}, (_k, zk) => values.push(kde(zk[0]!)));
      for (let k = 1; k < values.length; k++) expect(values[k]!, `start ${start}, step ${k}`).toBeGreaterThanOrEqual(values[k - 1]! * (1 - 1e-15));
      const end = z[0]!;
      expect(Math.abs(kdeSlope(end)) / kde(end), `start ${start}`).toBeLessThan(1e-6);
      expect(kde(end)).toBeGreaterThan(kde(end + 0.01));
      expect(kde(end)).toBeGreaterThan(kde(end - 0.01));
    }
  });
});

describe("the authors' coordinate-wise kernel mean", () => {
  it('weighs each coordinate by its own softmax of −|z_c − z_ic|/σ', () => {
    // Anchors (0, 0) and (1, 3); at z = (0.5, 0): coordinate 0 is equidistant (mean 0.5),
    // coordinate 1 weighs e^0 and e^-3 (σ = 1).
    const out = new Float64Array(2);
    kernelMean(Float64Array.from([0.5, 0]), 1, 2, Float64Array.from([0, 0, 1, 3]), 1, 'laplace', out);
    expect(out[0]).toBeCloseTo(0.5, 15);
    expect(out[1]).toBeCloseTo((3 * Math.exp(-3)) / (1 + Math.exp(-3)), 15);
  });

  it('clips the exponent at −50 and floors the denominator at 1e-12, so a far point is pulled towards 0', () => {
    const out = new Float64Array(1);
    kernelMean(Float64Array.from([1000]), 1, 1, Float64Array.from([0, 2]), 1, 'laplace', out);
    expect(out[0]).toBeCloseTo((2 * Math.exp(-50)) / 1e-12, 20);
  });
});

describe('the anchor distance', () => {
  it('projects onto the nearest anchor (k = 1) or the mean of the k nearest, with a unit gradient', () => {
    const anchors = Float64Array.from([0, 0, 4, 0, 0, 5, 10, 10]);
    for (const [k, centre] of [[1, [4, 0]], [3, [4 / 3, 5 / 3]]] as const) {
      const d = new AnchorDistance(anchors, 2, k);
      const space: LatentSpace = { kind: 'anchors', pixels: 2, latent: 2, encode: (x, n, o) => o.set(x.subarray(0, 2 * n)), decode: (z, n, o) => o.set(z.subarray(0, 2 * n)), distance: (z, n, dist, grad) => d.distance(z, n, dist, grad) };
      const z = projectAll(space, Float64Array.from([3, 1]), 1);
      expect(z[0]).toBeCloseTo(centre[0], 14);
      expect(z[1]).toBeCloseTo(centre[1], 14);
      const grad = new Float64Array(2);
      d.distance(Float64Array.from([3, 1]), 1, new Float64Array(1), grad);
      expect(Math.hypot(grad[0]!, grad[1]!)).toBeCloseTo(1, 15);
    }
  });
});
