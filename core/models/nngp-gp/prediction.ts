/**
 * The `prediction` series of `nngp-gp`: the posterior mean at a set of inputs shared by every part
 * of a run (the same for the theory and for every replica), at the largest P of the GP-regression
 * grid (the largest P of the learning curve when no GP regression runs).
 *
 * - theory: the data-averaged posterior mean of the spectral theories, f̄(x) = Σ_k L_k g_k φ_k(x)
 *   with L_k = λ_k/(λ_k + κ/P) (κ = κ_eff: renormalised ridge; κ = σ̃²: EK). Synthetic data: the
 *   eigenfunctions of degree l of the single-index target are N(d, l) P_l(w*·x/√d) with the
 *   target's projection E_u[g(√d u) P_l(u)]; file data: the Nyström eigenfunctions on the theory
 *   rows, L_k φ_k(x) = Σ_i K(x, x_i) v_ik / (√n (λ_k + κ/P)) (with κ = σ̃² and P = n this is the
 *   GP posterior mean trained on those rows, exactly);
 * - empirical: each replica's GP regression posterior mean k(x)ᵀ(K + σ̃²I)⁻¹y on its own training
 *   set (./simulate.ts).
 *
 * x is the teacher's projection w*·x of each point (synthetic: the target depends on x through it
 * only; points sorted by it) or the test point's index (file data).
 */
import { nngpCross, isotropicCovariance } from '../../numerics/nngp/index.js';
import { effectiveRidge } from '../../numerics/gp/index.js';
import type { RunContext, Series } from '../model-kind.js';
import { REPLICA_STREAMS, observableSeries, observablesOf } from '../kit/index.js';
import { permutation, sphereSample, splitRows, tableData, targetFunction, teacherDirection } from './data.js';
import { outputs } from './outputs.js';
import { gprGrid, type NngpGpParams, pGrid } from './params.js';
import { kernelSpec, type TheorySpectrum } from './spectrum.js';

const obs = observablesOf(outputs);

/** Points at which the prediction is reported (at most; fewer when the test set is smaller). */
export const PREDICTION_POINTS = 100;

export interface PredictionPoints {
  /** Inputs, m x d row-major. */
  x: Float64Array;
  m: number;
  /** The series' x: w*·x (synthetic) or the index (file). */
  axis: Float64Array;
}

/** The training-set size of the prediction: the largest P GP regression runs at, else the largest P. */
export function predictionP(p: NngpGpParams): number {
  const g = gprGrid(p);
  if (g.length > 0) return g[g.length - 1]!;
  const all = pGrid(p);
  return all[all.length - 1]!;
}

/** The shared prediction inputs of a run (the same in every part). */
export function predictionPoints(p: NngpGpParams, ctx: RunContext): PredictionPoints {
  const d = p.d;
  if (p.data.source === 'synthetic') {
    const m = Math.min(PREDICTION_POINTS, p.test_size);
    const w = teacherDirection(ctx.seed, d);
    const raw = sphereSample(m, d, w, (z) => z, ctx.seed, 0, REPLICA_STREAMS.predictionPoints);
    const order = Array.from(raw.f.keys()).sort((a, b) => raw.f[a]! - raw.f[b]! || a - b);
    const x = new Float64Array(m * d);
    const axis = new Float64Array(m);
    order.forEach((r, i) => {
      x.set(raw.x.subarray(r * d, (r + 1) * d), i * d);
      axis[i] = raw.f[r]!;
    });
    return { x, m, axis };
  }
  const table = ctx.inputs?.['data'];
  if (!table || table.type !== 'table') throw new Error('nngp-gp: data.source = file but no table was given');
  const all = tableData(table, d);
  const split = splitRows(all.split);
  const rows = split ? split.test : Array.from(permutation(all.rows, ctx.seed, 0, REPLICA_STREAMS.shuffle).subarray(p.P, p.P + p.test_size));
  const m = Math.min(PREDICTION_POINTS, rows.length);
  const x = new Float64Array(m * d);
  for (let i = 0; i < m; i++) x.set(all.x.subarray(rows[i]! * d, (rows[i]! + 1) * d), i * d);
  return { x, m, axis: Float64Array.from({ length: m }, (_, i) => i) };
}

