import { describe, expect, it } from 'vitest';
import type { ImageResult } from '../../core/models/model-kind.js';
import { fitZoom, formatPixelValue, metricsText, pixelAt, pixelText, rangeText, stepZoom } from '../../renderer/src/lib/image-view.js';

const grey: ImageResult = { name: 'g', width: 3, height: 2, range: [-1, 1], data: Float64Array.of(0, 0.5, -1, 1, Number.NaN, 1 / 3) };
const rgb: ImageResult = { name: 'c', width: 1, height: 2, channels: 3, data: Float64Array.of(1, 0, 0.5, 0.25, 2, -3) };

describe('image viewer helpers', () => {
  it('fits the largest image to about 128 pixels in whole zoom steps', () => {
    expect(fitZoom([{ ...grey, width: 16, height: 16 }])).toBe(8);
    expect(fitZoom([{ ...grey, width: 28, height: 28 }])).toBe(4);
    expect(fitZoom([{ ...grey, width: 500, height: 10 }])).toBe(1);
    expect(fitZoom([{ ...grey, width: 2, height: 2 }])).toBe(16);
  });

  it('steps zoom in and out through whole factors and stops at the ends', () => {
    expect(stepZoom(4, 1)).toBe(6);
    expect(stepZoom(4, -1)).toBe(3);
    expect(stepZoom(5, -1)).toBe(4);
    expect(stepZoom(1, -1)).toBe(1);
    expect(stepZoom(32, 1)).toBe(32);
  });

  it('finds the pixel under a point of a zoomed image, and none outside it', () => {
    expect(pixelAt(grey, 0, 0, 4)).toEqual({ x: 0, y: 0 });
    expect(pixelAt(grey, 11.9, 7.9, 4)).toEqual({ x: 2, y: 1 });
    expect(pixelAt(grey, 12, 0, 4)).toBeNull();
    expect(pixelAt(grey, -0.1, 0, 4)).toBeNull();
  });

  it('reads the value of a grey pixel and the three of a colour one, row-major', () => {
    expect(pixelText(grey, 1, 0)).toBe('0.5');
    expect(pixelText(grey, 1, 1)).toBe('NaN');
    expect(pixelText(grey, 2, 1)).toBe('0.333333');
    expect(pixelText(rgb, 0, 1)).toBe('R 0.25, G 2, B -3');
    expect(formatPixelValue(-Infinity)).toBe('−∞');
  });

  it('names the range as the image\'s own or its data\'s', () => {
    expect(rangeText(grey)).toBe('range -1 to 1');
    expect(rangeText(rgb)).toBe('data range -3 to 2');
  });
});

describe('metricsText', () => {
  it('names each metric with four significant digits, whole numbers as they are, and is null without metrics', () => {
    const image = { name: 'a', width: 1, height: 1, data: Float64Array.of(0) };
    expect(metricsText(image)).toBeNull();
    expect(metricsText({ ...image, metrics: {} })).toBeNull();
    expect(metricsText({ ...image, metrics: { psnr: 12.345678, ssim: 0.41, l2: 3 } })).toBe('psnr 12.35 · ssim 0.4100 · l2 3');
  });
});
