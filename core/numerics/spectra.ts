/**
 * Covariance spectra of the data x ~ N(0, K), K diagonal in its eigenbasis (conventions of the
 * SGD theory note, after arXiv:2405.19585 §3.4 and Fig. 2). Every spectrum is deterministic in d.
 *
 * Kinds (counts of fractions are n = Math.round(frac * d), clamped to [0, d]; Math.round rounds
 * halves up):
 * - isotropic: all 1.
 * - two_level: `hi` on the first round(frac d) coordinates, `lo` on the rest.
 * - zero_one: 1 on the first d - round(frac_zero d) coordinates, 0 on the rest.
 * - power_law: quantiles of the density (1 - beta) lambda^(-beta) on (0, 1), beta < 1:
 *   lambda_i = ((i - 1/2) / d)^(1 / (1 - beta)), i = 1..d (ascending).
 * - s_power: sigma_i = (i / (d + 1))^(-1/s), rescaled so sum sigma_i^2 = d, lambda_i = sigma_i^2;
 *   equivalently lambda_i = d i^(-2/s) / sum_j j^(-2/s) (descending).
 * - custom: the list `values` (length L, 1 <= L <= d) repeated in contiguous blocks: value j
 *   occupies indices [round(j d / L), round((j + 1) d / L)), so block sizes differ by at most one,
 *   are exactly d / L when L divides d, and L = d uses the list as given.
 *
 * The result also lists the distinct eigenvalues with weights multiplicity / d, so that sums over
 * the spectrum (the ODE's mode sums) equal the sums over all d eigenvalues exactly.
 */

export const SPECTRUM_KINDS = ['isotropic', 'two_level', 'zero_one', 'power_law', 's_power', 'custom'] as const;

export type SpectrumKind = (typeof SPECTRUM_KINDS)[number];

export interface SpectrumSpec {
  kind: SpectrumKind;
  hi?: number;
  lo?: number;
  frac?: number;
  frac_zero?: number;
  beta?: number;
  s?: number;
  values?: readonly number[];
}

export interface Spectrum {
  d: number;
  /** All d eigenvalues, in the order of the kind's formula. */
  eigenvalues: Float64Array;
  /** Distinct eigenvalues, ascending. */
  distinct: Float64Array;
  /** multiplicity / d for each distinct eigenvalue (sums to 1). */
  weights: Float64Array;
  /** Multiplicities (integers). */
  multiplicity: Float64Array;
  /** tr K / d. */
  mean: number;
  min: number;
  max: number;
  /** Intrinsic dimension tr K / ||K||_op (0 if K = 0). */
  intrinsicDimension: number;
  /** Valid spectra that are outside the theory's assumptions (see `spectrumWarnings`). */
  warnings: string[];
}

/** Count of coordinates taken by a fraction: Math.round(frac * d), clamped to [0, d]. */
export function fractionCount(frac: number, d: number): number {
  return Math.min(d, Math.max(0, Math.round(frac * d)));
}

function need(value: number | undefined, name: string, kind: string): number {
  if (value === undefined || !Number.isFinite(value)) {
    throw new RangeError(`spectrum ${kind}: '${name}' must be a finite number`);
  }
  return value;
}

