/**
 * Image-quality metrics of arXiv 2510.00666 as the authors compute them (scikit-image 0.2x;
 * docs/theory/mppm.md "Metrics"): PSNR with data range 1, SSIM with scikit-image's conventions,
 * the printed "MSE" (which is the per-image ℓ2 norm), and the Fréchet distance of two Gaussians
 * fitted to feature vectors.
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { gaussianKernel } from './image-ops.js';

/** PSNR of one image against its reference, data range 1: 10 log10(1 / mean squared error); Infinity when equal. */
export function psnr(reference: Float64Array, test: Float64Array): number {
  let se = 0;
  for (let i = 0; i < reference.length; i++) {
    const d = reference[i]! - test[i]!;
    se += d * d;
  }
  return 10 * Math.log10(reference.length / se);
}

/** ‖reference − test‖₂ of one image: the "MSE" the authors' tables print (not squared, not per pixel). */
export function l2Distance(reference: Float64Array, test: Float64Array): number {
  let se = 0;
  for (let i = 0; i < reference.length; i++) {
    const d = reference[i]! - test[i]!;
    se += d * d;
  }
  return Math.sqrt(se);
}

/** How SSIM windows the images: scikit-image's grey default, or its Gaussian colour setting. */
export interface SsimOptions {
  /** 'uniform': a win × win box; 'gaussian': σ = `sigma`, truncated at 3.5 σ (scipy gaussian_filter). */
  window: 'uniform' | 'gaussian';
  /** The window size; the border of (win − 1)/2 pixels is left out of the mean. */
  win: number;
  sigma: number;
  /** Covariances with N/(N − 1) (sample) or not (population); N = win². */
  sampleCovariance: boolean;
  k1: number;
  k2: number;
}

/** `structural_similarity(a, b, data_range=1)` for a grey image: 7 × 7 box, sample covariance. */
export const SSIM_GREY: SsimOptions = { window: 'uniform', win: 7, sigma: 1.5, sampleCovariance: true, k1: 0.01, k2: 0.03 };
/** The colour setting of the authors' faces script: win 3, Gaussian σ = 1.5, population covariance, per channel then averaged. */
export const SSIM_COLOUR: SsimOptions = { window: 'gaussian', win: 3, sigma: 1.5, sampleCovariance: false, k1: 0.01, k2: 0.03 };

function filterKernel(o: SsimOptions): Float64Array {
  if (o.window === 'uniform') return new Float64Array(o.win).fill(1 / o.win);
  const radius = Math.trunc(3.5 * o.sigma + 0.5);
  return gaussianKernel(2 * radius + 1, o.sigma);
}

/** scipy.ndimage's default boundary ('reflect': … b a | a b …, the edge repeated). */
function symmetricIndex(i: number, n: number): number {
  const period = 2 * n;
  let j = ((i % period) + period) % period;
  if (j >= n) j = period - 1 - j;
  return j;
}

/** One channel filtered separably with scipy's 'reflect' boundary (half-sample symmetric). */
function filterChannel(x: Float64Array, w: number, h: number, kernel: Float64Array, tmp: Float64Array, out: Float64Array): void {
  const half = (kernel.length - 1) >> 1;
  for (let y = 0; y < h; y++) {
    for (let i = 0; i < w; i++) {
      let acc = 0;
      for (let k = 0; k < kernel.length; k++) acc += kernel[k]! * x[y * w + symmetricIndex(i + k - half, w)]!;
      tmp[y * w + i] = acc;
    }
  }
  for (let y = 0; y < h; y++) {
    for (let i = 0; i < w; i++) {
      let acc = 0;
      for (let k = 0; k < kernel.length; k++) acc += kernel[k]! * tmp[symmetricIndex(y + k - half, h) * w + i]!;
      out[y * w + i] = acc;
    }
  }
}

/**
 * SSIM of two images of width w, height h, `channels` interleaved, data range 1, computed as
 * scikit-image does: local means, variances and covariance by the window filter, the SSIM map
 * ((2 μx μy + C1)(2 σxy + C2)) / ((μx² + μy² + C1)(σx² + σy² + C2)), C1 = (K1)², C2 = (K2)², its mean
 * over the image without a border of (win − 1)/2, averaged over channels.
 */
