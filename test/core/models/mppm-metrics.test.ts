/**
 * The metrics of the mppm kind against independent references: PSNR of a constant offset in closed
 * form, SSIM of constant images in closed form and of random images against values computed by a
 * NumPy/SciPy implementation of scikit-image's algorithm (./mppm/ssim_reference.py), and the
 * Fréchet distance against its closed form for Gaussians.
 */
import { Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { SSIM_COLOUR, SSIM_GREY, frechetDistance, frechetOfFeatures, l2Distance, psnr, ssim } from '../../../core/models/mppm/metrics.js';
import { createRng } from '../../../core/numerics/rng.js';

/**
 * SSIM and PSNR of `pair(width, height, channels, seed, noise)` as printed by
 * ./mppm/ssim_reference.py (scipy.ndimage filters, written from scikit-image's definition, not from
 * ours): `python3 test/core/models/mppm/ssim_reference.py` reads {width, height, channels, a, b}
 * as JSON on stdin. Kept as numbers so the suite needs no Python.
 */
const SCIPY_REFERENCE = [
  // width, height, channels, noise, seed, SSIM, PSNR (dB)
  [28, 28, 1, 0.3, 3, 0.3167844951375938, 11.611146357245206],
  [17, 23, 1, 0.05, 4, 0.9294759710805812, 25.824834004765698],
  [16, 16, 3, 0.2, 5, 0.40801649662728096, 14.66568942798077],
  [9, 11, 3, 0.5, 6, 0.12708358053157312, 9.121668500391605],
] as const;

/** A smooth random image plus its noisy, clipped copy. */
function pair(width: number, height: number, channels: number, seed: number, noise: number): [Float64Array, Float64Array] {
  const rng = createRng(seed);
  const a = new Float64Array(width * height * channels);
  const b = new Float64Array(a.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < channels; c++) {
        const i = (y * width + x) * channels + c;
        a[i] = 0.5 + 0.4 * Math.sin(0.3 * x + 0.7 * c) * Math.cos(0.2 * y) + 0.05 * rng.normal();
        b[i] = Math.min(1, Math.max(0, a[i]! + noise * rng.normal()));
      }
    }
  }
  return [a, b];
}

describe('PSNR and the printed "MSE"', () => {
  it('gives -20 log10(c) for a constant offset c (data range 1), and the l2 norm c sqrt(N)', () => {
    const x = new Float64Array(28 * 28).map((_, i) => (i % 17) / 40);
    for (const c of [0.5, 0.1, 0.01]) {
      const y = x.map((v) => v + c);
      expect(psnr(x, y)).toBeCloseTo(-20 * Math.log10(c), 10);
      expect(l2Distance(x, y)).toBeCloseTo(c * 28, 10);
    }
    expect(psnr(x, x)).toBe(Infinity);
  });
});

describe('SSIM with the scikit-image conventions', () => {
  it('is 1 for identical images, grey and colour', () => {
    const [a] = pair(20, 16, 1, 1, 0);
    expect(ssim(a, a, 20, 16, 1, SSIM_GREY)).toBeCloseTo(1, 12);
    const [c] = pair(12, 12, 3, 2, 0);
    expect(ssim(c, c, 12, 12, 3, SSIM_COLOUR)).toBeCloseTo(1, 12);
  });

  it('equals (2 a b + C1)/(a² + b² + C1) for two constant images a and b (no variance)', () => {
    const c1 = 0.01 ** 2;
    for (const [u, v] of [[0.2, 0.7], [0, 1], [0.5, 0.55]] as const) {
      const a = new Float64Array(100).fill(u);
      const b = new Float64Array(100).fill(v);
      expect(ssim(a, b, 10, 10, 1, SSIM_GREY)).toBeCloseTo((2 * u * v + c1) / (u * u + v * v + c1), 12);
    }
  });

  it('refuses images smaller than the window', () => {
    expect(() => ssim(new Float64Array(36), new Float64Array(36), 6, 6, 1, SSIM_GREY)).toThrow('7 × 7');
  });

  it('agrees with a NumPy/SciPy implementation of scikit-image (grey 7 × 7 box, colour Gaussian σ = 1.5) to 1e-12', () => {
    for (const [w, h, ch, noise, seed, refSsim, refPsnr] of SCIPY_REFERENCE) {
      const [a, b] = pair(w, h, ch, seed, noise);
      expect(Math.abs(ssim(a, b, w, h, ch, ch === 1 ? SSIM_GREY : SSIM_COLOUR) - refSsim), `${w}x${h}x${ch}`).toBeLessThan(1e-12);
      expect(Math.abs(psnr(a, b) - refPsnr)).toBeLessThan(1e-10);
    }
  });
});

describe('Fréchet distance', () => {
  it('is |mu1 - mu2|² + Σ (√a_i − √b_i)² for diagonal covariances', () => {
    const a = [1, 4, 0.25];
    const b = [9, 1, 0.25];
    const mu1 = Float64Array.from([0, 1, 2]);
    const mu2 = Float64Array.from([1, 1, 0]);
    const expected = 1 + 4 + a.reduce((s, ai, i) => s + (Math.sqrt(ai) - Math.sqrt(b[i]!)) ** 2, 0);
    expect(frechetDistance(mu1, Matrix.diag(a), mu2, Matrix.diag(b))).toBeCloseTo(expected, 12);
  });

  it('is invariant under a common rotation and matches tr Σ1 + tr Σ2 − 2 tr (Σ1 Σ2)^{1/2} for commuting covariances', () => {
    const t = 0.7;
    const R = new Matrix([[Math.cos(t), -Math.sin(t)], [Math.sin(t), Math.cos(t)]]);
    const c1 = R.mmul(Matrix.diag([2, 0.5])).mmul(R.transpose());
    const c2 = R.mmul(Matrix.diag([0.5, 8])).mmul(R.transpose());
    const expected = (Math.sqrt(2) - Math.sqrt(0.5)) ** 2 + (Math.sqrt(0.5) - Math.sqrt(8)) ** 2;
    expect(frechetDistance(new Float64Array(2), c1, new Float64Array(2), c2)).toBeCloseTo(expected, 11);
  });

  it('of two large samples of the same Gaussian is near 0; shifting one sample adds exactly the change of the squared mean difference', () => {
    const rng = createRng(9);
    const n = 4000;
    const d = 3;
    const a = new Float64Array(n * d);
    const b = new Float64Array(n * d);
    rng.fillNormal(a);
    rng.fillNormal(b);
    const same = frechetOfFeatures(a, n, b, n, d);
    expect(same).toBeLessThan(0.02);
    // A shift leaves both covariances unchanged, so only the mean term moves: by |m_b + s - m_a|^2 - |m_b - m_a|^2.
    const mean = (x: Float64Array, j: number) => x.reduce((acc, v, i) => (i % d === j ? acc + v / n : acc), 0);
    const diff0 = mean(b, 0) - mean(a, 0);
    const shifted = b.map((v, i) => (i % d === 0 ? v + 2 : v));
    expect(frechetOfFeatures(a, n, shifted, n, d) - same).toBeCloseTo((diff0 + 2) ** 2 - diff0 ** 2, 9);
  });
});
