/**
 * The mppm kind's restoration grids carry per-image metrics: every degraded or restored image has
 * its PSNR (capped at 100 dB) and SSIM against the clean image of its row, computed with the kind's
 * metrics module, and their means over the test images are the per-method scalars; clean images and
 * generated samples have none. Small sizes: one digit, 120 training and 6 test images.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { mnistDigits } from '../../../app/engine/inputs/mnist.js';
import type { ImageDataset } from '../../../core/models/kit/dataset.js';
import { mppm } from '../../../core/models/mppm/index.js';
import { psnr, ssimFor } from '../../../core/models/mppm/metrics.js';
import type { MppmParams } from '../../../core/models/mppm/params.js';
import { resolveParams } from '../../../core/models/resolve-params.js';
import { runKind } from '../../../core/models/run-kind.js';
import { ctx } from './ctx.js';

let mnist: ImageDataset;
beforeAll(() => {
  mnist = mnistDigits().dataset;
});

describe('mppm per-image metrics', () => {
  it('gives each degraded and restored image of a grid its PSNR and SSIM against the clean image of its row', () => {
    const r = resolveParams(mppm, {
      params: { data: { digit: 3, train: 120, test: 6 }, degradation: { kind: 'noise', severity: 'severe' }, grid: { rows: 6 }, methods: ['degraded', 'mppm', 'lmppm_pca'] },
    });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const result = runKind(mppm, r.params as MppmParams, { ...ctx(3), inputs: { data: mnist } });
    const byName = new Map(result.images!.map((im) => [im.name, im]));
    const restoration = result.grids!.filter((g) => g.name.startsWith('restoration-'));
    expect(restoration.length).toBeGreaterThan(0);
    let measured = 0;
    for (const grid of restoration) {
      grid.cells.forEach((row) => {
        const clean = byName.get(row[0]!)!;
        expect(clean.metrics, clean.name).toBeUndefined();
        for (const name of row.slice(1)) {
          const im = byName.get(name!)!;
          expect(im.metrics, im.name).toEqual({
            psnr: Math.min(psnr(clean.data, im.data), 100),
            ssim: ssimFor(clean.data, im.data, im.width, im.height, im.channels ?? 1),
          });
          measured++;
        }
      });
    }
    expect(measured).toBe(restoration.length * 6 * 3);
    const last = restoration[restoration.length - 1]!;
    last.columns.slice(1).forEach((_, c) => {
      const images = last.cells.map((row) => byName.get(row[c + 1]!)!);
      const method = ['degraded', 'mppm', 'lmppm_pca'][c]!;
      const mean = (key: string) => images.reduce((s, im) => s + im.metrics![key]!, 0) / images.length;
      expect(mean('psnr'), method).toBeCloseTo(result.scalars[`psnr_${method}`]!, 9);
      expect(mean('ssim'), method).toBeCloseTo(result.scalars[`ssim_${method}`]!, 9);
    });
    expect(result.images!.filter((im) => im.name.startsWith('clean-')).every((im) => !im.metrics)).toBe(true);
  });
});
