/**
 * Generation of the mppm kind beyond the training-free methods: the feature classifier of the
 * Fréchet distance (deterministic for a seed, above chance on held-out digits, a sample against
 * itself at distance ≈ 0), and the latent DDPM and Latent MPPM on the learned latent generating
 * through the kind (images in [0, 1], finite Fréchet distances) — tiny networks, few epochs.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { mnistDigits } from '../../../app/engine/inputs/mnist.js';
import type { ImageDataset } from '../../../core/models/kit/dataset.js';
import { featureClassifier } from '../../../core/models/mppm/features.js';
import { mppm } from '../../../core/models/mppm/index.js';
import { FEATURE_DIM, trainFeatureNet } from '../../../core/models/mppm/learned/feature-net.js';
import { frechetOfFeatures } from '../../../core/models/mppm/metrics.js';
import type { MppmParams } from '../../../core/models/mppm/params.js';
import { resolveParams } from '../../../core/models/resolve-params.js';
import { runKind } from '../../../core/models/run-kind.js';
import { useTensorBackend } from '../../support/tensor-backend.js';
import { bytes, ctx } from './ctx.js';

useTensorBackend();

let mnist: ImageDataset;
beforeAll(() => {
  mnist = mnistDigits().dataset;
});

function params(over: Record<string, unknown>): MppmParams {
  const r = resolveParams(mppm, { params: over });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.params as MppmParams;
}

const CLASSIFIER = { generation: { enabled: true, features: 'classifier', classifier_images: 600, classifier_epochs: 2 } };

describe('the feature classifier of the Fréchet distance', () => {
  it('is deterministic for a seed, classifies held-out digits above chance, and a sample is at distance ≈ 0 from itself', () => {
    const p = params({ data: { train: 20, test: 4 }, ...CLASSIFIER });
    const a = featureClassifier(p, { ...ctx(7), inputs: { data: mnist } });
    const b = featureClassifier(p, { ...ctx(7), inputs: { data: mnist } });
    try {
      expect(a.trained).toBe(true);
      expect(a.accuracy).toBeGreaterThan(0.6); // chance is 0.1
      expect(a.accuracy).toBe(b.accuracy);
      const n = 60;
      const sample = Float64Array.from(mnist.images.slice(0, n).flatMap((im) => Array.from(im)));
      const fa = a.net.features(sample, n);
      expect(fa.length).toBe(n * FEATURE_DIM);
      expect(bytes(fa).equals(bytes(b.net.features(sample, n)))).toBe(true);
      const self = frechetOfFeatures(fa, n, fa, n, FEATURE_DIM);
      let scale = 0;
      for (let i = 0; i < fa.length; i++) scale += fa[i]! ** 2 / n;
      expect(Math.abs(self)).toBeLessThan(1e-6 * scale);
      const other = Float64Array.from(mnist.images.slice(n, 2 * n).flatMap((im) => Array.from(im)));
      expect(frechetOfFeatures(fa, n, a.net.features(other, n), n, FEATURE_DIM)).toBeGreaterThan(100 * Math.abs(self));
    } finally {
      a.net.dispose();
      b.net.dispose();
    }
  }, 30_000);

  it('trains to the same weights twice from one seed, and to others from another', () => {
    const n = 256;
    const images = Float64Array.from(mnist.images.slice(0, n).flatMap((im) => Array.from(im)));
    const labels = mnist.labels!.slice(0, n);
    const [a, b, c] = [11, 11, 12].map((seed) => trainFeatureNet(images, labels, n, 784, 10, { epochs: 1 }, seed));
    try {
      expect(bytes(a!.params.toFloat64()).equals(bytes(b!.params.toFloat64()))).toBe(true);
      expect(bytes(a!.params.toFloat64()).equals(bytes(c!.params.toFloat64()))).toBe(false);
    } finally {
      for (const m of [a, b, c]) m!.dispose();
    }
  }, 20_000);

  it('refuses synthetic images, which have no classes', () => {
    const r = resolveParams(mppm, { params: { data: { source: 'synthetic' }, ...CLASSIFIER } });
    expect(r.ok).toBe(false);
  });
});

describe('generation with the trained methods', () => {
  it('the latent DDPM and LMPPM (learned) generate images in [0, 1] with finite Fréchet distances on classifier features', () => {
    const p = params({
      data: { digit: 3, train: 60, test: 8, side: 14 },
      degradation: { severity: 'custom', levels: [1.3] },
      methods: ['degraded', 'lmppm_pca', 'lmppm_learned', 'ddpm'],
      latent: { dim: 4 },
      anchors: { batch: 16 },
      learned: { epochs: 1 },
      baselines: { dae_epochs: 1, ddpm_epochs: 1, steps_used: 5 },
      generation: { ...CLASSIFIER.generation, count: 6, ddpm_steps: 50 },
      grid: { rows: 2 },
    });
    const r = runKind(mppm, p, { ...ctx(3), inputs: { data: mnist } });
    for (const m of ['lmppm_pca', 'lmppm_learned', 'ddpm']) {
      expect(Number.isFinite(r.scalars[`frechet_${m}`]), m).toBe(true);
      expect(r.scalars[`frechet_${m}`]!, m).toBeGreaterThan(0);
      for (let i = 1; i <= 2; i++) {
        const im = r.images!.find((x) => x.name === `generated-${m}-${i}`)!;
        expect(im, `${m} ${i}`).toBeDefined();
        expect(im.data.every((v) => v >= 0 && v <= 1)).toBe(true);
      }
    }
    expect(r.scalars['classifier_accuracy']!).toBeGreaterThan(0.6);
    const grid = r.grids!.find((g) => g.name === 'generation')!;
    expect(grid.columns).toEqual(['LMPPM (PCA)', 'LMPPM (learned)', 'latent DDPM']);
    expect(grid.cells[0]).toEqual(['generated-lmppm_pca-1', 'generated-lmppm_learned-1', 'generated-ddpm-1']);
    expect((r.artifacts ?? []).filter((a) => a.format === 'mppm-feature-net/v1').length).toBe(1);
  }, 60_000);
});
