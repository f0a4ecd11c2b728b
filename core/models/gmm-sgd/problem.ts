/**
 * The concrete mixture of a `gmm-sgd` run, shared by theory and simulation: class weights and
 * labels, the distinct covariance spectra ("rows"), the class means and the clean/noisy split.
 *
 * All vectors live in the common eigenbasis. Means are stored in scaled form: unit directions
 * w_k with entries w_hat = sqrt(d) w (order 1), and mu_c = sum_k B[c][k] w_k, so
 * mu_hat_c = sqrt(d) mu_c = sum_k B[c][k] w_hat_k. A direction has equal-magnitude entries with
 * random signs on its support (all coordinates, or the clean ones), the signs drawn once per run
 * from createRng(deriveSeed(seed, MEANS_PATH)) (independent of the replicas' streams).
 */
import { createRng, deriveSeed } from '../../numerics/rng.js';
import { type RecordingGrid, horizonSteps, recordingGrid } from '../kit/index.js';
import { type GmmSgdParams, classLabels } from './params.js';

/** Path element of the run-level stream that draws the class-mean directions. */
export const MEANS_PATH = 0x6d65616e;

export interface Mixture {
  d: number;
  C: number;
  /** p_c, sum 1. */
  weights: Float64Array;
  /** y_c in {+1, -1}. */
  labels: Float64Array;
  /** Distinct spectra, rows x d, row-major. */
  lambda: Float64Array;
  rows: number;
  /** Row index of each class. */
  rowOf: Int32Array;
  /** Unit mean directions, scaled by sqrt(d): K x d row-major. */
  what: Float64Array;
  K: number;
  /** Coefficients B[c][k], C x K row-major. */
  B: Float64Array;
  /** 1 on clean coordinates. */
  clean: Uint8Array;
  cleanCount: number;
  /** sqrt(d) times the label-conditional mean difference E[mu | y=+1] - E[mu | y=-1]. */
  deltaHat: Float64Array;
  /** ||P_S delta|| and ||P_{S^c} delta|| (unscaled). */
  deltaCleanNorm: number;
  deltaNoisyNorm: number;
  /** Class-averaged mean eigenvalue sum_c p_c tr K_c / d. */
  meanLambda: number;
}

export function classExponent(p: GmmSgdParams, c: number): number {
  const C = p.classes;
  return p.spectrum.exponent + (C > 1 ? (p.spectrum.exponent_spread * c) / (C - 1) : 0);
}

function spectrumRow(p: GmmSgdParams, exponent: number, out: Float64Array): void {
  const d = p.d;
  const s = p.spectrum.scale;
  switch (p.spectrum.kind) {
    case 'isotropic':
      out.fill(s);
      break;
    case 'zero_one': {
      const nZero = Math.min(d, Math.max(0, Math.round(p.spectrum.frac_zero * d)));
      out.fill(s, 0, d - nZero);
      out.fill(0, d - nZero);
      break;
    }
    case 'power_law':
      for (let i = 0; i < d; i++) out[i] = exponent === 0 ? s : s * Math.pow((i + 0.5) / d, exponent);
      break;
  }
}

