/**
 * The theory part of `adaptive-kernel`: the NNGP (N -> infinity) and the EoS annealed in chi from
 * chi_start to chi, on the run's data; predictions at the test points, the spectra of Sigma and of
 * the output kernel, and the train/test errors of the mean predictor along the path.
 */
import { type RunHooks, checkpoint } from '../kit/index.js';
import { type AnnealResult, anneal, annealGrid } from './anneal.js';
import type { Data } from './data.js';
import { EosWorkspace, type EosProblem, priorCovariance } from './eos.js';
import { pairKernel } from '../../numerics/nngp/index.js';
import { symmetricEigenvalues } from './linalg.js';
import type { AdaptiveKernelParams } from './params.js';

export function eosProblem(p: AdaptiveKernelParams, data: Data): EosProblem {
  return {
    X: data.X,
    y: data.y,
    P: data.P,
    d: data.d,
    activation: p.activation,
    sigmaW2: p.sigma_w2,
    sigmaA2: p.sigma_a2,
    noise: p.noise,
    N: p.N,
    closure: p.solver.closure,
  };
}

/** The mean predictor Q(Sigma)(x*, X) t at inputs Xs (m x d), given the workspace at Sigma. */
export function predictAt(ws: EosWorkspace, sigma: Float64Array, Xs: Float64Array, m: number, out = new Float64Array(m)): Float64Array {
  const { X, P, d, activation, sigmaA2 } = ws.problem;
  const xs = new Float64Array(m * d);
  for (let a = 0; a < m; a++) {
    const ra = a * d;
    for (let j = 0; j < d; j++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += Xs[ra + k] * sigma[k * d + j];
      xs[ra + j] = s;
    }
  }
  for (let a = 0; a < m; a++) {
    const ra = a * d;
    let ba = 0;
    for (let k = 0; k < d; k++) ba += xs[ra + k] * Xs[ra + k];
    let f = 0;
    for (let mu = 0; mu < P; mu++) {
      let c = 0;
      const rm = mu * d;
      for (let k = 0; k < d; k++) c += xs[ra + k] * X[rm + k];
      f += sigmaA2 * pairKernel(activation, ba, c, ws.cov[mu * P + mu]) * ws.t[mu];
    }
    out[a] = f;
  }
  return out;
}

/** The training-point mean predictor Kbar t = y - noise t, given the workspace at Sigma. */
export function trainPrediction(ws: EosWorkspace): Float64Array {
  const { y, noise, P } = ws.problem;
  const out = new Float64Array(P);
  for (let i = 0; i < P; i++) out[i] = y[i] - noise * ws.t[i];
  return out;
}

export function meanSquaredError(f: Float64Array, y: Float64Array): number {
  let s = 0;
  for (let i = 0; i < f.length; i++) s += (f[i] - y[i]) ** 2;
  return s / f.length;
}

/** Eigenvalues of a symmetric n x n matrix times `scale`, in decreasing order. */
export function scaledEigenvalues(a: Float64Array, n: number, scale = 1): Float64Array {
  const ev = symmetricEigenvalues(a, n);
  for (let i = 0; i < n; i++) ev[i] *= scale;
  return ev;
}

export interface GpPoint {
  train: Float64Array;
  test: Float64Array;
  trainError: number;
  testError: number;
}

function gpPoint(ws: EosWorkspace, sigma: Float64Array, data: Data): GpPoint {
  const train = trainPrediction(ws);
  const test = predictAt(ws, sigma, data.Xt, data.T);
  return { train, test, trainError: meanSquaredError(train, data.y), testError: meanSquaredError(test, data.yt) };
}

export interface EosTheory {
  nngp: GpPoint & { kernelSpectrum: Float64Array };
  /** chi t0^T K0 t0. */
  emergentScale: number;
  path: AnnealResult;
  /** Train/test errors at each converged path point. */
  pathErrors: { chi: number; train: number; test: number }[];
  /** The EoS at the target chi, when it converged there. */
  eos?: GpPoint & { sigma: Float64Array; weightSpectrum: Float64Array; kernelSpectrum: Float64Array; residual: number };
}

