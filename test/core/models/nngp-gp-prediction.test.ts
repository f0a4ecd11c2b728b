/**
 * nngp-gp's `prediction` series (G1-style): the posterior mean at the run's shared inputs, the
 * theory's spectral form and GP regression on samples, each against a direct solve written here
 * (the erf NNGP kernel in its arcsine form, the system solved by ml-matrix) or a closed form.
 */
import { Matrix, solve } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import type { TableDataset } from '../../../core/models/kit/dataset.js';
import { nngpGp } from '../../../core/models/nngp-gp/index.js';
import { predictionPoints, spectralMean } from '../../../core/models/nngp-gp/prediction.js';
import { tableSpectrum } from '../../../core/models/nngp-gp/spectrum.js';
import { runKind } from '../../../core/models/run-kind.js';
import { createRng } from '../../../core/numerics/rng.js';
import { ctx } from './ctx.js';

/** Rows on the sphere √d S^{d−1} with y = erf(x1 − x2) + noise and a split column (every third row test). */
function table(d: number, rows: number): TableDataset {
  const rng = createRng(5);
  const cols = Array.from({ length: d }, () => new Float64Array(rows));
  const y = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    const z = Array.from({ length: d }, () => rng.normal());
    const s = Math.sqrt(z.reduce((a, v) => a + v * v, 0));
    for (let k = 0; k < d; k++) cols[k]![r] = (z[k]! * Math.sqrt(d)) / s;
    y[r] = Math.tanh(cols[0]![r]! - cols[1]![r]!) + 0.05 * rng.normal();
  }
  const split = Array.from({ length: rows }, (_, i) => (i % 3 === 0 ? 'test' : 'train'));
  return {
    type: 'table',
    columns: [...cols.map((values, k) => ({ name: `x${k + 1}`, values })), { name: 'y', values: y }],
    rows,
    textColumns: [{ name: 'split', values: split }],
  };
}

/** The erf NNGP kernel of one hidden layer: σ̃_a² (2/π) arcsin(2c/√((1+2c_xx)(1+2c_yy))), c = σ_w² x·x'/d. */
function erfKernel(x: number[], z: number[], sw2: number, sa2: number): number {
  const d = x.length;
  const dot = (a: number[], b: number[]) => a.reduce((s, v, k) => s + v * b[k]!, 0);
  const c = (a: number[], b: number[]) => (sw2 * dot(a, b)) / d;
  return sa2 * (2 / Math.PI) * Math.asin((2 * c(x, z)) / Math.sqrt((1 + 2 * c(x, x)) * (1 + 2 * c(z, z))));
}

/** k(x*)ᵀ(K + σ̃²I)⁻¹y by a dense solve. */
function directMean(train: number[][], y: number[], at: number[][], sw2: number, sa2: number, noise: number): number[] {
  const n = train.length;
  const K = Matrix.zeros(n, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) K.set(i, j, erfKernel(train[i]!, train[j]!, sw2, sa2) + (i === j ? noise : 0));
  const alpha = solve(K, Matrix.columnVector(y)).getColumn(0);
  return at.map((x) => train.reduce((s, t, j) => s + erfKernel(x, t, sw2, sa2) * alpha[j]!, 0));
}

const rowsOf = (data: TableDataset, d: number, pick: (r: number) => boolean): { x: number[][]; y: number[] } => {
  const x: number[][] = [];
  const y: number[] = [];
  for (let r = 0; r < data.rows; r++) {
    if (!pick(r)) continue;
    x.push(Array.from({ length: d }, (_, k) => data.columns[k]!.values[r]!));
    y.push(data.columns[d]!.values[r]!);
  }
  return { x, y };
};