export function ssim(a: Float64Array, b: Float64Array, w: number, h: number, channels: number, o: SsimOptions): number {
  if (w < o.win || h < o.win) throw new RangeError(`SSIM needs images of at least ${o.win} × ${o.win} pixels`);
  const kernel = filterKernel(o);
  const n = w * h;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const prod = new Float64Array(n);
  const tmp = new Float64Array(n);
  const ux = new Float64Array(n);
  const uy = new Float64Array(n);
  const uxx = new Float64Array(n);
  const uyy = new Float64Array(n);
  const uxy = new Float64Array(n);
  const np = o.win * o.win;
  const covNorm = o.sampleCovariance ? np / (np - 1) : 1;
  const c1 = o.k1 * o.k1;
  const c2 = o.k2 * o.k2;
  const pad = (o.win - 1) >> 1;
  let total = 0;
  for (let ch = 0; ch < channels; ch++) {
    for (let i = 0; i < n; i++) {
      x[i] = a[i * channels + ch]!;
      y[i] = b[i * channels + ch]!;
    }
    filterChannel(x, w, h, kernel, tmp, ux);
    filterChannel(y, w, h, kernel, tmp, uy);
    for (let i = 0; i < n; i++) prod[i] = x[i]! * x[i]!;
    filterChannel(prod, w, h, kernel, tmp, uxx);
    for (let i = 0; i < n; i++) prod[i] = y[i]! * y[i]!;
    filterChannel(prod, w, h, kernel, tmp, uyy);
    for (let i = 0; i < n; i++) prod[i] = x[i]! * y[i]!;
    filterChannel(prod, w, h, kernel, tmp, uxy);
    let sum = 0;
    for (let r = pad; r < h - pad; r++) {
      for (let c = pad; c < w - pad; c++) {
        const i = r * w + c;
        const mx = ux[i]!;
        const my = uy[i]!;
        const vx = covNorm * (uxx[i]! - mx * mx);
        const vy = covNorm * (uyy[i]! - my * my);
        const vxy = covNorm * (uxy[i]! - mx * my);
        sum += ((2 * mx * my + c1) * (2 * vxy + c2)) / ((mx * mx + my * my + c1) * (vx + vy + c2));
      }
    }
    total += sum / ((h - 2 * pad) * (w - 2 * pad));
  }
  return total / channels;
}

/** The SSIM setting for images with `channels` channels (grey or colour). */
export function ssimFor(a: Float64Array, b: Float64Array, w: number, h: number, channels: number): number {
  return ssim(a, b, w, h, channels, channels === 1 ? SSIM_GREY : SSIM_COLOUR);
}

/** Mean and covariance (divided by n − 1) of n feature vectors of dimension d (row-major). */
export function featureMoments(features: Float64Array, n: number, d: number): { mean: Float64Array; cov: Matrix } {
  if (n < 2) throw new RangeError('the Fréchet distance needs at least two feature vectors per set');
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j]! += features[i * d + j]! / n;
  const cov = new Matrix(d, d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const dj = features[i * d + j]! - mean[j]!;
      for (let k = j; k < d; k++) cov.set(j, k, cov.get(j, k) + dj * (features[i * d + k]! - mean[k]!));
    }
  }
  for (let j = 0; j < d; j++) {
    for (let k = j; k < d; k++) {
      const v = cov.get(j, k) / (n - 1);
      cov.set(j, k, v);
      cov.set(k, j, v);
    }
  }
  return { mean, cov };
}

/** The symmetric square root of a symmetric positive semi-definite matrix (negative eigenvalues from rounding set to 0). */
export function sqrtSymmetric(m: Matrix): Matrix {
  const evd = new EigenvalueDecomposition(m, { assumeSymmetric: true });
  const v = evd.eigenvectorMatrix;
  const lambda = evd.realEigenvalues.map((l) => Math.sqrt(Math.max(0, l)));
  return v.clone().mulRowVector(lambda).mmul(v.transpose());
}

/**
 * Fréchet distance between N(μ1, Σ1) and N(μ2, Σ2): |μ1 − μ2|² + tr Σ1 + tr Σ2 − 2 tr (Σ1^{1/2} Σ2 Σ1^{1/2})^{1/2},
 * the symmetric form of tr (Σ1 Σ2)^{1/2}, with both square roots by eigendecomposition.
 */
export function frechetDistance(mu1: Float64Array, cov1: Matrix, mu2: Float64Array, cov2: Matrix): number {
  let dm = 0;
  for (let i = 0; i < mu1.length; i++) dm += (mu1[i]! - mu2[i]!) ** 2;
  const root1 = sqrtSymmetric(cov1);
  const inner = root1.mmul(cov2).mmul(root1);
  const sym = inner.add(inner.transpose()).mul(0.5);
  return dm + cov1.trace() + cov2.trace() - 2 * sqrtSymmetric(sym).trace();
}

/** Fréchet distance between the Gaussians fitted to two sets of feature vectors (rows of dimension d). */
export function frechetOfFeatures(a: Float64Array, na: number, b: Float64Array, nb: number, d: number): number {
  const A = featureMoments(a, na, d);
  const B = featureMoments(b, nb, d);
  return frechetDistance(A.mean, A.cov, B.mean, B.cov);
}

