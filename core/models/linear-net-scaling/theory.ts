/**
 * The theory part of `linear-net-scaling`: on the run's data, the exact Gamma-mixture posterior
 * (§4.1), the saddle point and tree level (§4.2), the NNGP (Q = 1) and the Gaussian closure (§5.3),
 * at the run's χ and along a χ grid from 1 to N (the standard → mean-field continuum).
 */
import { checkpoint, hooksOf } from '../kit/index.js';
import type { RunContext, RunResult, Series } from '../model-kind.js';
import { solveClosure } from './closure.js';
import type { NetData } from './data.js';
import { exactMixture, saddleQ, type ScalingModel } from './mixture.js';
import { CHI } from './outputs.js';
import type { LinearNetScalingParams } from './params.js';
import { type KernelSpectrum, type MeanPredictor, kernelSpectrum, predictor, rescaledWeights } from './spectral.js';

/** Points of the χ grid. */
export const CHI_GRID = 41;
/** Largest d for which the Gaussian closure is solved (d×d iterations along the annealing). */
export const CLOSURE_MAX_D = 64;
/** Test points shown in the prediction panel. */
export const PREDICTION_POINTS = 200;

export const LABELS = {
  exact: 'exact mixture',
  saddle: 'saddle point',
  tree: 'tree level',
  nngp: 'NNGP',
  closure: 'Gaussian closure (EoS)',
  rescaling: 'isotropic rescaling Q_exact (contrast)',
} as const;

/** Internal series the merge reads (never stored). */
export const INTERNAL = { trainExact: '_train_exact', testExact: '_test_exact', trainNngp: '_train_nngp', y: '_y', ytest: '_ytest' } as const;

/** The χ grid: geometric from min(1, χ) to max(N, χ). */
export function chiGrid(p: Pick<LinearNetScalingParams, 'N' | 'chi'>): Float64Array {
  const lo = Math.min(1, p.chi);
  const hi = Math.max(p.N, p.chi);
  if (hi <= lo) return Float64Array.of(lo);
  return Float64Array.from({ length: CHI_GRID }, (_, i) => lo * (hi / lo) ** (i / (CHI_GRID - 1)));
}

export function spectrumOf(p: LinearNetScalingParams, data: NetData): KernelSpectrum {
  return kernelSpectrum(data.X, data.y, data.Xtest, data.ytest, data.P, data.Ptest, data.d, (p.sigma_a2 * p.sigma_w2) / p.d);
}

export interface TheoryAtChi {
  Q: { exact: number; exactSd: number; saddle: number; tree: number };
  exact: MeanPredictor;
  saddle: MeanPredictor;
  tree: MeanPredictor;
  nngp: MeanPredictor;
}

/** Every Q and mean predictor at one χ. */
export function theoryAt(spec: KernelSpectrum, p: Pick<LinearNetScalingParams, 'N' | 'noise'>, chi: number): TheoryAtChi {
  const m: ScalingModel = { N: p.N, chi, noise: p.noise };
  const ex = exactMixture(spec, m);
  const saddle = saddleQ(spec, m, false);
  const tree = saddleQ(spec, m, true);
  return {
    Q: { exact: ex.Q, exactSd: Math.sqrt(ex.varQ), saddle, tree },
    exact: predictor(spec, ex.g),
    saddle: predictor(spec, rescaledWeights(spec, saddle, p.noise)),
    tree: predictor(spec, rescaledWeights(spec, tree, p.noise)),
    nngp: predictor(spec, rescaledWeights(spec, 1, p.noise)),
  };
}

function mse(f: Float64Array, y: Float64Array): number {
  if (f.length === 0) return Number.NaN;
  let s = 0;
  for (let k = 0; k < f.length; k++) s += (f[k]! - y[k]!) ** 2;
  return s / f.length;
}

