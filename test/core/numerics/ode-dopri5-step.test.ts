import { afterEach, describe, expect, it, vi } from 'vitest';
import { DOPRI5 } from '../../../core/numerics/ode/dopri5-tableau.js';
import { Dopri5Stepper } from '../../../core/numerics/ode/dopri5-step.js';
import { EmbeddedRkStepper } from '../../../core/numerics/ode/rk-step.js';
import type { OdeRhs } from '../../../core/numerics/ode/rhs.js';
import { type SolveOdeOptions, solveOde } from '../../../core/numerics/ode/solve.js';

/** An equal-valued copy: solveOde runs the generic tableau stepper on it. */
const DOPRI5_COPY = { ...DOPRI5 };

function relDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(Math.abs(b[i]), 1e-300));
  return worst;
}

/** Runs solveOde on the fast and on the generic path and records the accepted step times of each. */
function bothPaths(options: SolveOdeOptions) {
  const run = (tableau: typeof DOPRI5) => {
    const steps: number[] = [];
    const sol = solveOde({ ...options, tableau, onStep: (t) => steps.push(t) });
    return { sol, steps };
  };
  return { fast: run(DOPRI5), generic: run(DOPRI5_COPY) };
}

function expectSameSteps(fast: ReturnType<typeof bothPaths>['fast'], generic: ReturnType<typeof bothPaths>['generic']) {
  expect(fast.sol.status).toBe('success');
  expect(generic.sol.status).toBe('success');
  expect(fast.sol.nfev).toBe(generic.sol.nfev);
  expect(fast.sol.nsteps).toBe(generic.sol.nsteps);
  expect(fast.sol.naccepted).toBe(generic.sol.naccepted);
  expect(fast.sol.nrejected).toBe(generic.sol.nrejected);
  expect(fast.steps.length).toBe(generic.steps.length);
  expect(relDiff(fast.steps, generic.steps)).toBeLessThan(1e-14);
}

/** A nonlinear ensemble: least-squares modes coupled through P, with a quadratic forcing in P. */
function nonlinearEnsemble(m: number) {
  const lam = Float64Array.from({ length: m }, (_, j) => Math.pow((j + 0.5) / m, 1.25));
  const wl = lam.map((l) => l / m);
  const rhs: OdeRhs = (t, y, dy) => {
    let p = 0;
    for (let j = 0; j < m; j++) p += wl[j] * y[j];
    const f = p + 0.25 + 0.3 * p * p * Math.cos(t);
    for (let j = 0; j < m; j++) dy[j] = lam[j] * (f - 2 * y[j]);
  };
  return { rhs, y0: Float64Array.from({ length: m }, (_, j) => 2 + Math.sin(j)) };
}

