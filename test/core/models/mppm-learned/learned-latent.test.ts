// The learned latent of Latent MPPM (arXiv 2510.00666 §3.3–3.4): determinism (M4), the distance
// gradient against finite differences, the losses L1–L8 against a plain double-precision
// computation from the model's own maps, and the artifact round trip.
import { describe, expect, it } from 'vitest';
import { learnedLatentFromArtifact, learnedLatentToArtifact } from '../../../../core/models/mppm/learned/artifact.js';
import { type LearnedLatent, latentLosses, trainLearnedLatent } from '../../../../core/models/mppm/learned/learned-latent.js';
import { tf } from '../../../../core/models/mppm/learned/tf.js';
import { createRng } from '../../../../core/numerics/rng.js';
import { useTensorBackend } from '../../../support/tensor-backend.js';
import { digits } from './digits.js';

useTensorBackend();

const shape = { width: 28, height: 28, channels: 1 };
const N = 48;
const train = digits(7, N);
// Dense fallback, two epochs, a larger distance-net step: small enough for a unit test.
const options = { arch: 'dense' as const, epochs: 2, batchSize: 16, lambda3: 0.5, lrDistance: 1e-3 };
const train7 = (seed: number) => trainLearnedLatent(train, N, shape, options, seed);

function outputs(m: LearnedLatent): Float64Array[] {
  const z = new Float64Array(N * 15);
  m.encode(train, N, z);
  const x = new Float64Array(N * 784);
  m.decode(z, N, x);
  const d = new Float64Array(N);
  const g = new Float64Array(N * 15);
  m.distance(z, N, d, g);
  return [z, x, d, g];
}