export function theoryPart(p: LinearNetScalingParams, data: NetData, ctx: RunContext): RunResult {
  const hooks = hooksOf(ctx);
  checkpoint(hooks, 0);
  const spec = spectrumOf(p, data);
  const grid = chiGrid(p);
  const series: Series[] = [];
  const scalars: Record<string, number> = {};
  const notes: string[] = [];
  const curve = (name: string, label: string, x: Float64Array, y: Float64Array, xLabel: string, yLabel: string): Series => ({
    name,
    source: 'theory',
    label,
    seed: ctx.seed,
    x,
    y,
    xLabel,
    yLabel,
  });

  // Along χ.
  const methods = ['exact', 'saddle', 'tree', 'nngp'] as const;
  const testErr = Object.fromEntries(methods.map((k) => [k, new Float64Array(grid.length)])) as Record<(typeof methods)[number], Float64Array>;
  const trainErr = Object.fromEntries(methods.map((k) => [k, new Float64Array(grid.length)])) as Record<(typeof methods)[number], Float64Array>;
  const Qs = { exact: new Float64Array(grid.length), saddle: new Float64Array(grid.length), tree: new Float64Array(grid.length) };
  grid.forEach((chi, i) => {
    checkpoint(hooks, (0.6 * i) / grid.length);
    const t = theoryAt(spec, p, chi);
    for (const k of methods) {
      testErr[k][i] = t[k].testError;
      trainErr[k][i] = t[k].trainError;
    }
    Qs.exact[i] = t.Q.exact;
    Qs.saddle[i] = t.Q.saddle;
    Qs.tree[i] = t.Q.tree;
  });
  checkpoint(hooks, 0.6);

  // The Gaussian closure along the same grid and at the run's χ (one annealing pass).
  const closureOn = p.d <= CLOSURE_MAX_D;
  const closure = closureOn
    ? solveClosure(
        { X: data.X, y: data.y, Xtest: data.Xtest, P: data.P, Ptest: data.Ptest, d: p.d, N: p.N, sigma_w2: p.sigma_w2, sigma_a2: p.sigma_a2, noise: p.noise },
        grid.includes(p.chi) ? [...grid] : [...grid, p.chi],
        { isCancelled: hooks.isCancelled },
      )
    : [];
  checkpoint(hooks, 0.9);
  if (!closureOn) notes.push(`Gaussian closure not solved: d = ${p.d} > ${CLOSURE_MAX_D}`);
  const closureGrid = closure.filter((s) => grid.includes(s.chi));
  const closureX = Float64Array.from(closureGrid.map((s) => s.chi));
  const cTest = Float64Array.from(closureGrid.map((s) => mse(s.test, data.ytest)));
  const cTrain = Float64Array.from(closureGrid.map((s) => mse(s.train, data.y)));

  const YT = 'test MSE (1/P*) Σ (f̄ − y)²';
  const YR = 'train MSE (1/P) Σ (f̄ − y)²';
  if (data.Ptest > 0) {
    for (const k of methods) series.push(curve('test_error', LABELS[k], grid, testErr[k], CHI, YT));
    if (closureX.length > 0) series.push(curve('test_error', LABELS.closure, closureX, cTest, CHI, YT));
  }
  for (const k of methods) series.push(curve('train_error', LABELS[k], grid, trainErr[k], CHI, YR));
  if (closureX.length > 0) series.push(curve('train_error', LABELS.closure, closureX, cTrain, CHI, YR));
  for (const k of ['exact', 'saddle', 'tree'] as const) series.push(curve('kernel_scale', LABELS[k], grid, Qs[k], CHI, 'Q'));

  // At the run's χ.
  const here = theoryAt(spec, p, p.chi);
  const at = closure.find((s) => s.chi === p.chi);
  scalars.Q_exact = here.Q.exact;
  scalars.Q_saddle = here.Q.saddle;
  scalars.Q_tree = here.Q.tree;
  scalars.Q_exact_sd = here.Q.exactSd;
  for (const k of methods) {
    if (data.Ptest > 0) scalars[`test_error_${k}`] = here[k].testError;
    scalars[`train_error_${k}`] = here[k].trainError;
  }
  if (at) {
    if (data.Ptest > 0) scalars.test_error_closure = mse(at.test, data.ytest);
    scalars.train_error_closure = mse(at.train, data.y);
    scalars.spike_closure = at.spectrum[0]!;
    if (p.d > 1) {
      scalars.bulk_closure_max = at.spectrum[1]!;
      scalars.bulk_closure_min = at.spectrum[p.d - 1]!;
    }
  } else if (closureOn) {
    notes.push(`Gaussian closure lost positive-definiteness before χ = ${p.chi}`);
  }
  scalars.spike_tree = here.Q.tree;
  scalars.kernel_rank = spec.lambda.length;

  const n = Math.min(data.Ptest, PREDICTION_POINTS);
  if (n > 0) {
    const idx = Float64Array.from({ length: n }, (_, k) => k + 1);
    for (const k of methods) series.push(curve('prediction', LABELS[k], idx, here[k].test.slice(0, n), 'test point', 'f̄(x*)'));
    if (at) series.push(curve('prediction', LABELS.closure, idx, at.test.slice(0, n), 'test point', 'f̄(x*)'));
  }
  const ranks = Float64Array.from({ length: p.d }, (_, k) => k + 1);
  const YW = 'eigenvalue of (d/σ_w²)⟨w wᵀ⟩';
  series.push(curve('weight_spectrum', LABELS.tree, ranks, Float64Array.from(ranks, (_, k) => (k === 0 ? here.Q.tree : 1)), 'eigenvalue rank', YW));
  if (at) series.push(curve('weight_spectrum', LABELS.closure, ranks, at.spectrum, 'eigenvalue rank', YW));
  series.push(curve('weight_spectrum', LABELS.rescaling, ranks, new Float64Array(p.d).fill(here.Q.exact), 'eigenvalue rank', YW));

  // For the merge (dropped there).
  series.push(curve(INTERNAL.trainExact, '', Float64Array.from(here.exact.train, (_, k) => k), here.exact.train, 'index', ''));
  series.push(curve(INTERNAL.testExact, '', Float64Array.from(here.exact.test, (_, k) => k), here.exact.test, 'index', ''));
  series.push(curve(INTERNAL.trainNngp, '', Float64Array.from(here.nngp.train, (_, k) => k), here.nngp.train, 'index', ''));
  series.push(curve(INTERNAL.y, '', Float64Array.from(data.y, (_, k) => k), data.y.slice(), 'index', ''));
  series.push(curve(INTERNAL.ytest, '', Float64Array.from(data.ytest, (_, k) => k), data.ytest.slice(), 'index', ''));
  checkpoint(hooks, 1);
  return { series, scalars, notes };
}
