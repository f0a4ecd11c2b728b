import type { ImageResult } from './model-kind.js';

/** An image's channel count: 1 (grey) or 3 (RGB). */
export function imageChannels(image: ImageResult): 1 | 3 {
  return image.channels ?? 1;
}

/** The value range mapped to 0..255: the image's own range, else its data's finite min..max. */
export function imageRange(image: ImageResult): [number, number] {
  if (image.range) return image.range;
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of image.data) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : [0, 1];
}

/**
 * RGBA bytes of an image: each channel value v maps linearly to round(255 * (v - lo) / (hi - lo)),
 * clamped to 0..255; a grey value fills R, G and B; alpha is 255. A range with lo = hi maps every
 * value to 0; a non-finite value maps to 0.
 */
export function imageToRgba(image: ImageResult): Uint8ClampedArray {
  const channels = imageChannels(image);
  const [lo, hi] = imageRange(image);
  const n = image.width * image.height;
  if (image.data.length !== n * channels) {
    throw new Error(`image ${image.name}: ${image.data.length} values, expected ${n * channels} (${image.width}×${image.height}×${channels})`);
  }
  const span = hi - lo;
  const toByte = (v: number): number => (Number.isFinite(v) && span > 0 ? Math.min(255, Math.max(0, Math.round((255 * (v - lo)) / span))) : 0);
  const out = new Uint8ClampedArray(n * 4);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < 3; c++) out[4 * i + c] = toByte(image.data[i * channels + (channels === 3 ? c : 0)]!);
    out[4 * i + 3] = 255;
  }
  return out;
}
