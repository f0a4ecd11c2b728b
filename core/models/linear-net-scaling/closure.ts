/**
 * The Gaussian closure (equations of state) of the two-layer linear network (field-theory note
 * §5.3): the hidden weights of each neuron are N(0, Σ) with
 *   Σ⁻¹ = (d/σ_w²) I − (σ̃_a²/N) [χ u uᵀ − Xᵀ(K̄ + σ̃²I)⁻¹X],  u = Xᵀt,  t = (K̄ + σ̃²I)⁻¹y,  K̄ = σ̃_a² XΣXᵀ,
 * solved by a damped fixed point on Σ⁻¹ (convex combinations stay positive-definite) with χ
 * annealed geometrically from 10⁻² (the note's recipe; plain iteration at χ = N loses
 * positive-definiteness). `tree` drops the fluctuation term Xᵀ(K̄+σ̃²)⁻¹X. Everything is d×d
 * through Woodbury: with G = XᵀX and M = (σ̃²/σ̃_a²) Σ⁻¹ + G,
 *   Xᵀ(K̄+σ̃²)⁻¹X = (G − G M⁻¹ G)/σ̃²,  u = (Xᵀy − G M⁻¹ Xᵀy)/σ̃²,  train mean K̄t = X M⁻¹ Xᵀy,
 *   test mean σ̃_a² X* Σ u.
 */
import { symmetricEigenvalues } from './dense.js';

export interface ClosureInputs {
  X: Float64Array;
  y: Float64Array;
  Xtest: Float64Array;
  P: number;
  Ptest: number;
  d: number;
  N: number;
  sigma_w2: number;
  sigma_a2: number;
  noise: number;
}

export interface ClosureSolution {
  chi: number;
  /** Eigenvalues of (d/σ_w²) Σ, descending. */
  spectrum: Float64Array;
  train: Float64Array;
  test: Float64Array;
  /** Fixed-point iterations spent at this target. */
  iterations: number;
}

export interface ClosureOptions {
  tree?: boolean;
  /** Annealing steps from χ = 10⁻² to the largest target (default 100). */
  steps?: number;
  /** Damping ω of Σ⁻¹ ← (1 − ω)Σ⁻¹ + ω Σ⁻¹_new (default 0.2, the note's). */
  damping?: number;
  isCancelled?: () => boolean;
}

/** Cholesky factor of the symmetric n×n `a` (lower, row-major) into `l`; false if not positive-definite. */
export function cholesky(a: Float64Array, l: Float64Array, n: number): boolean {
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * n + j]!;
      for (let k = 0; k < j; k++) s -= l[i * n + k]! * l[j * n + k]!;
      if (i === j) {
        if (!(s > 0)) return false;
        l[i * n + i] = Math.sqrt(s);
      } else {
        l[i * n + j] = s / l[j * n + j]!;
      }
    }
    for (let j = i + 1; j < n; j++) l[i * n + j] = 0;
  }
  return true;
}

/** Solves (L Lᵀ) X = B in place for B of n rows and `cols` columns (row-major). */
export function choleskySolve(l: Float64Array, b: Float64Array, n: number, cols: number): void {
  for (let c = 0; c < cols; c++) {
    for (let i = 0; i < n; i++) {
      let s = b[i * cols + c]!;
      for (let k = 0; k < i; k++) s -= l[i * n + k]! * b[k * cols + c]!;
      b[i * cols + c] = s / l[i * n + i]!;
    }
    for (let i = n - 1; i >= 0; i--) {
      let s = b[i * cols + c]!;
      for (let k = i + 1; k < n; k++) s -= l[k * n + i]! * b[k * cols + c]!;
      b[i * cols + c] = s / l[i * n + i]!;
    }
  }
}

/**
 * Solutions at each χ of `targets`, from one annealing pass from χ = min(10⁻², smallest target)
 * up to the largest target; a target where the closure lost positive-definiteness is absent.
 */
