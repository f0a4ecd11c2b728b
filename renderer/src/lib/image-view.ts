/**
 * What the image viewer (ImageGrid.svelte) computes: its zoom steps (whole factors, so every image
 * pixel is a square of identical screen pixels), the pixel under a pointer, and the words of the
 * value readout. Pure, so it is tested without a browser.
 */
import { imageChannels, imageRange } from '../../../core/models/image-bytes.js';
import { pixelValues } from '../../../core/models/image-grid.js';
import type { ImageResult } from '../../../core/models/model-kind.js';

export const ZOOM_STEPS = [1, 2, 3, 4, 6, 8, 12, 16, 24, 32] as const;

/** The zoom that shows the largest image at about 128 pixels (whole steps, 1 to 16). */
export function fitZoom(images: readonly ImageResult[]): number {
  const side = Math.max(1, ...images.map((im) => Math.max(im.width, im.height)));
  const want = Math.max(1, Math.min(16, Math.floor(128 / side)));
  return [...ZOOM_STEPS].reverse().find((z) => z <= want) ?? 1;
}

/** The next zoom step in or out of `zoom` (the ends stay). */
export function stepZoom(zoom: number, direction: 1 | -1): number {
  if (direction > 0) return ZOOM_STEPS.find((z) => z > zoom) ?? ZOOM_STEPS[ZOOM_STEPS.length - 1]!;
  return [...ZOOM_STEPS].reverse().find((z) => z < zoom) ?? ZOOM_STEPS[0];
}

/** The image pixel under a point `dx`, `dy` screen pixels from the image's corner, drawn `zoom` times; null outside. */
export function pixelAt(image: Pick<ImageResult, 'width' | 'height'>, dx: number, dy: number, zoom: number): { x: number; y: number } | null {
  const x = Math.floor(dx / zoom);
  const y = Math.floor(dy / zoom);
  return x >= 0 && y >= 0 && x < image.width && y < image.height ? { x, y } : null;
}

/** A value as the readout shows it: up to 6 significant digits, NaN and infinities by name. */
export function formatPixelValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  return Number(v.toPrecision(6)).toString();
}

/** "0.25" for grey, "R 1, G 0, B 0.5" for colour: the value(s) at (x, y). */
export function pixelText(image: ImageResult, x: number, y: number): string {
  const values = pixelValues(image, x, y).map(formatPixelValue);
  return imageChannels(image) === 3 ? `R ${values[0]}, G ${values[1]}, B ${values[2]}` : values[0]!;
}

/** The range shown beside an image: "range −128 to 127" (its own, or its data's min..max). */
export function rangeText(image: ImageResult): string {
  const [lo, hi] = imageRange(image);
  return `${image.range ? 'range' : 'data range'} ${formatPixelValue(lo)} to ${formatPixelValue(hi)}`;
}

/** An image's own metrics as "psnr 12.30 · ssim 0.4100" (four significant digits, names as stored), or null when it has none. */
export function metricsText(image: ImageResult): string | null {
  const entries = Object.entries(image.metrics ?? {});
  if (entries.length === 0) return null;
  return entries.map(([name, value]) => `${name} ${Number.isInteger(value) ? String(value) : value.toPrecision(4)}`).join(' · ');
}