describe('learned latent (M4, gradient check, losses, artifact)', () => {
  it('M4: the same seed trains bit-identical weights and outputs; another seed does not', () => {
    const a = train7(3);
    const b = train7(3);
    const c = train7(4);
    expect(a.autoencoder.toFloat64()).toEqual(b.autoencoder.toFloat64());
    expect(a.distanceNet.toFloat64()).toEqual(b.distanceNet.toFloat64());
    expect(outputs(a)).toEqual(outputs(b));
    expect(a.epochLosses).toEqual(b.epochLosses);
    expect(c.autoencoder.toFloat64()).not.toEqual(a.autoencoder.toFloat64());
    expect(a.epochLosses).toHaveLength(2);
    for (const m of [a, b, c]) m.dispose();
  });

  it('∇_z d_ψ from autograd matches central finite differences of the network evaluated in doubles', () => {
    const m = train7(5);
    // d_ψ in double precision from its weights: an independent forward pass (p → 100 → 50 → 20 → 1, ReLU).
    const w = m.distanceNet.toFloat64();
    const sizes = [15, 100, 50, 20, 1];
    const forward = (z: ArrayLike<number>): number => {
      let h = Array.from(z);
      let at = 0;
      for (let l = 0; l < 4; l++) {
        const [fi, fo] = [sizes[l]!, sizes[l + 1]!];
        const next = new Array<number>(fo).fill(0);
        for (let o = 0; o < fo; o++) {
          let s = w[at + fi * fo + o]!;
          for (let i = 0; i < fi; i++) s += h[i]! * w[at + i * fo + o]!;
          next[o] = l < 3 ? Math.max(0, s) : s;
        }
        at += fi * fo + fo;
        h = next;
      }
      return h[0]!;
    };
    const rng = createRng(9);
    const z = new Float64Array(4 * 15);
    rng.fillNormal(z);
    const d = new Float64Array(4);
    const g = new Float64Array(4 * 15);
    m.distance(z, 4, d, g);
    const h = 1e-6;
    for (let i = 0; i < 4; i++) {
      const zi = Array.from(z.subarray(i * 15, (i + 1) * 15));
      expect(Math.abs(forward(zi) - d[i]!)).toBeLessThan(1e-4 * Math.max(1, Math.abs(d[i]!)));
      for (let k = 0; k < 15; k++) {
        const zp = zi.slice();
        const zm = zi.slice();
        zp[k]! += h;
        zm[k]! -= h;
        const fd = (forward(zp) - forward(zm)) / (2 * h);
        expect(Math.abs(fd - g[i * 15 + k]!)).toBeLessThan(1e-4 * Math.max(1, Math.abs(fd)));
      }
    }
    m.dispose();
  });

  it('the losses L1–L8 equal their definitions computed in doubles from E, G and d_ψ', () => {
    const m = train7(6);
    const n = 6;
    const p = 15;
    const x = train.slice(0, n * 784);
    const xt = x.map((v, i) => Math.min(1, Math.max(0, v + 0.4 * Math.sin(i * 1.7))));
    const xs = train.slice(10 * 784, (10 + n) * 784); // any "nearest" images: the losses take x* as given
    const alphas = [0.1, 0.3, 0.5];
    const o = { lambda3: 0.7, eikonalEps: 1e-10, alphas };
    const terms = tf.tidy(() => {
      const t = (a: Float64Array) => tf.tensor2d(Float32Array.from(a), [n, 784]);
      return latentLosses(m.config, m.autoencoder, m.distanceNet, { x: t(x), xt: t(xt), xs: t(xs) }, { noisy: null, clean: null }, o).terms.dataSync();
    });
    const enc = (a: Float64Array) => {
      const z = new Float64Array(n * p);
      m.encode(a, n, z);
      return z;
    };
    const dec = (z: Float64Array) => {
      const out = new Float64Array(n * 784);
      m.decode(z, n, out);
      return out;
    };
    const dist = (z: Float64Array) => {
      const d = new Float64Array(n);
      const g = new Float64Array(n * p);
      m.distance(z, n, d, g);
      return { d, g };
    };
    const mean = (a: ArrayLike<number>) => Array.from(a).reduce((s, v) => s + v, 0) / a.length;
    const z = enc(x);
    const zt = enc(xt);
    const zs = enc(xs);
    const { d: dt, g } = dist(zt);
    const { d: dc } = dist(z);
    const row = (a: Float64Array, i: number) => a.subarray(i * p, (i + 1) * p);
    const norm = (a: ArrayLike<number>) => Math.sqrt(Array.from(a).reduce((s, v) => s + v * v, 0));
    const L1 = mean(Array.from(dt, (d, i) => (d - norm(row(zt, i).map((v, k) => v - zs[i * p + k]!))) ** 2));
    const L2 = mean(dec(z).map((v, i) => (v - x[i]!) ** 2));
    const L3 = mean(Array.from(dt, (_d, i) => (Math.sqrt(norm(row(g, i)) ** 2 + 1e-10) - 1) ** 2));
    const L4 = mean(Array.from(dc, (d) => d * d));
    const L5 = mean(Array.from(dt, (d) => (Math.abs(d) - d) ** 2)) + mean(Array.from(dc, (d) => (Math.abs(d) - d) ** 2));
    const zperp = zt.map((v, j) => v - dt[Math.floor(j / p)]! * g[j]!);
    const L6 = mean(zs.map((v, j) => Math.abs(v - zperp[j]!)));
    const L7 = mean(dec(zperp).map((v, j) => Math.abs(xs[j]! - v)));
    const za = alphas.map((a) => enc(xt.map((v, j) => (1 - a) * v + a * xs[j]!)));
    const pairs: number[] = [];
    for (let i = 0; i < za.length; i++) {
      for (let j = i + 1; j < za.length; j++) for (let r = 0; r < n; r++) pairs.push(norm(row(za[i]!, r).map((v, k) => v - za[j]![r * p + k]!)) ** 2);
    }
    const L8 = mean(pairs);
    const want = [L1, L2, L3, L4, L5, L6, L7, L8];
    for (let k = 0; k < 8; k++) expect(Math.abs(terms[k]! - want[k]!)).toBeLessThan(2e-4 * Math.max(1, Math.abs(want[k]!)));
    m.dispose();
  });

  it('the artifact round trip gives bit-identical outputs; a wrong format or size is refused', () => {
    const m = train7(8);
    const art = learnedLatentToArtifact(m);
    expect(art.format).toBe('mppm-learned-latent/v1');
    const back = learnedLatentFromArtifact(art);
    expect(outputs(back)).toEqual(outputs(m));
    expect(() => learnedLatentFromArtifact({ ...art, format: 'mppm-learned-latent/v0' })).toThrow(/format/);
    expect(() => learnedLatentFromArtifact({ ...art, data: art.data.subarray(1) })).toThrow(/weights/);
    expect(() => learnedLatentFromArtifact({ ...art, config: { ...art.config, latent: 14 } })).toThrow(/layout/);
    m.dispose();
    back.dispose();
  });
});
