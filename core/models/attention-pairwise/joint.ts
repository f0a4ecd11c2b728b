/**
 * The joint estimator of (A, phi) by variable projection (note §2.3 steps 2–3): phi is eliminated
 * by the B-spline least squares of ./pair-fit.ts, and A = P Q^T (P, Q real d x r) is moved by
 * Levenberg–Marquardt on the reduced residual rho(A) = Psi(A) c(A) - Y with Kaufman's Jacobian
 * (the Jacobian at fixed c, projected off the columns of Psi):
 *
 *   d u_ij / d P_{c,k} = X_{i,c} (Q^T X_j)_k,   d u_ij / d Q_{c,k} = X_{j,c} (P^T X_i)_k,
 *   J_{(m,i),theta} = (1/(N-1)) sum_{j != i} phi_hat'(u_ij) d u_ij / d theta,
 *   H = J^T J - (Psi^T J)^T (Psi^T Psi)^{-1} (Psi^T J),   (H + lambda D) delta = -J^T rho.
 *
 * (A, phi) and (c A, phi(./c)) fit the same data, and P S, Q S^{-T} give the same A, so after
 * every step A is rebalanced (P = U S^{1/2}, Q = V S^{1/2} from the SVD of A) and rescaled to
 * ||A||_F = d. Start: the top-r singular pairs of the moment matrix
 * C_hat = (1/(M N (N-1))) sum_m sum_{i != k} Y_i X_i X_k^T, whose row and column spaces are those of
 * A* for Gaussian tokens (Stein's lemma; a heuristic start for other laws).
 */
import { Matrix, SingularValueDecomposition } from 'ml-matrix';
import { type RunHooks, checkpoint } from '../kit/index.js';
import { choleskySolve, factorWithRidge } from './linalg.js';
import { type SplineFit, type SplineSettings, fitSpline, pairValues, project } from './pair-fit.js';
import type { Samples } from './tokens.js';
import type { LowRank } from './truth.js';

export interface JointSettings {
  spline: SplineSettings;
  iterations: number;
  tolerance: number;
}

export interface JointFit {
  A: LowRank;
  fit: SplineFit;
  /** Accepted Levenberg–Marquardt steps. */
  steps: number;
  /** Residual sum of squares at the spectral start and at the end. */
  rssStart: number;
  rss: number;
}

/** The moment matrix C_hat (d x d, row-major). */
export function momentMatrix(data: Samples): Float64Array {
  const { M, N, d, X, Y } = data;
  const C = new Float64Array(d * d);
  const S = new Float64Array(d);
  const V = new Float64Array(d);
  for (let m = 0; m < M; m++) {
    S.fill(0);
    V.fill(0);
    for (let i = 0; i < N; i++) {
      const y = Y[m * N + i];
      const base = (m * N + i) * d;
      for (let c = 0; c < d; c++) {
        S[c] += X[base + c];
        V[c] += y * X[base + c];
      }
      // minus Y_i X_i X_i^T (the j = i term of X_i S^T)
      for (let c = 0; c < d; c++) {
        const f = y * X[base + c];
        if (f === 0) continue;
        for (let e = 0; e < d; e++) C[c * d + e] -= f * X[base + e];
      }
    }
    for (let c = 0; c < d; c++) {
      const f = V[c];
      for (let e = 0; e < d; e++) C[c * d + e] += f * S[e];
    }
  }
  const w = 1 / (M * N * (N - 1));
  for (let k = 0; k < d * d; k++) C[k] *= w;
  return C;
}

/** Top-r singular pairs of the d x d matrix C as P = U S^{1/2}, Q = V S^{1/2}, then rebalanced. */
export function spectralStart(C: Float64Array, d: number, r: number): LowRank {
  const svd = new SingularValueDecomposition(new Matrix(Array.from({ length: d }, (_, i) => Array.from(C.subarray(i * d, (i + 1) * d)))));
  const U = svd.leftSingularVectors;
  const V = svd.rightSingularVectors;
  const s = svd.diagonal;
  const P = new Float64Array(d * r);
  const Q = new Float64Array(d * r);
  for (let k = 0; k < r; k++) {
    const f = Math.sqrt(Math.max(s[k] ?? 0, 0)) || 1;
    for (let c = 0; c < d; c++) {
      P[c * r + k] = U.get(c, k) * f;
      Q[c * r + k] = V.get(c, k) * f;
    }
  }
  const A = { d, r, P, Q };
  rebalance(A, d);
  return A;
}