/** chi t^T Kbar t for the kernel and t the workspace holds (at the NNGP: the emergent scale). */
export function emergentScaleAt(ws: EosWorkspace, chi: number): number {
  const { P } = ws;
  let quad = 0;
  for (let i = 0; i < P; i++) {
    let s = 0;
    for (let j = 0; j < P; j++) s += ws.kernel[i * P + j] * ws.t[j];
    quad += ws.t[i] * s;
  }
  return chi * quad;
}

/** The emergent scale chi t0^T K0 t0 of `p` on `data` (the NNGP alone, no EoS solve). */
export function emergentScale(p: AdaptiveKernelParams, data: Data): number {
  const ws = new EosWorkspace(eosProblem(p, data));
  if (!ws.kernelAt(priorCovariance(data.d, p.sigma_w2))) throw new RangeError('the NNGP kernel plus noise is not positive definite (non-finite inputs?)');
  return emergentScaleAt(ws, p.chi);
}

/** The width grid: `points` geometric values from max(start, N) down to N (just N when start <= N). */
export function widthGrid(start: number, N: number, points: number): number[] {
  const hi = Math.max(start, N);
  if (points <= 1 || hi <= N) return [N];
  const out: number[] = [];
  const r = Math.log(hi / N);
  for (let k = 0; k < points; k++) out.push(k === points - 1 ? N : hi * Math.exp((-r * k) / (points - 1)));
  return out;
}

/** Solves the NNGP and the annealed EoS for `p` on `data`. */
export function eosTheory(p: AdaptiveKernelParams, data: Data, hooks: RunHooks = {}): EosTheory {
  const problem = eosProblem(p, data);
  const ws = new EosWorkspace(problem);
  const sigma0 = priorCovariance(data.d, p.sigma_w2);
  if (!ws.kernelAt(sigma0)) throw new RangeError('the NNGP kernel plus noise is not positive definite (non-finite inputs?)');
  const nngp = { ...gpPoint(ws, sigma0, data), kernelSpectrum: scaledEigenvalues(ws.kernel, data.P, 1 / data.P) };
  const emergentScale = emergentScaleAt(ws, p.chi);
  const byWidth = p.solver.anneal === 'width';
  const grid = byWidth ? widthGrid(p.solver.width_start, p.N, p.solver.path_points) : annealGrid(p.solver.chi_start, p.chi, p.solver.path_points);
  const budget = grid.length * Math.min(p.solver.max_iter, 60);
  let evaluations = 0;
  const pathErrors: EosTheory['pathErrors'] = [];
  let last: (GpPoint & { sigma: Float64Array }) | undefined;
  const path = anneal(
    ws,
    sigma0,
    grid,
    {
      tol: p.solver.tol,
      maxIter: p.solver.max_iter,
      damping: p.solver.damping,
      anderson: p.solver.anderson,
      onIteration: () => checkpoint(hooks, Math.min(0.99, ++evaluations / budget)),
    },
    (point, w) => {
      const g = gpPoint(w, point.sigma, data);
      // a width path stays at one chi: its error curve in chi is the target point alone
      if (!byWidth || point.N === p.N) pathErrors.push({ chi: point.chi, train: g.trainError, test: g.testError });
      last = { ...g, sigma: point.sigma };
    },
    byWidth ? { kind: 'width', chi: p.chi } : { kind: 'chi' },
  );
  checkpoint(hooks, 1);
  const out: EosTheory = { nngp, emergentScale, path, pathErrors };
  if (path.converged && last) {
    // The workspace still holds the kernel of the last converged point (the target).
    out.eos = {
      ...last,
      weightSpectrum: scaledEigenvalues(last.sigma, data.d, data.d / p.sigma_w2),
      kernelSpectrum: scaledEigenvalues(ws.kernel, data.P, 1 / data.P),
      residual: path.points[path.points.length - 1].residual,
    };
  }
  return out;
}
