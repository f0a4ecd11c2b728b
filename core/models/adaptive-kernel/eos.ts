/**
 * The Gaussian equations of state (EoS) of a two-layer network (arXiv:2502.03210; the adaptive-kernel
 * closure of Seroussi, Naveh & Ringel, arXiv:2112.15383; derivation in docs/theory/adaptive-kernel.md).
 * Each hidden weight vector is Gaussian, w ~ N(0, Sigma), with
 *
 *   Sigma^{-1} = (d / sigma_w2) I - (1/(N chi)) d/dSigma Tr[A Q(Sigma)],   A = chi^2 t t^T - chi (Kbar + noise I)^{-1},
 *
 * Kbar = Q(Sigma) the output kernel, t = (Kbar + noise I)^{-1} y, A held fixed under the derivative.
 * The gradient is analytic: with Kxy, Kxx the kernel's partials in x_mu^T Sigma x_nu and x_mu^T Sigma x_mu,
 *
 *   d/dSigma Tr[A Q] = X^T [ A o Kxy + 2 diag_mu( sum_nu A_{mu nu} Kxx_{mu nu} ) ] X.
 *
 * `closure = 'tree'` drops the fluctuation term chi (Kbar + noise)^{-1} of A (the mean-field saddle).
 * The map Sigma -> F(Sigma) is iterated with damping and Anderson acceleration; a step whose
 * Sigma^{-1} is not positive definite is refused (the instability before the mixture phases).
 */
import { solveDense } from '../../numerics/small-linear.js';
import type { Activation } from '../../numerics/nngp/index.js';
import { kernelMatrices } from './kernel.js';
import { cholesky, choleskyInverse, choleskySolve, congruence, transposeCongruence } from './linalg.js';

export interface EosProblem {
  /** Training inputs P x d (row-major) and targets. */
  X: Float64Array;
  y: Float64Array;
  P: number;
  d: number;
  activation: Activation;
  sigmaW2: number;
  sigmaA2: number;
  noise: number;
  N: number;
  closure: 'full' | 'tree';
}

/** Why one evaluation of the map failed: Sigma^{-1} indefinite, or a non-finite number. */
export type MapFailure = 'indefinite' | 'non-finite';

/**
 * The EoS map and everything it computes at the current Sigma, on preallocated arrays: after
 * `evaluate(sigma, chi)` the fields `kernel` and `t` (and `inverse`, for the full closure) belong
 * to that Sigma and `next` holds F(Sigma).
 */
export class EosWorkspace {
  readonly P: number;
  readonly d: number;
  /** Pre-activation covariances x_mu^T Sigma x_nu (P x P). */
  readonly cov: Float64Array;
  /** Kbar = Q(Sigma) (P x P). */
  readonly kernel: Float64Array;
  readonly kxy: Float64Array;
  readonly kxx: Float64Array;
  /** (Kbar + noise I)^{-1}. */
  readonly inverse: Float64Array;
  /** t = (Kbar + noise I)^{-1} y. */
  readonly t: Float64Array;
  /** F(Sigma) after a successful evaluation (d x d). */
  readonly next: Float64Array;
  /** The width N the map uses: the problem's, or the current point of a width-annealing path. */
  width: number;
  /** X^T (d x P). */
  private readonly xt: Float64Array;
  private readonly factor: Float64Array;
  private readonly scratchPP: Float64Array;
  private readonly scratchPd: Float64Array;
  private readonly gradientOut: Float64Array;
  private readonly precision: Float64Array;
  private readonly factorD: Float64Array;
  private readonly scratchDD: Float64Array;

  constructor(readonly problem: EosProblem) {
    const { P, d } = problem;
    this.P = P;
    this.d = d;
    this.cov = new Float64Array(P * P);
    this.kernel = new Float64Array(P * P);
    this.kxy = new Float64Array(P * P);
    this.kxx = new Float64Array(P * P);
    this.inverse = new Float64Array(P * P);
    this.t = new Float64Array(P);
    this.next = new Float64Array(d * d);
    this.width = problem.N;
    this.xt = new Float64Array(d * P);
    for (let m = 0; m < P; m++) for (let k = 0; k < d; k++) this.xt[k * P + m] = problem.X[m * d + k];
    this.factor = new Float64Array(P * P);
    this.scratchPP = new Float64Array(P * P);
    this.scratchPd = new Float64Array(P * d);
    this.gradientOut = new Float64Array(d * d);
    this.precision = new Float64Array(d * d);
    this.factorD = new Float64Array(d * d);
    this.scratchDD = new Float64Array(d * d);
  }

