/**
 * Exponential collocation for many linear modes driven by one scalar forcing.
 *
 * The system, in an internal time u:
 *
 *   dy_j/du = -mu_j y_j + beta_j psi(u),            j = 1..m,  mu_j >= 0,
 *   psi     = kappa (L(y) + c),                     L(y) = sum_j w_j y_j,
 *   ds/du   = f(s, L(y), L2(y)),  kappa = k(s, L(y), L2(y)),   L2(y) = sum_j w2_j y_j,
 *
 * with a few scalar states s whose first, s_0, is the outer time (it must increase with u; outputs
 * are requested at values of s_0). The modes may be arbitrarily stiff (mu_j up to 1e7 and beyond):
 * on a step [u_n, u_n + h] psi is replaced by its interpolant p on the Chebyshev–Lobatto nodes
 * u_n + c_k h, k = 0..6, and each mode is integrated exactly,
 *
 *   y_j(u_n + tau) = e^z y_j(u_n) + beta_j sum_q a_q q! h^-q tau^(q+1) phi_(q+1)(z),   z = -mu_j tau,
 *
 * (p(r) = sum_q a_q (r/h)^q; Hochbruck & Ostermann, Acta Numerica 19, 2010, §2.2–2.4 on exponential
 * quadrature and collocation). Only L, L2 and the size functional Z(y) = sum_j v_j y_j enter the
 * collocation equations, so sums over the modes are formed once per step (O(m) work) and the node
 * values of kappa and of the scalar states are found by Newton's method on a small system
 * (6 (1 + states) unknowns). The error of L, Z and the scalar states is estimated by the degree-5
 * interpolant on the first six nodes; its order does not degrade on stiff modes (every stage is
 * exact given the interpolant), unlike explicit exponential Runge–Kutta schemes, whose stages for
 * slaved stiff modes feed their first-order errors back through the forcing. Outputs at requested
 * s_0 are evaluated inside the step (s_0(u) is a polynomial there).
 */
import { phiSequence } from './phi.js';
import type { OdeStatus } from './solve.js';
import { solveDense, vandermondeInverse } from '../small-linear.js';

export interface ForcedModesProblem {
  /** Decay rates mu_j >= 0 of the modes. */
  rate: Float64Array;
  /** Inflow beta_j of the forcing into each mode. */
  inflow: Float64Array;
  /** Initial modes y_j(0). */
  y0: Float64Array;
  /** Weights w_j of the functional L whose affine image drives the forcing; its error is controlled. */
  forcingWeights: Float64Array;
  /** The constant c in psi = kappa (L + c). */
  forcingOffset: number;
  /** Weights w2_j of a second functional the scalar states may read. */
  secondWeights: Float64Array;
  /** Weights v_j of a size functional whose error is controlled too. */
  sizeWeights: Float64Array;
  /** Initial scalar states; s0[0] is the outer time. */
  s0: Float64Array;
  /**
   * The gain kappa at scalar states `s` and functionals L, L2; writes ds/du into
   * `dsdu[offset .. offset + s.length)`.
   */
  scalars(s: Float64Array, L: number, L2: number, dsdu: Float64Array, offset: number): number;
  /** First step size in u. */
  initialStep: number;
  /** Integration stops once L + c falls below this (the modes then approach the subnormal range). */
  floor?: number;
}

export interface ExpCollocationOptions {
  problem: ForcedModesProblem;
  /** Output values of the outer time s_0, increasing, none below s0[0]. */
  tEval: ArrayLike<number>;
  rtol: number;
  /** Absolute tolerance of the scalar states (L and Z are controlled relatively). */
  atol: number;
  maxSteps: number;
  /** Polled once per step; integration stops with status 'cancelled' when it returns true. */
  isCancelled?: () => boolean;
  /** Called after each accepted step with the outer time and the modes (do not keep the array). */
  onStep?: (t: number, y: Float64Array) => void;
  /** Called at each output with its index, the internal time u, the modes and the scalar states (do not keep the arrays). */
  onOutput: (index: number, u: number, y: Float64Array, s: Float64Array) => void;
}

