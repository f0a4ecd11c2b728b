/**
 * The degradations of arXiv 2510.00666 (the authors' `utils.py`, docs/theory/mppm.md
 * "Degradations"), each applied to one image with values in [0, 1] and a seeded stream:
 *
 * - noise: clip(x + s ε, 0, 1), ε standard normal per value;
 * - sr: bilinear down-scale to ⌊side · f⌋ then bilinear up-scale back (torchvision Resize, antialiased);
 * - rotation: by `angle` degrees counter-clockwise about the image centre, bilinear, zero fill;
 * - elastic: torchvision ElasticTransform(α, σ): uniform [-1, 1] displacement fields blurred by a
 *   Gaussian of size ⌊8σ + 1⌋ (odd) and width σ, scaled by α/side, sampled bilinearly, zero fill;
 * - blur: Gaussian blur with odd kernel size k and σ = 0.3 ((k - 1)/2 - 1) + 0.8 (torchvision's default);
 * - mask: each pixel set to 0 (all channels) with probability `fraction`.
 */
import type { Rng } from '../../numerics/rng.js';
import { type Image, blurSeparable, clip01, gaussianKernel, resizeBilinear, sampleBilinearZero } from './image-ops.js';

export const DEGRADATION_KINDS = ['noise', 'sr', 'rotation', 'elastic', 'blur', 'mask'] as const;
export type DegradationKind = (typeof DEGRADATION_KINDS)[number];

export const SEVERITY_NAMES = ['mild', 'intermediate', 'severe'] as const;

/**
 * The mild / intermediate / severe level of each degradation: the MNIST settings of the authors'
 * `main_per_digit.py` (noise s, SR factor, rotation angle, elastic σ at α = 34), blur kernel sizes
 * inside their range 3–13, and for masking the faces' 3.5 % coverage then two heavier levels of ours.
 */
export const SEVERITY_LEVELS: Record<DegradationKind, readonly [number, number, number]> = {
  noise: [0.75, 1.025, 1.3],
  sr: [0.3, 0.26, 0.22],
  rotation: [-80, -115, -150],
  elastic: [1.5, 1.3, 1.1],
  blur: [5, 9, 13],
  mask: [0.035, 0.25, 0.5],
};

/** What a level of each degradation means, for the axis label. */
export const LEVEL_LABEL: Record<DegradationKind, string> = {
  noise: 'noise level s',
  sr: 'down-scaling factor f',
  rotation: 'rotation angle (degrees)',
  elastic: 'elastic sigma (alpha fixed)',
  blur: 'blur kernel size k',
  mask: 'fraction of pixels masked',
};

/** Why `level` is not a valid level of `kind`, or null. */
export function levelProblem(kind: DegradationKind, level: number): string | null {
  switch (kind) {
    case 'noise':
      return level >= 0 && level <= 10 ? null : 'a noise level must be in [0, 10]';
    case 'sr':
      return level > 0 && level <= 1 ? null : 'a down-scaling factor must be in (0, 1]';
    case 'rotation':
      return level >= -360 && level <= 360 ? null : 'a rotation angle must be in [-360, 360] degrees';
    case 'elastic':
      return level > 0 && level <= 50 ? null : 'an elastic sigma must be in (0, 50]';
    case 'blur':
      return Number.isInteger(level) && level >= 1 && level <= 63 && level % 2 === 1 ? null : 'a blur kernel size must be an odd integer in [1, 63]';
    case 'mask':
      return level >= 0 && level <= 1 ? null : 'a masked fraction must be in [0, 1]';
  }
}

export interface DegradationSettings {
  kind: DegradationKind;
  level: number;
  /** α of the elastic transform (34 in the paper's MNIST runs). */
  elasticAlpha: number;
}

/** The degraded copy of `img` (a new image); `rng` is this image's own stream. */
export function degrade(img: Image, s: DegradationSettings, rng: Rng): Image {
  switch (s.kind) {
    case 'noise':
      return addNoise(img, s.level, rng);
    case 'sr':
      return downUp(img, s.level);
    case 'rotation':
      return rotate(img, s.level);
    case 'elastic':
      return elastic(img, s.elasticAlpha, s.level, rng);
    case 'blur':
      return blur(img, s.level);
    case 'mask':
      return mask(img, s.level, rng);
  }
}

function addNoise(img: Image, level: number, rng: Rng): Image {
  const out = new Float64Array(img.data.length);
  rng.fillNormal(out);
  for (let i = 0; i < out.length; i++) out[i] = img.data[i]! + level * out[i]!;
  return { ...img, data: clip01(out) };
}

function downUp(img: Image, factor: number): Image {
  const w = Math.max(1, Math.trunc(img.width * factor));
  const h = Math.max(1, Math.trunc(img.height * factor));
  const up = resizeBilinear(resizeBilinear(img, w, h), img.width, img.height);
  return { ...up, data: clip01(up.data) };
}

function rotate(img: Image, degrees: number): Image {
  const t = (degrees * Math.PI) / 180;
  const c = Math.cos(t);
  const s = Math.sin(t);
  const cx = (img.width - 1) / 2;
  const cy = (img.height - 1) / 2;
  const out = new Float64Array(img.data.length);
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      // Destination q (y down) takes the source R(-t) q of the counter-clockwise rotation by t.
      const qx = x - cx;
      const qy = y - cy;
      sampleBilinearZero(img, cx + c * qx - s * qy, cy + s * qx + c * qy, out, (y * img.width + x) * img.channels);
    }
  }
  return { ...img, data: clip01(out) };
}

function elastic(img: Image, alpha: number, sigma: number, rng: Rng): Image {
  const { width: w, height: h } = img;
  let size = Math.trunc(8 * sigma + 1);
  if (size % 2 === 0) size += 1;
  const kernel = gaussianKernel(size, sigma);
  const field = (): Float64Array => {
    const u = new Float64Array(w * h);
    for (let i = 0; i < u.length; i++) u[i] = rng.nextDouble() * 2 - 1;
    return blurSeparable({ width: w, height: h, channels: 1, data: u }, kernel).data;
  };
  const dx = field();
  const dy = field();
  const out = new Float64Array(img.data.length);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      // A displacement of alpha/side in grid units [-1, 1] is alpha/2 pixels.
      const sx = x + ((dx[i]! * alpha) / h) * (w / 2);
      const sy = y + ((dy[i]! * alpha) / w) * (h / 2);
      sampleBilinearZero(img, sx, sy, out, i * img.channels);
    }
  }
  return { ...img, data: clip01(out) };
}

function blur(img: Image, size: number): Image {
  const sigma = 0.3 * ((size - 1) * 0.5 - 1) + 0.8;
  const out = blurSeparable(img, gaussianKernel(size, sigma));
  return { ...out, data: clip01(out.data) };
}

function mask(img: Image, fraction: number, rng: Rng): Image {
  const out = Float64Array.from(img.data);
  const c = img.channels;
  for (let p = 0; p < img.width * img.height; p++) {
    if (rng.nextDouble() < fraction) for (let ch = 0; ch < c; ch++) out[p * c + ch] = 0;
  }
  return { ...img, data: out };
}
