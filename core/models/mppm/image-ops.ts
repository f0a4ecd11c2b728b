/**
 * Resampling and filtering of one image (row-major, channels interleaved), with the conventions
 * of torchvision's tensor transforms that the degradations of arXiv 2510.00666 (§ experiments,
 * docs/theory/mppm.md "Degradations") call: antialiased bilinear resize, Gaussian blur with
 * reflect padding, and bilinear sampling at arbitrary points with zero fill (grid_sample).
 */

/** A grey or colour image: width, height, channels and its values. */
export interface Image {
  width: number;
  height: number;
  channels: number;
  data: Float64Array;
}

/** Weights of the antialiased bilinear (triangle) filter from `size` samples to `out` (PIL / torchvision convention). */
function triangleTaps(size: number, out: number): { start: Int32Array; count: Int32Array; weights: Float64Array; stride: number } {
  const scale = size / out;
  const filterScale = Math.max(scale, 1);
  const support = filterScale;
  const stride = Math.ceil(support) * 2 + 1;
  const start = new Int32Array(out);
  const count = new Int32Array(out);
  const weights = new Float64Array(out * stride);
  for (let i = 0; i < out; i++) {
    const centre = (i + 0.5) * scale;
    const lo = Math.max(Math.trunc(centre - support + 0.5), 0);
    const hi = Math.min(Math.trunc(centre + support + 0.5), size);
    let total = 0;
    for (let j = lo; j < hi; j++) {
      const w = Math.max(0, 1 - Math.abs((j - centre + 0.5) / filterScale));
      weights[i * stride + j - lo] = w;
      total += w;
    }
    for (let j = lo; j < hi; j++) if (total > 0) weights[i * stride + j - lo]! /= total;
    start[i] = lo;
    count[i] = hi - lo;
  }
  return { start, count, weights, stride };
}

/**
 * Bilinear resize to outW × outH with the triangle filter widened by the scale when shrinking
 * (torchvision `Resize(..., BILINEAR)` on tensors, antialias on; PIL's bilinear): separable, rows first.
 */
export function resizeBilinear(img: Image, outW: number, outH: number): Image {
  const { width: w, height: h, channels: c, data } = img;
  const tx = triangleTaps(w, outW);
  const ty = triangleTaps(h, outH);
  const mid = new Float64Array(outW * h * c);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < outW; x++) {
      const s = tx.start[x]!;
      for (let ch = 0; ch < c; ch++) {
        let acc = 0;
        for (let k = 0; k < tx.count[x]!; k++) acc += tx.weights[x * tx.stride + k]! * data[((y * w) + s + k) * c + ch]!;
        mid[(y * outW + x) * c + ch] = acc;
      }
    }
  }
  const out = new Float64Array(outW * outH * c);
  for (let y = 0; y < outH; y++) {
    const s = ty.start[y]!;
    for (let x = 0; x < outW; x++) {
      for (let ch = 0; ch < c; ch++) {
        let acc = 0;
        for (let k = 0; k < ty.count[y]!; k++) acc += ty.weights[y * ty.stride + k]! * mid[((s + k) * outW + x) * c + ch]!;
        out[(y * outW + x) * c + ch] = acc;
      }
    }
  }
  return { width: outW, height: outH, channels: c, data: out };
}

/** The normalised 1-D Gaussian kernel of odd `size` (torchvision: taps at -(size-1)/2 … (size-1)/2). */
export function gaussianKernel(size: number, sigma: number): Float64Array {
  const k = new Float64Array(size);
  const half = (size - 1) / 2;
  let total = 0;
  for (let i = 0; i < size; i++) {
    const x = (i - half) / sigma;
    k[i] = Math.exp(-0.5 * x * x);
    total += k[i]!;
  }
  for (let i = 0; i < size; i++) k[i]! /= total;
  return k;
}

/** Index of `i` reflected into [0, n) without repeating the edge (torch 'reflect': … 2 1 | 0 1 2 …). */
export function reflectIndex(i: number, n: number): number {
  if (n === 1) return 0;
  const period = 2 * (n - 1);
  let j = ((i % period) + period) % period;
  if (j >= n) j = period - j;
  return j;
}

/** Separable convolution with an odd kernel, reflect padding (torchvision `gaussian_blur`). */
export function blurSeparable(img: Image, kernel: Float64Array): Image {
  const { width: w, height: h, channels: c, data } = img;
  const half = (kernel.length - 1) / 2;
  const mid = new Float64Array(data.length);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      for (let ch = 0; ch < c; ch++) {
        let acc = 0;
        for (let k = 0; k < kernel.length; k++) acc += kernel[k]! * data[(y * w + reflectIndex(x + k - half, w)) * c + ch]!;
        mid[(y * w + x) * c + ch] = acc;
      }
    }
  }
  const out = new Float64Array(data.length);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      for (let ch = 0; ch < c; ch++) {
        let acc = 0;
        for (let k = 0; k < kernel.length; k++) acc += kernel[k]! * mid[(reflectIndex(y + k - half, h) * w + x) * c + ch]!;
        out[(y * w + x) * c + ch] = acc;
      }
    }
  }
  return { width: w, height: h, channels: c, data: out };
}

/**
 * Samples `img` at pixel coordinates (sx, sy) with bilinear weights; taps outside the image count
 * as 0 (grid_sample with zero padding, align_corners false, in pixel units). Writes `c` values at `out[o..]`.
 */
export function sampleBilinearZero(img: Image, sx: number, sy: number, out: Float64Array, o: number): void {
  const { width: w, height: h, channels: c, data } = img;
  const x0 = Math.floor(sx);
  const y0 = Math.floor(sy);
  const fx = sx - x0;
  const fy = sy - y0;
  for (let ch = 0; ch < c; ch++) out[o + ch] = 0;
  for (let dy = 0; dy <= 1; dy++) {
    const y = y0 + dy;
    if (y < 0 || y >= h) continue;
    const wy = dy === 0 ? 1 - fy : fy;
    for (let dx = 0; dx <= 1; dx++) {
      const x = x0 + dx;
      if (x < 0 || x >= w) continue;
      const wgt = wy * (dx === 0 ? 1 - fx : fx);
      if (wgt === 0) continue;
      for (let ch = 0; ch < c; ch++) out[o + ch]! += wgt * data[(y * w + x) * c + ch]!;
    }
  }
}

/** Values clipped to [0, 1] in place. */
export function clip01(a: Float64Array): Float64Array {
  for (let i = 0; i < a.length; i++) a[i] = a[i]! < 0 ? 0 : a[i]! > 1 ? 1 : a[i]!;
  return a;
}
