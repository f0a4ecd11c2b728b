/**
 * The cubic teacher as d → ∞ (saddle points of e^{−d S̃(q)}; arXiv:2310.03789 §4–5, App. A;
 * derivation in docs/theory/grokking-cubic.md §3). Three phases:
 * - GFL: every neuron in the Gaussian around q = 0, whose variance 1/(d S̃''(0)) gives
 *   Q̃₁₁/κ = ν g₀/S̃''(0), g₀ = 4/(π(1 + 2σ_w²)); the cubic entries are O(1/d) smaller, so c = ε and
 *   b solves b = 1/(1 + ν g₀/S̃''(0; b)) on (0, b_max), b_max where S̃''(0) = 0.
 * - GMFL-I (mixed): a fraction ρ of the neurons (the droplets) sits at ±q*, degenerate with q = 0:
 *   S̃(q*) = 0, S̃'(q*) = 0, and the GPR with Q̃/κ = (1 − ρ) ν g₀/S̃''(0) e₁e₁ᵀ + m v(q*) v(q*)ᵀ,
 *   m = ρ R (R = σ_a²P/σ²), unknowns (b, c, q*, m).
 * - GMFL-II: every neuron at ±q* (ρ = 1), q* the side minimum (S̃'(q*) = 0, S̃(q*) < 0), Q̃/κ = R v vᵀ.
 * The onset of GMFL-I is the largest σ² where min_{q>0} S̃(q; b_GFL, ε) reaches 0; GMFL-II starts
 * where ρ reaches 1 along the mixed branch (σ²_II, absent when ρ stays below 1 above σ²_c/10).
 */
import { type ActionCoefficients, action, actionCurvature, actionSlope, curvatureAtZero } from './action.js';
import { bisect, newtonSolve } from './newton.js';
import { type CubicProblem, type CubicSizes, type Sym2, discrepancyOf, entry11Factor, neuronKernel, noiseForInteraction, problemAt } from './problem.js';

export type Phase = 'GFL' | 'GMFL-I' | 'GMFL-II';

export interface PhaseState {
  noise: number;
  phase: Phase;
  b: number;
  c: number;
  /** The droplets' overlap q* (the side minimum), NaN in GFL without one. */
  qStar: number;
  /** Fraction of neurons in the droplets (0 in GFL, 1 in GMFL-II). */
  rho: number;
  u: number;
}

/** ν g₀ / S̃''(0; b): Q̃₁₁/κ of the Gaussian around q = 0 (all neurons there). */
export function gaussianEntry(pr: CubicProblem, b: number): number {
  const g0 = (entry11Factor(pr.reading) * 4) / (Math.PI * (1 + 2 * pr.sw2));
  return (pr.nu * g0) / curvatureAtZero({ u: pr.u, sw2: pr.sw2, b, c: 0 });
}

/** Largest b with S̃''(0) > 0. */
export function maxStableLinear(pr: CubicProblem): number {
  return Math.sqrt((Math.PI * (1 + 2 * pr.sw2)) / (4 * pr.u * pr.sw2));
}

/** The GFL linear coefficient: the root of b (1 + ν g₀/S̃''(0; b)) = 1 in (0, b_max) (unique: the left side increases). */
export function gflLinear(pr: CubicProblem): number {
  const bmax = maxStableLinear(pr);
  const f = (b: number) => b * (1 + gaussianEntry(pr, b)) - 1;
  const hi = Math.min(1, bmax * (1 - 1e-15));
  if (f(hi) < 0) return hi; // only when bmax > 1 and the root is at b < 1: f(1) > 0 always, so unreachable
  return bisect(f, 0, hi);
}

export interface SideMinimum {
  q: number;
  value: number;
}

/** The lowest local minimum of S̃ on q > 0 (not the one at 0), or null when there is none. */
export function sideMinimum(k: ActionCoefficients): SideMinimum | null {
  const reach = (k.u / Math.PI) * (Math.abs(k.b) + Math.abs(k.c)) ** 2;
  const qmax = Math.max(3, 1.2 * Math.sqrt(2 * k.sw2 * (reach + 1)));
  const n = 800;
  const h = qmax / n;
  let best: SideMinimum | null = null;
  let prev = action(h, k);
  let cur = action(2 * h, k);
  for (let i = 2; i < n; i++) {
    const next = action((i + 1) * h, k);
    if (cur <= prev && cur < next) {
      const q = refineMinimum(k, (i - 1) * h, (i + 1) * h);
      const value = action(q, k);
      if (!best || value < best.value) best = { q, value };
    }
    prev = cur;
    cur = next;
  }
  return best;
}

