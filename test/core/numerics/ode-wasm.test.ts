import { afterEach, describe, expect, it, vi } from 'vitest';
import { DOPRI5 } from '../../../core/numerics/ode/dopri5-tableau.js';
import { Dopri5Stepper } from '../../../core/numerics/ode/dopri5-step.js';
import { Dopri5WasmStepper } from '../../../core/numerics/ode/dopri5-wasm-step.js';
import type { OdeRhs } from '../../../core/numerics/ode/rhs.js';
import { type SolveOdeOptions, WASM_MIN_DIM, solveOde } from '../../../core/numerics/ode/solve.js';
import { OdeWorkspace, VECTOR, dotQuad } from '../../../core/numerics/ode/workspace.js';

const bytes = (a: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
const sameBits = (a: Float64Array, b: Float64Array) => bytes(a).equals(bytes(b));

/** A workspace, which these tests need to exist (WebAssembly runs under Node). */
function workspace<Name extends string = never>(dim: number, extras?: Record<Name, number>): OdeWorkspace<Name> {
  const ws = OdeWorkspace.create(dim, extras);
  if (!ws) throw new Error('no WebAssembly');
  return ws;
}

/** Modes coupled through P, with a forcing quadratic in P and oscillating in t (odd m exercises the kernels' tails). */
function nonlinearEnsemble(m: number) {
  const lam = Float64Array.from({ length: m }, (_, j) => Math.pow((j + 0.5) / m, 1.25) * (j % 3 === 0 ? 4 : 1));
  const wl = lam.map((l) => l / m);
  const rhs: OdeRhs = (t, y, dy) => {
    let p = 0;
    for (let j = 0; j < m; j++) p += wl[j] * y[j];
    const f = p + 0.25 + 0.3 * p * p * Math.cos(t);
    for (let j = 0; j < m; j++) dy[j] = lam[j] * (f - 2 * y[j]) + 0.05 * Math.sin(3 * t + j);
  };
  return { rhs, y0: Float64Array.from({ length: m }, (_, j) => 2 + Math.sin(j)) };
}

const vanDerPol: OdeRhs = (_t, y, dy) => {
  dy[0] = y[1];
  dy[1] = 8 * (1 - y[0] * y[0]) * y[1] - y[0];
};

/** Runs solveOde with WebAssembly forced on (a workspace) and off, recording the accepted steps and the outputs. */
function bothPaths(options: SolveOdeOptions) {
  const run = (wasm: boolean) => {
    const steps: number[] = [];
    const states: number[] = [];
    const sol = solveOde({
      ...options,
      wasm,
      workspace: wasm ? workspace(options.y0.length) : undefined,
      onStep: (t, y) => {
        steps.push(t);
        states.push(...y);
      },
    });
    return { sol, steps: Float64Array.from(steps), states: Float64Array.from(states) };
  };
  return { wasm: run(true), js: run(false) };
}

function expectIdentical(runs: ReturnType<typeof bothPaths>) {
  const { wasm, js } = runs;
  expect(wasm.sol.status).toBe(js.sol.status);
  expect(wasm.sol.nfev).toBe(js.sol.nfev);
  expect(wasm.sol.nsteps).toBe(js.sol.nsteps);
  expect(wasm.sol.naccepted).toBe(js.sol.naccepted);
  expect(wasm.sol.nrejected).toBe(js.sol.nrejected);
  expect(wasm.sol.tFinal).toBe(js.sol.tFinal);
  expect(sameBits(wasm.steps, js.steps)).toBe(true);
  expect(sameBits(wasm.states, js.states)).toBe(true);
  expect(sameBits(wasm.sol.y, js.sol.y)).toBe(true);
}

describe('the WebAssembly DOPRI5 stepper', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('one attempt equals the JavaScript stepper to the last bit: y_new, every stage, the error norm (scalar and per-component atol, both signs of h)', () => {
    for (const m of [1, 2, 3, 37, 200, 201]) {
      const { rhs, y0 } = nonlinearEnsemble(m);
      const ws = workspace(m);
      const fast = new Dopri5WasmStepper(ws);
      const js = new Dopri5Stepper(m);
      const atol = Float64Array.from({ length: m }, (_, j) => 1e-9 * (1 + (j % 5)));
      // y and y_new held by the workspace (used in place) and held elsewhere (copied)
      const held = { y: ws.vectors[VECTOR.state], yNew: ws.vectors[VECTOR.next] };
      const free = { y: new Float64Array(m), yNew: new Float64Array(m) };
      const yJs = new Float64Array(m);
      let t = 0.3;
      held.y.set(y0);
      free.y.set(y0);
      yJs.set(y0);
      rhs(t, held.y, fast.k[0]);
      rhs(t, yJs, js.k[0]);
      for (const [h, tol, where] of [
        [0.05, 1e-8, held],
        [-0.2, atol, free],
        [0.7, atol, held],
        [0.01, 1e-12, free],
        [0.4, 0, held],
      ] as const) {
        const errFast = fast.attempt(rhs, t, where.y, h, where.yNew, 1e-6, tol);
        const yNewJs = new Float64Array(m);
        const errJs = js.attempt(rhs, t, yJs, h, yNewJs, 1e-6, tol);
        expect(errFast).toBe(errJs);
        expect(sameBits(where.yNew, yNewJs)).toBe(true);
        for (let s = 0; s < 7; s++) expect(sameBits(fast.k[s], js.k[s]), `m ${m} stage ${s}`).toBe(true);
        // accept and carry on from y_new on both sides
        fast.acceptFsal();
        js.acceptFsal();
        held.y.set(where.yNew);
        free.y.set(where.yNew);
        yJs.set(yNewJs);
        t += h;
      }
      ws.release();
    }
  });

  it('a NaN or infinite stage, or a NaN in y, gives the same error norm on both sides (and no accepted step)', () => {
    const m = 5;
    const cases = [
      { y: [1, 2, 3, 4, 5], bad: Number.NaN },
      { y: [1, 2, 3, 4, 5], bad: Number.POSITIVE_INFINITY },
      { y: [1, 2, Number.NaN, 4, 5], bad: 0 },
    ];
    for (const c of cases) {
      const rhs: OdeRhs = (t, y, dy) => {
        for (let j = 0; j < m; j++) dy[j] = -y[j];
        if (c.bad !== 0 && t > 0.15) {
          dy[1] = c.bad;
          dy[3] = -c.bad;
        }
      };
      const ws = workspace(m);
      const fast = new Dopri5WasmStepper(ws);
      const js = new Dopri5Stepper(m);
      const y = Float64Array.from(c.y);
      rhs(0, y, fast.k[0]);
      rhs(0, y, js.k[0]);
      const a = fast.attempt(rhs, 0, y, 0.2, new Float64Array(m), 1e-6, 1e-9);
      const b = js.attempt(rhs, 0, y, 0.2, new Float64Array(m), 1e-6, 1e-9);
      expect(a).toBe(b);
      expect(a <= 1).toBe(false);
      ws.release();
    }
  });

  it('solveOde takes the same steps and gives the same bits with WebAssembly on and off: nonlinear problem, dense output, per-component atol', () => {
    const m = 201;
    const { rhs, y0 } = nonlinearEnsemble(m);
    const tEval = Float64Array.from({ length: 41 }, (_, i) => (i === 0 ? 0 : 50 * Math.pow(10, -4 + (4 * (i - 1)) / 39)));
    const atol = Float64Array.from({ length: m }, (_, j) => 1e-12 * (1 + (j % 7)));
    const runs = bothPaths({ rhs, y0, t0: 0, tEval, rtol: 1e-7, atol });
    expectIdentical(runs);
    expect(runs.js.sol.naccepted).toBeGreaterThan(20);
  });

  it('... with rejections, forwards and backwards (Van der Pol, mu = 8), and at scalar atol', () => {
    for (const [t0, tEnd] of [
      [0, 30],
      [0, -30],
    ]) {
      const tEval = Float64Array.from({ length: 61 }, (_, i) => t0 + ((tEnd - t0) * i) / 60);
      const runs = bothPaths({ rhs: vanDerPol, y0: [2, 0], t0, tEval, rtol: 1e-6, atol: 1e-9 });
      expectIdentical(runs);
      expect(runs.js.sol.nrejected).toBeGreaterThan(0);
    }
    const { rhs, y0 } = nonlinearEnsemble(64);
    const runs = bothPaths({ rhs, y0, t0: 1, tEval: [1.5, 4, 9], rtol: 1e-9, atol: 1e-12, firstStep: 0.5 });
    expectIdentical(runs);
    expect(runs.js.sol.nrejected).toBeGreaterThan(0);
  });

  it('solveOde picks the WebAssembly stepper from WASM_MIN_DIM components or with a workspace, unless told not to, and only for DOPRI5 itself', () => {
    const wasmAttempt = vi.spyOn(Dopri5WasmStepper.prototype, 'attempt');
    const jsAttempt = vi.spyOn(Dopri5Stepper.prototype, 'attempt');
    const small = nonlinearEnsemble(WASM_MIN_DIM - 1);
    const large = nonlinearEnsemble(WASM_MIN_DIM);
    const run = (p: typeof small, extra: Partial<SolveOdeOptions> = {}) => {
      wasmAttempt.mockClear();
      jsAttempt.mockClear();
      solveOde({ rhs: p.rhs, y0: p.y0, t0: 0, tEval: [1], ...extra });
      return { wasm: wasmAttempt.mock.calls.length > 0, js: jsAttempt.mock.calls.length > 0 };
    };
    expect(run(large)).toEqual({ wasm: true, js: false });
    expect(run(small)).toEqual({ wasm: false, js: true });
    expect(run(small, { workspace: workspace(WASM_MIN_DIM - 1) })).toEqual({ wasm: true, js: false });
    expect(run(large, { wasm: false })).toEqual({ wasm: false, js: true });
    expect(run(large, { wasm: false, workspace: workspace(WASM_MIN_DIM) })).toEqual({ wasm: false, js: true });
    expect(run(large, { tableau: { ...DOPRI5 } })).toEqual({ wasm: false, js: false });
    expect(() => run(large, { workspace: workspace(3) })).toThrow(RangeError);
  });

  it('hands the right-hand side and the callbacks views of the workspace, and detaches its own workspace when done', () => {
    const { rhs, y0 } = nonlinearEnsemble(100);
    const ws = workspace(100);
    const seen = new Set<Float64Array>();
    let kept: Float64Array | undefined;
    solveOde({
      rhs: (t, y, dy) => {
        seen.add(y).add(dy);
        rhs(t, y, dy);
      },
      y0,
      t0: 0,
      tEval: [0.5, 1],
      workspace: ws,
      onOutput: (_i, _t, y) => {
        expect(ws.holds(y)).toBe(true);
      },
    });
    expect(seen.size).toBeGreaterThan(3);
    for (const a of seen) expect(ws.holds(a)).toBe(true);
    // a workspace the caller gave stays usable; one solveOde made itself is released at the end
    expect(ws.vectors[VECTOR.state].length).toBe(100);
    solveOde({
      rhs: (t, y, dy) => {
        kept = y;
        rhs(t, y, dy);
      },
      y0,
      t0: 0,
      tEval: [1],
    });
    expect(kept!.length).toBe(0);
    ws.release();
  });
});