describe('nngp-gp prediction', () => {
  const d = 3;
  const data = table(d, 240);
  const base = { d, activation: 'erf', depth: 1, sigma_w2: 1.5, sigma_a2: 1.2, noise: 0.02, test_size: 80, data: { source: 'file', path: 'data.csv' } } as const;

  it('G1: GP regression on samples equals the direct solve at the shared test points (split column, P = all train rows)', () => {
    const p = nngpGp.params.parse({ ...base, P: 160, P_min: 40, P_points: 3 });
    const r = runKind(nngpGp, p, { ...ctx(4, 2), inputs: { data } });
    const train = rowsOf(data, d, (i) => i % 3 !== 0);
    const test = rowsOf(data, d, (i) => i % 3 === 0);
    const ref = directMean(train.x, train.y, test.x, p.sigma_w2, p.sigma_a2, p.noise);
    const reps = r.series.filter((s) => s.name === 'prediction' && s.source === 'empirical' && s.replica !== undefined);
    expect(reps.length).toBe(2);
    for (const s of reps) {
      expect(Array.from(s.x)).toEqual(Array.from({ length: 80 }, (_, i) => i));
      for (let i = 0; i < 80; i++) expect(Math.abs(s.y[i]! - ref[i]!)).toBeLessThan(1e-10 * (1 + Math.abs(ref[i]!)));
    }
    const mean = r.series.find((s) => s.name === 'prediction' && s.source === 'empirical' && s.replica === undefined)!;
    expect(mean.label).toMatch(/GP regression mean/);
    const theory = r.series.filter((s) => s.name === 'prediction' && s.source === 'theory').map((s) => s.label);
    expect(theory).toEqual(['renormalised ridge, P = 160', 'EK, P = 160']);
  });

  it('G1: the spectral (Nyström) posterior mean with the EK ridge at P = n equals the GP posterior mean trained on the n theory rows', () => {
    const p = nngpGp.params.parse({ ...base, P: 160 });
    const all = rowsOf(data, d, () => true);
    const n = all.x.length;
    const spectrum = tableSpectrum(p, Float64Array.from(all.x.flat()), Float64Array.from(all.y), n);
    const pts = predictionPoints(p, { ...ctx(4, 0), inputs: { data } });
    const got = spectralMean(p, spectrum, pts, p.noise, n);
    const at = Array.from({ length: pts.m }, (_, a) => Array.from(pts.x.subarray(a * d, (a + 1) * d)));
    const ref = directMean(all.x, all.y, at, p.sigma_w2, p.sigma_a2, p.noise);
    for (let a = 0; a < pts.m; a++) expect(Math.abs(got[a]! - ref[a]!)).toBeLessThan(1e-9 * (1 + Math.abs(ref[a]!)));
  });

  it('synthetic linear network on a linear target: the theory predicts L f*(x) with L = λ/(λ + κ/P), κ = κ_eff or σ̃² (closed form)', () => {
    const [dd, sw, sa, s2] = [12, 1.5, 2, 0.05];
    const p = nngpGp.params.parse({ d: dd, sigma_w2: sw, sigma_a2: sa, noise: s2, activation: 'linear', depth: 2, P_min: 4, P: 48, P_points: 3, gpr_max_P: 48, test_size: 30 });
    const r = runKind(nngpGp, p, ctx(2, 3));
    const lam = (sa * sw * sw) / dd; // K₀ = σ̃_a² σ_w⁴ x·x'/d: λ on the d linear harmonics
    // κ_eff of one group of d modes: κ = σ̃² + d λ (κ/P)/(λ + κ/P), the positive root
    const P = 48;
    const b = lam * P - s2 - dd * lam;
    const kappa = (-b + Math.sqrt(b * b + 4 * lam * P * s2)) / 2;
    expect(Math.abs(kappa - r.scalars.kappa_eff!) / kappa).toBeLessThan(1e-9);
    const target = r.series.find((s) => s.name === 'prediction' && s.label === 'target f*')!;
    for (const [label, k] of [['renormalised ridge', kappa], ['EK', s2]] as const) {
      const s = r.series.find((q) => q.name === 'prediction' && q.source === 'theory' && q.label === `${label}, P = 48`)!;
      const L = lam / (lam + k / P);
      expect(s.x.length).toBe(30);
      for (let i = 0; i < s.x.length; i++) {
        expect(target.y[i]).toBe(s.x[i]); // linear target: f* = w*·x
        expect(Math.abs(s.y[i]! - L * s.x[i]!)).toBeLessThan(1e-10 * (1 + Math.abs(s.x[i]!)));
      }
      // sorted by the teacher projection, every replica at the same inputs
      for (let i = 1; i < s.x.length; i++) expect(s.x[i]!).toBeGreaterThanOrEqual(s.x[i - 1]!);
    }
    const reps = r.series.filter((s) => s.name === 'prediction' && s.source === 'empirical' && s.replica !== undefined);
    expect(reps.length).toBe(3);
    for (const s of reps) expect(Array.from(s.x)).toEqual(Array.from(target.x));
  });
});