/** The zero of S̃' in [lo, hi] bracketing a minimum (S̃' < 0 at lo, > 0 at hi), by bisection. */
function refineMinimum(k: ActionCoefficients, lo: number, hi: number): number {
  if (!(actionSlope(lo, k) < 0 && actionSlope(hi, k) > 0)) return 0.5 * (lo + hi);
  return bisect((q) => actionSlope(q, k), lo, hi, 100);
}

export interface Onset {
  noise: number;
  u: number;
  qStar: number;
  b: number;
}

/** min_{q>0} S̃(q; b_GFL, ε) at noise σ², +∞ without a side minimum. */
export function gflSideGap(s: CubicSizes, noise: number): number {
  const pr = problemAt(s, noise);
  const b = gflLinear(pr);
  const side = sideMinimum({ u: pr.u, sw2: pr.sw2, b, c: pr.eps });
  return side ? side.value : Number.POSITIVE_INFINITY;
}

/**
 * The onset of GMFL-I: the largest σ² (smallest u) where the GFL side gap reaches 0. Scans u on a
 * log grid 10⁻³ … 10⁷, then bisects in log u. Null when the gap never closes.
 */
export function findOnset(s: CubicSizes): Onset | null {
  const gapAtU = (lu: number) => gflSideGap(s, noiseForInteraction(s, Math.exp(lu)));
  const lo = Math.log(1e-3);
  const hi = Math.log(1e7);
  const n = 200;
  let prev = lo;
  for (let i = 1; i <= n; i++) {
    const lu = lo + ((hi - lo) * i) / n;
    if (gapAtU(lu) <= 0) {
      const luc = bisect((x) => Math.min(gapAtU(x), 1), prev, lu, 80);
      const u = Math.exp(luc);
      const noise = noiseForInteraction(s, u);
      const pr = problemAt(s, noise);
      const b = gflLinear(pr);
      const side = sideMinimum({ u: pr.u, sw2: pr.sw2, b, c: pr.eps });
      return { noise, u: pr.u, qStar: side ? side.q : Number.NaN, b };
    }
    prev = lu;
  }
  return null;
}

function addScaled(A: Sym2, K: Sym2, w: number): Sym2 {
  return { a11: A.a11 + w * K.a11, a13: A.a13 + w * K.a13, a33: A.a33 + w * K.a33 };
}

/** Residuals of the mixed phase at x = (b, c, q*, m). */
export function mixedResiduals(pr: CubicProblem, x: Float64Array): Float64Array {
  const [b, c, q, m] = x as unknown as [number, number, number, number];
  const k = { u: pr.u, sw2: pr.sw2, b, c };
  const rho = m / pr.ridgeRatio;
  const A = addScaled({ a11: (1 - rho) * gaussianEntry(pr, b), a13: 0, a33: 0 }, neuronKernel(q, pr.sw2, pr.reading), m);
  const gpr = discrepancyOf(A, pr.eps);
  return Float64Array.of(action(q, k), actionSlope(q, k), b - gpr.b, c - gpr.c);
}

/** Residuals of GMFL-II at x = (b, c, q*). */
export function orderedResiduals(pr: CubicProblem, x: Float64Array): Float64Array {
  const [b, c, q] = x as unknown as [number, number, number];
  const K = neuronKernel(q, pr.sw2, pr.reading);
  const gpr = discrepancyOf(addScaled({ a11: 0, a13: 0, a33: 0 }, K, pr.ridgeRatio), pr.eps);
  return Float64Array.of(actionSlope(q, { u: pr.u, sw2: pr.sw2, b, c }), b - gpr.b, c - gpr.c);
}