/** The d eigenvalues of a spectrum, in the order of its formula. */
export function spectrumEigenvalues(spec: SpectrumSpec, d: number): Float64Array {
  if (!Number.isInteger(d) || d < 1) throw new RangeError('spectrum: d must be a positive integer');
  const lam = new Float64Array(d);
  switch (spec.kind) {
    case 'isotropic':
      lam.fill(1);
      break;
    case 'two_level': {
      const hi = need(spec.hi, 'hi', spec.kind);
      const lo = need(spec.lo, 'lo', spec.kind);
      const nHi = fractionCount(need(spec.frac, 'frac', spec.kind), d);
      lam.fill(hi, 0, nHi);
      lam.fill(lo, nHi);
      break;
    }
    case 'zero_one': {
      const nZero = fractionCount(need(spec.frac_zero, 'frac_zero', spec.kind), d);
      lam.fill(1, 0, d - nZero);
      lam.fill(0, d - nZero);
      break;
    }
    case 'power_law': {
      const beta = need(spec.beta, 'beta', spec.kind);
      if (!(beta < 1)) throw new RangeError('spectrum power_law: beta must be < 1');
      const p = 1 / (1 - beta);
      for (let i = 0; i < d; i++) lam[i] = Math.pow((i + 0.5) / d, p);
      break;
    }
    case 's_power': {
      const s = need(spec.s, 's', spec.kind);
      if (!(s > 0)) throw new RangeError('spectrum s_power: s must be > 0');
      // sigma_i^2 = (i/(d+1))^(-2/s); the (d+1) factor cancels in the rescaling.
      const p = -2 / s;
      let sum = 0;
      for (let i = 0; i < d; i++) {
        lam[i] = Math.pow(i + 1, p);
        sum += lam[i];
      }
      const scale = d / sum;
      for (let i = 0; i < d; i++) lam[i] *= scale;
      break;
    }
    case 'custom': {
      const values = spec.values ?? [];
      const L = values.length;
      if (L < 1 || L > d) throw new RangeError(`spectrum custom: 'values' must have 1 to d = ${d} entries`);
      for (let j = 0; j < L; j++) {
        const v = values[j];
        if (!(v >= 0) || !Number.isFinite(v)) throw new RangeError('spectrum custom: values must be finite and >= 0');
        lam.fill(v, Math.round((j * d) / L), Math.round(((j + 1) * d) / L));
      }
      break;
    }
    default:
      throw new RangeError(`unknown spectrum kind '${String((spec as { kind: unknown }).kind)}'`);
  }
  return lam;
}

/**
 * Growth exponent p of lambda_max / mean ~ d^p as d grows with the other parameters fixed
 * (0 when bounded). Only s_power grows: lambda_max / mean = d / H_d(2/s) with
 * H_d(q) = sum_{j<=d} j^(-q), hence p = min(2/s, 1) (a log factor at s = 2).
 */
export function maxOverMeanGrowth(spec: SpectrumSpec): number {
  if (spec.kind === 's_power' && spec.s !== undefined && spec.s > 0) return Math.min(2 / spec.s, 1);
  return 0;
}

/**
 * Warnings for spectra the theory does not cover (arXiv:2405.19585, footnote 5: the theory needs
 * tr K / ||K||_op = Theta(d)):
 * - lambda_max / mean grows like a power of d (s_power, always; the message gives the exponent);
 * - the intrinsic dimension tr K / lambda_max is below 50 at this d, so the deterministic limit is
 *   a poor guide for the simulation at this size;
 * - K = 0 (nothing is learned; no critical learning rate).
 */
export function spectrumWarnings(spec: SpectrumSpec, d: number, mean: number, max: number): string[] {
  const out: string[] = [];
  if (max === 0) {
    out.push('all eigenvalues are zero: the risk stays constant and the critical learning rate is infinite');
    return out;
  }
  const p = maxOverMeanGrowth(spec);
  const ratio = max / mean;
  if (p > 0) {
    out.push(
      `largest eigenvalue grows with d: lambda_max / mean = ${ratio.toPrecision(3)} at d = ${d}, ` +
        `growing like d^${p.toPrecision(2)}; outside the theory's assumption tr K / ||K|| = Theta(d)`,
    );
  }
  const dEff = (d * mean) / max;
  if (dEff < 50) {
    out.push(
      `intrinsic dimension tr K / lambda_max = ${dEff.toPrecision(3)} is small: ` +
        'finite-d fluctuations around the deterministic limit are large',
    );
  }
  return out;
}

/** Builds the spectrum: all eigenvalues, distinct values with weights, summary and warnings. */
export function buildSpectrum(spec: SpectrumSpec, d: number): Spectrum {
  const eigenvalues = spectrumEigenvalues(spec, d);
  const sorted = Float64Array.from(eigenvalues).sort();
  const distinctList: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < d; i++) {
    const v = sorted[i];
    if (distinctList.length > 0 && distinctList[distinctList.length - 1] === v) counts[counts.length - 1]++;
    else {
      distinctList.push(v);
      counts.push(1);
    }
  }
  const distinct = Float64Array.from(distinctList);
  const multiplicity = Float64Array.from(counts);
  const weights = multiplicity.map((m) => m / d);
  let mean = 0;
  for (let j = 0; j < distinct.length; j++) mean += weights[j] * distinct[j];
  const min = sorted[0];
  const max = sorted[d - 1];
  return {
    d,
    eigenvalues,
    distinct,
    weights,
    multiplicity,
    mean,
    min,
    max,
    intrinsicDimension: max > 0 ? (d * mean) / max : 0,
    warnings: spectrumWarnings(spec, d, mean, max),
  };
}