export function buildMixture(p: GmmSgdParams, seed: number): Mixture {
  const { d, classes: C } = p;
  const weights = new Float64Array(C);
  if (p.weights.length === C) {
    const total = p.weights.reduce((a, b) => a + b, 0);
    for (let c = 0; c < C; c++) weights[c] = p.weights[c] / total;
  } else weights.fill(1 / C);
  const labels = Float64Array.from(classLabels(p));

  // Distinct spectra: classes with the same exponent share a row.
  const exps: number[] = [];
  const rowOf = new Int32Array(C);
  for (let c = 0; c < C; c++) {
    const a = p.spectrum.kind === 'power_law' ? classExponent(p, c) : 0;
    let r = exps.indexOf(a);
    if (r < 0) {
      exps.push(a);
      r = exps.length - 1;
    }
    rowOf[c] = r;
  }
  const rows = exps.length;
  const lambda = new Float64Array(rows * d);
  for (let r = 0; r < rows; r++) spectrumRow(p, exps[r], lambda.subarray(r * d, (r + 1) * d));

  // Clean set: the round(clean_frac d) coordinates of smallest class-averaged variance.
  const avg = new Float64Array(d);
  for (let c = 0; c < C; c++) {
    const row = lambda.subarray(rowOf[c] * d, (rowOf[c] + 1) * d);
    for (let i = 0; i < d; i++) avg[i] += weights[c] * row[i];
  }
  const order = Array.from({ length: d }, (_, i) => i).sort((i, j) => avg[i] - avg[j] || i - j);
  const cleanCount = Math.min(d, Math.max(0, Math.round(p.clean_frac * d)));
  const clean = new Uint8Array(d);
  for (let q = 0; q < cleanCount; q++) clean[order[q]] = 1;
  let meanLambda = 0;
  for (let i = 0; i < d; i++) meanLambda += avg[i];
  meanLambda /= d;

  // Mean directions.
  const K = p.means.kind === 'random' ? C : 1;
  const what = new Float64Array(K * d);
  const rng = createRng(deriveSeed(seed, MEANS_PATH));
  rng.fillNormal(what);
  const sqrtD = Math.sqrt(d);
  for (let k = 0; k < K; k++) {
    const w = what.subarray(k * d, (k + 1) * d);
    // Flat profile: entries +-1 with random signs on the support, so mu_i^2 is the same on every
    // supported coordinate and the ODE does not depend on the realisation through |mu_i|.
    for (let i = 0; i < d; i++) w[i] = p.means.kind === 'clean' && !clean[i] ? 0 : w[i] < 0 ? -1 : 1;
    let ss = 0;
    for (let i = 0; i < d; i++) ss += w[i] * w[i];
    const scale = ss > 0 ? sqrtD / Math.sqrt(ss) : 0;
    for (let i = 0; i < d; i++) w[i] *= scale;
  }
  const B = new Float64Array(C * K);
  for (let c = 0; c < C; c++) {
    if (K === 1) B[c] = labels[c] * p.means.norm;
    else B[c * K + c] = p.means.norm;
  }

  // Label-conditional mean difference.
  let pPlus = 0;
  let pMinus = 0;
  for (let c = 0; c < C; c++) {
    if (labels[c] > 0) pPlus += weights[c];
    else pMinus += weights[c];
  }
  const coef = new Float64Array(K);
  for (let c = 0; c < C; c++) {
    const q = labels[c] > 0 ? weights[c] / pPlus : -weights[c] / pMinus;
    for (let k = 0; k < K; k++) coef[k] += q * B[c * K + k];
  }
  const deltaHat = new Float64Array(d);
  for (let k = 0; k < K; k++) {
    const ck = coef[k];
    if (ck === 0) continue;
    const w = what.subarray(k * d, (k + 1) * d);
    for (let i = 0; i < d; i++) deltaHat[i] += ck * w[i];
  }
  let cleanSq = 0;
  let noisySq = 0;
  for (let i = 0; i < d; i++) {
    const v = deltaHat[i] * deltaHat[i];
    if (clean[i]) cleanSq += v;
    else noisySq += v;
  }
  return {
    d,
    C,
    weights,
    labels,
    lambda,
    rows,
    rowOf,
    what,
    K,
    B,
    clean,
    cleanCount,
    deltaHat,
    deltaCleanNorm: Math.sqrt(cleanSq / d),
    deltaNoisyNorm: Math.sqrt(noisySq / d),
    meanLambda,
  };
}

/** The class means mu_c (unscaled), C x d row-major, for the simulation. */
export function classMeans(mix: Mixture): Float64Array {
  const { d, C, K, B, what } = mix;
  const out = new Float64Array(C * d);
  const inv = 1 / Math.sqrt(d);
  for (let c = 0; c < C; c++) {
    const row = out.subarray(c * d, (c + 1) * d);
    for (let k = 0; k < K; k++) {
      const b = B[c * K + k] * inv;
      if (b === 0) continue;
      const w = what.subarray(k * d, (k + 1) * d);
      for (let i = 0; i < d; i++) row[i] += b * w[i];
    }
  }
  return out;
}

/** The recording grid t = steps / d, linear or log-spaced (../kit/grid.ts). */
export function gridOf(p: GmmSgdParams): RecordingGrid {
  return recordingGrid(horizonSteps(p.T, p.d), p.grid, p.grid_spacing, p.d);
}