  /**
   * The kernel Kbar and t at Sigma, without the map; also (Kbar + noise)^{-1} unless `inverse` is
   * false (the tree closure and the predictions need only t).
   */
  kernelAt(sigma: Float64Array, inverse = true): boolean {
    const { X, P, d, activation, sigmaA2, noise } = this.problem;
    congruence(X, P, d, sigma, this.cov, this.scratchPd);
    kernelMatrices(activation, this.cov, P, sigmaA2, this.kernel, this.kxy, this.kxx);
    const m = this.scratchPP;
    m.set(this.kernel);
    for (let i = 0; i < P; i++) m[i * P + i] += noise;
    if (!cholesky(m, P, this.factor)) return false;
    if (inverse) choleskyInverse(this.factor, P, this.inverse, this.scratchPP);
    this.t.set(this.problem.y);
    choleskySolve(this.factor, P, this.t);
    return true;
  }

  /**
   * out (d x d) = d/dSigma Tr[A Q(Sigma)] = X^T [A o Kxy + 2 diag_mu(sum_nu A_{mu nu} Kxx_{mu nu})] X for a
   * symmetric A (P x P), at the Sigma of the last `kernelAt`; `a` is overwritten.
   */
  gradient(a: Float64Array, out: Float64Array): void {
    const { P, d } = this.problem;
    const { kxy, kxx } = this;
    for (let i = 0; i < P; i++) {
      const ri = i * P;
      let diag = 0;
      for (let j = 0; j < P; j++) {
        const v = a[ri + j];
        a[ri + j] = v * kxy[ri + j];
        diag += v * kxx[ri + j];
      }
      a[ri + i] += 2 * diag;
    }
    transposeCongruence(this.xt, P, d, a, out, this.scratchPd);
  }

  /** Evaluates F(Sigma) at `chi` into `next`; null on success, else why it failed. */
  evaluate(sigma: Float64Array, chi: number): MapFailure | null {
    const { P, d, sigmaW2, closure } = this.problem;
    const N = this.width;
    const fluct = closure === 'full' ? 1 / N : 0;
    if (!this.kernelAt(sigma, fluct !== 0)) return 'non-finite';
    const { t, inverse } = this;
    // a = A / (N chi) = (chi/N) t t^T - (1/N) (Kbar + noise)^{-1}
    const a = this.scratchPP;
    const target = chi / N;
    for (let i = 0; i < P; i++) {
      const ri = i * P;
      const ti = target * t[i];
      if (fluct === 0) for (let j = 0; j < P; j++) a[ri + j] = ti * t[j];
      else for (let j = 0; j < P; j++) a[ri + j] = ti * t[j] - fluct * inverse[ri + j];
    }
    this.gradient(a, this.gradientOut);
    const lam = this.precision;
    const prior = d / sigmaW2;
    for (let i = 0; i < d * d; i++) lam[i] = -this.gradientOut[i];
    for (let i = 0; i < d; i++) lam[i * d + i] += prior;
    if (!cholesky(lam, d, this.factorD)) {
      for (let i = 0; i < d * d; i++) if (!Number.isFinite(lam[i])) return 'non-finite';
      return 'indefinite';
    }
    choleskyInverse(this.factorD, d, this.next, this.scratchDD);
    return null;
  }

  /** Whether a symmetric d x d matrix is positive definite (uses the workspace's scratch). */
  positiveDefinite(sigma: Float64Array): boolean {
    return cholesky(sigma, this.d, this.factorD);
  }
}

export interface SolveOptions {
  tol: number;
  maxIter: number;
  /** Mixing weight omega of the damped step. */
  damping: number;
  /** Anderson memory (0 = plain damped iteration). */
  anderson: number;
  /** Called once per evaluation of the map (cancel and progress). */
  onIteration?: () => void;
}

export interface SolveResult {
  converged: boolean;
  /** Evaluations of the map. */
  iterations: number;
  /** ||F(Sigma) - Sigma||_F / ||Sigma||_F at the returned Sigma. */
  residual: number;
  failure?: MapFailure | 'max-iter' | 'stalled';
}

/** Evaluations without halving the best residual after which a solve counts as stalled. */
export const STALL_EVALUATIONS = 40;

/**
 * Solves Sigma = F(Sigma) at `chi`, starting from and overwriting `sigma` (d x d). On success the
 * workspace holds the kernel and t (and the inverse, full closure) at the returned Sigma. Anderson
 * acceleration (type II, Walker & Ni 2011) with a safeguard: a candidate that is not positive definite, or a residual that
 * grew tenfold over the best so far, restarts the history with a damped step.
 */
