/**
 * From `dp-sgd` parameters to what every part needs: the spectrum, n, the recording grid, the
 * learning-rate and noise schedules, the privacy noise scale (solved from rho when calibrated) and
 * the clipping constants; and the input of the ODEs at a clipping level c.
 */
import { buildSpectrum, type Spectrum } from '../../numerics/spectra.js';
import { type RecordingGrid, recordingGrid } from '../kit/index.js';
import type { DpTheoryInput } from './ode.js';
import { type DpSgdParams, sampleCount } from './params.js';
import { type PrivacyUnit, privacyUnit, sigmaForRho, unitFor } from './privacy.js';
import { scheduleFunction } from './schedules.js';

/** Above this many distinct eigenvalues the c* search (about 60 ODE solves) is skipped. */
export const MAX_MODES_FOR_OPTIMUM = 4096;

/** Everything a part needs, derived from the parameters in one place. */
export interface Setup {
  p: DpSgdParams;
  spectrum: Spectrum;
  n: number;
  /** d / n with the rounded n. */
  aspect: number;
  grid: RecordingGrid;
  clipC: number;
  /** Threshold on the residual, c / sqrt(mean lambda). */
  threshold: number;
  lr: (t: number) => number;
  noiseShape: (t: number) => number;
  /** Sigma~ scale actually used (solved from rho when calibration = rho). */
  sigma0: number;
  sigma: (t: number) => number;
  unit: PrivacyUnit;
  /** Sample indices of the privacy profile. */
  profileAt: Float64Array;
}

export function setup(p: DpSgdParams): Setup {
  const spectrum = buildSpectrum(p.spectrum, p.d);
  const n = sampleCount(p);
  const aspect = p.d / n;
  const grid = recordingGrid(n, p.grid, 'linear', n);
  const lrShape = scheduleFunction(p.lr);
  const eta = p.lr.eta;
  const lr = (t: number) => eta * lrShape(t);
  const noiseShape = scheduleFunction(p.privacy);
  const profile: number[] = [];
  for (const k of grid.steps) if (k < n) profile.push(k);
  if (profile[profile.length - 1] !== n - 1) profile.push(n - 1);
  const profileAt = Float64Array.from(profile);
  const unit = privacyUnit(n, lr, noiseShape, profileAt);
  const sigma0 = p.privacy.calibration === 'rho' ? sigmaForRho(unitFor(unit, p.privacy.accounting), p.privacy.rho) : p.privacy.sigma;
  const sigma = sigma0 > 0 ? (t: number) => sigma0 * noiseShape(t) : () => 0;
  const clipC = p.clip.enabled ? p.clip.c * Math.sqrt(p.d) : Number.POSITIVE_INFINITY;
  const threshold = p.clip.enabled && spectrum.mean > 0 ? p.clip.c / Math.sqrt(spectrum.mean) : Number.POSITIVE_INFINITY;
  return { p, spectrum, n, aspect, grid, clipC, threshold, lr, noiseShape, sigma0, sigma, unit, profileAt };
}

export function theoryInput(s: Setup, c = s.p.clip.c, enabled = s.p.clip.enabled): DpTheoryInput {
  return {
    lambda: s.spectrum.distinct,
    weight: s.spectrum.weights,
    aspect: s.aspect,
    zeta: s.p.noise,
    d0: 1 + s.p.init * s.p.init,
    threshold: enabled && s.spectrum.mean > 0 ? c / Math.sqrt(s.spectrum.mean) : Number.POSITIVE_INFINITY,
    c,
    lr: s.lr,
    sigma: s.sigma,
  };
}

