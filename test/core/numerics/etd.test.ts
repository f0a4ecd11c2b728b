import { describe, expect, it } from 'vitest';
import { EtdCoefficients, EtdWork, etdCoefficientPair, etdrk4Step, nonlinearPart } from '../../../core/numerics/ode/etdrk4.js';
import { Exprk4s5Coefficients, Exprk4s5Work, exprk4s5CoefficientPair, exprk4s5Step } from '../../../core/numerics/ode/exprk4s5.js';
import { solveOde } from '../../../core/numerics/ode/solve.js';
import { solveEtd } from '../../../core/numerics/ode/solve-etd.js';

/** y' = l y + sin(t) - y^2/2 (one component); the reference by DOPRI5 at rtol 1e-13. */
function scalarProblem(l: number) {
  const rhs = (t: number, y: Float64Array, dy: Float64Array) => {
    dy[0] = l * y[0] + Math.sin(t) - 0.5 * y[0] * y[0];
  };
  const ref = solveOde({ rhs, y0: [1], t0: 0, tEval: [2], rtol: 1e-13, atol: 1e-15, maxSteps: 1e8 }).y[0];
  return { rhs, ref };
}

function fixedSteps(scheme: 'etdrk4' | 'exprk4s5', l: number, steps: number): number {
  const { rhs, ref } = scalarProblem(l);
  const ls = Float64Array.of(l);
  const h = 2 / steps;
  const nl = (t: number, y: Float64Array, out: Float64Array) => nonlinearPart(rhs, ls, t, y, out);
  let y = Float64Array.of(1);
  const yn = new Float64Array(1);
  const nn = new Float64Array(1);
  if (scheme === 'etdrk4') {
    const full = new EtdCoefficients(1);
    const half = new EtdCoefficients(1);
    etdCoefficientPair(ls, h, full, half);
    const w = new EtdWork(1);
    for (let k = 0; k < steps; k++) {
      nl(k * h, y, nn);
      etdrk4Step(nl, k * h, y, nn, full, w, yn);
      y = Float64Array.from(yn);
    }
  } else {
    const full = new Exprk4s5Coefficients(1);
    const half = new Exprk4s5Coefficients(1);
    exprk4s5CoefficientPair(ls, h, full, half);
    const w = new Exprk4s5Work(1);
    for (let k = 0; k < steps; k++) {
      nl(k * h, y, nn);
      exprk4s5Step(nl, k * h, y, nn, full, w, yn);
      y = Float64Array.from(yn);
    }
  }
  return Math.abs(y[0] - ref);
}

describe('exponential Runge–Kutta steps', () => {
  it('both schemes have order 4 on a non-stiff problem (error ratio about 16 per halving)', () => {
    for (const scheme of ['etdrk4', 'exprk4s5'] as const) {
      for (const l of [0, -1]) {
        const e1 = fixedSteps(scheme, l, 20);
        const e2 = fixedSteps(scheme, l, 40);
        const e3 = fixedSteps(scheme, l, 80);
        expect(Math.log2(e1 / e2), `${scheme} l=${l}`).toBeGreaterThan(3.7);
        expect(Math.log2(e2 / e3), `${scheme} l=${l}`).toBeGreaterThan(3.7);
      }
    }
  });

  it('are exact for y\' = l y + c with any stiffness (the linear part is integrated exactly)', () => {
    for (const l of [-1e6, -30, -1, 0, 0.5]) {
      const c = 0.7;
      const exact = (t: number) => (l === 0 ? 1 + c * t : (1 + c / l) * Math.exp(l * t) - c / l);
      const rhs = (_t: number, y: Float64Array, dy: Float64Array) => {
        dy[0] = l * y[0] + c;
      };
      const sol = solveEtd({ rhs, diagonal: (_t, _y, out) => out.fill(l), y0: [1], t0: 0, tEval: [0.3, 1, 2], rtol: 1e-6, atol: 1e-12 });
      expect(sol.status).toBe('success');
      [0.3, 1, 2].forEach((t, i) => expect(Math.abs(sol.y[i] - exact(t))).toBeLessThan(1e-12 * Math.max(1, Math.abs(exact(t)))));
    }
  });
});

describe('solveEtd (adaptive, step doubling)', () => {
  // A stiff semilinear system with slow coupling through the mean: y_i' = -lam_i (y_i - sin t) - 0.1 mean(y)^2,
  // lam from 1 to 1e4.
  const m = 40;
  const lam = Float64Array.from({ length: m }, (_, i) => Math.pow(10, (4 * i) / (m - 1)));
  const split = (t: number, y: Float64Array, l: Float64Array, g: Float64Array) => {
    let s = 0;
    for (let i = 0; i < m; i++) s += y[i];
    s /= m;
    for (let i = 0; i < m; i++) {
      l[i] = -lam[i];
      g[i] = lam[i] * Math.sin(t) - 0.1 * s * s;
    }
  };
  const rhs = (t: number, y: Float64Array, dy: Float64Array) => {
    const l = new Float64Array(m);
    split(t, y, l, dy);
    for (let i = 0; i < m; i++) dy[i] += l[i] * y[i];
  };
  const tEval = Float64Array.from({ length: 11 }, (_, i) => i * 0.5);
  const y0 = new Float64Array(m).fill(1);
  const ref = solveOde({ rhs, y0, t0: 0, tEval, rtol: 1e-12, atol: 1e-14, maxSteps: 1e8 });

  it('agrees with DOPRI5 on a stiff system, outputs land on the requested times, and the error follows rtol', () => {
    let previous = Infinity;
    for (const rtol of [1e-5, 1e-7, 1e-9]) {
      const sol = solveEtd({ split, y0, t0: 0, tEval, rtol, atol: rtol * 1e-3 });
      expect(sol.status).toBe('success');
      expect(Array.from(sol.t)).toEqual(Array.from(tEval));
      let err = 0;
      for (let i = 0; i < sol.y.length; i++) err = Math.max(err, Math.abs(sol.y[i] - ref.y[i]));
      expect(err, `rtol ${rtol}`).toBeLessThan(300 * rtol);
      expect(err).toBeLessThan(previous);
      previous = err;
    }
  });

  it('takes far fewer steps than DOPRI5 on the stiff system (stability is not the limit)', () => {
    const sol = solveEtd({ split, y0, t0: 0, tEval, rtol: 1e-7, atol: 1e-10 });
    const explicit = solveOde({ rhs, y0, t0: 0, tEval, rtol: 1e-7, atol: 1e-10, maxSteps: 1e7 });
    expect(sol.naccepted * 50).toBeLessThan(explicit.naccepted);
    // and the Cox–Matthews variant gets there too
    const cm = solveEtd({ split, y0, t0: 0, tEval, rtol: 1e-7, atol: 1e-10, scheme: 'etdrk4' });
    expect(cm.status).toBe('success');
  });

  it('stops with status cancelled and max_steps, and rejects bad input', () => {
    expect(solveEtd({ split, y0, t0: 0, tEval, isCancelled: () => true }).status).toBe('cancelled');
    expect(solveEtd({ split, y0, t0: 0, tEval, maxSteps: 3 }).status).toBe('max_steps');
    expect(() => solveEtd({ split, y0, t0: 0, tEval: [1, 0.5] })).toThrow(RangeError);
    expect(() => solveEtd({ y0, t0: 0, tEval })).toThrow(RangeError);
  });
});
