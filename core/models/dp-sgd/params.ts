/**
 * Parameters of the `dp-sgd` kind: one pass of differentially private SGD with per-sample
 * clipping on Gaussian linear regression (arXiv:2505.16329; conventions in docs/theory/dp-sgd.md).
 *
 * Sizes: `d` and the aspect ratio `aspect` = d/n are primary; the number of samples is
 * n = round(d / aspect), and theory and simulation both use the ratio d/n of the rounded n.
 * Clipping: C = clip.c * sqrt(d); `clip.enabled = false` turns clipping off (there is no
 * `clip.c = inf`: JSON has no infinity). Privacy noise: `privacy.sigma` is the noise scale
 * sigma~ of the paper's SDE, or it is solved from a target zCDP level `privacy.rho`.
 * `dpSgdParams.parse({})` yields the full defaults; unknown keys are rejected.
 */
import { z } from 'zod';
import { AFTER_FIELD_CHECKS, num } from '../param-fields.js';
import { spectrumParamsSchema } from '../spectrum-params.js';

export const SCHEDULES = ['constant', 'decay'] as const;
export type Schedule = (typeof SCHEDULES)[number];

export const CALIBRATIONS = ['sigma', 'rho'] as const;
export const ACCOUNTINGS = ['last_iterate', 'all_iterates'] as const;
export type Accounting = (typeof ACCOUNTINGS)[number];


export const dpSpectrumParams = spectrumParamsSchema({
  matrix: 'Sigma',
  hi: 1.6,
  lo: 0.4,
  note: 'the clipping threshold on the residual is c / sqrt(mean eigenvalue)',
});

export const dpLrParams = z
  .strictObject({
    eta: num({
      description: 'Learning-rate scale eta: step k uses eta~(k/n) / n, with eta~(t) = eta s(t)',
      default: 1,
      gt: 0,
      max: 1000,
    }),
    schedule: z
      .enum(SCHEDULES)
      .default('constant')
      .describe('Learning-rate shape s(t) on t = k/n in [0, 1]: constant (1) or decay ((1 - t)^power, zero at the end of the pass)'),
    power: num({ description: 'decay: exponent of (1 - t)^power', default: 0.5, min: 0, max: 8 }),
  })
  .prefault({})
  .describe('Learning rate eta~(t)/n per step');

export const dpClipParams = z
  .strictObject({
    enabled: z
      .boolean()
      .default(true)
      .describe('Clip each per-sample gradient at C = c sqrt(d); false = no clipping (and then no privacy guarantee)'),
    c: num({
      description:
        'Clipping constant c, C = c sqrt(d) (typical gradient norm is sqrt(2 P d)); also scales the privacy noise. For no clipping set clip.enabled = false (there is no c = inf)',
      default: 1,
      gt: 0,
      max: 10_000,
    }),
  })
  .prefault({})
  .describe('Per-sample gradient clipping');

export const dpPrivacyParams = z
  .strictObject({
    calibration: z
      .enum(CALIBRATIONS)
      .default('sigma')
      .describe('sigma: use privacy.sigma as given; rho: solve the noise scale so that the run is rho-zCDP (privacy.rho) under privacy.accounting'),
    sigma: num({
      description:
        'Noise scale sigma~ (the paper\'s SDE): after each step add N(0, s_k^2 I), s_k = c sigma~(k/n) sqrt(2 d/n) / n; 0 = no privacy noise',
      default: 0,
      min: 0,
      max: 1e6,
    }),
    rho: num({ description: 'Target zCDP level rho (used when calibration = rho)', default: 1, gt: 0, max: 1e12 }),
    schedule: z
      .enum(SCHEDULES)
      .default('constant')
      .describe('Noise shape on t = k/n: constant (1) or decay ((1 - t)^power); sigma~(t) = sigma~ shape(t)'),
    power: num({ description: 'decay: exponent of (1 - t)^power for the privacy noise', default: 0.5, min: 0, max: 8 }),
    accounting: z
      .enum(ACCOUNTINGS)
      .default('last_iterate')
      .describe(
        'Which guarantee rho (and calibration = rho) refers to: last_iterate (only the final iterate is released; ' +
          'amplification by iteration, needs non-expansive steps) or all_iterates (every iterate released)',
      ),
  })
  .prefault({})
  .describe('Gaussian privacy noise and its accounting (replace-one neighbouring datasets)');

export const dpSgdParams = z
  .strictObject({
    d: num({ description: 'Dimension d', default: 1000, min: 2, max: 1_000_000, int: true }),
    aspect: num({
      description: 'Aspect ratio d/n: the pass uses n = round(d / aspect) samples (theory uses d/n of that n)',
      default: 0.5,
      gt: 0,
      max: 1000,
    }),
    noise: num({ description: 'Label-noise standard deviation zeta: y = <x, theta*> + zeta eps', default: 0.5, min: 0, max: 1000 }),
    init: num({ description: 'Scale of the initial iterate: theta_0 ~ N(0, init^2 I / d); theta* ~ N(0, I / d)', default: 0, min: 0, max: 1000 }),
    spectrum: dpSpectrumParams,
    lr: dpLrParams,
    clip: dpClipParams,
    privacy: dpPrivacyParams,
    grid: num({
      description: 'Number of recording intervals on t in [0, 1] (times k/n, k = round(j n / grid), duplicates dropped)',
      default: 100,
      min: 1,
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
    const n = Math.round(p.d / p.aspect);
    if (n < 2 || n > 100_000_000) {
      ctx.addIssue({
        code: 'custom',
        path: ['aspect'],
        message: `gives n = round(d / aspect) = ${n} samples; must be between 2 and 100000000`,
      });
    }
  }, AFTER_FIELD_CHECKS)
  .describe('One-pass DP-SGD with per-sample clipping on Gaussian linear regression');

export type DpSgdParams = z.output<typeof dpSgdParams>;
export type DpSgdInput = z.input<typeof dpSgdParams>;

/** Number of samples n = round(d / aspect) (one pass, one sample per step). */
export function sampleCount(p: Pick<DpSgdParams, 'd' | 'aspect'>): number {
  return Math.round(p.d / p.aspect);
}
