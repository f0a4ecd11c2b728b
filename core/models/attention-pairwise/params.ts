/**
 * Parameters of the `attention-pairwise` kind (arXiv:2510.11789; conventions in
 * docs/theory/attention-pairwise.md): N tokens in R^d, scalar outputs
 * Y_i = (1/(N-1)) sum_{j != i} phi*(X_i^T A* X_j) + noise, A* of rank r, a sweep over the sample
 * size M with `reps` repetitions at each M. `attentionParams.parse({})` yields the full defaults.
 */
import { z } from 'zod';
import { AFTER_FIELD_CHECKS, num } from '../param-fields.js';

export const LAWS = ['uniform', 'gaussian'] as const;
export type TokenLaw = (typeof LAWS)[number];
export const PHI_KINDS = ['sin_quadratic', 'tanh', 'random_spline'] as const;
export type PhiKind = (typeof PHI_KINDS)[number];
export const ESTIMATORS = ['oracle_A', 'joint'] as const;
export type Estimator = (typeof ESTIMATORS)[number];
export const A_NORMS = ['operator', 'spread'] as const;
export const KNOT_PLACEMENTS = ['quantile', 'uniform'] as const;

/** Largest M N (N - 1) pairs one fit may hold (memory: about 8 doubles per pair). */
export const MAX_PAIRS = 40_000_000;
/** Largest number of parameters 2 d r of the joint estimator's Gauss–Newton system. */
export const MAX_JOINT_PARAMETERS = 1024;

