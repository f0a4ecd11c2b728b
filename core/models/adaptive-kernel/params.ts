/**
 * Parameters of the `adaptive-kernel` kind: the Gaussian equations of state (EoS) of a two-layer
 * network f(x) = sum_i a_i phi(w_i . x) with priors w ~ N(0, sigma_w2 I/d), a ~ N(0, sigma_a2/(N chi))
 * and likelihood noise noise/chi (arXiv:2502.03210, 2502.18553; conventions in
 * docs/theory/adaptive-kernel.md), beside Langevin ensembles of the same network.
 * `adaptiveKernelParams.parse({})` yields the full defaults; unknown keys are rejected.
 */
import { z } from 'zod';
import { checkLangevinSchedule, checkTablePath, langevinParams, syntheticTargetParams, tableDataParams } from '../kit/index.js';
import { AFTER_FIELD_CHECKS, num } from '../param-fields.js';

export const ACTIVATIONS = ['erf', 'relu', 'linear', 'square'] as const;
export const CLOSURES = ['full', 'tree'] as const;

/** Largest width a Langevin ensemble simulates (the theory takes any N, e.g. N -> infinity checks). */
export const MAX_SIM_WIDTH = 4096;

/** What the EoS solver anneals: chi (at the width N) or the width (at chi). */
export const ANNEAL_VARIABLES = ['chi', 'width'] as const;

export const adaptiveKernelParams = z
  .strictObject({
    d: num({ description: 'Input dimension d', default: 16, min: 1, max: 1024, int: true }),
    P: num({ description: 'Number of training samples P', default: 64, min: 1, max: 2048, int: true }),
    N: num({ description: 'Hidden width N (the theory accepts any N; the Langevin ensemble needs N <= 4096)', default: 64, min: 1, max: 1e12, int: true }),
    chi: num({
      description: 'Scaling parameter chi: 1 = standard (NNGP) scaling, N = mean-field; readout prior variance sigma_a2/(N chi), noise noise/chi',
      default: 1,
      min: 1,
      max: 1e12,
    }),
    sigma_w2: num({ description: 'Input-weight prior: w ~ N(0, sigma_w2 I / d)', default: 1, gt: 0, max: 1e4 }),
    sigma_a2: num({ description: 'Readout prior scale sigma~_a^2: a ~ N(0, sigma_a2 / (N chi))', default: 1, gt: 0, max: 1e6 }),
    noise: num({ description: 'GP noise sigma~^2: the likelihood variance is noise / chi', default: 0.1, min: 1e-8, max: 1e6 }),
    activation: z.enum(ACTIVATIONS).default('erf').describe('Activation phi: erf, relu (max(0, z)), linear (identity) or square (z^2)'),
    target: syntheticTargetParams({
      description: 'Target function (data.source = synthetic)',
      kind:
        'Synthetic target on x ~ N(0, I_d) with a random unit direction w*: linear y = w*.x; hermite y = He_k(w*.x)/sqrt(k!); ' +
        'teacher y = phi(sqrt(sigma_w2) w*.x), a width-1 network of the same activation',
      degree: { description: 'hermite: degree k of the probabilists\' Hermite polynomial He_k', default: 3, max: 8 },
    }),
    test_size: num({ description: 'Number of test points', default: 32, min: 1, max: 4096, int: true }),
    data: tableDataParams({
      source: 'synthetic (Gaussian inputs, the target above) or file (a CSV with columns x1..xd, y)',
      path:
        'file: CSV with a header, columns x1..xd then y, and an optional split column (train or test); without split, a seeded ' +
        'random choice of P training and test_size test rows',
    }),
    langevin: langevinParams({
      description: 'Langevin ensemble (unadjusted Langevin sampling the Bayesian posterior)',
      chains: { description: 'Langevin chains (independent networks); 0 = theory only', default: 8, max: 256 },
      steps: { default: 20_000 },
      burn_in: { default: 5_000 },
      thin: { default: 10 },
      step: { description: 'Step-size scale c: eta_l = c / (stiffness of layer l); 0 = automatic (0.2, smaller when mean-field and wide)', max: 1 },
    }),
    solver: z
      .strictObject({
        closure: z
          .enum(CLOSURES)
          .default('full')
          .describe('full: target and fluctuation terms of the EoS; tree: target term only (the mean-field saddle point)'),
        chi_start: num({ description: 'Annealing starts at chi = min(chi_start, chi) and goes geometrically to chi', default: 0.01, gt: 0, max: 1e12 }),
        path_points: num({ description: 'Converged points along the annealing path (in chi: the train/test error curves)', default: 12, min: 1, max: 200, int: true }),
        anneal: z
          .enum(ANNEAL_VARIABLES)
          .default('chi')
          .describe('chi: anneal chi from chi_start up to chi at the width N; width: anneal the width from width_start down to N at chi'),
        width_start: num({ description: 'Width annealing starts at N = max(width_start, N) (near the NNGP) and goes geometrically down to N', default: 1e4, min: 1, max: 1e12 }),
        tol: num({ description: 'Convergence: ||F(Sigma) - Sigma||_F / ||Sigma||_F below tol', default: 1e-9, min: 1e-14, max: 1e-3 }),
        max_iter: num({ description: 'Fixed-point iterations allowed per annealing step', default: 500, min: 1, max: 100_000, int: true }),
        damping: num({ description: 'Mixing weight omega of the damped/Anderson update', default: 0.5, gt: 0, max: 1 }),
        anderson: num({ description: 'Anderson acceleration memory (0 = plain damped iteration)', default: 10, min: 0, max: 20, int: true }),
      })
      .prefault({})
      .describe('Equation-of-state solver'),
  })
  .superRefine((p, ctx) => {
    if (p.chi > p.N) {
      ctx.addIssue({ code: 'custom', path: ['chi'], message: `must lie between 1 (standard scaling) and N = ${p.N} (mean-field); got ${p.chi}` });
    }
    checkTablePath(p.data, ctx);
    checkLangevinSchedule(p.langevin, ctx);
    if (p.langevin.chains > 0 && p.N > MAX_SIM_WIDTH) {
      ctx.addIssue({
        code: 'custom',
        path: ['N'],
        message: `the Langevin ensemble simulates N <= ${MAX_SIM_WIDTH} neurons (got ${p.N}); set langevin.chains = 0 for the theory alone`,
      });
    }
  }, AFTER_FIELD_CHECKS)
  .describe('Adaptive kernels of a two-layer network: Gaussian equations of state beside Langevin ensembles');

export type AdaptiveKernelParams = z.output<typeof adaptiveKernelParams>;
export type AdaptiveKernelInput = z.input<typeof adaptiveKernelParams>;
