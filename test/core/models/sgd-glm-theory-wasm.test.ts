import { afterEach, describe, expect, it, vi } from 'vitest';
import { leastSquares, lossFor } from '../../../core/models/sgd-glm/losses.js';
import { adagradNormPolicy, constantPolicy, lineSearchPolicy } from '../../../core/models/sgd-glm/lr/index.js';
import { SteinModes, steinMapJs, steinMapS0Js } from '../../../core/models/sgd-glm/stein-modes.js';
import { type GlmTheoryInput, THEORY_SOLVER, glmTheory } from '../../../core/models/sgd-glm/ode.js';
import { Dopri5WasmStepper } from '../../../core/numerics/ode/dopri5-wasm-step.js';
import { VECTOR } from '../../../core/numerics/ode/workspace.js';
import { buildSpectrum } from '../../../core/numerics/spectra.js';
import { bytes } from './ctx.js';

const sameBits = (a: Float64Array, b: Float64Array) => bytes(a).equals(bytes(b));

/** A power-law spectrum of d distinct eigenvalues with a power-law signal and a warm start. */
function input(d: number, over: Partial<GlmTheoryInput>): GlmTheoryInput {
  const s = buildSpectrum({ kind: 'power_law', beta: 0.3 }, d);
  const m = s.distinct.length;
  return {
    lambda: s.distinct,
    weight: s.weights,
    v22: Float64Array.from(s.distinct, (l) => Math.pow(l, 0.4)),
    d0: Float64Array.from({ length: m }, (_, j) => 1 + 0.5 * Math.sin(j)),
    e0: Float64Array.from({ length: m }, (_, j) => -0.5 - 0.2 * Math.cos(j)),
    loss: leastSquares,
    omega: 0.5,
    policy: constantPolicy(1),
    ...over,
  };
}

describe('sgd-glm theory on WebAssembly', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('DOPRI5 gives the same bits with WebAssembly on and off: least squares, logistic, AdaGrad-Norm (states), line search (oracle)', () => {
    const wasmAttempt = vi.spyOn(Dopri5WasmStepper.prototype, 'attempt');
    const times = Float64Array.from({ length: 41 }, (_, i) => (i === 0 ? 0 : 20 * Math.pow(10, -3 + (3 * (i - 1)) / 39)));
    const cases: [string, GlmTheoryInput][] = [
      ['least squares', input(301, {})],
      ['logistic', input(120, { loss: lossFor('logistic'), omega: 0, policy: constantPolicy(2) })],
      ['AdaGrad-Norm', input(201, { policy: adagradNormPolicy(1, 1) })],
      ['line search', input(96, { loss: lossFor('logistic'), omega: 0, policy: lineSearchPolicy() })],
      ['least squares, line search', input(77, { policy: lineSearchPolicy() })],
    ];
    for (const [name, inp] of cases) {
      const settings = { ...THEORY_SOLVER, rtol: 1e-8, atol: 1e-14 };
      wasmAttempt.mockClear();
      const fast = glmTheory(inp, times, settings);
      expect(wasmAttempt, name).toHaveBeenCalled();
      wasmAttempt.mockClear();
      const js = glmTheory(inp, times, { ...settings, wasm: false });
      expect(wasmAttempt, name).not.toHaveBeenCalled();
      expect(fast.solver.status, name).toBe('success');
      for (const key of ['nfev', 'nsteps', 'naccepted', 'nrejected'] as const) expect(fast.solver[key], `${name} ${key}`).toBe(js.solver[key]);
      for (const key of ['risk', 'excess', 'lr', 'distance', 'overlap', 'b11', 'b12'] as const) {
        expect(sameBits(fast[key], js[key]), `${name} ${key}`).toBe(true);
        expect(fast[key].every(Number.isFinite), `${name} ${key}`).toBe(true);
      }
      expect(sameBits(fast.policyStates, js.policyStates), name).toBe(true);
    }
  });

  it('the mode kernels equal their JavaScript references to the last bit (sums, the general map and the s = 0 map, odd m)', () => {
    for (const m of [1, 2, 5, 64, 101]) {
      const lambda = Float64Array.from({ length: m }, (_, j) => 0.01 + Math.pow((j + 1) / m, 2));
      const weight = new Float64Array(m).fill(1 / m);
      const v22 = Float64Array.from({ length: m }, (_, j) => 1 + Math.sin(j));
      const dim = 2 * m + 1;
      const ws = SteinModes.workspace(dim, m);
      if (!ws) throw new Error('no WebAssembly');
      const fast = new SteinModes(lambda, weight, v22, ws);
      const js = new SteinModes(lambda, weight, v22);
      const y = ws.vectors[VECTOR.stageInput];
      const dy = ws.vectors[VECTOR.stages];
      for (let i = 0; i < dim; i++) y[i] = Math.cos(5 * i) * Math.pow(10, (i % 9) - 4);
      const yJs = Float64Array.from(y);
      const dyJs = new Float64Array(dim);
      for (const w of ['weight', 'wl', 'wl2'] as const) {
        fast.sums(w, y);
        js.sums(w, yJs);
        expect(fast.sumE).toBe(js.sumE);
        expect(fast.sumD).toBe(js.sumD);
      }
      for (const [g, exx, s, fisher] of [
        [0.7, 1.3, -0.4, 2.1],
        [1.1, 1, 0, 0.35],
      ]) {
        fast.map(y, dy, g, exx, s, fisher);
        js.map(yJs, dyJs, g, exx, s, fisher);
        expect(sameBits(dy.subarray(0, 2 * m), dyJs.subarray(0, 2 * m)), `m ${m} s ${s}`).toBe(true);
      }
      // the references themselves: the general map at s = 0 agrees with the s = 0 map up to signed zeros
      const a = new Float64Array(2 * m);
      const b = new Float64Array(2 * m);
      steinMapJs(lambda, v22, yJs, a, m, -0.9, -0, -1.8, -0, 0.3);
      steinMapS0Js(lambda, yJs, b, m, -0.9, -1.8, 0.3);
      for (let j = 0; j < 2 * m; j++) expect(a[j] === b[j]).toBe(true);
      ws.release();
    }
  });
});
