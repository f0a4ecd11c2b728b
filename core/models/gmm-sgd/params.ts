/**
 * Parameters of the `gmm-sgd` kind: one-pass SGD with a single linear output on a Gaussian
 * mixture with C classes, class-dependent covariances sharing one eigenbasis
 * (arXiv:2510.14074; conventions in docs/theory/gmm-sgd.md). Classes are indexed 1..C; each class
 * has a label y_c = +1 or -1 (the binary task the single output learns).
 * `gmmSgdParams.parse({})` yields the full defaults; unknown keys are rejected.
 */
import { z } from 'zod';
import { AFTER_FIELD_CHECKS, num } from '../param-fields.js';

export const LOSSES = ['logistic', 'least_squares'] as const;
export type GmmLoss = (typeof LOSSES)[number];
export const MEAN_KINDS = ['antipodal', 'random', 'clean'] as const;
export const LABEL_KINDS = ['alternate', 'first_half', 'custom'] as const;
export const GMM_SPECTRUM_KINDS = ['isotropic', 'zero_one', 'power_law'] as const;
export const GRID_SPACINGS = ['linear', 'log'] as const;


/** Largest classes x d (the simulation keeps every class mean, C d numbers). */
export const MAX_CLASS_DIM = 20_000_000;

export const gmmSgdParams = z
  .strictObject({
    classes: num({ description: 'Number of classes C', default: 2, min: 2, max: 1024, int: true }),
    weights: z
      .array(num({ description: 'a class weight', default: 1, gt: 0, max: 1e6 }).unwrap())
      .max(1024)
      .default(() => [])
      .describe('Class weights p_c (C positive numbers, normalised to sum 1); empty = uniform'),
    labels: z
      .strictObject({
        kind: z
          .enum(LABEL_KINDS)
          .default('alternate')
          .describe('Label y_c of class c = 1..C: alternate (+1 for odd c, -1 for even c), first_half (+1 for c <= ceil(C/2)), custom (values)'),
        values: z
          .array(z.number({ error: 'must be +1 or -1' }).refine((v) => v === 1 || v === -1, { error: 'must be +1 or -1' }))
          .max(1024)
          .default(() => [])
          .describe('custom: C labels, each +1 or -1'),
      })
      .prefault({})
      .describe('Binary labels of the classes (the single output is trained on these)'),
    means: z
      .strictObject({
        kind: z
          .enum(MEAN_KINDS)
          .default('antipodal')
          .describe(
            'Class means: antipodal (mu_c = y_c norm w, one random unit w), random (independent random unit directions, norm each), ' +
              'clean (mu_c = y_c norm w with w a random unit vector supported on the clean coordinates)',
          ),
        norm: num({ description: 'Norm ||mu_c|| of every class mean', default: 1, min: 0, max: 1000 }),
      })
      .prefault({})
      .describe('Class means (drawn once per run from the seed, shared by theory and all replicas)'),
    spectrum: z
      .strictObject({
        kind: z
          .enum(GMM_SPECTRUM_KINDS)
          .default('isotropic')
          .describe(
            'Class covariances K_c, diagonal in one common basis: isotropic (scale), zero_one (0 on the last round(frac_zero d) ' +
              'coordinates, scale elsewhere), power_law (scale ((i - 1/2)/d)^a_c, i = 1..d, ascending, class exponent a_c)',
          ),
        scale: num({ description: 'Overall eigenvalue scale', default: 1, gt: 0, max: 1e6 }),
        frac_zero: num({ description: 'zero_one: fraction of zero-variance coordinates', default: 0.5, min: 0, max: 1 }),
        exponent: num({ description: 'power_law: exponent a_1 of class 1', default: 1, min: 0, max: 20 }),
        exponent_spread: num({
          description: 'power_law: class c uses a_c = exponent + exponent_spread (c - 1)/(C - 1) (so class C has exponent + spread)',
          default: 0,
          min: -20,
          max: 20,
        }),
      })
      .prefault({})
      .describe('Per-class covariance spectra'),
    clean_frac: num({
      description:
        'Clean coordinates: the round(clean_frac d) coordinates of smallest class-averaged variance (ties by index); they carry ' +
        'clean means and split the overlaps',
      default: 0.5,
      min: 0,
      max: 1,
    }),
    loss: z
      .enum(LOSSES)
      .default('logistic')
      .describe('logistic: log(1 + exp(-y x)); least_squares: (x - y)^2 / 2 with the +-1 class label as target'),
    lr: z
      .strictObject({
        gamma: num({ description: 'Learning rate gamma; each step moves by gamma/d times the gradient', default: 1, gt: 0, max: 100 }),
      })
      .prefault({})
      .describe('Learning rate'),
    d: num({ description: 'Dimension d', default: 1000, min: 2, max: 1_000_000, int: true }),
    T: num({ description: 'Horizon in units of d steps (t = steps / d)', default: 10, gt: 0, max: 1e5 }),
    init: num({ description: 'Initial iterate theta_0 ~ N(0, init^2 I / d)', default: 0, min: 0, max: 1000 }),
    grid: num({ description: 'Number of recording times in (0, T] (plus t = 0), rounded to whole steps', default: 100, min: 2, max: 10_000, int: true }),
    grid_spacing: z.enum(GRID_SPACINGS).default('linear').describe('Recording times linear in t or log-spaced in [1/d, T]'),
  })
  .superRefine((p, ctx) => {
    const C = p.classes;
    if (p.weights.length !== 0 && p.weights.length !== C) {
      ctx.addIssue({ code: 'custom', path: ['weights'], message: `must list C = ${C} weights or none (got ${p.weights.length})` });
    }
    const labels = classLabels(p);
    if (p.labels.kind === 'custom' && p.labels.values.length !== C) {
      ctx.addIssue({ code: 'custom', path: ['labels', 'values'], message: `must list C = ${C} labels (+1 or -1) when labels.kind is custom (got ${p.labels.values.length})` });
    } else if (!labels.includes(1) || !labels.includes(-1)) {
      ctx.addIssue({ code: 'custom', path: ['labels'], message: 'both labels +1 and -1 must occur among the classes' });
    }
    if (C * p.d > MAX_CLASS_DIM) {
      ctx.addIssue({ code: 'custom', path: ['classes'], message: `classes x d = ${C * p.d} exceeds ${MAX_CLASS_DIM}` });
    }
    if (p.spectrum.kind === 'power_law' && p.spectrum.exponent + p.spectrum.exponent_spread < 0) {
      ctx.addIssue({ code: 'custom', path: ['spectrum', 'exponent_spread'], message: 'exponent + exponent_spread must be >= 0' });
    }
    if (p.means.kind === 'clean' && Math.round(p.clean_frac * p.d) < 1) {
      ctx.addIssue({ code: 'custom', path: ['clean_frac'], message: 'means.kind = clean needs at least one clean coordinate (clean_frac d >= 1/2)' });
    }
  }, AFTER_FIELD_CHECKS)
  .describe('One-pass SGD on a multi-class Gaussian mixture (single output, binary labels per class)');

export type GmmSgdParams = z.output<typeof gmmSgdParams>;
export type GmmSgdInput = z.input<typeof gmmSgdParams>;

/** y_c in {+1, -1} for c = 0..C-1 (class c + 1). */
export function classLabels(p: Pick<GmmSgdParams, 'classes' | 'labels'>): number[] {
  const C = p.classes;
  const out: number[] = [];
  for (let c = 0; c < C; c++) {
    if (p.labels.kind === 'custom') out.push(p.labels.values[c] ?? 1);
    else if (p.labels.kind === 'first_half') out.push(c < Math.ceil(C / 2) ? 1 : -1);
    else out.push(c % 2 === 0 ? 1 : -1);
  }
  return out;
}