describe('ODE workspaces', () => {
  it('hold zero-filled vectors and arrays, recognise only their own views, and detach them all on release', () => {
    const ws = workspace(5, { a: 3, b: 4 });
    expect(ws.vectors.length).toBeGreaterThan(VECTOR.scratch);
    for (const v of ws.vectors) expect(v.length).toBe(5);
    expect(ws.arrays.a.length).toBe(3);
    expect(ws.arrays.b.length).toBe(4);
    const all = [...ws.vectors, ws.arrays.a, ws.arrays.b];
    for (const v of all) {
      expect(v.byteOffset % 16).toBe(0);
      expect(ws.holds(v)).toBe(true);
      v.fill(7);
    }
    // disjoint: each keeps its own values
    ws.arrays.a.fill(1);
    expect(Array.from(ws.arrays.b)).toEqual([7, 7, 7, 7]);
    expect(ws.holds(new Float64Array(5))).toBe(false);
    expect(ws.holds(ws.arrays.b.subarray(1))).toBe(false);
    ws.release();
    for (const v of all) expect(v.length).toBe(0);
    expect(ws.holds(all[0])).toBe(false);
    expect(() => ws.kernels).toThrow(/after release/);
    ws.release(); // twice: nothing
    // the next workspace gets zero-filled memory even if it reuses the instance
    const next = workspace(5, { a: 3, b: 4 });
    for (const v of [...next.vectors, next.arrays.a, next.arrays.b]) expect(v.every((x) => x === 0)).toBe(true);
    next.release();
  });

  it('nested workspaces get separate memories', () => {
    const outer = workspace(8);
    const inner = workspace(8);
    outer.vectors[0].fill(1);
    inner.vectors[0].fill(2);
    expect(outer.kernels.memory).not.toBe(inner.kernels.memory);
    expect(outer.vectors[0][3]).toBe(1);
    inner.release();
    expect(outer.vectors[0][3]).toBe(1);
    outer.release();
  });

  it('refuses bad sizes', () => {
    expect(() => OdeWorkspace.create(-1)).toThrow(RangeError);
    expect(() => OdeWorkspace.create(2.5)).toThrow(RangeError);
    expect(() => OdeWorkspace.create(4, { a: -2 })).toThrow(RangeError);
  });

  it('the dot and dot2 kernels sum exactly as dotQuad, for every length mod 4 and at unaligned offsets', () => {
    const n = 41;
    const ws = workspace(2 * n + 3, { w: n + 3 });
    const y = ws.vectors[VECTOR.state];
    const w = ws.arrays.w;
    // values spanning many magnitudes, so that the order of summation shows in the last bits
    for (let j = 0; j < y.length; j++) y[j] = Math.sin(7 * j) * Math.pow(10, (j % 11) - 5);
    for (let j = 0; j < w.length; j++) w[j] = Math.cos(3 * j) * Math.pow(10, (j % 7) - 3);
    const x = ws.kernels;
    let differsFromPlainOrder = false;
    for (let len = 0; len <= n; len++) {
      for (const shift of [0, 1, 2, 3]) {
        const a = y.byteOffset + 8 * shift;
        const b = y.byteOffset + 8 * (shift + n);
        expect(x.dot(w.byteOffset, a, len)).toBe(dotQuad(w, 0, y, shift, len));
        x.dot2(w.byteOffset + 8 * (shift % 2), a, b, len);
        expect(ws.results[0]).toBe(dotQuad(w, shift % 2, y, shift, len));
        expect(ws.results[1]).toBe(dotQuad(w, shift % 2, y, shift + n, len));
        let plain = 0;
        for (let j = 0; j < len; j++) plain += w[j] * y[shift + j];
        if (plain !== dotQuad(w, 0, y, shift, len)) differsFromPlainOrder = true;
      }
    }
    expect(differsFromPlainOrder).toBe(true);
    ws.release();
  });
});
