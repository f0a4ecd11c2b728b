import { describe, expect, it } from 'vitest';
import { DOPRI5 } from '../../../core/numerics/ode/dopri5-tableau.js';
import { DenseOutput } from '../../../core/numerics/ode/dense-output.js';
import { EmbeddedRkStepper } from '../../../core/numerics/ode/rk-step.js';
import { solveOde } from '../../../core/numerics/ode/solve.js';
import type { OdeRhs } from '../../../core/numerics/ode/rhs.js';

const EPS = Number.EPSILON;

function logspace(a: number, b: number, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = a * Math.pow(b / a, i / (n - 1));
  return out;
}

const decay: OdeRhs = (_t, y, dy) => {
  dy[0] = -y[0];
};

describe('Dormand–Prince 5(4) tableau', () => {
  it('satisfies the row-sum condition, the order conditions up to order 5 and b - e = 4th-order weights', () => {
    const { a, b, c, e } = DOPRI5;
    for (let i = 1; i < 6; i++) {
      const rowSum = a[i].reduce((s, v) => s + v, 0);
      expect(Math.abs(rowSum - c[i])).toBeLessThan(4 * EPS);
    }
    // sum b_i c_i^(q-1) = 1/q for q = 1..5 (the bushy-tree conditions)
    for (let q = 1; q <= 5; q++) {
      const s = b.reduce((acc, bi, i) => acc + bi * Math.pow(c[i], q - 1), 0);
      expect(Math.abs(s - 1 / q)).toBeLessThan(8 * EPS);
    }
    // the embedded weights b_hat = [b, 0] - e also integrate polynomials of degree <= 3 exactly
    const cf = [...c, 1];
    const bhat = [...b, 0].map((bi, i) => bi - e[i]);
    for (let q = 1; q <= 4; q++) {
      const s = bhat.reduce((acc, bi, i) => acc + bi * Math.pow(cf[i], q - 1), 0);
      expect(Math.abs(s - 1 / q)).toBeLessThan(8 * EPS);
    }
  });

  it('the interpolant reproduces the step weights at theta = 1 (Q_j(1) = b_j, Q_7(1) = 0)', () => {
    const p = DOPRI5.interpolant.p;
    const b = [...DOPRI5.b, 0];
    for (let j = 0; j < 7; j++) {
      const q1 = p[j].reduce((s, v) => s + v, 0);
      expect(Math.abs(q1 - b[j])).toBeLessThan(16 * EPS);
    }
  });
});

