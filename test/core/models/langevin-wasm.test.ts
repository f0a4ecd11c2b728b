/**
 * The WebAssembly step of the Langevin simulator (core/numerics/wasm/langevin.wat) against the
 * simulator's JavaScript loops, its reference: every activation, sizes that are and are not
 * multiples of the kernels' blocks (odd N, P and d off a multiple of 8, an odd test set), the same
 * bits in every output of the chain. Its erf and exp against @stdlib's erf and V8's Math.exp over
 * a grid and at the edges.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import erf from '@stdlib/math-base-special-erf';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { type LangevinActivation, type LangevinChainResult, langevinAutoSteps, runLangevinChain } from '../../../core/models/kit/index.js';
import { createRng } from '../../../core/numerics/rng.js';
import { langevinKernels } from '../../../core/numerics/wasm/langevin.js';

const kernels = langevinKernels(0);

function data(d: number, P: number, Pt: number, seed: number) {
  const rng = createRng(seed);
  const X = new Float64Array(P * d);
  const Xtest = new Float64Array(Pt * d);
  const y = new Float64Array(P);
  const ytest = new Float64Array(Pt);
  for (const v of [X, Xtest, y, ytest]) rng.fillNormal(v);
  return { P, X, y, Ptest: Pt, Xtest, ytest };
}

/** Every number a chain returns, in one array (the last state included). */
function flat(r: LangevinChainResult): number[] {
  return [
    ...r.trainMean.all, ...r.trainMean.first, ...r.trainMean.second, ...r.trainSecond,
    ...r.testMean.all, ...r.testMean.first, ...r.testMean.second, ...r.testSecond,
    r.trainError, r.testError, r.wVariance, r.aVariance, ...r.weightCovariance,
    ...r.trace.trainError, ...r.trace.testError, ...r.final.W, ...r.final.a,
  ];
}

