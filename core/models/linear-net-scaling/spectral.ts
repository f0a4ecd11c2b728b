/**
 * The NNGP kernel of the two-layer linear network in its eigenbasis (field-theory note §4.1):
 * K̂ = c XXᵀ with c = σ̃_a²σ_w²/d. Everything the theory needs is diagonal there: with
 * K̂ = Σ_j λ_j u_j u_jᵀ and ỹ_j = u_jᵀy, the posterior mean of the GP with the rescaled kernel QK̂ is
 *   train: f̄ = Σ_j g_j(Q) ỹ_j u_j,  test: f̄(x*) = Σ_j g_j(Q) ỹ_j b_j(x*),  g_j(Q) = Qλ_j/(Qλ_j + σ̃²),
 * with b_j(x*) = x*·v_j/√s_j (v_j, s_j the right singular vectors and squared singular values of
 * X). So every mean predictor (NNGP: Q = 1, saddle, tree level, the exact Gamma mixture: E[g_j(Q)])
 * is a set of weights ḡ_j. The decomposition uses the smaller Gram matrix, XᵀX (d×d) or XXᵀ (P×P).
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';

export interface KernelSpectrum {
  P: number;
  Ptest: number;
  /** Eigenvalues λ_j > 0 of K̂ (descending), r of them. */
  lambda: Float64Array;
  /** ỹ_j = u_jᵀy. */
  yt: Float64Array;
  /** |y|² − Σ_j ỹ_j²: the part of y outside the kernel's range (never learned). */
  yPerp2: number;
  /** u_j as columns: P×r row-major (U[μ·r + j]). */
  U: Float64Array;
  /** b_j(x*_m): Ptest×r row-major. */
  B: Float64Array;
  /** v_j/√s_j as columns: d×r row-major, so that f̄(x) = x·β with β = Σ_j ḡ_j ỹ_j v_j/√s_j. */
  Vs: Float64Array;
  ytest: Float64Array;
  y: Float64Array;
}

/** Eigenvalues below this fraction of the largest count as zero (rank deficiency). */
const RANK_TOL = 1e-12;

function symmetricEigen(A: Matrix): { values: number[]; vectors: Matrix } {
  const e = new EigenvalueDecomposition(A, { assumeSymmetric: true });
  return { values: e.realEigenvalues, vectors: e.eigenvectorMatrix };
}

/**
 * The spectrum of K̂ = c XXᵀ (c = σ̃_a²σ_w²/d) on training inputs X (P×d row-major) and targets y,
 * with the test inputs' coefficients.
 */
export function kernelSpectrum(
  X: Float64Array,
  y: Float64Array,
  Xtest: Float64Array,
  ytest: Float64Array,
  P: number,
  Ptest: number,
  d: number,
  c: number,
): KernelSpectrum {
  // Right singular vectors v_j and s_j = σ_j² of X.
  let s: number[];
  let V: number[][]; // V[j] = v_j (length d)
  if (d <= P) {
    const G = new Matrix(d, d);
    for (let k = 0; k < d; k++) {
      for (let l = k; l < d; l++) {
        let acc = 0;
        for (let m = 0; m < P; m++) acc += X[m * d + k]! * X[m * d + l]!;
        G.set(k, l, acc);
        G.set(l, k, acc);
      }
    }
    const e = symmetricEigen(G);
    s = e.values;
    V = s.map((_, j) => e.vectors.getColumn(j));
  } else {
    const K = new Matrix(P, P);
    for (let m = 0; m < P; m++) {
      for (let n = m; n < P; n++) {
        let acc = 0;
        for (let k = 0; k < d; k++) acc += X[m * d + k]! * X[n * d + k]!;
        K.set(m, n, acc);
        K.set(n, m, acc);
      }
    }
    const e = symmetricEigen(K);
    s = e.values;
    V = s.map((sj, j) => {
      const u = e.vectors.getColumn(j);
      const v = new Array<number>(d).fill(0);
      const norm = Math.sqrt(Math.max(sj, 0));
      if (norm > 0) for (let m = 0; m < P; m++) for (let k = 0; k < d; k++) v[k] += (X[m * d + k]! * u[m]!) / norm;
      return v;
    });
  }
  const order = s.map((_, j) => j).sort((a, b) => s[b]! - s[a]!);
  const smax = Math.max(0, s[order[0]!] ?? 0);
  const keep = order.filter((j) => s[j]! > RANK_TOL * smax && s[j]! > 0);
  const r = keep.length;
  const lambda = new Float64Array(r);
  const U = new Float64Array(P * r);
  const B = new Float64Array(Ptest * r);
  const Vs = new Float64Array(d * r);
  const yt = new Float64Array(r);
  keep.forEach((j, col) => {
    const sj = s[j]!;
    lambda[col] = c * sj;
    const v = V[j]!;
    const root = Math.sqrt(sj);
    for (let k = 0; k < d; k++) Vs[k * r + col] = v[k]! / root;
    let proj = 0;
    for (let m = 0; m < P; m++) {
      let acc = 0;
      for (let k = 0; k < d; k++) acc += X[m * d + k]! * v[k]!;
      const u = acc / root;
      U[m * r + col] = u;
      proj += u * y[m]!;
    }
    yt[col] = proj;
    for (let m = 0; m < Ptest; m++) {
      let acc = 0;
      for (let k = 0; k < d; k++) acc += Xtest[m * d + k]! * v[k]!;
      B[m * r + col] = acc / root;
    }
  });
  let y2 = 0;
  for (let m = 0; m < P; m++) y2 += y[m]! * y[m]!;
  let proj2 = 0;
  for (let j = 0; j < r; j++) proj2 += yt[j]! * yt[j]!;
  return { P, Ptest, lambda, yt, yPerp2: Math.max(0, y2 - proj2), U, B, Vs, ytest, y };
}

/** Weights g_j(Q) = Qλ_j/(Qλ_j + σ̃²) of the GP with kernel QK̂. */
export function rescaledWeights(spec: KernelSpectrum, Q: number, noise: number): Float64Array {
  return spec.lambda.map((l) => (Q * l) / (Q * l + noise));
}

export interface MeanPredictor {
  train: Float64Array;
  test: Float64Array;
  trainError: number;
  testError: number;
}

/** The mean predictor of weights ḡ_j on the train and test inputs, with its errors (1/P)Σ(f̄ − y)². */
export function predictor(spec: KernelSpectrum, g: Float64Array): MeanPredictor {
  const { P, Ptest, yt, U, B } = spec;
  const r = yt.length;
  const coef = g.map((gj, j) => gj * yt[j]!);
  const apply = (M: Float64Array, n: number) => {
    const out = new Float64Array(n);
    for (let m = 0; m < n; m++) {
      let acc = 0;
      for (let j = 0; j < r; j++) acc += M[m * r + j]! * coef[j]!;
      out[m] = acc;
    }
    return out;
  };
  const train = apply(U, P);
  const test = apply(B, Ptest);
  let tr = spec.yPerp2;
  for (let j = 0; j < r; j++) tr += (g[j]! - 1) ** 2 * yt[j]! ** 2;
  let te = 0;
  for (let m = 0; m < Ptest; m++) te += (test[m]! - spec.ytest[m]!) ** 2;
  return { train, test, trainError: P > 0 ? tr / P : Number.NaN, testError: Ptest > 0 ? te / Ptest : Number.NaN };
}
