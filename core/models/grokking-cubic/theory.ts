/**
 * The theory of a run: the d → ∞ phase diagram along σ² (saddle.ts) and the finite-d self-consistent
 * solution at the simulated d (finite-d.ts) on the same σ² grid, the run's own σ² included; the
 * reduced action at the run's σ² as −log p(q) = d S̃(q) + const.
 */
import { type RunHooks, checkpoint } from '../kit/index.js';
import { action } from './action.js';
import { type FiniteDState, finiteDSolve, overlapLaw } from './finite-d.js';
import type { GrokkingCubicParams } from './params.js';
import { type CubicSizes, problemAt } from './problem.js';
import { type PhaseDiagram, type PhaseState, phaseDiagram } from './saddle.js';
import { sizesOf } from './setup.js';

export const THEORY_POINTS = 25;

export interface CubicTheory {
  sizes: CubicSizes;
  /** σ² grid, descending, containing the run's σ². */
  noises: number[];
  diagram: PhaseDiagram;
  finite: FiniteDState[];
  /** Index of the run's σ² in `noises`. */
  at: number;
  /** The barrier between q = 0 and the side well of the finite-d action at the run's σ² (or at the onset), the droplet threshold. */
  threshold: number;
  /** p(|q| > threshold) of the finite-d law at each σ² of `noises` (what the simulation's droplet fraction measures). */
  beyond: number[];
}

/** The σ² grid: geometric from half the lower to 1.6 times the higher of (σ², σ²_c), with σ² itself. */
export function noiseGrid(noise: number, onsetNoise: number): number[] {
  const ref = Number.isFinite(onsetNoise) ? onsetNoise : noise;
  const lo = 0.5 * Math.min(noise, ref);
  const hi = 1.6 * Math.max(noise, ref);
  const grid = Array.from({ length: THEORY_POINTS }, (_, i) => hi * (lo / hi) ** (i / (THEORY_POINTS - 1)));
  grid.push(noise);
  return [...new Set(grid)].sort((a, b) => b - a);
}

/** The local maximum of S̃ between 0 and q (a scan), NaN when S̃ rises monotonically. */
export function barrierBelow(k: { u: number; sw2: number; b: number; c: number }, q: number): number {
  const n = 400;
  let best = Number.NaN;
  let top = Number.NEGATIVE_INFINITY;
  for (let i = 1; i < n; i++) {
    const x = (q * i) / n;
    const v = action(x, k);
    if (v > top) {
      top = v;
      best = x;
    }
  }
  return best;
}

const memo = new Map<string, CubicTheory>();

export function cubicTheory(p: GrokkingCubicParams, hooks: RunHooks = {}): CubicTheory {
  const sizes = sizesOf(p);
  const key = JSON.stringify([sizes, p.noise]);
  checkpoint(hooks, 0);
  const hit = memo.get(key);
  if (hit) return hit;
  const probe = phaseDiagram(sizes, []);
  const noises = noiseGrid(p.noise, probe.onset?.noise ?? Number.NaN);
  const diagram = phaseDiagram(sizes, noises);
  const finite: FiniteDState[] = [];
  let guess = { b: diagram.states[0]!.b, c: diagram.states[0]!.c };
  for (const [i, n] of noises.entries()) {
    checkpoint(hooks, 0.1 + (0.9 * i) / noises.length);
    const st = finiteDSolve(problemAt(sizes, n), guess);
    finite.push(st);
    if (st.converged) guess = { b: st.b, c: st.c };
  }
  const at = noises.indexOf(p.noise);
  const here = finite[at]!;
  const pr = problemAt(sizes, p.noise);
  let threshold = Number.NaN;
  if (Number.isFinite(here.law.qSide)) threshold = barrierBelow({ u: pr.u, sw2: pr.sw2, b: here.b, c: here.c }, here.law.qSide);
  const onset = diagram.onset;
  if (!Number.isFinite(threshold) && onset) {
    threshold = barrierBelow({ u: onset.u, sw2: sizes.sw2, b: onset.b, c: sizes.eps }, onset.qStar);
  }
  if (!Number.isFinite(threshold)) threshold = 0.5;
  const beyond = noises.map((n, i) => {
    const f = finite[i]!;
    return f.converged ? overlapLaw(problemAt(sizes, n), f.b, f.c, threshold).beyondThreshold : Number.NaN;
  });
  const out = { sizes, noises, diagram, finite, at, threshold, beyond };
  if (memo.size > 16) memo.clear();
  memo.set(key, out);
  return out;
}

/** The saddle state at the run's σ². */
export function stateAtRun(t: CubicTheory): PhaseState {
  return t.diagram.states[t.at]!;
}
