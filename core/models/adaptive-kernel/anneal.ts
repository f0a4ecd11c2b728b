/**
 * The EoS along an annealing path in chi (arXiv:2502.03210, Algorithm 1; note's FCN-2 recipe):
 * start at the NNGP (Sigma = sigma_w2 I / d) and the smallest chi, solve, and move geometrically to
 * the target chi, warm-starting each solve from the secant through the previous two solutions. A step that fails (Sigma^{-1}
 * indefinite, no convergence) is halved in log chi, down to a relative step of 1e-6 (a failing
 * first solve is retried at a quarter of its chi, closer to the NNGP); past that the path stops and
 * says where.
 *
 * Or a path in the width at fixed chi (`{ kind: 'width', chi }`): from a large N, where the EoS is
 * close to the NNGP (N -> infinity), geometrically down to the target N, with the same warm starts
 * and halvings in log N (a failing first solve is retried at four times its N, closer to the NNGP).
 */
import { type EosWorkspace, type MapFailure, type SolveOptions, solveFixedPoint } from './eos.js';

export interface PathPoint {
  chi: number;
  /** The width N at the point. */
  N: number;
  /** The converged Sigma (d x d), a copy. */
  sigma: Float64Array;
  iterations: number;
  /** ||F(Sigma) - Sigma||_F / ||Sigma||_F at the point. */
  residual: number;
}

export interface AnnealResult {
  /** Converged points on the requested grid, in increasing chi. */
  points: PathPoint[];
  /** Whether the target chi was reached. */
  converged: boolean;
  /** The largest chi at which the EoS converged (NaN if none). */
  reachedChi: number;
  /** Width paths: the smallest N at which the EoS converged (NaN if none); chi paths: the problem's N or NaN. */
  reachedWidth: number;
  /** Map evaluations in total (including failed attempts). */
  iterations: number;
  /** Steps halved along the way. */
  halvings: number;
  /** Why the path stopped, when it did. */
  failure?: MapFailure | 'max-iter' | 'stalled';
  /** The residual of the last failed attempt. */
  residual?: number;
}

/** The chi grid: `points` geometric values from min(start, chi) to chi (just chi when start >= chi). */
export function annealGrid(start: number, chi: number, points: number): number[] {
  const lo = Math.min(start, chi);
  if (points <= 1 || lo >= chi) return [chi];
  const out: number[] = [];
  const r = Math.log(chi / lo);
  for (let k = 0; k < points; k++) out.push(k === points - 1 ? chi : lo * Math.exp((r * k) / (points - 1)));
  return out;
}

/** What the path varies: chi (at the problem's N), or the width N at a fixed chi. */
export type AnnealVariable = { kind: 'chi' } | { kind: 'width'; chi: number };

const MIN_LOG_STEP = 1e-6;
/** Times the first solve is retried at a quarter of its chi (down to 4^-20 of it). */
const MAX_FIRST_TRIES = 20;

/**
 * Runs the path from `sigma0` over `grid`; each converged grid point is recorded and handed to
 * `onPoint` while the workspace still holds its kernel and t.
 */
export function anneal(
  ws: EosWorkspace,
  sigma0: Float64Array,
  grid: readonly number[],
  opts: SolveOptions,
  onPoint?: (point: PathPoint, ws: EosWorkspace) => void,
  variable: AnnealVariable = { kind: 'chi' },
): AnnealResult {
  const width = variable.kind === 'width';
  /** chi and N at a value of the path variable. */
  const at = (v: number) => (width ? { chi: variable.chi, N: v } : { chi: v, N: ws.problem.N });
  const reached = (v: number) =>
    width ? { reachedChi: Number.isNaN(v) ? Number.NaN : variable.chi, reachedWidth: v } : { reachedChi: v, reachedWidth: Number.isNaN(v) ? Number.NaN : ws.problem.N };
  const sigma = Float64Array.from(sigma0);
  const last = Float64Array.from(sigma0);
  const before = Float64Array.from(sigma0);
  let beforeChi = Number.NaN;
  const points: PathPoint[] = [];
  let iterations = 0;
  let halvings = 0;
  let current = Number.NaN;
  let firstTries = 0;
  for (const target of grid) {
    // Sub-steps from `current` to `target`; the first grid point is reached from the NNGP directly.
    let goal = target;
    let step = Number.isNaN(current) ? 0 : Math.log(target / current);
    for (;;) {
      predict(ws, sigma, last, current, before, beforeChi, goal);
      const here = at(goal);
      ws.width = here.N;
      const r = solveFixedPoint(ws, sigma, here.chi, opts);
      iterations += r.iterations;
      if (r.converged) {
        before.set(last);
        beforeChi = current;
        last.set(sigma);
        current = goal;
        if (goal === target) {
          const point = { ...at(target), sigma: Float64Array.from(sigma), iterations: r.iterations, residual: r.residual };
          points.push(point);
          onPoint?.(point, ws);
          break;
        }
        step = Math.log(target / current);
        goal = target;
        continue;
      }
      if (Number.isNaN(current) && firstTries < MAX_FIRST_TRIES) {
        // Nothing converged yet: approach the NNGP (chi -> 0, or N -> infinity) until a first solve succeeds.
        firstTries++;
        halvings++;
        goal = width ? goal * 4 : goal / 4;
        continue;
      }
      if (Number.isNaN(current) || Math.abs(step) < MIN_LOG_STEP) {
        if (!Number.isNaN(current)) {
          sigma.set(last);
          ws.width = at(current).N;
          ws.kernelAt(sigma);
        }
        return { points, converged: false, ...reached(current), iterations, halvings, failure: r.failure ?? 'max-iter', residual: r.residual };
      }
      step /= 2;
      halvings++;
      goal = current * Math.exp(step);
    }
  }
  return { points, converged: true, ...reached(current), iterations, halvings };
}

/**
 * The warm start at `goal`: the secant through the last two converged points, linear in the log of
 * the path variable (chi or N), when it is positive definite; else the last converged Sigma.
 */
function predict(ws: EosWorkspace, out: Float64Array, last: Float64Array, chi: number, before: Float64Array, beforeChi: number, goal: number): void {
  out.set(last);
  if (!(chi > 0 && beforeChi > 0 && chi !== beforeChi)) return;
  const f = Math.log(goal / chi) / Math.log(chi / beforeChi);
  for (let i = 0; i < out.length; i++) out[i] += f * (last[i] - before[i]);
  if (!ws.positiveDefinite(out)) out.set(last);
}
