/**
 * A replica of `nngp-gp`: GP regression on one independent draw of the training and test sets,
 * at every P of the GP-regression grid (nested training sets: the Cholesky factor of K + σ̃²I on
 * the largest set holds the factors of all its leading blocks), and the eigenvalues of K/n on the
 * first n ≤ 400 training points (the empirical kernel spectrum).
 */
import { choleskyInPlace, choleskySolveInPlace, symmetricEigenvalues } from '../../numerics/gp/index.js';
import { diagonalOf, isotropicCovariance, nngpCross, nngpGram } from '../../numerics/nngp/index.js';
import type { RunContext, RunResult } from '../model-kind.js';
import { REPLICA_STREAMS, checkpoint, hooksOf, observableSeries, observablesOf, replicaStream } from '../kit/index.js';
import { NNGP_STREAMS, permutation, sphereSample, splitRows, tableData, targetFunction, teacherDirection } from './data.js';
import { outputs } from './outputs.js';
import { gprGrid, type NngpGpParams } from './params.js';
import { predictionPoints } from './prediction.js';
import { kernelSpec } from './spectrum.js';

const obs = observablesOf(outputs);
/** Training points whose kernel eigenvalues make the empirical spectrum. */
export const EMPIRICAL_SPECTRUM_POINTS = 400;

interface ReplicaData {
  xTrain: Float64Array;
  yTrain: Float64Array;
  xTest: Float64Array;
  /** What the prediction is compared with: the noise-free target (synthetic) or the test labels (file). */
  fTest: Float64Array;
  nTrain: number;
  nTest: number;
}

function pick(x: Float64Array, y: Float64Array, d: number, rows: ArrayLike<number>, count: number) {
  const xs = new Float64Array(count * d);
  const ys = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const r = rows[i]!;
    xs.set(x.subarray(r * d, (r + 1) * d), i * d);
    ys[i] = y[r]!;
  }
  return { x: xs, y: ys };
}

function replicaData(p: NngpGpParams, replica: number, nTrain: number, ctx: RunContext): ReplicaData {
  const d = p.d;
  if (p.data.source === 'synthetic') {
    const w = teacherDirection(ctx.seed, d);
    const g = targetFunction(p);
    const train = sphereSample(nTrain, d, w, g, ctx.seed, replica, NNGP_STREAMS.train);
    const test = sphereSample(p.test_size, d, w, g, ctx.seed, replica, NNGP_STREAMS.test);
    const yTrain = train.f;
    if (p.label_noise > 0) {
      const rng = replicaStream(ctx.seed, replica, NNGP_STREAMS.noise);
      const sd = Math.sqrt(p.label_noise);
      for (let i = 0; i < nTrain; i++) yTrain[i] += sd * rng.normal();
    }
    return { xTrain: train.x, yTrain, xTest: test.x, fTest: test.f, nTrain, nTest: p.test_size };
  }
  const table = ctx.inputs?.['data'];
  if (!table || table.type !== 'table') throw new Error('nngp-gp: data.source = file but no table was given');
  const all = tableData(table, d);
  const split = splitRows(all.split);
  let trainRows: ArrayLike<number>;
  let testRows: ArrayLike<number>;
  if (split) {
    const order = permutation(split.train.length, ctx.seed, replica, REPLICA_STREAMS.shuffle);
    trainRows = Array.from(order, (i) => split.train[i]!);
    testRows = split.test;
  } else {
    const order = permutation(all.rows, ctx.seed, replica, REPLICA_STREAMS.shuffle);
    trainRows = order.subarray(0, p.P);
    testRows = order.subarray(p.P, p.P + p.test_size);
  }
  const train = pick(all.x, all.y, d, trainRows, nTrain);
  const test = pick(all.x, all.y, d, testRows, testRows.length);
  return { xTrain: train.x, yTrain: train.y, xTest: test.x, fTest: test.y, nTrain, nTest: testRows.length };
}

