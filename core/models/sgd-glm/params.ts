/**
 * Parameters of the `sgd-glm` kind (one-pass SGD on a Gaussian GLM; conventions of the theory
 * note: x ~ N(0, K), theta* ~ N(0, I/d), theta_0 ~ N(0, init^2 I/d), step gamma/d, t = steps/d).
 * `sgdGlmParams.parse({})` yields the full defaults; unknown keys are rejected.
 */
import { z } from 'zod';
import { AFTER_FIELD_CHECKS, num } from '../param-fields.js';
import { spectrumParamsSchema } from '../spectrum-params.js';

export const PROBLEMS = ['least_squares', 'logistic', 'phase_retrieval'] as const;
export type Problem = (typeof PROBLEMS)[number];

export const LABEL_MODELS = ['bernoulli', 'soft'] as const;
export type LabelModel = (typeof LABEL_MODELS)[number];

export const SIGNAL_KINDS = ['gaussian', 'ones', 'power', 'unit'] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];

export const LR_POLICIES = ['constant', 'schedule', 'adagrad_norm', 'rmsprop_norm', 'line_search', 'polyak'] as const;
export type LrPolicyId = (typeof LR_POLICIES)[number];

export const ODE_METHODS = ['auto', 'dopri5', 'exponential'] as const;
export type OdeMethod = (typeof ODE_METHODS)[number];

export const spectrumParams = spectrumParamsSchema({ matrix: 'K', hi: 2, lo: 0.5 });

export const signalParams = z
  .strictObject({
    kind: z
      .enum(SIGNAL_KINDS)
      .default('gaussian')
      .describe(
        'Planted signal theta* in the eigenbasis of K: gaussian (N(0, I/d), drawn per replica), ones (1/sqrt(d) on ' +
          'every eigendirection), power (theta*_i = lambda_i^(-delta/2)/sqrt(d), arXiv:2405.19585 §3.4; 0 where ' +
          'lambda_i = 0), unit (gaussian rescaled to norm 1; a random direction, as for a rotated 1/sqrt(d) vector)',
      ),
    delta: num({
      description: 'power: exponent delta of theta*_i = lambda_i^(-delta/2)/sqrt(d); beta + delta < 2 keeps R(0) finite',
      default: 0.4,
      min: -10,
      max: 10,
    }),
    scale: num({ description: 'Multiplies theta* (e.g. 3 for theta* ~ N(0, 9 I/d); 0 for theta* = 0)', default: 1, min: 0, max: 100 }),
  })
  .prefault({})
  .describe('Planted signal theta*');

export const lrParams = z
  .strictObject({
    policy: z
      .enum(LR_POLICIES)
      .default('constant')
      .describe(
        'Learning-rate policy: constant (gamma), schedule (gamma (1 + t/t0)^(-power)), adagrad_norm ' +
          '(eta / sqrt(b^2 + sum of squared gradient norms / d^2)), rmsprop_norm (the same with the accumulator ' +
          'decaying at rate alpha per unit time), line_search (idealised exact line search on the population risk), ' +
          'polyak (greedy in the distance to theta*, needs theta*)',
      ),
    gamma: num({
      description: 'constant, schedule: learning rate gamma; each step moves by gamma/d times the gradient. Least-squares critical value 2/mean(lambda)',
      default: 1,
      gt: 0,
      max: 100,
    }),
    t0: num({ description: 'schedule: time scale t0 of gamma (1 + t/t0)^(-power)', default: 1, gt: 0, max: 1e7 }),
    power: num({ description: 'schedule: decay exponent of gamma (1 + t/t0)^(-power)', default: 0.5, min: 0, max: 3 }),
    eta: num({ description: 'adagrad_norm, rmsprop_norm: numerator eta (initial rate eta/b)', default: 1, gt: 0, max: 100 }),
    b: num({ description: 'adagrad_norm, rmsprop_norm: initial accumulator b (b^2 at t = 0)', default: 1, gt: 0, max: 1000 }),
    alpha: num({
      description: 'rmsprop_norm: decay rate of the accumulator per unit time (factor 1 - alpha/d per step)',
      default: 1,
      gt: 0,
      max: 1000,
    }),
  })
  .prefault({})
  .describe('Learning rate');

export const odeParams = z
  .strictObject({
    method: z
      .enum(ODE_METHODS)
      .default('auto')
      .describe(
        'Integrator of the theory ODE: dopri5 (adaptive Runge–Kutta 5(4); steps limited by gamma lambda_max), ' +
          'exponential (ETDRK4 with the per-mode linear part exact; stable on stiff spectra and long horizons), ' +
          'auto (dopri5 unless the problem is stiff over the horizon)',
      ),
    rtol: num({ description: 'Relative tolerance of the integrator', default: 1e-9, min: 1e-13, max: 1e-3 }),
  })
  .prefault({})
  .describe('Theory solver');