describe('Langevin WebAssembly step', () => {
  it('runs under vitest', () => {
    expect(kernels).not.toBeNull();
  });

  it('runs in a worker thread from a CommonJS bundle built as dist/worker.cjs is, with the same bits', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'limitlab-langevin-'));
    const entry = join(dir, 'entry.ts');
    const at = (p: string) => fileURLToPath(new URL(`../../../${p}`, import.meta.url));
    writeFileSync(
      entry,
      `import { parentPort } from 'node:worker_threads';\n` +
        `import { runLangevinChain } from '${at('core/models/kit/index.ts')}';\n` +
        `import { langevinKernels } from '${at('core/numerics/wasm/langevin.ts')}';\n` +
        `const X = Float64Array.from({ length: 9 * 6 }, (_, k) => Math.sin(k));\n` +
        `const y = Float64Array.from({ length: 9 }, (_, k) => Math.cos(k));\n` +
        `const net = { activation: 'erf', d: 6, N: 5, chi: 1, sigma_w2: 1, sigma_a2: 1, noise: 0.1 };\n` +
        `const run = (wasm) => runLangevinChain(net, { P: 9, X, y }, { steps: 50, burnIn: 10, thin: 2, stepW: 1e-3, stepA: 1e-3 }, { seed: 1, chain: 0 }, { wasm }).final.W;\n` +
        `parentPort.postMessage({ kernels: langevinKernels(0) !== null, wasm: Array.from(run(true)), js: Array.from(run(false)) });\n`,
    );
    const out = join(dir, 'worker.cjs');
    await build({ entryPoints: [entry], outfile: out, bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning' });
    const msg = await new Promise<{ kernels: boolean; wasm: number[]; js: number[] }>((done, fail) => {
      const w = new Worker(out);
      w.once('message', (m) => {
        done(m);
        void w.terminate();
      });
      w.once('error', fail);
    });
    expect(msg.kernels).toBe(true);
    expect(msg.wasm).toEqual(msg.js);
  }, 60_000);

  const cases: { activation: LangevinActivation; d: number; P: number; N: number; Pt: number }[] = [
    { activation: 'erf', d: 16, P: 24, N: 12, Pt: 8 },
    { activation: 'erf', d: 7, P: 13, N: 5, Pt: 3 },
    { activation: 'relu', d: 10, P: 21, N: 9, Pt: 5 },
    { activation: 'relu', d: 8, P: 16, N: 16, Pt: 0 },
    { activation: 'square', d: 5, P: 11, N: 7, Pt: 4 },
  ];
  for (const c of cases) {
    it(`W1: ${c.activation}, d = ${c.d}, P = ${c.P}, N = ${c.N}, ${c.Pt} test points: the same bits as the JavaScript loops`, () => {
      const net = { activation: c.activation, d: c.d, N: c.N, chi: 1, sigma_w2: 1, sigma_a2: 1, noise: 0.1 };
      const dat = data(c.d, c.P, c.Pt, 3 + c.d);
      const steps = langevinAutoSteps(net, dat);
      const schedule = { steps: 300, burnIn: 100, thin: 4, ...steps };
      const seen: { js: number[]; wasm: number[] } = { js: [], wasm: [] };
      const run = (wasm: boolean) =>
        runLangevinChain(net, dat, schedule, {
          seed: 9, chain: 2,
          observe: (s) => (wasm ? seen.wasm : seen.js).push(s.fTrain[0]!, s.W[s.W.length - 1]!, s.a[0]!, ...s.fTest),
        }, { wasm });
      const ref = flat(run(false));
      const got = flat(run(true));
      expect(got.length).toBe(ref.length);
      expect(got).toEqual(ref);
      expect(seen.wasm).toEqual(seen.js);
      // Object.is: the same bits, signed zeros included
      expect(got.every((v, k) => Object.is(v, ref[k]))).toBe(true);
    });
  }

  it('W2: erf is @stdlib erf and exp is Math.exp, bit for bit, over a grid and at the edges', () => {
    const xs: number[] = [0, -0, 1, -1, 6, -6, 0.84375, -0.84375, 1.25, 2.857142857142857, 3.725290298461914e-9, 1e-10, 2e-306, 1e-310, -1e-310];
    for (let i = -60_000; i <= 60_000; i++) xs.push(i * 1.3e-4 * (1 + 1e-9));
    const rng = createRng(17);
    for (let i = 0; i < 20_000; i++) xs.push(20 * (rng.nextDouble() - 0.5));
    xs.push(Infinity, -Infinity, NaN, 709.5, 710, -745, -746, -708.5, 1e-20, -1e-20);
    let erfOff = 0;
    let expOff = 0;
    for (const x of xs) {
      if (!Object.is(kernels!.erf(x), erf(x))) erfOff++;
      if (!Object.is(kernels!.exp(x), Math.exp(x))) expOff++;
      if (!Object.is(kernels!.exp(-x * x), Math.exp(-x * x))) expOff++;
    }
    expect(erfOff).toBe(0);
    expect(expOff).toBe(0);
  });

  it('W3: the forward pass\'s paired erf and exp (both lanes at once where they take the same branch) are @stdlib erf and Math.exp, bit for bit', () => {
    // h = w x with d = 1 and w = 1: the inputs themselves, in pairs of every mix of ranges
    // (no -0: the product's sum 0 + 1 · (-0) is +0, as in the JavaScript loop)
    const xs: number[] = [0, 1e-12, -3e-9, 0.5, 0.84375, -0.84375, 1, 1.25, -1.25, 2, 2.857142857142857, -2.857142857142857, 4, 5.999, 6, -6, 7, 27, -27, 40, 1e300, NaN, Infinity, -Infinity];
    const rng = createRng(23);
    for (let i = 0; i < 60_000; i++) xs.push(8 * (rng.nextDouble() - 0.5));
    for (let i = 0; i < 20_000; i++) xs.push((rng.nextDouble() - 0.5) * 1e-7);
    for (let i = 0; i < 20_000; i++) xs.push(1.25 + (rng.nextDouble() - 0.5) * 1e-3);
    const n = Math.ceil(xs.length / 8) * 8;
    const k = langevinKernels(8 * (5 * n + 16))!;
    const mem = new Float64Array(k.memory.buffer);
    const W = 0;
    const a = 16;
    const XT = 32;
    const phi = XT + 8 * n;
    const dphi = phi + 8 * n;
    const f = dphi + 8 * n;
    mem[W / 8] = 1;
    mem.set(xs, XT / 8);
    k.forward(W, XT, a, phi, dphi, f, 1, 1, n, 1);
    let off = 0;
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i]!;
      if (!Object.is(mem[phi / 8 + i], erf(x))) off++;
      if (!Object.is(mem[dphi / 8 + i], (2 / Math.sqrt(Math.PI)) * Math.exp(-x * x))) off++;
    }
    expect(off).toBe(0);
  });
});