export function solveFixedPoint(ws: EosWorkspace, sigma: Float64Array, chi: number, opts: SolveOptions): SolveResult {
  const n = ws.d * ws.d;
  const m = opts.anderson;
  const beta = opts.damping;
  const dx = Array.from({ length: m }, () => new Float64Array(n));
  const dg = Array.from({ length: m }, () => new Float64Array(n));
  const g = new Float64Array(n);
  const gPrev = new Float64Array(n);
  const xPrev = new Float64Array(n);
  const candidate = new Float64Array(n);
  const gram = new Float64Array(Math.max(1, m * m));
  const rhs = new Float64Array(Math.max(1, m));
  let stored = 0;
  let head = 0;
  let best = Infinity;
  let bestAt = 0;
  let residual = Infinity;
  for (let it = 1; it <= opts.maxIter; it++) {
    opts.onIteration?.();
    const failure = ws.evaluate(sigma, chi);
    if (failure) return { converged: false, iterations: it, residual, failure };
    let gn = 0;
    let xn = 0;
    for (let i = 0; i < n; i++) {
      const gi = ws.next[i] - sigma[i];
      g[i] = gi;
      gn += gi * gi;
      xn += sigma[i] * sigma[i];
    }
    residual = Math.sqrt(gn / xn);
    if (!Number.isFinite(residual)) return { converged: false, iterations: it, residual, failure: 'non-finite' };
    if (residual < opts.tol) return { converged: true, iterations: it, residual };
    if (residual > 10 * best) stored = 0;
    if (residual < 0.5 * best || best === Infinity) {
      best = residual;
      bestAt = it;
    } else if (it - bestAt > STALL_EVALUATIONS) return { converged: false, iterations: it, residual, failure: 'stalled' };
    if (m > 0 && it > 1) {
      const slot = head;
      for (let i = 0; i < n; i++) {
        dx[slot][i] = sigma[i] - xPrev[i];
        dg[slot][i] = g[i] - gPrev[i];
      }
      head = (head + 1) % m;
      stored = Math.min(stored + 1, m);
    }
    xPrev.set(sigma);
    gPrev.set(g);
    let accepted = false;
    if (m > 0 && stored > 0) {
      const k = stored;
      const slots = Array.from({ length: k }, (_, j) => (head - k + j + m) % m);
      let trace = 0;
      for (let a = 0; a < k; a++) {
        const da = dg[slots[a]];
        let r = 0;
        for (let i = 0; i < n; i++) r += da[i] * g[i];
        rhs[a] = r;
        for (let b = 0; b <= a; b++) {
          const db = dg[slots[b]];
          let s = 0;
          for (let i = 0; i < n; i++) s += da[i] * db[i];
          gram[a * k + b] = gram[b * k + a] = s;
        }
        trace += gram[a * k + a];
      }
      for (let a = 0; a < k; a++) gram[a * k + a] += 1e-12 * trace + 1e-300;
      if (solveDense(gram.subarray(0, k * k), rhs.subarray(0, k), k)) {
        for (let i = 0; i < n; i++) candidate[i] = sigma[i] + beta * g[i];
        for (let a = 0; a < k; a++) {
          const ga = rhs[a];
          const xa = dx[slots[a]];
          const da = dg[slots[a]];
          for (let i = 0; i < n; i++) candidate[i] -= ga * (xa[i] + beta * da[i]);
        }
        symmetrise(candidate, ws.d);
        if (ws.positiveDefinite(candidate)) {
          sigma.set(candidate);
          accepted = true;
        }
      }
      if (!accepted) stored = 0;
    }
    if (!accepted) {
      for (let i = 0; i < n; i++) sigma[i] += beta * g[i];
    }
  }
  return { converged: false, iterations: opts.maxIter, residual, failure: 'max-iter' };
}

function symmetrise(a: Float64Array, d: number): void {
  for (let i = 0; i < d; i++)
    for (let j = i + 1; j < d; j++) {
      const s = 0.5 * (a[i * d + j] + a[j * d + i]);
      a[i * d + j] = s;
      a[j * d + i] = s;
    }
}

/** sigma_w2 I / d: the prior, and the EoS solution at N -> infinity. */
export function priorCovariance(d: number, sigmaW2: number): Float64Array {
  const s = new Float64Array(d * d);
  for (let i = 0; i < d; i++) s[i * d + i] = sigmaW2 / d;
  return s;
}