describe('solveOde (DOPRI5, dense output, PI control)', () => {
  it('exponential decay y = e^-t at log-spaced times to t = 10: error within 3 x rtol relative', () => {
    const tEval = logspace(1e-3, 10, 60);
    for (const rtol of [1e-6, 1e-8, 1e-10]) {
      const sol = solveOde({ rhs: decay, y0: [1], t0: 0, tEval, rtol, atol: 1e-300 });
      expect(sol.status).toBe('success');
      let worst = 0;
      for (let i = 0; i < tEval.length; i++) {
        const exact = Math.exp(-tEval[i]);
        worst = Math.max(worst, Math.abs(sol.y[i] - exact) / exact);
      }
      // global relative error of a decaying mode stays at the local tolerance level
      expect(worst).toBeLessThan(3 * rtol);
    }
  });

  it('harmonic oscillator (cos t, -sin t) over 10 periods: max error within 15 x rtol', () => {
    const rhs: OdeRhs = (_t, y, dy) => {
      dy[0] = y[1];
      dy[1] = -y[0];
    };
    const T = 20 * Math.PI;
    const tEval = Float64Array.from({ length: 201 }, (_, i) => (i * T) / 200);
    const rtol = 1e-9;
    const sol = solveOde({ rhs, y0: [1, 0], t0: 0, tEval, rtol, atol: 1e-12 });
    expect(sol.status).toBe('success');
    let worst = 0;
    for (let i = 0; i < tEval.length; i++) {
      worst = Math.max(worst, Math.abs(sol.y[2 * i] - Math.cos(tEval[i])), Math.abs(sol.y[2 * i + 1] + Math.sin(tEval[i])));
    }
    // the error of an undamped oscillator accumulates linearly over the 10 periods (~ 300 steps)
    expect(worst).toBeLessThan(15 * rtol);
  });

  it('the 5th-order solution converges at order 5 +- 0.5 with fixed steps (y\' = y cos t, y = e^sin t)', () => {
    const rhs: OdeRhs = (t, y, dy) => {
      dy[0] = y[0] * Math.cos(t);
    };
    const stepper = new EmbeddedRkStepper(DOPRI5, 1);
    const errors: number[] = [];
    const hs = [1 / 4, 1 / 8, 1 / 16, 1 / 32, 1 / 64];
    for (const h of hs) {
      const y = Float64Array.of(1);
      const yNew = new Float64Array(1);
      let t = 0;
      rhs(t, y, stepper.k[0]);
      const nSteps = Math.round(2 / h);
      for (let s = 0; s < nSteps; s++) {
        stepper.step(rhs, t, y, h, yNew);
        stepper.acceptFsal();
        y.set(yNew);
        t = (s + 1) * h;
      }
      errors.push(Math.abs(y[0] - Math.exp(Math.sin(2))));
    }
    for (let i = 1; i < errors.length; i++) {
      const order = Math.log2(errors[i - 1] / errors[i]);
      expect(order).toBeGreaterThan(4.5);
      expect(order).toBeLessThan(5.5);
    }
  });

  it('the embedded error estimate is O(h^5) per step (4th-order pair)', () => {
    const stepper = new EmbeddedRkStepper(DOPRI5, 1);
    const y = Float64Array.of(1);
    const yNew = new Float64Array(1);
    const err = new Float64Array(1);
    const est: number[] = [];
    for (const h of [0.2, 0.1, 0.05]) {
      decay(0, y, stepper.k[0]);
      stepper.step(decay, 0, y, h, yNew, err);
      est.push(Math.abs(err[0]));
    }
    // For y' = -y the estimate is (97/120000) h^5 + O(h^6).
    expect(Math.abs(est[2] / (97 / 120000) / 0.05 ** 5 - 1)).toBeLessThan(0.03);
    expect(Math.log2(est[1] / est[2])).toBeGreaterThan(4.8);
  });

  it('dense output at accepted step boundaries equals the stored step values to 16 ulps', () => {
    const rhs: OdeRhs = (t, y, dy) => {
      dy[0] = y[1];
      dy[1] = -Math.sin(y[0]) + 0.1 * Math.cos(t);
    };
    const steps: number[] = [];
    const states: number[] = [];
    solveOde({
      rhs,
      y0: [1, 0],
      t0: 0,
      tEval: [30],
      rtol: 1e-7,
      atol: 1e-9,
      onStep: (t, y) => {
        steps.push(t);
        states.push(y[0], y[1]);
      },
    });
    expect(steps.length).toBeGreaterThan(20);
    // Output times never change the steps, so asking for every step time replays the same steps
    // and every output is the interpolant at theta = 1 of its step.
    const sol = solveOde({ rhs, y0: [1, 0], t0: 0, tEval: steps, rtol: 1e-7, atol: 1e-9 });
    for (let i = 0; i < steps.length; i++) {
      for (let c = 0; c < 2; c++) {
        const stored = states[2 * i + c];
        // Q_j(1) equals b_j only to rounding (16 eps, see the tableau test) and is summed in another
        // order than the step, so agreement is to a few ulps of the state, not bitwise.
        expect(Math.abs(sol.y[2 * i + c] - stored)).toBeLessThanOrEqual(16 * EPS * Math.max(1, Math.abs(stored)));
      }
    }
  });

  it('the interpolant at theta = 0 is y_old and between steps is accurate to the step tolerance', () => {
    const stepper = new EmbeddedRkStepper(DOPRI5, 1);
    const dense = new DenseOutput(DOPRI5, 1);
    const y = Float64Array.of(1);
    const yNew = new Float64Array(1);
    const out = new Float64Array(1);
    const h = 0.1;
    decay(0, y, stepper.k[0]);
    stepper.step(decay, 0, y, h, yNew);
    dense.evaluate(y, h, stepper.k, 0, out);
    expect(out[0]).toBe(1);
    for (const theta of [0.25, 0.5, 0.75]) {
      dense.evaluate(y, h, stepper.k, theta, out);
      // 4th-order continuous extension: local error O(h^5) ~ 1e-7 at h = 0.1
      expect(Math.abs(out[0] - Math.exp(-theta * h))).toBeLessThan(1e-7);
    }
  });

  it('exp decay to t = 10 at rtol 1e-8 costs 500-800 evaluations (estimate ~680 from the error constant)', () => {
    // The DOPRI5 error estimate on y' = -y is (97/120000) h^5 |y|; with pure relative tolerance the
    // PI controller settles where 0.9 err^(-0.17) err^(0.04) = 1, i.e. err ~ 0.445, so
    // h ~ (0.445e-8 / 8.08e-4)^(1/5) ~ 0.089: about 112 steps x 6 evaluations + start-up.
    const sol = solveOde({ rhs: decay, y0: [1], t0: 0, tEval: [10], rtol: 1e-8, atol: 1e-300 });
    expect(sol.status).toBe('success');
    expect(sol.nfev).toBeGreaterThan(500);
    expect(sol.nfev).toBeLessThan(800);
    expect(sol.nfev).toBe(6 * sol.nsteps + 2);
  });

  it('a linear system y\' = A y equals V exp(Lambda t) V^T y0 in the eigenbasis of A', () => {
    // A = V diag(mu) V^T with an orthogonal V (rotation by angles in two planes).
    const mu = [-0.5, -2, -0.1];
    const c1 = Math.cos(0.7);
    const s1 = Math.sin(0.7);
    const c2 = Math.cos(-1.1);
    const s2 = Math.sin(-1.1);
    const R1 = [
      [c1, -s1, 0],
      [s1, c1, 0],
      [0, 0, 1],
    ];
    const R2 = [
      [1, 0, 0],
      [0, c2, -s2],
      [0, s2, c2],
    ];
    const V = R1.map((row) => [0, 1, 2].map((j) => row.reduce((s, v, k) => s + v * R2[k][j], 0)));
    const A = V.map((row) => [0, 1, 2].map((j) => row.reduce((s, v, k) => s + v * mu[k] * V[j][k], 0)));
    const rhs: OdeRhs = (_t, y, dy) => {
      for (let i = 0; i < 3; i++) dy[i] = A[i][0] * y[0] + A[i][1] * y[1] + A[i][2] * y[2];
    };
    const y0 = [1, -2, 0.5];
    const tEval = logspace(0.01, 20, 40);
    const sol = solveOde({ rhs, y0, t0: 0, tEval, rtol: 1e-10, atol: 1e-14 });
    expect(sol.status).toBe('success');
    const w0 = [0, 1, 2].map((k) => V.reduce((s, row, i) => s + row[k] * y0[i], 0)); // V^T y0
    let worst = 0;
    for (let n = 0; n < tEval.length; n++) {
      for (let i = 0; i < 3; i++) {
        const exact = V[i].reduce((s, v, k) => s + v * Math.exp(mu[k] * tEval[n]) * w0[k], 0);
        worst = Math.max(worst, Math.abs(sol.y[3 * n + i] - exact));
      }
    }
    expect(worst).toBeLessThan(2e-9);
  });

  it('integrates backwards in time (e^-t from t = 2 back to 0)', () => {
    const sol = solveOde({ rhs: decay, y0: [Math.exp(-2)], t0: 2, tEval: [1.5, 1, 0], rtol: 1e-10, atol: 1e-300 });
    expect(sol.status).toBe('success');
    expect(Math.abs(sol.y[2] - 1)).toBeLessThan(1e-9);
    expect(Math.abs(sol.y[1] / Math.exp(-1) - 1)).toBeLessThan(1e-9);
  });

  it('returns y0 exactly at tEval = t0 and reports cancellation with NaN rows beyond', () => {
    let polls = 0;
    const sol = solveOde({
      rhs: decay,
      y0: [1],
      t0: 0,
      tEval: [0, 1, 100],
      rtol: 1e-10,
      isCancelled: () => ++polls > 5,
    });
    expect(sol.y[0]).toBe(1);
    expect(sol.status).toBe('cancelled');
    expect(sol.nOut).toBe(1);
    expect(Number.isNaN(sol.y[2])).toBe(true);
  });

  it('stops with max_steps when the step budget is exhausted', () => {
    const sol = solveOde({ rhs: decay, y0: [1], t0: 0, tEval: [1000], rtol: 1e-12, maxSteps: 10 });
    expect(sol.status).toBe('max_steps');
    expect(sol.nsteps).toBe(10);
  });

  it('rejects non-monotone output times', () => {
    expect(() => solveOde({ rhs: decay, y0: [1], t0: 0, tEval: [1, 0.5] })).toThrow(RangeError);
  });
});