export const finiteSizeParams = z
  .strictObject({
    enabled: z
      .boolean()
      .default(false)
      .describe(
        'Finite-size mode: run SGD at each d in dims (replicas each) and report the theory-to-simulation gap and ' +
          'the 10-90% band width against d (gap_vs_d, band_vs_d) with fitted log-log slopes (about -0.5)',
      ),
    dims: z
      .array(num({ description: 'a dimension', default: 256, min: 2, max: 1_000_000, int: true }).unwrap())
      .min(2)
      .max(12)
      .default(() => [256, 512, 1024, 2048, 4096])
      .describe('Finite-size mode: the dimensions d (2 to 12 values; d itself is then not used)'),
    replicas: num({ description: 'Finite-size mode: SGD replicas per dimension', default: 8, min: 2, max: 256, int: true }),
  })
  .prefault({})
  .describe('Finite-size check');

export const sgdGlmParams = z
  .strictObject({
    problem: z
      .enum(PROBLEMS)
      .default('least_squares')
      .describe(
        'Loss and label model, r = <x, theta>, r* = <x, theta*>: least_squares (y = r* + noise eps, loss (r - y)^2/2), ' +
          'logistic (y in {0,1}, loss log(1 + e^r) - y r; see labels), phase_retrieval (y = r*^2 + noise eps, loss (r^2 - y)^2/2)',
      ),
    labels: z
      .enum(LABEL_MODELS)
      .default('bernoulli')
      .describe('logistic: label model, bernoulli (y ~ Bernoulli(sigmoid(r*))) or soft (y = sigmoid(r*))'),
    d: num({ description: 'Dimension d', default: 1000, min: 2, max: 1_000_000, int: true }),
    T: num({ description: 'Horizon in units of d steps (t = steps / d)', default: 10, gt: 0, max: 1e7 }),
    noise: num({ description: 'Label-noise standard deviation omega (least_squares, phase_retrieval)', default: 0, min: 0, max: 1000 }),
    init: num({ description: 'Scale of the random part of the initial iterate: theta_0 = init_signal theta* + N(0, init^2 I / d)', default: 1, min: 0, max: 1000 }),
    init_signal: num({
      description: 'Warm start: theta_0 = init_signal theta* + N(0, init^2 I / d) (phase retrieval needs a nonzero initial overlap)',
      default: 0,
      min: -10,
      max: 10,
    }),
    signal: signalParams,
    spectrum: spectrumParams,
    lr: lrParams,
    sde: z
      .boolean()
      .default(true)
      .describe('Also run homogenized SGD (Euler–Maruyama in the eigenbasis, step 1/d) for each replica, as source sde'),
    sim_T: num({
      description: 'Horizon of the simulations (SGD and sde); 0 means T. The theory always runs to T',
      default: 0,
      min: 0,
      max: 1e7,
    }),
    grid: num({
      description: 'Number of log-spaced recording times in [1/d, T] (plus t = 0; duplicates after rounding to whole steps are dropped)',
      default: 200,
      min: 2,
      max: 10_000,
      int: true,
    }),
    ode: odeParams,
    finite_size: finiteSizeParams,
  })
  .superRefine((p, ctx) => {
    if (p.spectrum.kind === 'custom' && (p.spectrum.values.length < 1 || p.spectrum.values.length > p.d)) {
      ctx.addIssue({
        code: 'custom',
        path: ['spectrum', 'values'],
        message: `must list 1 to d = ${p.d} eigenvalues when spectrum.kind is custom (got ${p.spectrum.values.length})`,
      });
    }
    if (p.spectrum.kind === 'custom' && p.finite_size.enabled && p.finite_size.dims.some((d) => d < p.spectrum.values.length)) {
      ctx.addIssue({
        code: 'custom',
        path: ['finite_size', 'dims'],
        message: `every dimension must be at least the number of custom eigenvalues (${p.spectrum.values.length})`,
      });
    }
    if (p.problem === 'phase_retrieval' && (p.lr.policy === 'line_search' || p.lr.policy === 'polyak')) {
      ctx.addIssue({
        code: 'custom',
        path: ['lr', 'policy'],
        message: `must be constant, schedule, adagrad_norm or rmsprop_norm for phase_retrieval (${p.lr.policy} needs a convex loss)`,
      });
    }
  }, AFTER_FIELD_CHECKS)
  .describe('One-pass SGD on a Gaussian generalised linear model');

export type SgdGlmParams = z.output<typeof sgdGlmParams>;
export type SgdGlmInput = z.input<typeof sgdGlmParams>;
