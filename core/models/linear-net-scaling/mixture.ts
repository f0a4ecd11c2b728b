/**
 * The exact posterior of the two-layer linear network and its large-N approximations (field-theory
 * note §4.1, §4.2), on the eigenbasis of ./spectral.ts.
 *
 * Exact: the output prior is a Gamma scale mixture of the NNGP, f | Q ~ GP(0, QK̂/χ),
 * Q ~ Gamma(N/2, rate N/2), so the posterior over Q is one-dimensional,
 *   log p(Q|y) = (N/2 − 1) log Q − NQ/2 − ½ Σ_j log(Qλ_j + σ̃²) − (χ/2) Σ_j ỹ_j²/(Qλ_j + σ̃²) + const,
 * and the posterior mean is the GP mean with weights E[g_j(Q) | y]. The integrals over Q are taken
 * in u = log Q by the trapezoidal rule on a uniform grid covering the posterior's mass (a smooth,
 * rapidly decaying integrand: the rule converges geometrically).
 *
 * Saddle point: Q solving 1 − 1/Q = (χ/N) s(Q) − τ(Q)/N, s = Σ ỹ_j²λ_j/(Qλ_j+σ̃²)², τ = Σ λ_j/(Qλ_j+σ̃²);
 * tree level drops τ. Where there are several roots, the one of largest action.
 */
import { type KernelSpectrum, rescaledWeights } from './spectral.js';

export interface ScalingModel {
  N: number;
  chi: number;
  /** σ̃². */
  noise: number;
}

/** log p(Q|y) up to a constant, in u = log Q (including the Jacobian Q). */
function logPosteriorU(spec: KernelSpectrum, m: ScalingModel, u: number): number {
  const Q = Math.exp(u);
  const { lambda, yt } = spec;
  let acc = (m.N / 2) * u - (m.N / 2) * Q;
  for (let j = 0; j < lambda.length; j++) {
    const den = Q * lambda[j]! + m.noise;
    acc -= 0.5 * Math.log(den) + (0.5 * m.chi * yt[j]! * yt[j]!) / den;
  }
  return acc;
}

export interface MixturePosterior {
  /** E[Q | y]. */
  Q: number;
  /** Var[Q | y]. */
  varQ: number;
  /** E[g_j(Q) | y]: the weights of the posterior mean predictor. */
  g: Float64Array;
  /** The quadrature: nodes u = log Q and normalised weights (Σ w = 1). */
  nodes: Float64Array;
  weights: Float64Array;
}

/** Nodes of the fine trapezoidal grid. */
const FINE_NODES = 801;
/** Posterior mass is kept where log p is within this of its maximum (e^−46 ≈ 1e−20). */
const LOG_WINDOW = 46;

/** The exact Gamma-mixture posterior over Q (note §4.1). */
export function exactMixture(spec: KernelSpectrum, m: ScalingModel): MixturePosterior {
  // Locate the mass on a coarse grid in u (Q from e^−25 to e^12), then refine around it.
  const lo = -25;
  const hi = 12;
  const coarse = 600;
  let best = -Infinity;
  const hs = new Float64Array(coarse + 1);
  for (let i = 0; i <= coarse; i++) {
    hs[i] = logPosteriorU(spec, m, lo + ((hi - lo) * i) / coarse);
    if (hs[i]! > best) best = hs[i]!;
  }
  let first = 0;
  let last = coarse;
  while (first < coarse && hs[first]! < best - LOG_WINDOW) first++;
  while (last > 0 && hs[last]! < best - LOG_WINDOW) last--;
  const h = (hi - lo) / coarse;
  const a = lo + (first - 1) * h;
  const b = lo + (last + 1) * h;
  const nodes = new Float64Array(FINE_NODES);
  const logw = new Float64Array(FINE_NODES);
  let top = -Infinity;
  for (let i = 0; i < FINE_NODES; i++) {
    const u = a + ((b - a) * i) / (FINE_NODES - 1);
    nodes[i] = u;
    logw[i] = logPosteriorU(spec, m, u);
    if (logw[i]! > top) top = logw[i]!;
  }
  const weights = new Float64Array(FINE_NODES);
  let total = 0;
  for (let i = 0; i < FINE_NODES; i++) {
    const w = Math.exp(logw[i]! - top) * (i === 0 || i === FINE_NODES - 1 ? 0.5 : 1);
    weights[i] = w;
    total += w;
  }
  const r = spec.lambda.length;
  const g = new Float64Array(r);
  let EQ = 0;
  let EQ2 = 0;
  for (let i = 0; i < FINE_NODES; i++) {
    const w = (weights[i]! /= total);
    if (w === 0) continue;
    const Q = Math.exp(nodes[i]!);
    EQ += w * Q;
    EQ2 += w * Q * Q;
    for (let j = 0; j < r; j++) {
      const l = Q * spec.lambda[j]!;
      g[j] += (w * l) / (l + m.noise);
    }
  }
  return { Q: EQ, varQ: Math.max(0, EQ2 - EQ * EQ), g, nodes, weights };
}

