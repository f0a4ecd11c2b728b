/**
 * The WebAssembly step of the Langevin simulator (core/numerics/wasm/langevin.wat) against the
 * simulator's JavaScript loops, its reference: every activation, sizes that are and are not
 * multiples of the kernels' blocks (odd N, P and d off a multiple of 8, an odd test set), the same
 * bits in every output of the chain. The simulator's erf and e^{-h²} against independent references
 * (@stdlib's erf, Math.exp on an exactly split h², values computed to 200 bits) over a grid and at
 * the edges, and the forward pass's pairs against them, bit for bit.
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
import { langevinErf, langevinErfDerivative } from '../../../core/models/kit/simulators/langevin-activations.js';
import { langevinForwardScratch, langevinKernels } from '../../../core/numerics/wasm/langevin.js';

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
    // two tiles of subset-sum tables (18 chunks of four inputs) and both widths of coordinate block
    { activation: 'relu', d: 20, P: 70, N: 6, Pt: 3 },
    { activation: 'square', d: 5, P: 11, N: 7, Pt: 4 },
    // the linear network's fused step: odd d and N, P off a multiple of 8; even sizes, no test set
    { activation: 'linear', d: 7, P: 13, N: 5, Pt: 3 },
    { activation: 'linear', d: 8, P: 16, N: 12, Pt: 0 },
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

  // [x, erf(x), e^{-x²}], the exact values rounded to doubles (mpmath at 200 bits)
  const EXACT: [number, number, number][] = [
    [1e-300, 1.1283791670955126e-300, 1.0],
    [2.5e-200, 2.8209479177387815e-200, 1.0],
    [1e-9, 1.1283791670955127e-9, 1.0],
    [3.7e-9, 4.1750029182533965e-9, 1.0],
    [1e-8, 1.1283791670955126e-8, 0.9999999999999999],
    [0.001, 0.0011283787909692365, 0.9999990000005],
    [0.1, 0.1124629160182849, 0.9900498337491681],
    [0.5, 0.5204998778130465, 0.7788007830714049],
    [0.8437499999999999, 0.7672256612323416, 0.49070405976744136],
    [0.84375, 0.7672256612323416, 0.49070405976744125],
    [1, 0.8427007929497149, 0.36787944117144233],
    [1.2499999999999998, 0.9229001282564582, 0.20961138715109795],
    [1.25, 0.9229001282564583, 0.2096113871510978],
    [1.7, 0.9837904585907745, 0.05557621261148308],
    [2, 0.9953222650189527, 0.01831563888873418],
    [2.8571428571428563, 0.9999466876886117, 0.0002849304888765703],
    [2.857142857142857, 0.9999466876886117, 0.0002849304888765688],
    [3.5, 0.9999992569016276, 4.785117392129009e-6],
    [4.5, 0.9999999998033839, 1.6052280551856116e-9],
    [5.5, 0.9999999999999927, 7.287724095819692e-14],
    [5.97, 1.0, 3.3216494701375383e-16],
    [6, 1.0, 2.3195228302435696e-16],
    [6.5, 1.0, 4.4777324417183015e-19],
    [10, 1.0, 3.720075976020836e-44],
    [20, 1.0, 1.9151695967140057e-174],
    [26.5, 1.0, 1.0392022621430825e-305],
    [-0.3, -0.3286267594591274, 0.9139311852712282],
    [-1.1, -0.8802050695740817, 0.29819727942988733],
    [-3.3, -0.9999969422902035, 1.864374233151685e-5],
  ];
  const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);
  const rel = (got: number, want: number) => Math.abs(got - want) / Math.abs(want);
  /** e^{-x²} from Math.exp: x² = hi + lo exactly (Veltkamp), e^{-hi} (1 - lo). */
  function expMinusSquare(x: number): number {
    const c = 134217729 * x;
    const xh = c - (c - x);
    const xl = x - xh;
    const hi = x * x;
    const lo = xh * xh - hi + 2 * xh * xl + xl * xl;
    return Math.exp(-hi) * (1 - lo);
  }

  it('W2: erf within 2.5e-16 of the exact values and within 1e-15 of @stdlib erf, e^{-h²} within 2.5e-16 and 1e-15, over a grid and at the edges', () => {
    for (const [x, e, g] of EXACT) {
      for (const sgn of [1, -1]) {
        expect(rel(langevinErf(sgn * x), sgn * e)).toBeLessThanOrEqual(2.5e-16);
        expect(rel(langevinErfDerivative(sgn * x), TWO_OVER_SQRT_PI * g)).toBeLessThanOrEqual(5e-16);
      }
      expect(rel(langevinErfDerivative(x) / TWO_OVER_SQRT_PI, g)).toBeLessThanOrEqual(2.5e-16);
    }
    const xs: number[] = [];
    for (let i = 0; i <= 120_000; i++) xs.push(i * 7 / 120_000);
    for (const b of [0.84375, 1.25, 2.857142857142857, 6, 1e-8, 3.725290298461914e-9, 27.2, 28]) {
      for (let j = -200; j <= 200; j++) xs.push(b * (1 + j * 2 ** -52));
    }
    for (let e = -300; e <= 2.5; e += 0.01) xs.push(10 ** e);
    const rng = createRng(17);
    for (let i = 0; i < 20_000; i++) xs.push(20 * rng.nextDouble());
    let erfWorst = 0;
    let expWorst = 0;
    for (const x0 of xs) {
      for (const x of [x0, -x0]) {
        const e = erf(x);
        if (x !== 0) erfWorst = Math.max(erfWorst, rel(langevinErf(x), e));
        const g = expMinusSquare(x);
        if (g > 1e-300) expWorst = Math.max(expWorst, rel(langevinErfDerivative(x) / TWO_OVER_SQRT_PI, g));
      }
    }
    expect(erfWorst).toBeLessThanOrEqual(1e-15);
    expect(expWorst).toBeLessThanOrEqual(1e-15);
    // subnormal results: within an ulp of the references; signed zeros, infinities, NaN
    expect(Math.abs(langevinErfDerivative(27.2) / TWO_OVER_SQRT_PI - 4.9e-322)).toBeLessThanOrEqual(2 * 4.9e-324);
    for (const x of [1e-310, -1e-310, 5e-324]) expect(Math.abs(langevinErf(x) - erf(x))).toBeLessThanOrEqual(4.9e-324);
    expect(Object.is(langevinErf(0), 0)).toBe(true);
    expect(Object.is(langevinErf(-0), -0)).toBe(true);
    expect(langevinErf(Infinity)).toBe(1);
    expect(langevinErf(-Infinity)).toBe(-1);
    expect(langevinErf(1e300)).toBe(1);
    expect(langevinErfDerivative(Infinity)).toBe(0);
    expect(langevinErfDerivative(40)).toBe(0);
    expect(langevinErfDerivative(0)).toBe(TWO_OVER_SQRT_PI);
    expect(langevinErf(NaN)).toBeNaN();
    expect(langevinErfDerivative(NaN)).toBeNaN();
  });

  it('W3: the forward pass\'s erf and phi\' on pairs (every mix of ranges) are the simulator\'s, bit for bit', () => {
    // h = w x with d = 1 and w = 1: the inputs themselves, in pairs of every mix of ranges
    // (no -0: the product's sum 0 + 1 · (-0) is +0, as in the JavaScript loop)
    const xs: number[] = [0, 1e-12, -3e-9, 0.5, 0.84375, -0.84375, 1, 1.25, -1.25, 2, 2.857142857142857, -2.857142857142857, 4, 5.999, 6, -6, 7, 27, -27, 40, 1e300, NaN, Infinity, -Infinity];
    const rng = createRng(23);
    for (let i = 0; i < 60_000; i++) xs.push(8 * (rng.nextDouble() - 0.5));
    for (let i = 0; i < 20_000; i++) xs.push((rng.nextDouble() - 0.5) * 1e-7);
    for (let i = 0; i < 20_000; i++) xs.push(1.25 + (rng.nextDouble() - 0.5) * 1e-3);
    for (let i = 0; i < 20_000; i++) xs.push(60 * (rng.nextDouble() - 0.5));
    for (let i = 0; i < 2_000; i++) xs.push(((rng.nextDouble() - 0.5) * 1e-300) / 1e10);
    for (const b of [0.84375, 2.857142857142857, 6, 27.2, 28]) for (let j = -20; j <= 20; j++) xs.push(b * (1 + j * 2 ** -52), -b * (1 + j * 2 ** -52));
    const n = Math.ceil(xs.length / 8) * 8;
    const k = langevinKernels(8 * (5 * n + 16) + langevinForwardScratch(1, n))!;
    const mem = new Float64Array(k.memory.buffer);
    const W = 0;
    const a = 16;
    const XT = 32;
    const phi = XT + 8 * n;
    const dphi = phi + 8 * n;
    const f = dphi + 8 * n;
    mem[W / 8] = 1;
    mem.set(xs, XT / 8);
    const scratch = f + 8 * n;
    k.forward(W, XT, a, phi, dphi, f, 1, 1, n, 1, scratch);
    let off = 0;
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i]!;
      if (!Object.is(mem[phi / 8 + i], langevinErf(x))) off++;
      if (!Object.is(mem[dphi / 8 + i], langevinErfDerivative(x))) off++;
    }
    expect(off).toBe(0);
  });
});
