/**
 * Parameters of the `nngp-gp` kind: GP regression with the NNGP kernel of a fully connected
 * network and its learning curve (theory note of arXiv 2502.18553, §1–§3; symbols in
 * docs/theory/nngp-gp.md). `nngpGpParams.parse({})` yields the defaults; unknown keys are refused.
 */
import { z } from 'zod';
import { ACTIVATIONS } from '../../numerics/nngp/index.js';
import { checkTablePath, syntheticTargetParams, tableDataParams } from '../kit/index.js';
import { AFTER_FIELD_CHECKS, num } from '../param-fields.js';

/** Largest training set of the empirical GP regression (a Cholesky of size P per replica). */
export const MAX_GPR_P = 4096;
/** Largest number of doubles a replica holds (inputs, kernel and cross-kernel matrices): 400 MB. */
export const MAX_REPLICA_ENTRIES = 50_000_000;
/** Largest number of rows of a file whose kernel spectrum the theory computes. */
export const MAX_THEORY_ROWS = 2000;

export const nngpGpParams = z
  .strictObject({
    d: num({ description: 'Input dimension d (columns x1..xd of a file)', default: 20, min: 2, max: 100_000, int: true }),
    P: num({ description: 'Largest training-set size P of the learning curve (the last point of the P grid)', default: 1024, min: 2, max: 10_000_000, int: true }),
    P_min: num({ description: 'Smallest training-set size of the P grid', default: 8, min: 1, max: 10_000_000, int: true }),
    P_points: num({ description: 'Number of P values, log-spaced from P_min to P and rounded to whole numbers', default: 12, min: 1, max: 200, int: true }),
    gpr_max_P: num({
      description: `Empirical GP regression runs at the P-grid points up to this size (a Cholesky of size P per replica; at most ${MAX_GPR_P}); the theory covers the whole grid`,
      default: 2048,
      min: 1,
      max: MAX_GPR_P,
      int: true,
    }),
    sigma_w2: num({ description: 'First-layer prior σ_w² (weights N(0, σ_w²/d)); also the inner layers’ σ_w²', default: 1, gt: 0, max: 1e4 }),
    sigma_a2: num({ description: 'Output scale σ̃_a² (readout variance × width): K₀ = σ̃_a² κ_φ(·)', default: 1, gt: 0, max: 1e6 }),
    noise: num({ description: 'GP noise σ̃² (the ridge of the posterior mean K₀(K₀ + σ̃²I)⁻¹y)', default: 0.01, min: 1e-10, max: 1e6 }),
    label_noise: num({ description: 'Variance ε² of Gaussian noise added to synthetic training labels (test error is measured against the noise-free target)', default: 0, min: 0, max: 1e6 }),
    activation: z.enum(ACTIVATIONS).default('erf').describe('Activation φ of the hidden layers: linear, erf, relu (arc-cosine kernel) or square (Wick kernel)'),
    depth: num({ description: 'Number of hidden layers of the network whose NNGP kernel is used', default: 1, min: 1, max: 16, int: true }),
    target: syntheticTargetParams({
      description: 'Target function (synthetic data)',
      kind: 'Synthetic target of x: linear w*·x; hermite He_k(w*·x)/√k!; teacher φ(w*·x) (one neuron of the activation), |w*| = 1',
      degree: { description: 'hermite: the degree k of He_k', default: 3, max: 12 },
    }),
    test_size: num({ description: 'Test points per replica (file without a split column: test rows drawn per replica)', default: 500, min: 1, max: 100_000, int: true }),
    data: tableDataParams(
      {
        source: 'synthetic: x uniform on the sphere of radius √d (|x|² = d), target as set; file: a CSV with columns x1..xd, y and optionally split',
        path: 'file: path of the CSV (header row; columns x1..xd then y; optional split column train|test)',
      },
      {
        theory_rows: num({
          description: `file: rows whose kernel spectrum stands for the data distribution in the theory (a seeded subset when the file has more; at most ${MAX_THEORY_ROWS})`,
          default: 1000,
          min: 2,
          max: MAX_THEORY_ROWS,
          int: true,
        }),
      },
    ),
  })
  .superRefine((p, ctx) => {
    if (p.P_min > p.P) ctx.addIssue({ code: 'custom', path: ['P_min'], message: `must be <= P = ${p.P}` });
    checkTablePath(p.data, ctx, 'a CSV with columns x1..xd, y');
    const grid = gprGrid(p);
    const n = grid.length > 0 ? grid[grid.length - 1]! : 0;
    const entries = n > 0 ? (n + p.test_size) * p.d + n * n + n * p.test_size : 0;
    if (entries > MAX_REPLICA_ENTRIES) {
      ctx.addIssue({
        code: 'custom',
        path: ['gpr_max_P'],
        message: `GP regression at P = ${n} with d = ${p.d} and test_size = ${p.test_size} needs ${entries.toExponential(2)} numbers per replica, more than ${MAX_REPLICA_ENTRIES.toExponential(0)}: lower gpr_max_P, test_size or d`,
      });
    }
    if (p.data.source === 'file' && p.label_noise > 0) {
      ctx.addIssue({ code: 'custom', path: ['label_noise'], message: 'applies to synthetic data only (a file’s labels are used as they are)' });
    }
  }, AFTER_FIELD_CHECKS)
  .describe('NNGP kernels and GP learning curves: equivalent kernel, renormalised ridge and GP regression on samples');

export type NngpGpParams = z.output<typeof nngpGpParams>;

/** The P grid: P_points values log-spaced from P_min to P, rounded, distinct, ascending. */
export function pGrid(p: Pick<NngpGpParams, 'P' | 'P_min' | 'P_points'>): number[] {
  const n = p.P_points;
  if (n === 1 || p.P_min === p.P) return [p.P];
  const out: number[] = [];
  const r = Math.log(p.P / p.P_min);
  for (let i = 0; i < n; i++) {
    const v = i === n - 1 ? p.P : Math.round(p.P_min * Math.exp((r * i) / (n - 1)));
    if (out.length === 0 || v > out[out.length - 1]!) out.push(v);
  }
  return out;
}

/** The P-grid points where GP regression on samples runs. */
export function gprGrid(p: NngpGpParams): number[] {
  return pGrid(p).filter((P) => P <= p.gpr_max_P);
}