/** Thin QR by modified Gram–Schmidt (twice): F (d x r) = Qf R; returns R (r x r), Qf written into F. */
function thinQr(F: Float64Array, d: number, r: number): Float64Array {
  const R = new Float64Array(r * r);
  for (let k = 0; k < r; k++) {
    for (let pass = 0; pass < 2; pass++) {
      for (let l = 0; l < k; l++) {
        let dot = 0;
        for (let c = 0; c < d; c++) dot += F[c * r + k] * F[c * r + l];
        for (let c = 0; c < d; c++) F[c * r + k] -= dot * F[c * r + l];
        R[l * r + k] += dot;
      }
    }
    let nrm = 0;
    for (let c = 0; c < d; c++) nrm += F[c * r + k] ** 2;
    nrm = Math.sqrt(nrm);
    R[k * r + k] = nrm;
    if (nrm > 0) for (let c = 0; c < d; c++) F[c * r + k] /= nrm;
  }
  return R;
}

/**
 * Puts A = P Q^T in balanced form with ||A||_F = target, leaving A's direction unchanged:
 * P = Qp U S^{1/2} f, Q = Qq V S^{1/2} f from the SVD of Rp Rq^T (r x r), f^2 = target / |S|.
 */
export function rebalance(A: LowRank, target: number): void {
  const { d, r, P, Q } = A;
  const Rp = thinQr(P, d, r);
  const Rq = thinQr(Q, d, r);
  const small = Array.from({ length: r }, (_, i) =>
    Array.from({ length: r }, (_, j) => {
      let s = 0;
      for (let k = 0; k < r; k++) s += Rp[i * r + k] * Rq[j * r + k];
      return s;
    }),
  );
  const svd = new SingularValueDecomposition(new Matrix(small));
  const U = svd.leftSingularVectors;
  const V = svd.rightSingularVectors;
  const S = svd.diagonal;
  let norm = 0;
  for (const v of S) norm += v * v;
  norm = Math.sqrt(norm);
  const f = norm > 0 ? Math.sqrt(target / norm) : 1;
  const newP = new Float64Array(d * r);
  const newQ = new Float64Array(d * r);
  for (let k = 0; k < r; k++) {
    const g = Math.sqrt(Math.max(S[k], 0)) * f;
    for (let c = 0; c < d; c++) {
      let sp = 0;
      let sq = 0;
      for (let l = 0; l < r; l++) {
        sp += P[c * r + l] * U.get(l, k);
        sq += Q[c * r + l] * V.get(l, k);
      }
      newP[c * r + k] = sp * g;
      newQ[c * r + k] = sq * g;
    }
  }
  P.set(newP);
  Q.set(newQ);
}

/** Work arrays of the fits along the iteration. */
interface Workspace {
  a: Float64Array;
  b: Float64Array;
  u: Float64Array;
}

function fitAt(data: Samples, A: LowRank, spline: SplineSettings, ws: Workspace, hooks: RunHooks, at: number, breaks?: Float64Array): SplineFit {
  project(A, data.X, data.M * data.N, ws.a, ws.b);
  pairValues(data.M, data.N, A.r, ws.a, ws.b, ws.u);
  return fitSpline(data, ws.u, spline, hooks, at, breaks);
}

/** The fit of phi at A (on `breaks`, or on breakpoints placed for A), with its own work arrays. */
export function fitAtA(data: Samples, A: LowRank, spline: SplineSettings, breaks?: Float64Array): SplineFit {
  const ws: Workspace = { a: new Float64Array(data.M * data.N * A.r), b: new Float64Array(data.M * data.N * A.r), u: new Float64Array(data.M * data.N * (data.N - 1)) };
  return fitAt(data, A, spline, ws, {}, 0, breaks);
}

/**
 * The Gauss–Newton system at A with the fit `fit` made there: H (np x np, Kaufman's
 * approximation) and g = J^T rho, np = 2 d r, parameters (P, Q) row-major. Since Psi^T rho = 0 at
 * the least-squares c, g is the exact gradient of RSS/2 as a function of (P, Q) with c re-fitted
 * on the same breakpoints (Golub & Pereyra).
 */
export function gaussNewtonSystem(data: Samples, A: LowRank, fit: SplineFit, hooks: RunHooks = {}, at = 0): { H: Float64Array; g: Float64Array } {
  const ws: Workspace = { a: new Float64Array(data.M * data.N * A.r), b: new Float64Array(data.M * data.N * A.r), u: new Float64Array(0) };
  project(A, data.X, data.M * data.N, ws.a, ws.b);
  return gaussNewton(data, A, fit, ws, hooks, at);
}