export interface ExpCollocationResult {
  status: OdeStatus;
  /** Passes over the modes (one per attempted step that reached the collocation). */
  nfev: number;
  nsteps: number;
  naccepted: number;
  nrejected: number;
  /** The outer time at which L + c fell below `floor` and the integration stopped; NaN if it did not. */
  floorReachedAt: number;
}

/** Number of collocation nodes after u_n. */
const S = 6;
const NS = S + 1;
const NODES = Float64Array.from({ length: NS }, (_, k) => (1 - Math.cos((k * Math.PI) / S)) / 2);
/** Monomial coefficients of the Lagrange basis on all nodes: l_i(s) = sum_p CF[p][i] s^p. */
const CF = vandermondeInverse(NODES);
/** The same on the first S nodes (degree S - 1), for the error estimate. */
const CF_LOW = vandermondeInverse(NODES.subarray(0, S));
const FACT = Float64Array.from({ length: NS + 1 }, (_, p) => {
  let f = 1;
  for (let q = 2; q <= p; q++) f *= q;
  return f;
});

/** ∫_0^c l_i(s) ds for i = 0..n-1 with coefficients cf (n x n). */
function basisIntegrals(cf: Float64Array, n: number, c: number, out: Float64Array): void {
  for (let i = 0; i < n; i++) {
    let s = 0;
    let cp = c;
    for (let p = 0; p < n; p++) {
      s += (cf[p * n + i] * cp) / (p + 1);
      cp *= c;
    }
    out[i] = s;
  }
}

const INT = (() => {
  const out = new Float64Array(NS * NS);
  const row = new Float64Array(NS);
  for (let k = 0; k < NS; k++) {
    basisIntegrals(CF, NS, NODES[k], row);
    out.set(row, k * NS);
  }
  return out;
})();
const INT_LOW_END = (() => {
  const row = new Float64Array(S);
  basisIntegrals(CF_LOW, S, 1, row);
  return row;
})();

/** phi_1..phi_7 at z into out, returning e^z (./phi.ts). */
function phiRow(z: number, out: Float64Array): number {
  return phiSequence(z, out, NS);
}

