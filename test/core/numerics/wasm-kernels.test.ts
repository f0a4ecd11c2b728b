import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SGD_SUMS, emptyPassSums, sgdPass } from '../../../core/models/sgd-glm/sgd-pass.js';
import { createRng, createRngFromState } from '../../../core/numerics/rng.js';
import { Kernels, kernels } from '../../../core/numerics/wasm/kernels.js';
import { ZIGGURAT } from '../../../core/numerics/ziggurat.js';
// @ts-expect-error plain ESM script without types
import { assembleModule, binaryModulePath, wasmSources } from '../../../scripts/build-wasm.mjs';

const sameBits = (a: Float64Array, b: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));

describe('WebAssembly kernels', () => {
  it('each committed NAME-binary.ts is the assembly of NAME.wat', async () => {
    const names: string[] = wasmSources();
    expect(names).toContain('kernels');
    for (const name of names) expect(readFileSync(binaryModulePath(name), 'utf8')).toBe(await assembleModule(name));
  });

  it('run here, so the samplers and simulations use them', () => {
    expect(kernels()).toBeInstanceOf(Kernels);
  });

  it('fillNormal draws exactly the JavaScript sampler’s normals and leaves the same state, over slow paths and tails', () => {
    const n = 700_001; // crosses many scratch chunks; about 10 000 wedge and 200 tail draws
    for (const seed of [1, 2, 31337, 2 ** 40 + 7]) {
      const fast = createRng(seed);
      const plain = createRng(seed, { wasm: false });
      const a = new Float64Array(n + 8);
      const b = new Float64Array(n + 8);
      fast.fillNormal(a, 3, n + 3);
      plain.fillNormal(b, 3, n + 3);
      expect(sameBits(a, b)).toBe(true);
      expect(Array.from(fast.state())).toEqual(Array.from(plain.state()));
      let beyondR = 0;
      for (let i = 3; i < n + 3; i++) if (Math.abs(a[i]) > ZIGGURAT.r) beyondR++;
      expect(beyondR).toBeGreaterThan(50); // the tail path ran (P(|z| > r) = 2.6e-4)
      // and both go on identically, in either mode
      expect(fast.nextUint32()).toBe(plain.nextUint32());
      expect(fast.normal()).toBe(plain.normal());
    }
  });

  it('fillNormal agrees with normal() one at a time for short and long fills alike', () => {
    for (const length of [1, 63, 64, 65, 6143, 6144, 6145, 20_000]) {
      const words = [0x9e3779b9, 0x243f6a88, 0xb7e15162, length];
      const filled = new Float64Array(length);
      createRngFromState(words).fillNormal(filled);
      const one = createRngFromState(words, { wasm: false });
      const single = Float64Array.from({ length }, () => one.normal());
      expect(sameBits(filled, single)).toBe(true);
    }
  });

  it('the wedge test agrees with y < Math.exp(z) exactly, right at the boundary too', () => {
    const below = (kernels() as unknown as { exports: { below_exp(y: number, z: number): number } }).exports.below_exp;
    const rng = createRng(5, { wasm: false });
    let disagreements = 0;
    for (let k = 0; k < 200_000; k++) {
      const z = -6.7 * rng.nextDouble();
      const e = Math.exp(z);
      // y at relative distances 0, +-1 ulp-ish, +-1e-9 .. +-1e-6 and random, around exp(z)
      const rel = [0, 2.3e-16, -2.3e-16, 1e-9, -1e-9, 1e-7, -1e-7, 1.1e-7, -1.1e-7, 1e-6, -1e-6, rng.nextDouble() - 0.5][k % 12];
      const y = e * (1 + rel);
      if ((below(y, z) === 1) !== y < e) disagreements++;
    }
    expect(disagreements).toBe(0);
  });
});