/** gaussNewtonSystem with the projections of A already in ws.a, ws.b. */
function gaussNewton(data: Samples, A: LowRank, fit: SplineFit, ws: Workspace, hooks: RunHooks, at: number): { H: Float64Array; g: Float64Array } {
  const { M, N, d, X, Y } = data;
  const { r } = A;
  const np = 2 * d * r;
  const { basis, coef, first, values, derivs } = fit;
  const n = basis.size;
  const s1 = basis.degree + 1;
  const H = new Float64Array(np * np);
  const g = new Float64Array(np);
  const PsiJ = new Float64Array(n * np);
  const J = new Float64Array(np);
  const w = new Float64Array(r);
  const z = new Float64Array(d);
  const psi = new Float64Array(n);
  const touched = new Int32Array(n);
  const mark = new Uint8Array(n);
  const inv = 1 / (N - 1);
  const rows = M * N;
  for (let t = 0; t < rows; t++) {
    if ((t & 2047) === 0) checkpoint(hooks, at);
    const m = (t / N) | 0;
    const i = t - m * N;
    w.fill(0);
    z.fill(0);
    let count = 0;
    let q = t * (N - 1);
    for (let j = 0; j < N; j++) {
      if (j === i) continue;
      const tj = m * N + j;
      const k0 = first[q];
      let dphi = 0;
      for (let l = 0; l < s1; l++) {
        dphi += coef[k0 + l] * derivs[q * s1 + l];
        const k = k0 + l;
        if (mark[k] === 0) {
          mark[k] = 1;
          touched[count++] = k;
        }
        psi[k] += inv * values[q * s1 + l];
      }
      q++;
      dphi *= inv;
      for (let k = 0; k < r; k++) w[k] += dphi * ws.b[tj * r + k];
      for (let c = 0; c < d; c++) z[c] += dphi * X[tj * d + c];
    }
    for (let c = 0; c < d; c++) {
      const x = X[t * d + c];
      for (let k = 0; k < r; k++) {
        J[c * r + k] = x * w[k];
        J[d * r + c * r + k] = ws.a[t * r + k] * z[c];
      }
    }
    const res = fit.fitted[t] - Y[t];
    for (let p = 0; p < np; p++) {
      const jp = J[p];
      if (jp === 0) continue;
      g[p] += jp * res;
      const row = p * np;
      for (let l = p; l < np; l++) H[row + l] += jp * J[l];
    }
    for (let l = 0; l < count; l++) {
      const k = touched[l];
      const v = psi[k];
      const row = k * np;
      for (let p = 0; p < np; p++) PsiJ[row + p] += v * J[p];
      psi[k] = 0;
      mark[k] = 0;
    }
  }
  for (let p = 0; p < np; p++) for (let l = 0; l < p; l++) H[p * np + l] = H[l * np + p];
  // Schur complement: H -= (Psi^T J)^T G^{-1} (Psi^T J).
  const col = new Float64Array(n);
  const sol = new Float64Array(n * np);
  for (let p = 0; p < np; p++) {
    for (let k = 0; k < n; k++) col[k] = PsiJ[k * np + p];
    choleskySolve(fit.factor, n, col);
    for (let k = 0; k < n; k++) sol[k * np + p] = col[k];
  }
  for (let p = 0; p < np; p++) {
    for (let l = p; l < np; l++) {
      let acc = 0;
      for (let k = 0; k < n; k++) acc += PsiJ[k * np + p] * sol[k * np + l];
      H[p * np + l] -= acc;
      if (l !== p) H[l * np + p] -= acc;
    }
  }
  return { H, g };
}

/** (A Q, A^T P) for A = P Q^T, laid out as the parameters (P then Q, row-major d x r). */
function scaleDirection(A: LowRank): Float64Array {
  const { d, r, P, Q } = A;
  const out = new Float64Array(2 * d * r);
  const PtP = new Float64Array(r * r);
  const QtQ = new Float64Array(r * r);
  for (let k = 0; k < r; k++) {
    for (let l = 0; l < r; l++) {
      let sp = 0;
      let sq = 0;
      for (let c = 0; c < d; c++) {
        sp += P[c * r + k] * P[c * r + l];
        sq += Q[c * r + k] * Q[c * r + l];
      }
      PtP[k * r + l] = sp;
      QtQ[k * r + l] = sq;
    }
  }
  // A Q = P (Q^T Q), A^T P = Q (P^T P).
  for (let c = 0; c < d; c++) {
    for (let k = 0; k < r; k++) {
      let a = 0;
      let b = 0;
      for (let l = 0; l < r; l++) {
        a += P[c * r + l] * QtQ[l * r + k];
        b += Q[c * r + l] * PtP[l * r + k];
      }
      out[c * r + k] = a;
      out[d * r + c * r + k] = b;
    }
  }
  return out;
}