export function solveExpCollocation(options: ExpCollocationOptions): ExpCollocationResult {
  const { problem, tEval: times, rtol } = options;
  const { rate, inflow, forcingWeights: w1, secondWeights: w2, sizeWeights: w0 } = problem;
  const m = rate.length;
  const offset = problem.forcingOffset;
  const nS = problem.s0.length;
  // The functionals' weights times the inflow: the modes' forced parts enter them through these.
  const wb1 = new Float64Array(m);
  const wb2 = new Float64Array(m);
  const wb0 = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    wb1[j] = w1[j] * inflow[j];
    wb2[j] = w2[j] * inflow[j];
    wb0[j] = w0[j] * inflow[j];
  }
  const D = Float64Array.from(problem.y0);
  const state = Float64Array.from(problem.s0);

  // Per-step aggregates: A* = sum weight e^z y, M*[k][p] = sum weight inflow phi_{p+1}(z), nodes k = 1..S.
  const A1 = new Float64Array(NS);
  const A2 = new Float64Array(NS);
  const Ad = new Float64Array(NS);
  const M1 = new Float64Array(NS * NS);
  const M2 = new Float64Array(NS * NS);
  const Md = new Float64Array(NS * NS);
  const Q1 = new Float64Array(NS * NS);
  const Q2 = new Float64Array(NS * NS);
  const Qd = new Float64Array(NS * NS);
  const phi = new Float64Array(NS);
  const phiEnd = new Float64Array(m * NS);
  const ezEnd = new Float64Array(m);

  // Newton on x = (kappa_1..kappa_S, state_1..state_S).
  const nx = S * (1 + nS);
  const x = new Float64Array(nx);
  const fx = new Float64Array(nx);
  const fxp = new Float64Array(nx);
  const jac = new Float64Array(nx * nx);
  const delta = new Float64Array(nx);
  const rhs = new Float64Array(S);
  const psi = new Float64Array(NS);
  const Pn = new Float64Array(NS);
  const P2n = new Float64Array(NS);
  const fNodes = new Float64Array(NS * nS);
  const lin = new Float64Array(S * S);
  const a = new Float64Array(NS);
  let gamma0 = 0;
  let h = 0;
  const stNode = new Float64Array(nS);

  /** Aggregates at the nodes for step h from the current modes (one pass over them). */
  const aggregate = (): void => {
    A1.fill(0);
    A2.fill(0);
    Ad.fill(0);
    M1.fill(0);
    M2.fill(0);
    Md.fill(0);
    for (let j = 0; j < m; j++) {
      const mu = rate[j];
      const dj = D[j];
      const v0 = w0[j];
      const v1 = w1[j];
      const v2 = w2[j];
      const b1 = wb1[j];
      const b2 = wb2[j];
      const b0 = wb0[j];
      for (let kk = 1; kk < NS; kk++) {
        const ez = phiRow(-mu * NODES[kk] * h, phi);
        A1[kk] += v1 * ez * dj;
        A2[kk] += v2 * ez * dj;
        Ad[kk] += v0 * ez * dj;
        const row = kk * NS;
        for (let p = 0; p < NS; p++) {
          const v = phi[p];
          M1[row + p] += b1 * v;
          M2[row + p] += b2 * v;
          Md[row + p] += b0 * v;
        }
        if (kk === S) {
          ezEnd[j] = ez;
          phiEnd.set(phi, j * NS);
        }
      }
    }
    // Q[k][i] = sum_p h p! c_k^{p+1} M[k][p] CF[p][i]
    for (const [M, Q] of [
      [M1, Q1],
      [M2, Q2],
      [Md, Qd],
    ] as const) {
      Q.fill(0);
      for (let kk = 1; kk < NS; kk++) {
        let cp = NODES[kk];
        for (let p = 0; p < NS; p++) {
          const g = h * FACT[p] * cp * M[kk * NS + p];
          cp *= NODES[kk];
          for (let i = 0; i < NS; i++) Q[kk * NS + i] += g * CF[p * NS + i];
        }
      }
    }
  };

  /** Phi(x) for the collocation unknowns; also fills psi, Pn, P2n and fNodes. */
  const collocationMap = (xin: Float64Array, out: Float64Array): boolean => {
    // psi_k - kappa_k sum_{i>=1} Q1[k][i] psi_i = kappa_k (A1_k + Q1[k][0] psi_0 + c)
    for (let r = 0; r < S; r++) {
      const kk = r + 1;
      const g = xin[r];
      for (let c = 0; c < S; c++) lin[r * S + c] = (r === c ? 1 : 0) - g * Q1[kk * NS + c + 1];
      rhs[r] = g * (A1[kk] + Q1[kk * NS] * psi[0] + offset);
    }
    if (!solveDense(lin, rhs, S)) return false;
    for (let r = 0; r < S; r++) psi[r + 1] = rhs[r];
    for (let kk = 1; kk < NS; kk++) {
      let P = A1[kk];
      let P2 = A2[kk];
      for (let i = 0; i < NS; i++) {
        P += Q1[kk * NS + i] * psi[i];
        P2 += Q2[kk * NS + i] * psi[i];
      }
      Pn[kk] = P;
      P2n[kk] = P2;
    }
    // node derivatives from the unknown states, then the integrated states and kappa
    for (let kk = 1; kk < NS; kk++) {
      for (let q = 0; q < nS; q++) stNode[q] = xin[S + (kk - 1) * nS + q];
      const g = problem.scalars(stNode, Pn[kk], P2n[kk], fNodes, kk * nS);
      out[kk - 1] = g;
    }
    for (let kk = 1; kk < NS; kk++) {
      for (let q = 0; q < nS; q++) {
        let s = state[q];
        for (let i = 0; i < NS; i++) s += h * INT[kk * NS + i] * fNodes[i * nS + q];
        out[S + (kk - 1) * nS + q] = s;
      }
    }
    for (let i = 0; i < nx; i++) if (!Number.isFinite(out[i])) return false;
    return true;
  };

  /** Newton's method on x = Phi(x); false if it fails to converge. */
  const solveCollocation = (): boolean => {
    // initial guess: kappa constant, states along the step-start derivative
    for (let r = 0; r < S; r++) {
      x[r] = gamma0;
      for (let q = 0; q < nS; q++) x[S + r * nS + q] = state[q] + NODES[r + 1] * h * fNodes[q];
    }
    for (let it = 0; it < 12; it++) {
      if (!collocationMap(x, fx)) return false;
      let change = 0;
      for (let i = 0; i < nx; i++) change = Math.max(change, Math.abs(x[i] - fx[i]) / Math.max(Math.abs(x[i]), 1e-300));
      if (change < 1e-14) {
        x.set(fx);
        return collocationMap(x, fx);
      }
      // J = I - dPhi/dx by forward differences
      for (let c = 0; c < nx; c++) {
        const xc = x[c];
        const dx = 1e-7 * Math.max(Math.abs(xc), 1e-12);
        x[c] = xc + dx;
        if (!collocationMap(x, fxp)) return false;
        x[c] = xc;
        for (let r = 0; r < nx; r++) jac[r * nx + c] = (r === c ? 1 : 0) - (fxp[r] - fx[r]) / dx;
      }
      for (let r = 0; r < nx; r++) delta[r] = fx[r] - x[r];
      if (!solveDense(jac, delta, nx)) return false;
      for (let i = 0; i < nx; i++) x[i] += delta[i];
    }
    return false;
  };

  const n = times.length;
  let iOut = 0;
  while (iOut < n && times[iOut] <= state[0]) {
    options.onOutput(iOut, 0, D, state);
    iOut++;
  }
  const tEnd = n > 0 ? times[n - 1] : 0;
  let u = 0;
  let nsteps = 0;
  let naccepted = 0;
  let nrejected = 0;
  let nfev = 0;
  let status: OdeStatus = 'success';
  let floorReachedAt = Number.NaN;
  h = problem.initialStep;
  const Dout = new Float64Array(m);
  const stOut = new Float64Array(nS);
  const intRow = new Float64Array(NS);
  const tPoly = (sigma: number): number => {
    basisIntegrals(CF, NS, sigma, intRow);
    let s = state[0];
    for (let i = 0; i < NS; i++) s += h * intRow[i] * fNodes[i * nS];
    return s;
  };

  while (iOut < n) {
    if (options.isCancelled?.()) {
      status = 'cancelled';
      break;
    }
    if (nsteps >= options.maxSteps) {
      status = 'max_steps';
      break;
    }
    if (!(h > 0) || !Number.isFinite(h) || h < 1e-300) {
      status = 'step_too_small';
      break;
    }
    nsteps++;
    // step start: L, L2, kappa, derivatives
    let P0 = 0;
    let P20 = 0;
    for (let j = 0; j < m; j++) {
      P0 += w1[j] * D[j];
      P20 += w2[j] * D[j];
    }
    if (problem.floor !== undefined && P0 + offset < problem.floor) {
      floorReachedAt = state[0];
      break;
    }
    gamma0 = problem.scalars(state, P0, P20, fNodes, 0);
    psi[0] = gamma0 * (P0 + offset);
    aggregate();
    nfev++;
    if (!solveCollocation()) {
      nrejected++;
      h *= 0.25;
      continue;
    }
    // error estimate from the degree S-1 interpolant extrapolated to the end node
    for (let p = 0; p < NS; p++) {
      let s = 0;
      for (let i = 0; i < NS; i++) s += CF[p * NS + i] * psi[i];
      a[p] = s;
    }
    let Pend = A1[S];
    let dEnd = Ad[S];
    for (let i = 0; i < NS; i++) {
      Pend += Q1[S * NS + i] * psi[i];
      dEnd += Qd[S * NS + i] * psi[i];
    }
    let Plow = A1[S];
    let dLow = Ad[S];
    for (let p = 0; p < S; p++) {
      let ap = 0;
      for (let i = 0; i < S; i++) ap += CF_LOW[p * S + i] * psi[i];
      Plow += h * FACT[p] * M1[S * NS + p] * ap;
      dLow += h * FACT[p] * Md[S * NS + p] * ap;
    }
    let err = Math.max(Math.abs(Pend - Plow) / (rtol * Math.abs(Pend) + 1e-300), Math.abs(dEnd - dLow) / (rtol * Math.abs(dEnd) + 1e-300));
    for (let q = 0; q < nS; q++) {
      let hi = state[q];
      let lo = state[q];
      for (let i = 0; i < NS; i++) hi += h * INT[S * NS + i] * fNodes[i * nS + q];
      for (let i = 0; i < S; i++) lo += h * INT_LOW_END[i] * fNodes[i * nS + q];
      err = Math.max(err, Math.abs(hi - lo) / (rtol * Math.abs(hi) + options.atol));
    }
    if (!(err <= 1)) {
      nrejected++;
      h *= Number.isFinite(err) ? Math.max(0.2, 0.9 * Math.pow(err, -1 / S)) : 0.25;
      continue;
    }
    naccepted++;
    // outputs inside the step
    const tNew = tPoly(1);
    while (iOut < n && times[iOut] <= tNew) {
      const target = times[iOut];
      let lo = 0;
      let hi = 1;
      for (let it = 0; it < 200 && hi - lo > 1e-16; it++) {
        const mid = 0.5 * (lo + hi);
        if (tPoly(mid) < target) lo = mid;
        else hi = mid;
      }
      const sigma = hi;
      basisIntegrals(CF, NS, sigma, intRow);
      for (let q = 0; q < nS; q++) {
        let s = state[q];
        for (let i = 0; i < NS; i++) s += h * intRow[i] * fNodes[i * nS + q];
        stOut[q] = s;
      }
      stOut[0] = target;
      for (let j = 0; j < m; j++) {
        const tau = sigma * h;
        const ez = phiRow(-rate[j] * tau, phi);
        let s = 0;
        let sp = sigma;
        for (let p = 0; p < NS; p++) {
          s += a[p] * FACT[p] * sp * phi[p];
          sp *= sigma;
        }
        Dout[j] = ez * D[j] + inflow[j] * h * s;
      }
      options.onOutput(iOut, u + sigma * h, Dout, stOut);
      iOut++;
    }
    // advance
    for (let j = 0; j < m; j++) {
      let s = 0;
      const base = j * NS;
      for (let p = 0; p < NS; p++) s += a[p] * FACT[p] * phiEnd[base + p];
      D[j] = ezEnd[j] * D[j] + inflow[j] * h * s;
    }
    for (let q = 0; q < nS; q++) {
      let s = state[q];
      for (let i = 0; i < NS; i++) s += h * INT[S * NS + i] * fNodes[i * nS + q];
      state[q] = s;
    }
    u += h;
    options.onStep?.(state[0], D);
    if (state[0] >= tEnd && iOut >= n) break;
    h *= Math.min(5, Math.max(0.2, 0.9 * Math.pow(Math.max(err, 1e-10), -1 / S)));
  }
  return { status, nfev, nsteps, naccepted, nrejected, floorReachedAt };
}
