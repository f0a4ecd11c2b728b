/**
 * The parameter group of a data covariance spectrum (core/numerics/spectra.ts), shared by the
 * kinds that take one. Kinds choose the two-level defaults and how the matrix is named.
 */
import { z } from 'zod';
import { SPECTRUM_KINDS } from '../numerics/spectra.js';
import { num, numberList } from './param-fields.js';

export interface SpectrumParamsOptions {
  /** Name of the covariance in descriptions, e.g. "K" or "Sigma". */
  matrix: string;
  hi: number;
  lo: number;
  /** Appended to the group's description. */
  note?: string;
}

export function spectrumParamsSchema(o: SpectrumParamsOptions) {
  return z
    .strictObject({
      kind: z
        .enum(SPECTRUM_KINDS)
        .default('isotropic')
        .describe(
          `Eigenvalues of the data covariance ${o.matrix}: isotropic (all 1), two_level (hi on a fraction frac, lo elsewhere), ` +
            'zero_one (a fraction frac_zero of zeros, 1 elsewhere), power_law (density (1-beta) lambda^-beta on (0,1), ' +
            'quantiles), s_power (sigma_i = (i/(d+1))^(-1/s) rescaled to mean lambda 1), custom (values, repeated in blocks)',
        ),
      hi: num({ description: 'two_level: the larger eigenvalue', default: o.hi, min: 0, max: 1e6 }),
      lo: num({ description: 'two_level: the smaller eigenvalue', default: o.lo, min: 0, max: 1e6 }),
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
      values: numberList({ description: 'an eigenvalue', default: 1, min: 0, max: 1e6 }, 1_000_000, () => [])
        .describe(
          'custom: eigenvalues (1 to d entries); value j fills indices [round(j d/L), round((j+1) d/L)), so a list ' +
            'of length d is used as given',
        ),
    })
    .prefault({})
    .describe(`Spectrum of the data covariance ${o.matrix}${o.note ? ` (${o.note})` : ''}`);
}

/**
 * At most how many distinct eigenvalues the spectrum `spec` has at dimension d (the modes of a
 * per-eigenvalue theory), from its kind alone: 1 or 2 for the piecewise-constant kinds, d for the
 * continuous ones, the list length (at most d) for custom. Builds nothing.
 */
export function distinctEigenvaluesAtMost(spec: { kind: string; values: readonly number[] }, d: number): number {
  switch (spec.kind) {
    case 'isotropic':
      return 1;
    case 'two_level':
    case 'zero_one':
      return Math.min(2, d);
    case 'custom':
      return Math.max(1, Math.min(spec.values.length, d));
    default:
      return d;
  }
}
