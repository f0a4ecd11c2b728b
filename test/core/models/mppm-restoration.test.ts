/**
 * The mppm kind on MNIST digits (the `mnist` package's JSON, as the engine reads it): check M4
 * (identical inputs and anchors give bit-identical restorations) and check M3 in its training-free
 * form (on severe noise, s = 1.3, Latent MPPM on a PCA latent restores better than the degraded
 * input in SSIM and PSNR). Small sizes: one digit, 200 training and 8 test images.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { mnistDigits } from '../../../app/engine/inputs/mnist.js';
import type { ImageDataset } from '../../../core/models/kit/dataset.js';
import { mppm } from '../../../core/models/mppm/index.js';
import { type MppmParams, mppmParams } from '../../../core/models/mppm/params.js';
import { runKind } from '../../../core/models/run-kind.js';
import { resolveParams } from '../../../core/models/resolve-params.js';
import { bytes, ctx } from './ctx.js';

let mnist: ImageDataset;
beforeAll(() => {
  mnist = mnistDigits().dataset;
});

function params(over: Record<string, unknown>): MppmParams {
  const r = resolveParams(mppm, { params: over });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.params as MppmParams;
}

const SEVERE = { data: { digit: 3, train: 200, test: 8 }, degradation: { kind: 'noise', severity: 'severe' }, grid: { rows: 8 } };

describe('M4: determinism', () => {
  it('gives bit-identical restorations, scalars and images for identical inputs and anchors', () => {
    const p = params({ ...SEVERE, methods: ['degraded', 'mppm', 'lmppm_pca'] });
    const a = runKind(mppm, p, { ...ctx(5), inputs: { data: mnist } });
    const b = runKind(mppm, p, { ...ctx(5), inputs: { data: mnist } });
    expect(Object.keys(a.scalars)).toEqual(Object.keys(b.scalars));
    for (const k of Object.keys(a.scalars)) expect(Object.is(a.scalars[k], b.scalars[k]), k).toBe(true);
    expect(a.images!.length).toBe(b.images!.length);
    a.images!.forEach((im, i) => expect(bytes(im.data).equals(bytes(b.images![i]!.data)), im.name).toBe(true));
  });

  it('changes with the seed (another split, noise and anchor batch)', () => {
    const p = params({ ...SEVERE, methods: ['lmppm_pca'] });
    const a = runKind(mppm, p, { ...ctx(5), inputs: { data: mnist } });
    const b = runKind(mppm, p, { ...ctx(6), inputs: { data: mnist } });
    expect(a.scalars['ssim_lmppm_pca']).not.toBe(b.scalars['ssim_lmppm_pca']);
  });
});

describe('M3 (training-free): severe noise on one MNIST digit', () => {
  it('LMPPM on a PCA latent beats the degraded input in SSIM and PSNR, and so does the optimal denoiser', () => {
    const p = params({ ...SEVERE, methods: ['degraded', 'lmppm_pca', 'optimal_denoiser'] });
    const r = runKind(mppm, p, { ...ctx(1), inputs: { data: mnist } });
    const s = r.scalars;
    expect(s['ssim_lmppm_pca']!).toBeGreaterThan(s['ssim_degraded']! + 0.1);
    expect(s['psnr_lmppm_pca']!).toBeGreaterThan(s['psnr_degraded']! + 3);
    expect(s['ssim_optimal_denoiser']!).toBeGreaterThan(s['ssim_degraded']!);
    // The grid: 8 rows of clean / degraded / the two methods.
    const grid = r.grids![0]!;
    expect(grid.columns).toHaveLength(4);
    expect(grid.cells).toHaveLength(8);
  });
});

describe('parameters and data', () => {
  it('refuse bad combinations with a message naming the parameter', () => {
    const bad = (over: Record<string, unknown>) => {
      const r = mppmParams.safeParse(over);
      return r.success ? '' : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    };
    expect(bad({ degradation: { kind: 'blur', severity: 'custom', levels: [4] } })).toContain('degradation.levels.0: a blur kernel size must be an odd integer');
    expect(bad({ degradation: { severity: 'custom' } })).toContain('degradation.levels: must list at least one level');
    expect(bad({ latent: { dim: 50 }, data: { train: 40 } })).toContain('latent.dim');
    expect(bad({ methods: ['mppm', 'mppm'] })).toContain('methods: lists a method twice');
    expect(bad({ data: { source: 'synthetic', digit: 2 } })).toContain('data.digit');
  });

  it('refuse images that cannot serve the run, naming the reason', () => {
    const check = mppm.inputs![0]!.check!;
    const unlabelled: ImageDataset = { type: 'images', width: 8, height: 8, channels: 1, images: [new Float64Array(64)] };
    expect(check(params({ data: { digit: 2 } }), unlabelled)).toContain('no labels');
    expect(check(params({ data: { train: 20, test: 5 } }), unlabelled)).toContain('only 1 images');
    expect(check(params({ data: { digit: 5, train: 900, test: 16 } }), mnist)).toContain('only 863 images of digit 5');
  });

  it('runs on colour images resized to data.side', () => {
    const images = Array.from({ length: 30 }, (_, i) => new Float64Array(20 * 20 * 3).map((_, j) => ((i * 7 + j) % 11) / 10));
    const data: ImageDataset = { type: 'images', width: 20, height: 20, channels: 3, images };
    const p = params({ data: { train: 24, test: 4, side: 10 }, latent: { dim: 5 }, degradation: { kind: 'mask', severity: 'mild' }, grid: { rows: 2 } });
    const r = runKind(mppm, p, { ...ctx(2), inputs: { data } });
    expect(r.images!.every((im) => im.width === 10 && im.channels === 3)).toBe(true);
    expect(Number.isFinite(r.scalars['ssim_lmppm_pca'])).toBe(true);
  });
});
