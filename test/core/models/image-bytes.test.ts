import { describe, expect, it } from 'vitest';
import { imageRange, imageToRgba } from '../../../core/models/image-bytes.js';

describe('imageToRgba', () => {
  it('maps a grey image linearly from its range to 0..255 in R, G and B with opaque alpha', () => {
    const rgba = imageToRgba({ name: 'g', width: 3, height: 1, range: [-1, 1], data: Float64Array.of(-1, 0, 1) });
    expect(Array.from(rgba)).toEqual([0, 0, 0, 255, 128, 128, 128, 255, 255, 255, 255, 255]);
  });

  it('keeps an RGB image channel-interleaved and clamps values outside the range', () => {
    const rgba = imageToRgba({ name: 'c', width: 2, height: 1, channels: 3, range: [0, 1], data: Float64Array.of(1, 0, 0.5, -3, 2, 0) });
    expect(Array.from(rgba)).toEqual([255, 0, 128, 255, 0, 255, 0, 255]);
  });

  it('uses the data min..max when the image has no range', () => {
    expect(imageRange({ name: 'r', width: 2, height: 1, data: Float64Array.of(2, 6) })).toEqual([2, 6]);
  });

  it('refuses data whose length is not width × height × channels', () => {
    expect(() => imageToRgba({ name: 'bad', width: 2, height: 2, channels: 3, data: new Float64Array(4) })).toThrow(/bad: 4 values, expected 12/);
  });
});