export interface PhaseDiagram {
  onset: Onset | null;
  /** Onset of GMFL-II, NaN when ρ stays below 1 down to σ²_c/10 (or the branch was lost first). */
  noiseII: number;
  /** The lowest σ² the continuation reached (the branch is followed down to σ²_c/10). */
  reached: number;
  /** States at the requested noise levels, in the order asked. */
  states: PhaseState[];
}

function gflState(s: CubicSizes, noise: number): PhaseState {
  const pr = problemAt(s, noise);
  const b = gflLinear(pr);
  const side = sideMinimum({ u: pr.u, sw2: pr.sw2, b, c: pr.eps });
  return { noise, phase: 'GFL', b, c: pr.eps, qStar: side ? side.q : Number.NaN, rho: 0, u: pr.u };
}

const STEP_FRACTION = 0.004;

/**
 * The phase diagram along σ²: GFL above the onset, the mixed branch followed by continuation
 * (Newton from the previous point) below it, GMFL-II below σ²_II. States at `noises` (any order).
 */
export function phaseDiagram(s: CubicSizes, noises: readonly number[]): PhaseDiagram {
  const onset = findOnset(s);
  const states: PhaseState[] = noises.map((n) => gflState(s, n));
  if (!onset) return { onset, noiseII: Number.NaN, reached: Number.NaN, states };
  const below = noises
    .map((n, i) => ({ n, i }))
    .filter((e) => e.n < onset.noise)
    .sort((a, b) => b.n - a.n);
  const floor = onset.noise / 10;
  const h = onset.noise * STEP_FRACTION;
  let x: Float64Array = Float64Array.of(onset.b, s.eps, onset.qStar, 0);
  let phase: Phase = 'GMFL-I';
  let noise = onset.noise;
  let noiseII = Number.NaN;
  let next = 0;
  let reached = onset.noise;
  const positiveQ = (y: Float64Array) => y[2]! > 1e-6;
  while (noise > floor) {
    const target = next < below.length ? Math.max(below[next]!.n, noise - h) : noise - h;
    const pr = problemAt(s, target);
    let solved: Float64Array | null = null;
    if (phase === 'GMFL-I') {
      const r = newtonSolve((y) => mixedResiduals(pr, y), x, { valid: positiveQ });
      if (r.converged && r.x[3]! / pr.ridgeRatio <= 1) solved = r.x;
      else if (r.converged) {
        // ρ passed 1 between noise and target: locate σ²_II, then continue on GMFL-II.
        const prev = x;
        noiseII = bisect(
          (n) => {
            const p2 = problemAt(s, n);
            const rr = newtonSolve((y) => mixedResiduals(p2, y), prev, { valid: positiveQ });
            return rr.x[3]! / p2.ridgeRatio - 1;
          },
          target,
          noise,
          60,
        );
        phase = 'GMFL-II';
        x = Float64Array.of(x[0]!, x[1]!, x[2]!);
        continue;
      }
    } else {
      const r = newtonSolve((y) => orderedResiduals(pr, y), x, { valid: positiveQ });
      if (r.converged) solved = r.x;
    }
    if (!solved) break;
    x = solved;
    noise = target;
    reached = noise;
    while (next < below.length && below[next]!.n >= noise) {
      const [b, c, q] = x as unknown as [number, number, number];
      const rho = phase === 'GMFL-I' ? x[3]! / pr.ridgeRatio : 1;
      states[below[next]!.i] = { noise: below[next]!.n, phase, b, c, qStar: q, rho, u: pr.u };
      next++;
    }
  }
  for (; next < below.length; next++) {
    const e = below[next]!;
    states[e.i] = { noise: e.n, phase, b: Number.NaN, c: Number.NaN, qStar: Number.NaN, rho: Number.NaN, u: problemAt(s, e.n).u };
  }
  return { onset, noiseII, reached, states };
}

/** Whether a GMFL-II state is a genuine side minimum below q = 0 (S̃(q*) < 0, S̃''(q*) > 0). */
export function isOrderedMinimum(pr: CubicProblem, st: PhaseState): boolean {
  const k = { u: pr.u, sw2: pr.sw2, b: st.b, c: st.c };
  return action(st.qStar, k) < 0 && actionCurvature(st.qStar, k) > 0;
}
