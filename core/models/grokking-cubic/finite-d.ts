/**
 * The cubic teacher at finite d: p(q) ∝ e^{−d S̃(q)} integrated directly (composite Gauss–Legendre
 * with panels refined around each minimum of S̃) instead of by saddle points, and the GPR closed
 * self-consistently: [b, √6c] = (A + I)⁻¹[1, √6ε], A = R ⟨K(q)⟩_p, K the single-neuron kernel
 * (problem.ts), R = σ_a²P/σ². As d → ∞ at fixed u and ν it tends to the saddle solution
 * (saddle.ts); at the simulated d it is the smeared crossover of a finite network.
 */
import { gaussLegendre } from '../../numerics/gauss-legendre.js';
import { action, actionCurvature } from './action.js';
import { newtonSolve } from './newton.js';
import { type CubicProblem, discrepancyOf, neuronKernel } from './problem.js';

const NODES = 12;
const COARSE = 600;

export interface OverlapLaw {
  /** ⟨K(q)⟩ over p(q). */
  K11: number;
  K13: number;
  K33: number;
  /** Probability of |q| beyond the barrier separating q = 0 from the side minimum (0 without one). */
  droplet: number;
  /** Probability of |q| beyond the caller's threshold (NaN when none was given). */
  beyondThreshold: number;
  /** The side minimum's q (NaN without one). */
  qSide: number;
}

/** Integration range [0, qmax]: beyond it d(S̃ − min S̃) > 60 (S̃ ≥ q²/(2σ_w²) − (u/π)(|b| + |c|)²). */
function rangeOf(pr: CubicProblem, b: number, c: number): number {
  return Math.sqrt(2 * pr.sw2 * (60 / pr.d + (pr.u / Math.PI) * (Math.abs(b) + Math.abs(c)) ** 2)) + 1e-3;
}

/** Moments of p(q) ∝ e^{−d S̃(q; b, c)} (symmetric in q, integrated on [0, qmax]). */
export function overlapLaw(pr: CubicProblem, b: number, c: number, threshold = Number.NaN): OverlapLaw {
  const k = { u: pr.u, sw2: pr.sw2, b, c };
  const qmax = rangeOf(pr, b, c);
  const h = qmax / COARSE;
  const values = new Float64Array(COARSE + 1);
  for (let i = 0; i <= COARSE; i++) values[i] = action(i * h, k);
  const minima: number[] = [0];
  let barrier = Number.NaN;
  let side = Number.NaN;
  for (let i = 1; i < COARSE; i++) {
    if (values[i]! < values[i - 1]! && values[i]! <= values[i + 1]!) minima.push(i * h);
    if (values[i]! > values[i - 1]! && values[i]! >= values[i + 1]! && Number.isNaN(barrier)) barrier = i * h;
  }
  if (minima.length > 1) side = minima.reduce((best, q) => (q > 0 && (Number.isNaN(best) || action(q, k) < action(best, k)) ? q : best), Number.NaN);
  const edges = new Set<number>();
  for (let i = 0; i <= 200; i++) edges.add((qmax * i) / 200);
  for (const q of minima) {
    const curv = Math.max(actionCurvature(q, k), 1e-6);
    const w = 1 / Math.sqrt(pr.d * curv);
    for (const f of [0.25, 0.5, 1, 1.5, 2, 3, 4, 6, 8, 12]) {
      for (const e of [q - f * w, q + f * w]) if (e > 0 && e < qmax) edges.add(e);
    }
  }
  if (!Number.isNaN(barrier)) edges.add(barrier);
  if (threshold > 0 && threshold < qmax) edges.add(threshold);
  const sorted = [...edges].sort((x, y) => x - y);
  let smin = 0;
  for (const q of minima) smin = Math.min(smin, action(q, k));
  for (const v of values) smin = Math.min(smin, v);
  const rule = gaussLegendre(NODES);
  let Z = 0;
  let k11 = 0;
  let k13 = 0;
  let k33 = 0;
  let beyond = 0;
  let past = 0;
  for (let j = 0; j + 1 < sorted.length; j++) {
    const lo = sorted[j]!;
    const hi = sorted[j + 1]!;
    const mid = 0.5 * (lo + hi);
    const half = 0.5 * (hi - lo);
    for (let n = 0; n < NODES; n++) {
      const q = mid + half * rule.nodes[n]!;
      const w = half * rule.weights[n]! * Math.exp(-pr.d * (action(q, k) - smin));
      if (w === 0) continue;
      const K = neuronKernel(q, pr.sw2, pr.reading);
      Z += w;
      k11 += w * K.a11;
      k13 += w * K.a13;
      k33 += w * K.a33;
      if (!Number.isNaN(barrier) && !Number.isNaN(side) && q > barrier) beyond += w;
      if (q > threshold) past += w;
    }
  }
  return { K11: k11 / Z, K13: k13 / Z, K33: k33 / Z, droplet: beyond / Z, qSide: side, beyondThreshold: Number.isNaN(threshold) ? Number.NaN : past / Z };
}

/** The map (b, c) ↦ GPR(R ⟨K⟩_{b,c}). */
export function finiteDMap(pr: CubicProblem, b: number, c: number): { b: number; c: number; law: OverlapLaw } {
  const law = overlapLaw(pr, b, c);
  const R = pr.ridgeRatio;
  const out = discrepancyOf({ a11: R * law.K11, a13: R * law.K13, a33: R * law.K33 }, pr.eps);
  return { ...out, law };
}

export interface FiniteDState {
  b: number;
  c: number;
  law: OverlapLaw;
  converged: boolean;
  residual: number;
}

/** The self-consistent (b, c) at finite d, by Newton from `guess` (e.g. the previous σ² or the GFL point). */
export function finiteDSolve(pr: CubicProblem, guess: { b: number; c: number }): FiniteDState {
  const F = (x: Float64Array) => {
    const m = finiteDMap(pr, x[0]!, x[1]!);
    return Float64Array.of(x[0]! - m.b, x[1]! - m.c);
  };
  const r = newtonSolve(F, [guess.b, guess.c], { tol: 1e-11, maxIter: 80 });
  const b = r.x[0]!;
  const c = r.x[1]!;
  return { b, c, law: overlapLaw(pr, b, c), converged: r.converged, residual: r.residual };
}
