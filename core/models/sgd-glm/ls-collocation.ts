/**
 * Exponential collocation for the least-squares ODE (the `exponential` method for least squares).
 *
 * In the time u = Γ(t) = ∫ gamma dt every mode obeys a linear equation with a constant rate,
 *
 *   dD_j/du = -2 lambda_j D_j + lambda_j psi(u),   psi = gamma I = gamma (P + omega^2),  P = sum_j w_j lambda_j D_j,
 *
 * (E_j(u) = E_j(0) e^{-lambda_j u} exactly), and all coupling runs through the scalar psi and the
 * scalar states (t, with dt/du = 1/gamma, and the policy's states). On a step [u_n, u_n + h]
 * psi is replaced by its interpolant p on the Chebyshev–Lobatto nodes u_n + c_k h, k = 0..6;
 * each mode is then integrated exactly:
 *
 *   D_j(u_n + tau) = e^{z} D_j(u_n) + lambda_j sum_q a_q q! h^{-q} tau^{q+1} phi_{q+1}(z),  z = -2 lambda_j tau,
 *
 * (p(r) = sum_q a_q (r/h)^q; Hochbruck & Ostermann, Acta Numerica 19, 2010, §2.2–2.4 on
 * exponential quadrature and collocation). Only aggregates enter the collocation equations, so
 * sums over the modes are formed once per step (O(m) work) and the node values of gamma and of the
 * scalar states are found by Newton's method on a system of size 6 (1 + states). The error of the
 * risk, the distance and the scalar states is estimated by the degree-5 interpolant on the first
 * six nodes; its order does not degrade on stiff modes (every stage is exact given the
 * interpolant), unlike explicit exponential Runge–Kutta schemes, whose stages for slaved stiff
 * modes feed their first-order errors back through the risk. Outputs at requested t are
 * evaluated inside the step (t(u) is a polynomial there).
 */
import { CancelledError } from '../model-kind-errors.js';
import { phiSequence } from '../../numerics/ode/phi.js';
import { solveDense, vandermondeInverse } from '../../numerics/small-linear.js';
import type { OdeStatus } from '../../numerics/ode/solve.js';
import { type LrView, emptyView } from './lr/index.js';
import type { GlmTheoryInput, TheoryCurves, TheoryHooks, TheoryOutput, TheorySolverSettings } from './ode.js';

/** Below this risk (noiseless) the integration stops; later outputs stay NaN. */
export const UNDERFLOW = 1e-250;

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

/** phi_1..phi_7 at z into out, returning e^z (numerics/ode/phi). */
function phiRow(z: number, out: Float64Array): number {
  return phiSequence(z, out, NS);
}