describe('SGD pass', () => {
  it('gives the same bits in WebAssembly and JavaScript for every kind of sum, odd and even d, across chunks', () => {
    for (const d of [1, 2, 5, 2047, 2048, 2049, 4097]) {
      for (const sums of [SGD_SUMS.residual, SGD_SUMS.withNorm, SGD_SUMS.withSignal, SGD_SUMS.oracle]) {
        const wasm = sgdPass(d);
        const js = sgdPass(d, { wasm: false });
        const init = createRng(d * 10 + sums, { wasm: false });
        for (const p of [wasm, js]) {
          for (const key of ['e', 'x', 'sq', 'th', 'lam'] as const) {
            const arr = p.arrays[key];
            const r = createRng(d + key.length, { wasm: false });
            for (let i = 0; i < d; i++) arr[i] = key === 'sq' || key === 'lam' ? Math.sqrt(0.1 + r.nextDouble()) : r.normal();
          }
        }
        const outW = emptyPassSums();
        const outJ = emptyPassSums();
        const seed = init.nextUint32();
        const dataW = createRng(seed);
        const dataJ = createRng(seed, { wasm: false });
        // three steps, swapping the data buffers as the simulation does
        let [xw, xnw, xj, xnj] = [wasm.arrays.x, wasm.arrays.xn, js.arrays.x, js.arrays.xn];
        for (let step = 0; step < 3; step++) {
          const kappa = 0.3 / (step + 1);
          wasm.run(dataW, xw, xnw, kappa, sums, outW);
          js.run(dataJ, xj, xnj, kappa, sums, outJ);
          expect(outW).toEqual(outJ);
          expect(sameBits(wasm.arrays.e, js.arrays.e)).toBe(true);
          expect(sameBits(xnw, xnj)).toBe(true);
          [xw, xnw] = [xnw, xw];
          [xj, xnj] = [xnj, xj];
        }
        expect(Array.from(dataW.state())).toEqual(Array.from(dataJ.state()));
      }
    }
  });

  it('computes e - kappa x, sqrt(lambda) z, the inner products and the oracle moments of a plain reference', () => {
    const d = 3001;
    const pass = sgdPass(d);
    const { e, x, xn, sq, th, lam } = pass.arrays;
    const r = createRng(9, { wasm: false });
    for (let i = 0; i < d; i++) {
      e[i] = r.normal();
      x[i] = r.normal();
      sq[i] = 0.5 + r.nextDouble();
      lam[i] = sq[i] * sq[i];
      th[i] = r.normal() / Math.sqrt(d);
    }
    const e0 = e.slice();
    const x0 = x.slice();
    const kappa = 0.01;
    const z = new Float64Array(d);
    createRng(4, { wasm: false }).fillNormal(z);
    const out = emptyPassSums();
    pass.run(createRng(4), x, xn, kappa, SGD_SUMS.oracle, out);
    let re = 0;
    let xx = 0;
    let xs = 0;
    let P = 0;
    let C = 0;
    let P2 = 0;
    let C2 = 0;
    for (let i = 0; i < d; i++) {
      const ei = e0[i] - kappa * x0[i];
      const xi = sq[i] * z[i];
      expect(e[i]).toBeCloseTo(ei, 14);
      expect(xn[i]).toBeCloseTo(xi, 14);
      re += xi * ei;
      xx += xi * xi;
      xs += xi * th[i];
      P += lam[i] * ei * ei;
      C += lam[i] * ei * th[i];
      P2 += lam[i] ** 2 * ei * ei;
      C2 += lam[i] ** 2 * ei * th[i];
    }
    expect(out.residual).toBeCloseTo(re, 10);
    expect(out.norm).toBeCloseTo(xx, 9);
    expect(out.signal).toBeCloseTo(xs, 10);
    for (const [got, want] of [
      [out.P, P],
      [out.C, C],
      [out.P2, P2],
      [out.C2, C2],
    ]) {
      expect(Math.abs(got - want)).toBeLessThan(1e-12 * Math.max(1, Math.abs(want)));
    }
  });
});