describe('Dopri5Stepper (the DOPRI5 fast path)', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('one step equals the generic stepper on DOPRI5 to the last bit (y_new, FSAL stage, error norm)', () => {
    const m = 37;
    const { rhs, y0 } = nonlinearEnsemble(m);
    const fast = new Dopri5Stepper(m);
    const generic = new EmbeddedRkStepper(DOPRI5, m);
    rhs(0.3, y0, fast.k[0]);
    rhs(0.3, y0, generic.k[0]);
    const yFast = new Float64Array(m);
    const yGeneric = new Float64Array(m);
    const atol = Float64Array.from({ length: m }, (_, j) => 1e-9 * (1 + j));
    for (const h of [0.05, -0.2, 0.7]) {
      for (const tol of [1e-8, atol] as const) {
        const errFast = fast.attempt(rhs, 0.3, y0, h, yFast, 1e-6, tol);
        const errGeneric = generic.attempt(rhs, 0.3, y0, h, yGeneric, 1e-6, tol);
        expect(errFast).toBe(errGeneric);
        expect(Array.from(yFast)).toEqual(Array.from(yGeneric));
        expect(Array.from(fast.k[6])).toEqual(Array.from(generic.k[6]));
      }
    }
  });

  it('solveOde runs the fast stepper for DOPRI5 (default or explicit) and the generic one for a copy', () => {
    const fastAttempt = vi.spyOn(Dopri5Stepper.prototype, 'attempt');
    const genericAttempt = vi.spyOn(EmbeddedRkStepper.prototype, 'attempt');
    const decay: OdeRhs = (_t, y, dy) => {
      dy[0] = -y[0];
    };
    solveOde({ rhs: decay, y0: [1], t0: 0, tEval: [1] });
    solveOde({ rhs: decay, y0: [1], t0: 0, tEval: [1], tableau: DOPRI5 });
    expect(fastAttempt).toHaveBeenCalled();
    expect(genericAttempt).not.toHaveBeenCalled();
    fastAttempt.mockClear();
    solveOde({ rhs: decay, y0: [1], t0: 0, tEval: [1], tableau: DOPRI5_COPY });
    expect(genericAttempt).toHaveBeenCalled();
    expect(fastAttempt).not.toHaveBeenCalled();
  });

  it('fast and generic paths take the same steps on a nonlinear 200-state problem (dense output, per-component atol)', () => {
    const m = 200;
    const { rhs, y0 } = nonlinearEnsemble(m);
    const tEval = Float64Array.from({ length: 41 }, (_, i) => (i === 0 ? 0 : 50 * Math.pow(10, -4 + (4 * (i - 1)) / 39)));
    const atol = Float64Array.from({ length: m }, (_, j) => 1e-12 * (1 + (j % 7)));
    const { fast, generic } = bothPaths({ rhs, y0, t0: 0, tEval, rtol: 1e-7, atol });
    expectSameSteps(fast, generic);
    expect(fast.sol.naccepted).toBeGreaterThan(20);
    expect(relDiff(fast.sol.y, generic.sol.y)).toBeLessThan(1e-13);
  });

  it('fast and generic paths take the same steps with rejections (Van der Pol, mu = 8, forwards and backwards)', () => {
    const mu = 8;
    const rhs: OdeRhs = (_t, y, dy) => {
      dy[0] = y[1];
      dy[1] = mu * (1 - y[0] * y[0]) * y[1] - y[0];
    };
    for (const [t0, tEnd] of [
      [0, 30],
      [0, -30],
    ]) {
      const tEval = Float64Array.from({ length: 61 }, (_, i) => t0 + ((tEnd - t0) * i) / 60);
      const { fast, generic } = bothPaths({ rhs, y0: [2, 0], t0, tEval, rtol: 1e-6, atol: 1e-9 });
      expectSameSteps(fast, generic);
      expect(fast.sol.nrejected).toBeGreaterThan(0);
      expect(relDiff(fast.sol.y, generic.sol.y)).toBeLessThan(1e-13);
    }
  });

  it("both paths match the closed forms: y' = -y, and the isotropic least-squares ensemble (1000 states)", () => {
    const decay: OdeRhs = (_t, y, dy) => {
      dy[0] = -y[0];
    };
    const tDecay = Float64Array.from({ length: 30 }, (_, i) => 0.01 * Math.pow(1000, i / 29));
    const rtol = 1e-8;
    const decayRuns = bothPaths({ rhs: decay, y0: [1], t0: 0, tEval: tDecay, rtol, atol: 1e-300 });
    expectSameSteps(decayRuns.fast, decayRuns.generic);
    for (const run of [decayRuns.fast, decayRuns.generic]) {
      for (let i = 0; i < tDecay.length; i++) {
        expect(Math.abs(run.sol.y[i] / Math.exp(-tDecay[i]) - 1)).toBeLessThan(3 * rtol);
      }
    }

    // D_j' = lambda (P + 1/4 - 2 D_j), P = sum_j D_j lambda / m with all lambda = 1 and equal D_j(0):
    // every D_j = 1/4 + (D_0 - 1/4) e^{-t}.
    const m = 1000;
    const ensemble: OdeRhs = (_t, y, dy) => {
      let p = 0;
      for (let j = 0; j < m; j++) p += y[j] / m;
      for (let j = 0; j < m; j++) dy[j] = p + 0.25 - 2 * y[j];
    };
    const tEval = [0.5, 2, 10, 40];
    const lsRtol = 1e-7;
    const lsRuns = bothPaths({ rhs: ensemble, y0: new Float64Array(m).fill(2), t0: 0, tEval, rtol: lsRtol, atol: 1e-12 });
    expectSameSteps(lsRuns.fast, lsRuns.generic);
    expect(relDiff(lsRuns.fast.sol.y, lsRuns.generic.sol.y)).toBeLessThan(1e-13);
    for (const run of [lsRuns.fast, lsRuns.generic]) {
      for (let i = 0; i < tEval.length; i++) {
        const exact = 0.25 + 1.75 * Math.exp(-tEval[i]);
        for (const j of [0, 499, 999]) expect(Math.abs(run.sol.y[i * m + j] / exact - 1)).toBeLessThan(10 * lsRtol);
      }
    }
  });
});
