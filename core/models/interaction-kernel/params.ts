/**
 * Parameters of the `interaction-kernel` kind: the tamed least-squares estimator of a radial
 * interaction kernel from M i.i.d. samples of N interacting particles (arXiv:2311.16852;
 * conventions in docs/theory/interaction-kernel.md). A run sweeps M from `M_min` to `M_max`
 * (`M_points` log-spaced values, `reps` independent repetitions at each), with the basis dimension
 * n = K (s + 1), K = max(1, round(basis.c M^(1/(2 beta + 1)) / (s + 1))). `interactionKernelParams.parse({})`
 * yields the full defaults; unknown keys are rejected.
 */
import { z } from 'zod';
import { isExpressionError, univariate } from '../../numerics/expression/index.js';
import { AFTER_FIELD_CHECKS, num } from '../param-fields.js';
import { supportBound } from './laws.js';

export const LAWS = ['uniform', 'gaussian'] as const;
export type ParticleLaw = (typeof LAWS)[number];

export const FORMS = ['static', 'dynamics'] as const;
export type Form = (typeof FORMS)[number];

export const KERNELS = ['sin_cos', 'gaussian', 'weierstrass', 'lennard_jones', 'expression'] as const;
export type KernelKind = (typeof KERNELS)[number];

export const KNOT_PLACEMENTS = ['quantile', 'uniform'] as const;

/** Points of [0, R] at which a kernel formula must be finite. */
const EXPRESSION_CHECK_POINTS = 1024;

/** Largest basis dimension n a run may reach (an n x n eigenproblem per fit). */
export const MAX_BASIS_SIZE = 1500;

export const kernelParams = z
  .strictObject({
    kind: z
      .enum(KERNELS)
      .default('sin_cos')
      .describe(
        'True kernel phi*(r): sin_cos (sin(2 pi r) + cos(6 r)/2, smooth; the calibration kernel), gaussian (exp(-(r/scale)^2), smooth), ' +
          'weierstrass (sum_{j=0..10} 2^(-j smoothness) cos(2^j pi r / scale): Hoelder of order `smoothness` down to the scale scale/1024), ' +
          'lennard_jones ((scale/s)^12 - (scale/s)^6 with s = max(r, 0.9 scale): Lennard-Jones-type, capped so it stays bounded), ' +
          'expression (the formula in kernel.expression)',
      ),
    smoothness: num({ description: 'weierstrass: smoothness (Hoelder order) of phi*', default: 1, min: 0.1, max: 4 }),
    scale: num({ description: 'gaussian, weierstrass, lennard_jones: length scale of phi* (in units of r)', default: 0.5, gt: 0, max: 100 }),
    expression: z
      .string()
      .max(2000)
      .default('exp(-r) * sin(4*r)')
      .describe('expression: phi*(r) as a formula in r with + - * / ^, parentheses, pi, e and exp, log, sqrt, sin, cos, tan, sinh, cosh, tanh, atan, abs, sign, floor, pow, min, max'),
  })
  .prefault({})
  .describe('The true interaction kernel phi*');

export const basisParams = z
  .strictObject({
    degree: num({ description: 'Polynomial degree s on each interval (s >= ceil(beta) - 1 for the rate)', default: 1, min: 0, max: 6, int: true }),
    knots: z
      .enum(KNOT_PLACEMENTS)
      .default('quantile')
      .describe('Knots at the quantiles of the pair-distance law rho (equal mass per interval), or equally spaced on its support'),
    c: num({ description: 'Dimension constant c: n = K (s + 1) with K = max(1, round(c M^(1/(2 beta + 1)) / (s + 1)))', default: 3, gt: 0, max: 64 }),
  })
  .prefault({})
  .describe('Hypothesis space: piecewise polynomials orthonormal in L2(rho)');

export const biasVarianceParams = z
  .strictObject({
    enabled: z.boolean().default(true).describe('Also fit at one M over a range of basis sizes n (the bias-variance view)'),
    M: num({ description: 'Sample size M of the bias-variance view', default: 8192, min: 16, max: 4_194_304, int: true }),
    points: num({ description: 'Number of basis sizes (interval counts K log-spaced from K_design / span to K_design span)', default: 9, min: 3, max: 32, int: true }),
    span: num({ description: 'Factor on each side of the design interval count K_design = round(c M^(1/(2 beta + 1)) / (s + 1))', default: 4, min: 1.5, max: 64 }),
    reps: num({ description: 'Repetitions at each basis size (the same data for every n within a repetition)', default: 8, min: 1, max: 256, int: true }),
  })
  .prefault({})
  .describe('Bias-variance view: error against n at fixed M (check K5)');

