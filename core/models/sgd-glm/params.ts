/**
 * Parameters of the `sgd-glm` kind (one-pass SGD on a Gaussian GLM; conventions of the theory
 * note: x ~ N(0, K), theta* ~ N(0, I/d), theta_0 ~ N(0, init^2 I/d), step gamma/d, t = steps/d).
 * `sgdGlmParams.parse({})` yields the full defaults; unknown keys are rejected.
 */
import { z } from 'zod';
import { SPECTRUM_KINDS } from '../../numerics/spectra.js';

export const PROBLEMS = ['least_squares'] as const;
export type Problem = (typeof PROBLEMS)[number];

export const LR_POLICIES = ['constant'] as const;
export type LrPolicyId = (typeof LR_POLICIES)[number];

interface NumberSpec {
  description: string;
  default: number;
  min?: number;
  /** Exclusive lower bound. */
  gt?: number;
  max?: number;
  /** Exclusive upper bound. */
  lt?: number;
  int?: boolean;
}

function rangeText(s: NumberSpec): string {
  const lo = s.min !== undefined ? `>= ${s.min}` : s.gt !== undefined ? `> ${s.gt}` : '';
  const hi = s.max !== undefined ? `<= ${s.max}` : s.lt !== undefined ? `< ${s.lt}` : '';
  const bounds = [lo, hi].filter(Boolean).join(' and ');
  return `must be ${s.int ? 'an integer ' : 'a number '}${bounds}`.trim();
}

/** A number field whose every range violation names the allowed range. */
function num(s: NumberSpec) {
  const msg = rangeText(s);
  let schema = z.number({ error: msg });
  if (s.int) schema = schema.int({ error: msg });
  if (s.min !== undefined) schema = schema.min(s.min, { error: msg });
  if (s.gt !== undefined) schema = schema.gt(s.gt, { error: msg });
  if (s.max !== undefined) schema = schema.max(s.max, { error: msg });
  if (s.lt !== undefined) schema = schema.lt(s.lt, { error: msg });
  return schema.default(s.default).describe(s.description);
}

export const spectrumParams = z
  .strictObject({
    kind: z
      .enum(SPECTRUM_KINDS)
      .default('isotropic')
      .describe(
        'Eigenvalues of the data covariance K: isotropic (all 1), two_level (hi on a fraction frac, lo elsewhere), ' +
          'zero_one (a fraction frac_zero of zeros, 1 elsewhere), power_law (density (1-beta) lambda^-beta on (0,1), ' +
          'quantiles), s_power (sigma_i = (i/(d+1))^(-1/s) rescaled to mean lambda 1), custom (values, repeated in blocks)',
      ),
    hi: num({ description: 'two_level: the larger eigenvalue', default: 2, min: 0, max: 1e6 }),
    lo: num({ description: 'two_level: the smaller eigenvalue', default: 0.5, min: 0, max: 1e6 }),
    frac: num({ description: 'two_level: fraction of coordinates at hi (count round(frac d))', default: 0.5, min: 0, max: 1 }),
    frac_zero: num({
      description: 'zero_one: fraction of zero eigenvalues (count round(frac_zero d))',
      default: 0.5,
      min: 0,
      max: 1,
    }),
    beta: num({
      description: 'power_law: exponent of the density (1 - beta) lambda^(-beta) on (0, 1); beta < 1',
      default: 0.2,
      min: -10,
      max: 0.99,
    }),
    s: num({
      description: 's_power: sigma_i = (i/(d+1))^(-1/s); lambda_max grows like d^min(2/s,1), outside the theory',
      default: 4,
      gt: 0,
      max: 100,
    }),
    values: z
      .array(num({ description: 'an eigenvalue', default: 1, min: 0, max: 1e6 }).unwrap())
      .max(1_000_000)
      .default(() => [])
      .describe(
        'custom: eigenvalues (1 to d entries); value j fills indices [round(j d/L), round((j+1) d/L)), so a list ' +
          'of length d is used as given',
      ),
  })
  .prefault({})
  .describe('Spectrum of the data covariance K');

export const lrParams = z
  .strictObject({
    policy: z.enum(LR_POLICIES).default('constant').describe('Learning-rate policy (constant for now)'),
    gamma: num({
      description: 'Learning rate gamma; each step moves by gamma/d times the gradient. Critical value 2/mean(lambda)',
      default: 1,
      gt: 0,
      max: 100,
    }),
  })
  .prefault({})
  .describe('Learning rate');

export const sgdGlmParams = z
  .strictObject({
    problem: z.enum(PROBLEMS).default('least_squares').describe('Loss / label model (least squares: y = <x, theta*> + noise eps)'),
    d: num({ description: 'Dimension d', default: 1000, min: 2, max: 1_000_000, int: true }),
    T: num({ description: 'Horizon in units of d steps (t = steps / d)', default: 10, gt: 0, max: 1e7 }),
    noise: num({ description: 'Label-noise standard deviation omega', default: 0, min: 0, max: 1000 }),
    init: num({ description: 'Scale of the initial iterate: theta_0 ~ N(0, init^2 I / d)', default: 1, min: 0, max: 1000 }),
    spectrum: spectrumParams,
    lr: lrParams,
    grid: num({
      description: 'Number of log-spaced recording times in [1/d, T] (plus t = 0; duplicates after rounding to whole steps are dropped)',
      default: 200,
      min: 2,
      max: 10_000,
      int: true,
    }),
  })
  .superRefine((p, ctx) => {
    if (p.spectrum.kind === 'custom' && (p.spectrum.values.length < 1 || p.spectrum.values.length > p.d)) {
      ctx.addIssue({
        code: 'custom',
        path: ['spectrum', 'values'],
        message: `must list 1 to d = ${p.d} eigenvalues when spectrum.kind is custom (got ${p.spectrum.values.length})`,
      });
    }
  })
  .describe('One-pass SGD on a Gaussian generalised linear model');

export type SgdGlmParams = z.output<typeof sgdGlmParams>;
export type SgdGlmInput = z.input<typeof sgdGlmParams>;