export function solveClosure(inp: ClosureInputs, targets: readonly number[], options: ClosureOptions = {}): ClosureSolution[] {
  const { X, y, P, d, N, sigma_w2, sigma_a2, noise } = inp;
  const tree = options.tree ?? false;
  const K = options.steps ?? 100;
  const omega = options.damping ?? 0.2;
  const dd = d * d;
  const G = new Float64Array(dd);
  const Xy = new Float64Array(d);
  for (let k = 0; k < d; k++) {
    let acc = 0;
    for (let m = 0; m < P; m++) acc += X[m * d + k]! * y[m]!;
    Xy[k] = acc;
    for (let l = k; l < d; l++) {
      let g = 0;
      for (let m = 0; m < P; m++) g += X[m * d + k]! * X[m * d + l]!;
      G[k * d + l] = g;
      G[l * d + k] = g;
    }
  }
  const prior = d / sigma_w2;
  const M = new Float64Array(dd);
  const L = new Float64Array(dd);
  const rhs = new Float64Array(d * (d + 1)); // [G | Xy] then M⁻¹[G | Xy]
  const next = new Float64Array(dd);
  const u = new Float64Array(d);

  /** Writes into `next` the new Σ⁻¹ at Σ⁻¹ = S; false if M or the result is not positive-definite. */
  const update = (chi: number, S: Float64Array): boolean => {
    for (let k = 0; k < dd; k++) M[k] = (noise / sigma_a2) * S[k]! + G[k]!;
    if (!cholesky(M, L, d)) return false;
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) rhs[i * (d + 1) + j] = G[i * d + j]!;
      rhs[i * (d + 1) + d] = Xy[i]!;
    }
    choleskySolve(L, rhs, d, d + 1);
    // u = (Xy − G M⁻¹Xy)/σ̃²
    for (let i = 0; i < d; i++) {
      let acc = 0;
      for (let k = 0; k < d; k++) acc += G[i * d + k]! * rhs[k * (d + 1) + d]!;
      u[i] = (Xy[i]! - acc) / noise;
    }
    const cu = (sigma_a2 * chi) / N;
    const ch = sigma_a2 / (N * noise);
    for (let i = 0; i < d; i++) {
      for (let j = i; j < d; j++) {
        let v = (i === j ? prior : 0) - cu * u[i]! * u[j]!;
        if (!tree) {
          // H_ij = (G_ij − (G M⁻¹ G)_ij)/σ̃²
          let acc = 0;
          for (let k = 0; k < d; k++) acc += G[i * d + k]! * rhs[k * (d + 1) + j]!;
          v += ch * (G[i * d + j]! - acc);
        }
        next[i * d + j] = v;
        next[j * d + i] = v;
      }
    }
    return cholesky(next, L, d);
  };

  /** Damped iteration from S (in place) until the relative change is below tol; iterations or −1. */
  const iterate = (chi: number, S: Float64Array, tol: number, maxIt: number): number => {
    for (let it = 1; it <= maxIt; it++) {
      if (!update(chi, S)) return -1;
      let num = 0;
      let den = 0;
      for (let k = 0; k < dd; k++) {
        const delta = omega * (next[k]! - S[k]!);
        num += delta * delta;
        den += S[k]! * S[k]!;
        S[k] += delta;
      }
      if (Math.sqrt(num / den) < tol) return it;
    }
    return maxIt;
  };

  const sorted = [...targets].sort((a, b) => a - b);
  const chiMax = sorted[sorted.length - 1] ?? 1;
  const chiMin = Math.min(1e-2, sorted[0] ?? 1e-2);
  const out: ClosureSolution[] = [];
  let at = 0;
  const S = new Float64Array(dd);
  for (let k = 0; k < d; k++) S[k * d + k] = prior;
  for (let k = 0; k <= K && at < sorted.length; k++) {
    if (options.isCancelled?.()) break;
    const chiK = chiMin * (chiMax / chiMin) ** (k / K);
    while (at < sorted.length && sorted[at]! <= chiK * (1 + 1e-12)) {
      const exact = S.slice();
      const its = iterate(sorted[at]!, exact, 1e-13, 20_000);
      if (its >= 0) out.push(solution(sorted[at]!, exact, its));
      at++;
    }
    if (iterate(chiK, S, 1e-6, 100) < 0) break;
  }
  return out;

  function solution(chi: number, Sinv: Float64Array, iterations: number): ClosureSolution {
    // Σ = (Σ⁻¹)⁻¹ by Cholesky; spectrum of (d/σ_w²)Σ.
    const Lc = new Float64Array(dd);
    cholesky(Sinv, Lc, d);
    const Sigma = new Float64Array(dd);
    for (let k = 0; k < d; k++) Sigma[k * d + k] = 1;
    choleskySolve(Lc, Sigma, d, d);
    const spectrum = symmetricEigenvalues(Sigma.map((v) => v * prior), d).sort().reverse();
    for (let k = 0; k < dd; k++) M[k] = (noise / sigma_a2) * Sinv[k]! + G[k]!;
    cholesky(M, L, d);
    const MinvXy = Xy.slice();
    choleskySolve(L, MinvXy, d, 1);
    const uu = new Float64Array(d);
    for (let i = 0; i < d; i++) {
      let acc = 0;
      for (let k = 0; k < d; k++) acc += G[i * d + k]! * MinvXy[k]!;
      uu[i] = (Xy[i]! - acc) / noise;
    }
    const train = new Float64Array(P);
    for (let m = 0; m < P; m++) {
      let acc = 0;
      for (let k = 0; k < d; k++) acc += X[m * d + k]! * MinvXy[k]!;
      train[m] = acc;
    }
    const Su = new Float64Array(d);
    for (let i = 0; i < d; i++) {
      let acc = 0;
      for (let k = 0; k < d; k++) acc += Sigma[i * d + k]! * uu[k]!;
      Su[i] = acc;
    }
    const test = new Float64Array(inp.Ptest);
    for (let m = 0; m < inp.Ptest; m++) {
      let acc = 0;
      for (let k = 0; k < d; k++) acc += inp.Xtest[m * d + k]! * Su[k]!;
      test[m] = sigma_a2 * acc;
    }
    return { chi, spectrum, train, test, iterations };
  }
}