export const interactionKernelParams = z
  .strictObject({
    N: num({ description: 'Number of particles N per sample', default: 3, min: 2, max: 64, int: true }),
    d: num({ description: 'Dimension d of the space the particles live in', default: 1, min: 1, max: 16, int: true }),
    law: z
      .enum(LAWS)
      .default('uniform')
      .describe('Particle law (i.i.d., hence exchangeable): uniform on [0, 1]^d, or standard Gaussian N(0, I_d)'),
    form: z
      .enum(FORMS)
      .default('static')
      .describe(
        'static: Y_i = (1/(N-1)) sum_j phi(r_ij) (X_j - X_i)/r_ij + noise, phi* the static kernel; dynamics: Y_i = (1/N) sum_j phi(r_ij) (X_j - X_i) + noise ' +
          '(first-order system, velocity at one instant), phi* the dynamics kernel, which equals the static kernel (N/(N-1)) phi(r)/r',
      ),
    noise: num({ description: 'Noise standard deviation sigma: Y = R_phi*[X] + sigma eta, eta ~ N(0, I_{Nd})', default: 1, min: 0, max: 100 }),
    beta: num({ description: 'Design smoothness beta: sets the basis schedule n ~ M^(1/(2 beta + 1)) and the reference slope -2 beta/(2 beta + 1)', default: 1, min: 0.1, max: 8 }),
    kernel: kernelParams,
    basis: basisParams,
    M_min: num({ description: 'Smallest sample size M of the sweep', default: 512, min: 16, max: 4_194_304, int: true }),
    M_max: num({ description: 'Largest sample size M of the sweep', default: 16384, min: 16, max: 4_194_304, int: true }),
    M_points: num({ description: 'Number of sample sizes, log-spaced from M_min to M_max (rounded; duplicates dropped)', default: 6, min: 2, max: 40, int: true }),
    reps: num({ description: 'Independent repetitions at each M (the error is their mean, with a band)', default: 16, min: 1, max: 256, int: true }),
    bias_variance: biasVarianceParams,
    rho_samples: num({
      description: 'Pair distances drawn for the Monte Carlo estimate of rho when no closed form exists (uniform law with d >= 2)',
      default: 1_048_576,
      min: 4096,
      max: 16_777_216,
      int: true,
    }),
  })
  .superRefine((p, ctx) => {
    if (p.M_max <= p.M_min) ctx.addIssue({ code: 'custom', path: ['M_max'], message: `must be > M_min = ${p.M_min} (a sweep needs two sample sizes)` });
    const s = p.basis.degree;
    const nMax = designSize(p.M_max, p.beta, p.basis.c, s);
    const nBv = p.bias_variance.enabled ? designSize(p.bias_variance.M, p.beta, p.basis.c, s) * p.bias_variance.span : 0;
    if (Math.max(nMax, nBv) > MAX_BASIS_SIZE) {
      ctx.addIssue({
        code: 'custom',
        path: ['basis', 'c'],
        message: `gives a basis of n = ${Math.round(Math.max(nMax, nBv))} functions (largest M, or the bias-variance span); at most ${MAX_BASIS_SIZE}: lower basis.c, M_max, bias_variance.span or raise beta`,
      });
    }
    if (p.kernel.kind === 'expression') {
      try {
        const phi = univariate(p.kernel.expression, 'r');
        const R = supportBound(p.law, p.d);
        for (let i = 0; i < EXPRESSION_CHECK_POINTS; i++) {
          const r = (R * (i + 0.5)) / EXPRESSION_CHECK_POINTS;
          const v = phi(r);
          if (!Number.isFinite(v)) {
            ctx.addIssue({ code: 'custom', path: ['kernel', 'expression'], message: `is ${v} at r = ${r.toPrecision(4)}, inside the support [0, ${R.toPrecision(4)}] of the pair distances` });
            break;
          }
        }
      } catch (e) {
        if (!isExpressionError(e)) throw e;
        ctx.addIssue({ code: 'custom', path: ['kernel', 'expression'], message: e.message });
      }
    }
  }, AFTER_FIELD_CHECKS)
  .describe('Tamed least-squares estimation of a radial interaction kernel');

export type InteractionKernelParams = z.output<typeof interactionKernelParams>;
export type InteractionKernelInput = z.input<typeof interactionKernelParams>;

/** Intervals K = max(1, round(c M^(1/(2 beta + 1)) / (s + 1))) of the design schedule. */
export function designIntervals(M: number, beta: number, c: number, degree: number): number {
  return Math.max(1, Math.round((c * Math.pow(M, 1 / (2 * beta + 1))) / (degree + 1)));
}

/** Basis dimension n = K (s + 1) of the design schedule. */
export function designSize(M: number, beta: number, c: number, degree: number): number {
  return designIntervals(M, beta, c, degree) * (degree + 1);
}

/** The M values of the sweep: M_points log-spaced from M_min to M_max, rounded, duplicates dropped. */
export function sampleSizes(p: Pick<InteractionKernelParams, 'M_min' | 'M_max' | 'M_points'>): number[] {
  const out: number[] = [];
  const lo = Math.log(p.M_min);
  const hi = Math.log(p.M_max);
  for (let i = 0; i < p.M_points; i++) {
    const M = i === p.M_points - 1 ? p.M_max : Math.round(Math.exp(lo + ((hi - lo) * i) / (p.M_points - 1)));
    if (out.length === 0 || M > out[out.length - 1]!) out.push(M);
  }
  return out;
}

/** The interval counts of the bias-variance view: log-spaced from K_design/span to K_design span, duplicates dropped. */
export function biasVarianceIntervals(p: InteractionKernelParams): number[] {
  const bv = p.bias_variance;
  const Kd = designIntervals(bv.M, p.beta, p.basis.c, p.basis.degree);
  const lo = Math.log(Math.max(1, Kd / bv.span));
  const hi = Math.log(Kd * bv.span);
  const out: number[] = [];
  for (let i = 0; i < bv.points; i++) {
    const K = Math.max(1, Math.round(Math.exp(lo + ((hi - lo) * i) / (bv.points - 1))));
    if (out.length === 0 || K > out[out.length - 1]!) out.push(K);
  }
  return out;
}