export function lsCollocationTheory(
  input: GlmTheoryInput,
  times: Float64Array,
  settings: TheorySolverSettings,
  hooks: TheoryHooks = {},
): TheoryOutput {
  const { lambda, weight, v22, policy } = input;
  const m = lambda.length;
  const omega2 = input.omega * input.omega;
  const k = policy.theoryStates;
  const nS = 1 + k; // t and the policy states
  const rtol = settings.rtol;
  const wl = new Float64Array(m);
  const wl2 = new Float64Array(m);
  const wl3 = new Float64Array(m);
  let meanLambda = 0;
  let meanLambda2 = 0;
  let lambdaMax = 0;
  for (let j = 0; j < m; j++) {
    wl[j] = weight[j] * lambda[j];
    wl2[j] = wl[j] * lambda[j];
    wl3[j] = wl2[j] * lambda[j];
    meanLambda += wl[j];
    meanLambda2 += wl2[j];
    lambdaMax = Math.max(lambdaMax, lambda[j]);
  }

  const D = Float64Array.from(input.d0);
  const E0 = Float64Array.from(input.e0);
  const state = new Float64Array(nS);
  const policyStates = new Float64Array(k);
  policy.initialStates(policyStates);
  state.set(policyStates, 1);

  const view: LrView = emptyView();
  view.meanLambda = meanLambda;
  view.meanLambda2 = meanLambda2;
  view.exx = 1;
  view.exs = -1;
  /** gamma and the u-derivatives f of the scalar states, for given (state, P, P2). */
  const scalarsAt = (st: Float64Array, P: number, P2: number, f: Float64Array, fOff: number): number => {
    for (let q = 0; q < k; q++) policyStates[q] = st[1 + q];
    view.t = st[0];
    view.fisher = P + omega2;
    view.risk = 0.5 * view.fisher;
    view.P = P;
    view.C = 0;
    view.grad2 = P2;
    const g = policy.gamma(policyStates, view);
    f[fOff] = 1 / g;
    if (k > 0) {
      policy.rates(policyStates, view, g, RATES);
      for (let q = 0; q < k; q++) f[fOff + 1 + q] = RATES[q] / g;
    }
    return g;
  };
  const RATES = new Float64Array(Math.max(1, k));

  // Per-step aggregates: A* = sum weight e^z D, M*[k][p] = sum weight phi_{p+1}(z), nodes k = 1..S.
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

  // Newton on x = (gamma_1..gamma_S, state_1..state_S).
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

  /** Aggregates at the nodes for step h from the current D (one pass over the modes). */
  const aggregate = (): void => {
    A1.fill(0);
    A2.fill(0);
    Ad.fill(0);
    M1.fill(0);
    M2.fill(0);
    Md.fill(0);
    for (let j = 0; j < m; j++) {
      const l = lambda[j];
      const dj = D[j];
      const w0 = weight[j];
      const w1 = wl[j];
      const w2 = wl2[j];
      const w3 = wl3[j];
      for (let kk = 1; kk < NS; kk++) {
        const ez = phiRow(-2 * l * NODES[kk] * h, phi);
        A1[kk] += w1 * ez * dj;
        A2[kk] += w2 * ez * dj;
        Ad[kk] += w0 * ez * dj;
        const row = kk * NS;
        for (let p = 0; p < NS; p++) {
          const v = phi[p];
          M1[row + p] += w2 * v;
          M2[row + p] += w3 * v;
          Md[row + p] += w1 * v;
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
    // psi_k - gamma_k sum_{i>=1} Q1[k][i] psi_i = gamma_k (A1_k + Q1[k][0] psi_0 + omega^2)
    for (let r = 0; r < S; r++) {
      const kk = r + 1;
      const g = xin[r];
      for (let c = 0; c < S; c++) lin[r * S + c] = (r === c ? 1 : 0) - g * Q1[kk * NS + c + 1];
      rhs[r] = g * (A1[kk] + Q1[kk * NS] * psi[0] + omega2);
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
    // node derivatives from the unknown states, then the integrated states and gamma
    for (let kk = 1; kk < NS; kk++) {
      for (let q = 0; q < nS; q++) stNode[q] = xin[S + (kk - 1) * nS + q];
      const g = scalarsAt(stNode, Pn[kk], P2n[kk], fNodes, kk * nS);
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
    // initial guess: gamma constant, states along the step-start derivative
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

  // Outputs.
  const n = times.length;
  const curves: TheoryCurves = {
    t: Float64Array.from(times),
    risk: new Float64Array(n).fill(Number.NaN),
    excess: new Float64Array(n).fill(Number.NaN),
    lr: new Float64Array(n).fill(Number.NaN),
    distance: new Float64Array(n).fill(Number.NaN),
    overlap: new Float64Array(n).fill(Number.NaN),
    b11: new Float64Array(n).fill(Number.NaN),
    b12: new Float64Array(n).fill(Number.NaN),
  };
  let b = 0;
  for (let j = 0; j < m; j++) b += wl[j] * v22[j];
  const finalPolicy = new Float64Array(k);
  const fOut = new Float64Array(nS);
  const emit = (i: number, u: number, Dcur: Float64Array, st: Float64Array): void => {
    let P = 0;
    let P2 = 0;
    let dist = 0;
    let C = 0;
    let ov = 0;
    for (let j = 0; j < m; j++) {
      P += wl[j] * Dcur[j];
      P2 += wl2[j] * Dcur[j];
      dist += weight[j] * Dcur[j];
      const E = E0[j] === 0 ? 0 : E0[j] * Math.exp(-lambda[j] * u);
      C += wl[j] * E;
      ov += weight[j] * (E + v22[j]);
    }
    const g = scalarsAt(st, P, P2, fOut, 0);
    curves.risk[i] = 0.5 * (P + omega2);
    curves.excess[i] = 0.5 * P;
    curves.lr[i] = g;
    curves.distance[i] = dist;
    curves.overlap[i] = ov;
    curves.b11[i] = Math.max(0, b + 2 * C + P);
    curves.b12[i] = b + C;
    finalPolicy.set(st.subarray(1));
    hooks.progress?.((i + 1) / n);
  };

  let iOut = 0;
  while (iOut < n && times[iOut] <= 0) {
    emit(iOut, 0, D, state);
    iOut++;
  }
  const tEnd = n > 0 ? times[n - 1] : 0;
  let u = 0;
  let nsteps = 0;
  let naccepted = 0;
  let nrejected = 0;
  let nfev = 0;
  let status: OdeStatus = 'success';
  let underflowAt = Number.NaN;
  h = lambdaMax > 0 ? 1e-3 / lambdaMax : 1e-3;
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
    if (hooks.isCancelled?.()) throw new CancelledError();
    if (nsteps >= settings.maxSteps) {
      status = 'max_steps';
      break;
    }
    if (!(h > 0) || !Number.isFinite(h) || h < 1e-300) {
      status = 'step_too_small';
      break;
    }
    nsteps++;
    // step start: P, P2, gamma, derivatives
    let P0 = 0;
    let P20 = 0;
    for (let j = 0; j < m; j++) {
      P0 += wl[j] * D[j];
      P20 += wl2[j] * D[j];
    }
    if (P0 + omega2 < UNDERFLOW) {
      // Noiseless and converged to below 1e-250: the mode values approach the subnormal range,
      // where neither the policy (ratios of vanishing sums) nor the error control is meaningful.
      underflowAt = state[0];
      break;
    }
    gamma0 = scalarsAt(state, P0, P20, fNodes, 0);
    psi[0] = gamma0 * (P0 + omega2);
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
      err = Math.max(err, Math.abs(hi - lo) / (rtol * Math.abs(hi) + settings.atol));
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
        const l = lambda[j];
        const tau = sigma * h;
        const ez = phiRow(-2 * l * tau, phi);
        let s = 0;
        let sp = sigma;
        for (let p = 0; p < NS; p++) {
          s += a[p] * FACT[p] * sp * phi[p];
          sp *= sigma;
        }
        Dout[j] = ez * D[j] + l * h * s;
      }
      emit(iOut, u + sigma * h, Dout, stOut);
      iOut++;
    }
    // advance
    for (let j = 0; j < m; j++) {
      let s = 0;
      const base = j * NS;
      for (let p = 0; p < NS; p++) s += a[p] * FACT[p] * phiEnd[base + p];
      D[j] = ezEnd[j] * D[j] + lambda[j] * h * s;
    }
    for (let q = 0; q < nS; q++) {
      let s = state[q];
      for (let i = 0; i < NS; i++) s += h * INT[S * NS + i] * fNodes[i * nS + q];
      state[q] = s;
    }
    u += h;
    if (state[0] >= tEnd && iOut >= n) break;
    h *= Math.min(5, Math.max(0.2, 0.9 * Math.pow(Math.max(err, 1e-10), -1 / S)));
  }
  return {
    ...curves,
    policyStates: finalPolicy,
    solver: { ...settings, scheme: 'collocation', status, nfev, nsteps, naccepted, nrejected, underflowAt },
  };
}