/** The spectral posterior mean Σ_k L_k g_k φ_k at the points, for the ridge κ (κ_eff or σ̃²) at P. */
export function spectralMean(p: NngpGpParams, s: TheorySpectrum, pts: PredictionPoints, kappa: number, P: number): Float64Array {
  const out = new Float64Array(pts.m);
  const d = p.d;
  if (s.modes) {
    const { x: rows, n, vectors } = s.modes;
    const diag = new Float64Array(pts.m);
    const rowDiag = new Float64Array(n);
    for (let i = 0; i < pts.m; i++) diag[i] = sq(pts.x, i, d) * (p.sigma_w2 / d);
    for (let i = 0; i < n; i++) rowDiag[i] = sq(rows, i, d) * (p.sigma_w2 / d);
    const cross = nngpCross(kernelSpec(p), diag, rowDiag, isotropicCovariance(pts.x, pts.m, rows, n, d, p.sigma_w2), pts.m, n);
    const sqrtN = Math.sqrt(n);
    for (let r = 0; r < n; r++) {
      const col = n - 1 - r;
      const g = s.coefficient[r]!;
      if (g === 0) continue;
      const c = g / (sqrtN * (s.lambda[r]! + kappa / P));
      for (let a = 0; a < pts.m; a++) {
        let kv = 0;
        for (let i = 0; i < n; i++) kv += cross[a * n + i]! * vectors[i * n + col]!;
        out[a] += c * kv;
      }
    }
    return out;
  }
  // synthetic: degree l contributes L_l N(d, l) proj_l P_l(u), u = w*·x/√d
  const maxDeg = s.degree.length > 0 ? Math.max(...s.degree) : 0;
  const weight = new Float64Array(maxDeg + 1);
  for (let j = 0; j < s.lambda.length; j++) {
    const L = s.lambda[j]! / (s.lambda[j]! + kappa / P);
    weight[s.degree[j]!] = L * s.multiplicity[j]! * s.coefficient[j]!;
  }
  const sqrtD = Math.sqrt(d);
  for (let a = 0; a < pts.m; a++) {
    const u = pts.axis[a]! / sqrtD;
    let p0 = 1;
    let p1 = u;
    let f = weight[0]!;
    if (maxDeg >= 1) f += weight[1]! * u;
    for (let l = 1; l < maxDeg; l++) {
      const p2 = ((2 * l + d - 2) * u * p1 - l * p0) / (l + d - 2);
      f += weight[l + 1]! * p2;
      p0 = p1;
      p1 = p2;
    }
    out[a] = f;
  }
  return out;
}

function sq(x: Float64Array, row: number, d: number): number {
  let s = 0;
  for (let k = 0; k < d; k++) s += x[row * d + k]! * x[row * d + k]!;
  return s;
}

/** The theory's prediction series (renormalised ridge and EK) and, synthetic, the target at the points. */
export function theoryPredictions(p: NngpGpParams, spectrum: TheorySpectrum, ctx: RunContext): Series[] {
  const pts = predictionPoints(p, ctx);
  if (pts.m === 0) return [];
  const P = predictionP(p);
  const kappa = effectiveRidge(spectrum, P, p.noise);
  const spec = obs('prediction');
  const series = [
    observableSeries(spec, 'theory', pts.axis, spectralMean(p, spectrum, pts, kappa, P), { label: `renormalised ridge, P = ${P}` }),
    observableSeries(spec, 'theory', pts.axis, spectralMean(p, spectrum, pts, p.noise, P), { label: `EK, P = ${P}` }),
  ];
  if (p.data.source === 'synthetic') {
    const g = targetFunction(p);
    series.push(observableSeries(spec, 'theory', pts.axis, pts.axis.map((z) => g(z)), { label: 'target f*' }));
  }
  return series;
}