export function replicaPart(p: NngpGpParams, replica: number, ctx: RunContext): RunResult {
  const hooks = hooksOf(ctx);
  checkpoint(hooks, 0);
  const grid = gprGrid(p);
  const n = grid[grid.length - 1]!;
  const d = p.d;
  const data = replicaData(p, replica, n, ctx);
  const spec = kernelSpec(p);
  const m = data.nTest;
  const trainCov = isotropicCovariance(data.xTrain, n, data.xTrain, n, d, p.sigma_w2);
  const trainDiag = diagonalOf(trainCov, n);
  const k = nngpGram(spec, trainCov, n, trainCov);
  const testDiag = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += data.xTest[i * d + j] * data.xTest[i * d + j];
    testDiag[i] = (p.sigma_w2 / d) * s;
  }
  const cross = nngpCross(spec, testDiag, trainDiag, isotropicCovariance(data.xTest, m, data.xTrain, n, d, p.sigma_w2), m, n);
  checkpoint(hooks, 0.1);

  // empirical spectrum: eigenvalues of K/ns on the first ns training points
  const ns = Math.min(n, EMPIRICAL_SPECTRUM_POINTS);
  const sub = new Float64Array(ns * ns);
  for (let i = 0; i < ns; i++) for (let j = 0; j < ns; j++) sub[i * ns + j] = k[i * n + j] / ns;
  const values = symmetricEigenvalues(sub, ns);
  checkpoint(hooks, 0.2);

  for (let i = 0; i < n; i++) k[i * n + i] += p.noise;
  const bad = choleskyInPlace(k, n, (row) => {
    if ((row & 31) === 31) checkpoint(hooks, 0.2 + 0.7 * ((row + 1) / n) ** 3);
  });
  if (bad >= 0) throw new Error(`nngp-gp: K + σ̃²I is not numerically positive definite at row ${bad} (raise noise)`);

  const err = new Float64Array(grid.length);
  const alpha = new Float64Array(n);
  for (let g = 0; g < grid.length; g++) {
    const P = grid[g]!;
    alpha.set(data.yTrain.subarray(0, P));
    choleskySolveInPlace(k, n, P, alpha);
    let s = 0;
    for (let i = 0; i < m; i++) {
      const row = i * n;
      let f = 0;
      for (let j = 0; j < P; j++) f += cross[row + j] * alpha[j];
      const e = f - data.fTest[i];
      s += e * e;
    }
    err[g] = s / m;
    checkpoint(hooks, 0.9 + (0.1 * (g + 1)) / grid.length);
  }
  // the posterior mean at the run's shared prediction inputs, trained on all n points (alpha holds
  // (K + σ̃²I)⁻¹y of the last grid P = n)
  const pts = predictionPoints(p, ctx);
  const predDiag = new Float64Array(pts.m);
  for (let i = 0; i < pts.m; i++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += pts.x[i * d + j] * pts.x[i * d + j];
    predDiag[i] = (p.sigma_w2 / d) * s;
  }
  const predCross = nngpCross(spec, predDiag, trainDiag, isotropicCovariance(pts.x, pts.m, data.xTrain, n, d, p.sigma_w2), pts.m, n);
  const prediction = new Float64Array(pts.m);
  for (let i = 0; i < pts.m; i++) {
    let f = 0;
    for (let j = 0; j < n; j++) f += predCross[i * n + j] * alpha[j];
    prediction[i] = f;
  }
  const rank = new Float64Array(ns);
  const eig = new Float64Array(ns);
  for (let r = 0; r < ns; r++) {
    rank[r] = r + 1;
    eig[r] = values[ns - 1 - r];
  }
  return {
    series: [
      observableSeries(obs('test_error'), 'empirical', Float64Array.from(grid), err, { label: 'GP regression', replica, seed: ctx.seed }),
      observableSeries(obs('kernel_spectrum'), 'empirical', rank, eig, { label: `K/n on n = ${ns} samples`, replica, seed: ctx.seed }),
      observableSeries(obs('prediction'), 'empirical', pts.axis, prediction, { label: `GP regression, P = ${n}`, replica, seed: ctx.seed }),
    ],
    scalars: {},
  };
}