/** Largest number of damping increases within one Levenberg–Marquardt step. */
const MAX_REJECTIONS = 12;

/**
 * Fits (A, phi) to `data` from the spectral start. The breakpoints stay those placed for the start
 * while A moves (so the residual is a smooth function of A), and are placed anew for the final A,
 * on which phi is fitted last. Stops when a step, or the decrease the quadratic model predicts, is
 * below `tolerance` times the residual sum of squares. Progress moves from `from` towards `to` (each
 * step halves the remaining distance).
 */
export function fitJoint(data: Samples, r: number, settings: JointSettings, hooks: RunHooks, from: number, to: number): JointFit {
  const { M, N, d } = data;
  const ws: Workspace = { a: new Float64Array(M * N * r), b: new Float64Array(M * N * r), u: new Float64Array(M * N * (N - 1)) };
  const A = spectralStart(momentMatrix(data), d, r);
  let at = from;
  checkpoint(hooks, at);
  let fit = fitAt(data, A, settings.spline, ws, hooks, at);
  const rssStart = fit.rss;
  const breaks = fit.basis.breaks;
  const np = 2 * d * r;
  let lambda = 1e-3;
  let steps = 0;
  const system = new Float64Array(np * np);
  const factor = new Float64Array(np * np);
  const delta = new Float64Array(np);
  for (let it = 0; it < settings.iterations; it++) {
    const { H, g } = gaussNewton(data, A, fit, ws, hooks, at);
    let maxDiag = 0;
    for (let p = 0; p < np; p++) maxDiag = Math.max(maxDiag, H[p * np + p]);
    if (!(maxDiag > 0)) break;
    // With the breakpoints fixed the residual sees the scale of A, which the rebalancing then
    // undoes: confine the step to <A, dA> = 0 by a stiff penalty along v = (A Q, A^T P), the
    // gradient of <A, P Q^T> in (P, Q).
    const v = scaleDirection(A);
    let vv = 0;
    for (let p = 0; p < np; p++) vv += v[p] * v[p];
    const stiffness = vv > 0 ? (1e6 * maxDiag) / vv : 0;
    let accepted = false;
    let converged = false;
    let next = fit;
    for (let attempt = 0; attempt < MAX_REJECTIONS; attempt++) {
      system.set(H);
      for (let p = 0; p < np; p++) {
        system[p * np + p] += lambda * Math.max(H[p * np + p], 1e-9 * maxDiag);
        for (let l = 0; l < np; l++) system[p * np + l] += stiffness * v[p] * v[l];
      }
      if (!Number.isFinite(factorWithRidge(system, np, factor))) {
        lambda *= 4;
        continue;
      }
      for (let p = 0; p < np; p++) delta[p] = -g[p];
      choleskySolve(factor, np, delta);
      // Decrease predicted by the quadratic model: -(g.delta + delta^T H delta / 2).
      let predicted = 0;
      for (let p = 0; p < np; p++) {
        let hd = 0;
        for (let l = 0; l < np; l++) hd += H[p * np + l] * delta[l];
        predicted -= g[p] * delta[p] + 0.5 * delta[p] * hd;
      }
      if (predicted < settings.tolerance * fit.rss) {
        converged = true;
        break;
      }
      const trial: LowRank = { d, r, P: A.P.slice(), Q: A.Q.slice() };
      for (let c = 0; c < d * r; c++) {
        trial.P[c] += delta[c];
        trial.Q[c] += delta[d * r + c];
      }
      rebalance(trial, d);
      const candidate = fitAt(data, trial, settings.spline, ws, hooks, at, breaks);
      if (candidate.rss < fit.rss) {
        next = candidate;
        const gain = (fit.rss - next.rss) / fit.rss;
        A.P.set(trial.P);
        A.Q.set(trial.Q);
        lambda = Math.max(lambda / 3, 1e-12);
        steps++;
        accepted = true;
        converged = gain < settings.tolerance;
        break;
      }
      lambda *= 4;
    }
    at += (to - at) / 2;
    checkpoint(hooks, at);
    if (accepted) fit = next;
    if (!accepted || converged) break;
  }
  // The final phi on breakpoints placed for the final A.
  if (steps > 0) fit = fitAt(data, A, settings.spline, ws, hooks, at);
  return { A, fit, steps, rssStart, rss: fit.rss };
}
