import { describe, expect, it } from 'vitest';
import { createRng } from '../../../core/numerics/rng.js';
import {
  ACTIVATIONS,
  type Activation,
  type NngpSpec,
  activationDerivative,
  activationFunction,
  derivativeKernel,
  diagonalOf,
  isotropicCovariance,
  nngpCross,
  nngpGram,
  nngpGramPartials,
  nngpKernel,
  nngpKernelQuadrature,
  nngpKernelWithGradient,
  pairKernel,
  pairKernelQuadrature,
  pairKernelWithGradient,
  weightedCovariance,
} from '../../../core/numerics/nngp/index.js';

/** Theory note §2 reference table: (c_xy, c_xx, c_yy) → erf κ, ReLU κ. */
const TABLE: [number, number, number, number, number][] = [
  [0.6, 1, 1, 0.26198, 0.338774],
  [0, 1, 1, 0, 0.159155],
  [0.999, 1, 1, 0.46399, 0.499505],
  [0.3, 0.5, 2, 0.121527, 0.241372],
  [-0.5, 1, 1, -0.216347, 0.054499],
];

/** erf by the Chebyshev fit of Numerical Recipes (erfcc, fractional error < 1.2e-7): fast, independent of the code under test. */
function fastErf(z: number): number {
  const a = Math.abs(z);
  const t = 1 / (1 + 0.5 * a);
  const erfc =
    t *
    Math.exp(
      -a * a -
        1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return z >= 0 ? 1 - erfc : erfc - 1;
}

/** An independent Monte Carlo of E[φ(u)φ(v)]: mean and its standard error. */
function monteCarlo(phi: (z: number) => number, cxx: number, cxy: number, cyy: number, samples: number, seed: number): { mean: number; se: number } {
  const rng = createRng(seed);
  const z = new Float64Array(2 * 65536);
  const a = Math.sqrt(cxx);
  const m = cxy / a;
  const s = Math.sqrt(Math.max(0, cyy - m * m));
  let sum = 0;
  let sum2 = 0;
  for (let done = 0; done < samples; done += 65536) {
    rng.fillNormal(z);
    for (let i = 0; i < 65536; i++) {
      const z1 = z[2 * i];
      const v = phi(a * z1) * phi(m * z1 + s * z[2 * i + 1]);
      sum += v;
      sum2 += v * v;
    }
  }
  const n = Math.ceil(samples / 65536) * 65536;
  const mean = sum / n;
  return { mean, se: Math.sqrt((sum2 / n - mean * mean) / n) };
}

describe('NNGP pair kernels: closed forms (theory note §2)', () => {
  it('K1: the reference table of erf and ReLU kernels holds to 1e-6', () => {
    for (const [cxy, cxx, cyy, erfK, reluK] of TABLE) {
      expect(Math.abs(pairKernel('erf', cxx, cxy, cyy) - erfK)).toBeLessThan(1e-6);
      expect(Math.abs(pairKernel('relu', cxx, cxy, cyy) - reluK)).toBeLessThan(1e-6);
    }
    expect(Math.abs(pairKernel('relu', 1, 0, 1) - 1 / (2 * Math.PI))).toBeLessThan(1e-15);
  });

  it('K1: the table and every closed form agree with an independent Monte Carlo within 4 standard errors below 1.2e-3 (4·10⁶ samples, 1.6·10⁷ for the heavier ReLU products)', () => {
    let seed = 11;
    for (const [cxy, cxx, cyy] of TABLE) {
      for (const [activation, phi] of [
        ['erf', fastErf],
        ['relu', (z: number) => (z > 0 ? z : 0)],
      ] as const) {
        const { mean, se } = monteCarlo(phi, cxx, cxy, cyy, activation === 'relu' ? 1 << 24 : 1 << 22, seed++);
        expect(se).toBeLessThan(3e-4);
        expect(Math.abs(mean - pairKernel(activation, cxx, cxy, cyy))).toBeLessThan(4 * se);
      }
    }
    for (const activation of ['linear', 'square'] as Activation[]) {
      for (const [cxy, cxx, cyy] of TABLE) {
        const { mean, se } = monteCarlo(activationFunction(activation), cxx, cxy, cyy, 1 << 20, seed++);
        expect(Math.abs(mean - pairKernel(activation, cxx, cxy, cyy))).toBeLessThan(4 * se);
      }
    }
  });

  it('K2: erf with Σ = I at (0.6, 1, 1) is (2/π) arcsin(0.4) = 0.261980', () => {
    // c = xᵀΣx' with Σ = I: |x|² = 1, x·x' = 0.6
    const x = new Float64Array([1, 0, 0.6, 0.8]);
    const c = weightedCovariance(x, 2, x, 2, 2, new Float64Array([1, 0, 0, 1]));
    const k = pairKernel('erf', c[0], c[1], c[3]);
    expect(Math.abs(k - (2 / Math.PI) * Math.asin(0.4))).toBeLessThan(1e-15);
    expect(Math.abs(k - 0.26198)).toBeLessThan(1e-6);
  });

  it('K2: the ReLU diagonal is c/2 and the square kernel is Wick’s c_xx c_yy + 2 c_xy²', () => {
    for (const c of [1e-8, 0.3, 1, 7.5]) expect(Math.abs(pairKernel('relu', c, c, c) - c / 2)).toBeLessThan(1e-15 * c);
    // Wick against the independent fourth-moment formula E[u²v²] by 8-point quadrature (exact for degree 4)
    for (const [cxx, cxy, cyy] of [
      [1, 0.6, 1],
      [0.5, -0.3, 2],
      [2, 0, 3],
    ]) {
      const wick = pairKernel('square', cxx, cxy, cyy);
      expect(Math.abs(wick - pairKernelQuadrature((z) => z * z, cxx, cxy, cyy, 8))).toBeLessThan(1e-13);
      expect(wick).toBe(cxx * cyy + 2 * cxy * cxy);
    }
  });

  it('an erf kernel near perfect correlation stays accurate (atan2 form) and the linear kernel is c_xy', () => {
    // at c_xy = c_xx = c_yy = c: (2/π) asin(2c/(1+2c))
    for (const c of [0.1, 1, 100]) expect(Math.abs(pairKernel('erf', c, c, c) - (2 / Math.PI) * Math.asin((2 * c) / (1 + 2 * c)))).toBeLessThan(1e-14);
    expect(pairKernel('linear', 2, -0.7, 3)).toBe(-0.7);
    expect(pairKernel('relu', 0, 0, 1)).toBe(0);
  });
});

describe('NNGP kernel derivatives', () => {
  const points: [number, number, number][] = [
    [1, 0.6, 1],
    [0.5, 0.3, 2],
    [1.3, -0.5, 0.8],
    [0.2, 0.05, 0.4],
  ];

  it('the partials of every activation equal central finite differences', () => {
    const g = new Float64Array(3);
    const h = 1e-6;
    for (const activation of ACTIVATIONS) {
      for (const [cxx, cxy, cyy] of points) {
        const v = pairKernelWithGradient(activation, cxx, cxy, cyy, g);
        expect(v).toBe(pairKernel(activation, cxx, cxy, cyy));
        const fd = [
          (pairKernel(activation, cxx + h, cxy, cyy) - pairKernel(activation, cxx - h, cxy, cyy)) / (2 * h),
          (pairKernel(activation, cxx, cxy + h, cyy) - pairKernel(activation, cxx, cxy - h, cyy)) / (2 * h),
          (pairKernel(activation, cxx, cxy, cyy + h) - pairKernel(activation, cxx, cxy, cyy - h)) / (2 * h),
        ];
        for (let k = 0; k < 3; k++) expect(Math.abs(g[k] - fd[k])).toBeLessThan(1e-8);
      }
    }
  });

  it("∂κ/∂c_xy is the derivative kernel E[φ'(u)φ'(v)] (Price's theorem), by quadrature", () => {
    const g = new Float64Array(3);
    for (const activation of ['linear', 'erf', 'square'] as Activation[]) {
      const dphi = activationDerivative(activation);
      for (const [cxx, cxy, cyy] of points) {
        pairKernelWithGradient(activation, cxx, cxy, cyy, g);
        const quad = pairKernelQuadrature(dphi, cxx, cxy, cyy, 64);
        expect(Math.abs(derivativeKernel(activation, cxx, cxy, cyy) - quad)).toBeLessThan(1e-10);
        expect(Math.abs(g[1] - quad)).toBeLessThan(1e-10);
      }
    }
    // ReLU: the step's kernel (π − θ)/(2π) is the orthant probability P(u > 0, v > 0)
    for (const [cxx, cxy, cyy] of points) {
      const rho = cxy / Math.sqrt(cxx * cyy);
      expect(Math.abs(derivativeKernel('relu', cxx, cxy, cyy) - (0.25 + Math.asin(rho) / (2 * Math.PI)))).toBeLessThan(1e-15);
    }
  });

  it('the depth recursion’s gradient equals central finite differences (depth 1–4, bias)', () => {
    const g = new Float64Array(3);
    const h = 1e-6;
    for (const activation of ACTIVATIONS) {
      for (const depth of [1, 2, 4]) {
        const spec: NngpSpec = { activation, depth, sigmaW2: 1.3, sigmaA2: 0.7, sigmaB2: 0.1 };
        for (const [cxx, cxy, cyy] of points) {
          const v = nngpKernelWithGradient(spec, cxx, cxy, cyy, g);
          expect(v).toBe(nngpKernel(spec, cxx, cxy, cyy));
          const f = (a: number, b: number, c: number) => nngpKernel(spec, a, b, c);
          const fd = [
            (f(cxx + h, cxy, cyy) - f(cxx - h, cxy, cyy)) / (2 * h),
            (f(cxx, cxy + h, cyy) - f(cxx, cxy - h, cyy)) / (2 * h),
            (f(cxx, cxy, cyy + h) - f(cxx, cxy, cyy - h)) / (2 * h),
          ];
          for (let k = 0; k < 3; k++) expect(Math.abs(g[k] - fd[k])).toBeLessThan(1e-7 * Math.max(1, Math.abs(fd[k])));
        }
      }
    }
  });
});

describe('Gauss–Hermite fallback against the closed forms', () => {
  it('reproduces linear, square and erf to 1e-10 at 96 points, and ReLU (a kink: error O(1/n)) to 3e-3 at 128, through depth 3', () => {
    const tol: Record<Activation, number> = { linear: 1e-12, square: 1e-11, erf: 1e-10, relu: 3e-3 };
    const order: Record<Activation, number> = { linear: 96, square: 96, erf: 96, relu: 128 };
    for (const activation of ACTIVATIONS) {
      const phi = activationFunction(activation);
      for (const depth of [1, 3]) {
        const spec: NngpSpec = { activation, depth, sigmaW2: 1.5, sigmaA2: 2 };
        for (const [cxy, cxx, cyy] of TABLE) {
          const closed = nngpKernel(spec, cxx, cxy, cyy);
          const quad = nngpKernelQuadrature(phi, spec, cxx, cxy, cyy, order[activation]);
          expect(Math.abs(closed - quad)).toBeLessThan(tol[activation] * Math.max(1, Math.abs(closed)));
        }
      }
    }
  });

  it('is a real quadrature: erf at 4 points misses the closed form, the ReLU error falls with the order', () => {
    const phi = activationFunction('erf');
    expect(Math.abs(pairKernelQuadrature(phi, 1, 0.6, 1, 4) - pairKernel('erf', 1, 0.6, 1))).toBeGreaterThan(1e-4);
    const relu = activationFunction('relu');
    const e16 = Math.abs(pairKernelQuadrature(relu, 1, 0.6, 1, 16) - pairKernel('relu', 1, 0.6, 1));
    const e128 = Math.abs(pairKernelQuadrature(relu, 1, 0.6, 1, 128) - pairKernel('relu', 1, 0.6, 1));
    expect(e128).toBeLessThan(e16 / 4);
  });
});

describe('kernel matrices', () => {
  const n = 5;
  const d = 3;
  const x = new Float64Array(n * d);
  const rng = createRng(5);
  rng.fillNormal(x);

  it('the isotropic covariance is Σ-weighted with Σ = σ_w² I/d, and the Gram is K₀ entrywise, symmetric', () => {
    const sigma = new Float64Array(d * d);
    for (let k = 0; k < d; k++) sigma[k * d + k] = 2 / d;
    const ci = isotropicCovariance(x, n, x, n, d, 2);
    const cw = weightedCovariance(x, n, x, n, d, sigma);
    for (let i = 0; i < n * n; i++) expect(Math.abs(ci[i] - cw[i])).toBeLessThan(1e-14);
    const spec: NngpSpec = { activation: 'erf', depth: 2, sigmaW2: 2, sigmaA2: 1.5 };
    const k = nngpGram(spec, ci, n);
    const diag = diagonalOf(ci, n);
    const cross = nngpCross(spec, diag, diag, ci, n, n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        expect(k[i * n + j]).toBe(k[j * n + i]);
        expect(k[i * n + j]).toBe(nngpKernel(spec, ci[i * n + i], ci[i * n + j], ci[j * n + j]));
        expect(Math.abs(cross[i * n + j] - k[i * n + j])).toBeLessThan(1e-15);
      }
    }
  });

  it('the entrywise partials predict a symmetric perturbation of C to first order', () => {
    const spec: NngpSpec = { activation: 'relu', depth: 2, sigmaW2: 2, sigmaA2: 1 };
    const c = isotropicCovariance(x, n, x, n, d, 2);
    const dXX = new Float64Array(n * n);
    const dXY = new Float64Array(n * n);
    const dYY = new Float64Array(n * n);
    nngpGramPartials(spec, c, n, dXX, dXY, dYY);
    const delta = new Float64Array(n * n);
    const r = createRng(9);
    for (let i = 0; i < n; i++) for (let j = i; j < n; j++) delta[i * n + j] = delta[j * n + i] = r.normal();
    const h = 1e-6;
    const plus = nngpGram(spec, c.map((v, i) => v + h * delta[i]), n);
    const minus = nngpGram(spec, c.map((v, i) => v - h * delta[i]), n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const fd = (plus[i * n + j] - minus[i * n + j]) / (2 * h);
        const lin =
          i === j
            ? (dXX[i * n + i] + dXY[i * n + i] + dYY[i * n + i]) * delta[i * n + i]
            : dXX[i * n + j] * delta[i * n + i] + dXY[i * n + j] * delta[i * n + j] + dYY[i * n + j] * delta[j * n + j];
        expect(Math.abs(fd - lin)).toBeLessThan(1e-7);
      }
    }
  });
});