/** s(Q) and τ(Q) of §4.2. */
export function sAndTau(spec: KernelSpectrum, noise: number, Q: number): { s: number; tau: number } {
  let s = 0;
  let tau = 0;
  const { lambda, yt } = spec;
  for (let j = 0; j < lambda.length; j++) {
    const l = lambda[j]!;
    const den = Q * l + noise;
    s += (yt[j]! * yt[j]! * l) / (den * den);
    tau += l / den;
  }
  return { s, tau };
}

/** The large-N action A(Q) whose stationary points are the saddle (with τ) or tree-level roots. */
function action(spec: KernelSpectrum, m: ScalingModel, Q: number, tree: boolean): number {
  let acc = (m.N / 2) * (Math.log(Q) - Q);
  const { lambda, yt } = spec;
  for (let j = 0; j < lambda.length; j++) {
    const den = Q * lambda[j]! + m.noise;
    acc -= (0.5 * m.chi * yt[j]! * yt[j]!) / den;
    if (!tree) acc -= 0.5 * Math.log(den);
  }
  return acc;
}

/** F(Q) = 1 − 1/Q − (χ/N)s(Q) + τ(Q)/N (saddle) or without τ (tree level). */
export function saddleResidual(spec: KernelSpectrum, m: ScalingModel, Q: number, tree: boolean): number {
  const { s, tau } = sAndTau(spec, m.noise, Q);
  return 1 - 1 / Q - (m.chi / m.N) * s + (tree ? 0 : tau / m.N);
}

/**
 * The saddle-point (tree = false) or tree-level (tree = true) Q: the roots of F where it crosses
 * from negative to positive (maxima of the action) on Q ∈ [1e−9, 1e6], refined by bisection to
 * machine precision; the root of largest action when there are several.
 */
export function saddleQ(spec: KernelSpectrum, m: ScalingModel, tree: boolean): number {
  const F = (Q: number) => saddleResidual(spec, m, Q, tree);
  const n = 400;
  const lo = Math.log(1e-9);
  const hi = Math.log(1e6);
  let bestQ = Number.NaN;
  let bestA = -Infinity;
  let prevQ = Math.exp(lo);
  let prevF = F(prevQ);
  for (let i = 1; i <= n; i++) {
    const Q = Math.exp(lo + ((hi - lo) * i) / n);
    const f = F(Q);
    if (prevF < 0 && f >= 0) {
      let a = prevQ;
      let b = Q;
      for (let it = 0; it < 200 && b - a > 4e-16 * b; it++) {
        const mid = 0.5 * (a + b);
        if (F(mid) < 0) a = mid;
        else b = mid;
      }
      const root = 0.5 * (a + b);
      const A = action(spec, m, root, tree);
      if (A > bestA) {
        bestA = A;
        bestQ = root;
      }
    }
    prevQ = Q;
    prevF = f;
  }
  return bestQ;
}

/** Weights g_j at the saddle or tree-level Q. */
export function saddleWeights(spec: KernelSpectrum, m: ScalingModel, Q: number): Float64Array {
  return rescaledWeights(spec, Q, m.noise);
}
