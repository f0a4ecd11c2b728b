/**
 * Images export as lossless PNG with exact pixels: decoded by @napi-rs/canvas (an independent PNG
 * reader), every pixel has the bytes the range mapping gives, written out here by hand for the image
 * fixture kind's ramps and checkerboards (clamping, rounding half up, NaN as 0 included); a grid
 * exports as one labelled figure whose cells hold each image pixel as a square of identical pixels.
 */
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { renderImageExport } from '../../app/engine/export/image-export.js';
import { gridPng, imagePng } from '../../app/engine/export/image-png.js';
import { imageToRgba } from '../../core/models/image-bytes.js';
import type { ImageResult } from '../../core/models/model-kind.js';
import { imageGridResult } from '../fixtures/image-kind/index.js';

/** Decoded RGBA pixels of a PNG. */
async function decode(png: Buffer): Promise<{ width: number; height: number; rgba: Uint8ClampedArray }> {
  const img = await loadImage(png);
  const canvas = createCanvas(img.width, img.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(img, 0, 0);
  return { width: img.width, height: img.height, rgba: ctx.getImageData(0, 0, img.width, img.height).data };
}

const SIDE = 16;
const result = imageGridResult(SIDE);
const image = (name: string): ImageResult => result.images!.find((im) => im.name === name)!;

/** The expected [r, g, b] at (x, y) of each fixture image, from its documented values. */
const expected: Record<string, (x: number, y: number) => [number, number, number]> = {
  // ramp over 16 columns: value k - 128 with k = 17 x, range [-128, 127]: byte 17 x.
  ramp: (x) => [17 * x, 17 * x, 17 * x],
  'ramp-degraded': (x, y) => {
    let b = 17 * x;
    if (x === 0 && y === 0) b = 0; // -1000, clamped
    if (x === 15 && y === 0) b = 255; // 1000, clamped
    if (x === 2 && y === 0) b = 35; // 34.5 rounds up
    if (x === 1 && y === 1) b = 0; // NaN
    return [b, b, b];
  },
  'ramp-colour': (x, y) => [17 * x, 17 * y, (x + y) % 2 === 0 ? 255 : 0],
  checkerboard: (x, y) => ((x + y) % 2 === 0 ? [255, 255, 255] : [0, 0, 0]),
  'checkerboard-colour': (x, y) => [17 * y, 17 * x, (x + y) % 2 === 0 ? 255 : 0],
  // x·y over 0..225 from its own min..max: round(255 x y / 225).
  residual: (x, y) => {
    const b = Math.round((255 * x * y) / 225);
    return [b, b, b];
  },
};

function expectPixels(name: string, rgba: Uint8ClampedArray, rowBytes: number, at: { x: number; y: number }, scale: number): void {
  const want = expected[name]!;
  for (let y = 0; y < SIDE * scale; y++) {
    for (let x = 0; x < SIDE * scale; x++) {
      const i = (at.y + y) * rowBytes + 4 * (at.x + x);
      const got = [rgba[i], rgba[i + 1], rgba[i + 2], rgba[i + 3]];
      const w = want(Math.floor(x / scale), Math.floor(y / scale));
      if (got.join() !== [...w, 255].join()) throw new Error(`${name} at (${x}, ${y}) scale ${scale}: ${got.join()} instead of ${[...w, 255].join()}`);
    }
  }
}

describe('PNG export of images', () => {
  it.each(Object.keys(expected))('%s decodes to the exact bytes of the range mapping', async (name) => {
    const decoded = await decode(imagePng(image(name)));
    expect([decoded.width, decoded.height]).toEqual([SIDE, SIDE]);
    expectPixels(name, decoded.rgba, SIDE * 4, { x: 0, y: 0 }, 1);
    expect(Buffer.from(decoded.rgba).equals(Buffer.from(imageToRgba(image(name))))).toBe(true);
  });

  it('writes grey images as 8-bit grey and colour ones as 8-bit RGB, with the PNG signature', () => {
    const grey = imagePng(image('ramp'));
    const rgb = imagePng(image('ramp-colour'));
    expect(grey.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect([grey[24], grey[25]]).toEqual([8, 0]);
    expect([rgb[24], rgb[25]]).toEqual([8, 2]);
  });

  it('exports a grid as one figure whose cells hold the images enlarged pixel for pixel, an empty cell left grey', async () => {
    const grid = result.grids![0]!;
    for (const scale of [1, 3]) {
      const { bytes, layout } = await gridPng(result, grid, scale);
      const decoded = await decode(bytes);
      expect([decoded.width, decoded.height]).toEqual([layout.width, layout.height]);
      grid.cells.forEach((row, r) => row.forEach((name, c) => {
        if (name) expectPixels(name, decoded.rgba, decoded.width * 4, layout.cells[r]![c]!, scale);
      }));
      const empty = layout.cells[1]![1]!;
      const i = (empty.y + 2) * decoded.width * 4 + 4 * (empty.x + 2);
      expect(Array.from(decoded.rgba.subarray(i, i + 4))).toEqual([0xee, 0xee, 0xee, 255]);
    }
  });

  it('names the file after the run and the image, and refuses an unknown name listing those there are', async () => {
    const { file } = await renderImageExport({ id: 'run-abcdefgh', image: 'ramp' }, result);
    expect(file).toMatchObject({ format: 'png', filename: 'run-abcdefgh-ramp.png', widthPx: 16, heightPx: 16, dpi: 96 });
    await expect(renderImageExport({ id: 'run-abcdefgh', image: 'nope' }, result)).rejects.toThrow(
      'run run-abcdefgh has no image "nope" (its images: "ramp", "ramp-degraded", "ramp-colour", "checkerboard", "checkerboard-colour", "residual")',
    );
    await expect(renderImageExport({ id: 'run-abcdefgh', grid: 'nope' }, result)).rejects.toThrow('has no image grid "nope" (its grids: "restoration")');
  });
});