export const attentionParams = z
  .strictObject({
    N: num({ description: 'Number of tokens N per sample', default: 5, min: 2, max: 64, int: true }),
    d: num({ description: 'Token dimension d', default: 3, min: 1, max: 1024, int: true }),
    rank: num({ description: 'Rank r of the interaction matrix A* (r <= d)', default: 1, min: 1, max: 64, int: true }),
    law: z
      .enum(LAWS)
      .default('uniform')
      .describe('Token law, i.i.d. coordinates of variance 1/(3d): uniform on [-1, 1]^d / sqrt(d), or gaussian N(0, I_d / (3d))'),
    noise: num({ description: 'Standard deviation sigma of the Gaussian output noise', default: 0.5, min: 0, max: 100 }),
    A_scale: num({ description: 'Size a of A* (see A_norm)', default: 2, gt: 0, max: 1000 }),
    A_norm: z
      .enum(A_NORMS)
      .default('operator')
      .describe(
        'A* = a U V^T with U, V random d x r with orthonormal columns: operator (every singular value a, so |x^T A* y| <= a |x| |y|, the ' +
          'bounded class of the paper; u = x^T A* y has standard deviation a sqrt(r)/(3d)), or spread (A* = a d U V^T / sqrt(r): u has ' +
          'standard deviation a/3 whatever d and r)',
      ),
    phi: z
      .strictObject({
        kind: z
          .enum(PHI_KINDS)
          .default('sin_quadratic')
          .describe(
            'Activation phi*: sin_quadratic (sin 2u + 0.3 u^2), tanh (tanh 2u), random_spline (a B-spline of degree phi.degree with ' +
              'phi.pieces uniform pieces on [-3 s, 3 s], s the standard deviation of u, coefficients i.i.d. N(0, 1) drawn from the seed)',
          ),
        degree: num({ description: 'random_spline: degree p of phi* (smoothness beta = p - 1)', default: 3, min: 1, max: 12, int: true }),
        pieces: num({ description: 'random_spline: number of uniform pieces of phi*', default: 8, min: 1, max: 256, int: true }),
      })
      .prefault({})
      .describe('The true activation phi*'),
    beta: num({ description: 'Smoothness beta of the design: K_M grows like M^(1/(2 beta + 1)); theory slope -2 beta/(2 beta + 1)', default: 2, gt: 0, max: 50 }),
    estimator: z
      .enum(ESTIMATORS)
      .default('joint')
      .describe('oracle_A: least squares for phi with A* known; joint: variable projection over phi (B-splines) and A = P Q^T of rank r'),
    basis: z
      .strictObject({
        degree: num({ description: 'Degree s of the B-spline basis for phi', default: 3, min: 1, max: 8, int: true }),
        c: num({ description: 'K_M = ceil(c M^(1/(2 beta + 1))) intervals (or (M / log M) with log_factor)', default: 2, gt: 0, max: 100 }),
        knots: z.enum(KNOT_PLACEMENTS).default('quantile').describe('Breakpoints at the empirical quantiles of the fitted u_ij, or uniform over their range'),
        log_factor: z.boolean().default(false).describe('Use (M / log M)^(1/(2 beta + 1)) instead of M^(1/(2 beta + 1)) for K_M'),
      })
      .prefault({})
      .describe('Hypothesis space for phi: clamped B-splines'),
    truncation: num({
      description: 'Truncation level L: the estimate is clipped to [-L, L]; 0 sets L = max |phi*| over 4096 pairs drawn from the token law',
      default: 2,
      min: 0,
      max: 1e6,
    }),
    joint: z
      .strictObject({
        iterations: num({ description: 'Largest number of Levenberg–Marquardt steps', default: 40, min: 0, max: 1000, int: true }),
        tolerance: num({ description: 'Stop when a step lowers the residual sum of squares by less than this fraction', default: 1e-6, gt: 0, max: 0.1 }),
      })
      .prefault({})
      .describe('Joint estimator: Levenberg–Marquardt on A from the spectral start'),
    M_min: num({ description: 'Smallest sample size M of the sweep', default: 512, min: 8, max: 10_000_000, int: true }),
    M_max: num({ description: 'Largest sample size M of the sweep', default: 16384, min: 8, max: 10_000_000, int: true }),
    M_points: num({ description: 'Number of sample sizes, log-spaced from M_min to M_max (rounded to whole numbers)', default: 6, min: 1, max: 40, int: true }),
    reps: num({ description: 'Repetitions (independent data sets) at each M', default: 16, min: 1, max: 1000, int: true }),
    eval_pairs: num({ description: 'Fresh pairs (x, y) on which the error of g = phi(x^T A y) is measured', default: 20_000, min: 100, max: 10_000_000, int: true }),
  })
  .superRefine((p, ctx) => {
    if (p.rank > p.d) ctx.addIssue({ code: 'custom', path: ['rank'], message: `must be <= d = ${p.d} (got rank ${p.rank})` });
    if (p.M_max < p.M_min) ctx.addIssue({ code: 'custom', path: ['M_max'], message: `must be >= M_min = ${p.M_min}` });
    if (p.M_points > 1 && p.M_max === p.M_min) ctx.addIssue({ code: 'custom', path: ['M_points'], message: 'must be 1 when M_min = M_max' });
    const pairs = p.M_max * p.N * (p.N - 1);
    if (pairs > MAX_PAIRS) ctx.addIssue({ code: 'custom', path: ['M_max'], message: `M_max N (N - 1) = ${pairs} pairs exceeds ${MAX_PAIRS}` });
    if (p.estimator === 'joint' && 2 * p.d * p.rank > MAX_JOINT_PARAMETERS) {
      ctx.addIssue({ code: 'custom', path: ['d'], message: `the joint estimator fits 2 d r = ${2 * p.d * p.rank} parameters, more than ${MAX_JOINT_PARAMETERS}` });
    }
    const kMin = intervalsAt(p, p.M_min);
    if (kMin * 4 > p.M_min * p.N * (p.N - 1)) {
      ctx.addIssue({ code: 'custom', path: ['basis', 'c'], message: `K = ${kMin} intervals at M_min leave fewer than 4 pairs per interval; lower basis.c or raise M_min` });
    }
  }, AFTER_FIELD_CHECKS)
  .describe('Pairwise interactions of attention-style models: the minimax rate in the sample size M');

export type AttentionParams = z.output<typeof attentionParams>;

/** K_M = ceil(c M^(1/(2 beta + 1))), or with M / log M (basis.log_factor); at least 1. */
export function intervalsAt(p: Pick<AttentionParams, 'beta' | 'basis'>, M: number): number {
  const m = p.basis.log_factor ? M / Math.log(M) : M;
  return Math.max(1, Math.ceil(p.basis.c * m ** (1 / (2 * p.beta + 1)) - 1e-9));
}

/** The sample sizes of the sweep: M_points log-spaced values from M_min to M_max, rounded, distinct. */
export function sampleSizes(p: Pick<AttentionParams, 'M_min' | 'M_max' | 'M_points'>): number[] {
  if (p.M_points === 1) return [p.M_max];
  const out: number[] = [];
  const r = Math.log(p.M_max / p.M_min);
  for (let k = 0; k < p.M_points; k++) {
    const M = Math.round(p.M_min * Math.exp((r * k) / (p.M_points - 1)));
    if (out.length === 0 || M > out[out.length - 1]) out.push(M);
  }
  return out;
}

/** The theory's slope of log error against log M: -2 beta / (2 beta + 1). */
export function theorySlope(beta: number): number {
  return (-2 * beta) / (2 * beta + 1);
}
