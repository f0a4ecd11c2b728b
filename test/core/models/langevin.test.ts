/**
 * The shared Langevin simulator (core/models/kit/simulators/langevin.ts, note §8): the prior-only
 * run reproduces the prior weight variances; at large width with χ = 1 the ensemble mean approaches
 * the NNGP posterior mean (linear and erf kernels computed here independently); chains are
 * reproducible from (seed, chain), and cancel stops them.
 */
import { Matrix, solve } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import {
  type LangevinChainResult,
  type LangevinData,
  type LangevinNetwork,
  langevinAutoSteps,
  langevinChainOf,
  langevinChainSeries,
  langevinEnsemble,
  langevinToLossForm,
  runLangevinChain,
} from '../../../core/models/kit/index.js';
import { CancelledError } from '../../../core/models/model-kind-errors.js';
import { createRng } from '../../../core/numerics/rng.js';
import { bytes } from './ctx.js';

/** Gaussian inputs and a linear teacher y = w*·x/√d (the note's §5.3 setting). */
function linearData(d: number, P: number, Ptest: number, seed: number): LangevinData {
  const rng = createRng(seed);
  const wStar = new Float64Array(d);
  rng.fillNormal(wStar);
  const X = new Float64Array(P * d);
  const Xtest = new Float64Array(Ptest * d);
  rng.fillNormal(X);
  rng.fillNormal(Xtest);
  const teach = (A: Float64Array, n: number) =>
    Float64Array.from({ length: n }, (_, m) => {
      let s = 0;
      for (let k = 0; k < d; k++) s += A[m * d + k]! * wStar[k]!;
      return s / Math.sqrt(d);
    });
  return { P, X, y: teach(X, P), Ptest, Xtest, ytest: teach(Xtest, Ptest) };
}

/** GP posterior mean k*ᵀ(K + σ̃²I)⁻¹y for a kernel function on rows of X. */
function gpMean(data: LangevinData, d: number, noise: number, kernel: (x: Float64Array, z: Float64Array) => number) {
  const row = (A: Float64Array, m: number) => A.subarray(m * d, (m + 1) * d);
  const P = data.P;
  const K = Matrix.zeros(P, P);
  for (let m = 0; m < P; m++) for (let n = 0; n < P; n++) K.set(m, n, kernel(row(data.X, m), row(data.X, n)) + (m === n ? noise : 0));
  const t = solve(K, Matrix.columnVector(Array.from(data.y))).getColumn(0);
  const at = (A: Float64Array, n: number) =>
    Float64Array.from({ length: n }, (_, m) => t.reduce((s, tv, j) => s + tv * kernel(row(A, m), row(data.X, j)), 0));
  return { train: at(data.X, P), test: at(data.Xtest!, data.Ptest!) };
}

function relL2(a: Float64Array, b: Float64Array): number {
  let num = 0;
  let den = 0;
  for (let k = 0; k < a.length; k++) {
    num += (a[k]! - b[k]!) ** 2;
    den += b[k]! ** 2;
  }
  return Math.sqrt(num / den);
}

const dot = (x: Float64Array, z: Float64Array) => x.reduce((s, v, k) => s + v * z[k]!, 0);

describe('Langevin ensemble simulator', () => {
  it('a prior-only run reproduces the prior weight variances σ_w²/d and σ̃_a²/(Nχ) (up to the ULA bias)', () => {
    const net: LangevinNetwork = { activation: 'erf', d: 8, N: 16, chi: 2, sigma_w2: 1.5, sigma_a2: 0.7, noise: 0.1 };
    const data: LangevinData = { P: 0, X: new Float64Array(0), y: new Float64Array(0) };
    const steps = langevinAutoSteps(net, data, 0.02);
    const chains = [0, 1, 2, 3].map((chain) =>
      runLangevinChain(net, data, { steps: 20_000, burnIn: 2_000, thin: 5, ...steps }, { seed: 7, chain }),
    );
    const ens = langevinEnsemble(chains);
    const vw = net.sigma_w2 / net.d;
    const va = net.sigma_a2 / (net.N * net.chi);
    // ULA on a Gaussian of variance v with step ε has stationary variance v/(1 − ε/(2v)).
    const ulaW = vw / (1 - steps.stepW / (2 * vw));
    const ulaA = va / (1 - steps.stepA / (2 * va));
    expect(Math.abs(ens.wVariance / ulaW - 1)).toBeLessThan(0.02);
    expect(Math.abs(ens.aVariance / ulaA - 1)).toBeLessThan(0.03);
    expect(Math.abs(ens.wVariance / vw - 1)).toBeLessThan(0.03);
    expect(Math.abs(ens.aVariance / va - 1)).toBeLessThan(0.04);
    // The weight covariance is (σ_w²/d) I.
    const d = net.d;
    for (let k = 0; k < d; k++) {
      expect(Math.abs(ens.weightCovariance[k * d + k]! / vw - 1)).toBeLessThan(0.06);
      for (let l = 0; l < k; l++) expect(Math.abs(ens.weightCovariance[k * d + l]!) / vw).toBeLessThan(0.06);
    }
  });

  it('at large width with χ = 1 a linear network’s ensemble mean approaches the NNGP mean σ̃_a²σ_w² xᵀx′/d', () => {
    const net: LangevinNetwork = { activation: 'linear', d: 8, N: 256, chi: 1, sigma_w2: 1, sigma_a2: 1, noise: 0.1 };
    const data = linearData(8, 12, 6, 3);
    const steps = langevinAutoSteps(net, data);
    const chains = [0, 1, 2, 3].map((chain) =>
      runLangevinChain(net, data, { steps: 20_000, burnIn: 4_000, thin: 5, ...steps }, { seed: 11, chain, weightCovariance: false }),
    );
    const ens = langevinEnsemble(chains);
    const nngp = gpMean(data, 8, net.noise, (x, z) => (net.sigma_a2 * net.sigma_w2 * dot(x, z)) / 8);
    const train = relL2(ens.train.mean, nngp.train);
    const test = relL2(ens.test.mean, nngp.test);
    expect(train).toBeLessThan(0.02);
    expect(test).toBeLessThan(0.03);
    expect(ens.twoHalves).toBeLessThan(0.05);
  });

  it('at large width with χ = 1 an erf network’s ensemble mean approaches the erf NNGP mean (Williams’ arcsine kernel)', () => {
    const d = 6;
    const net: LangevinNetwork = { activation: 'erf', d, N: 128, chi: 1, sigma_w2: 1, sigma_a2: 1, noise: 0.1 };
    const data = linearData(d, 10, 4, 5);
    const steps = langevinAutoSteps(net, data);
    const chains = [0, 1, 2].map((chain) =>
      runLangevinChain(net, data, { steps: 8_000, burnIn: 1_500, thin: 5, ...steps }, { seed: 13, chain, weightCovariance: false }),
    );
    const ens = langevinEnsemble(chains);
    const c = net.sigma_w2 / d;
    const kernel = (x: Float64Array, z: Float64Array) =>
      net.sigma_a2 * (2 / Math.PI) * Math.asin((2 * c * dot(x, z)) / Math.sqrt((1 + 2 * c * dot(x, x)) * (1 + 2 * c * dot(z, z))));
    const nngp = gpMean(data, d, net.noise, kernel);
    expect(relL2(ens.train.mean, nngp.train)).toBeLessThan(0.04);
    expect(relL2(ens.test.mean, nngp.test)).toBeLessThan(0.08);
  });

  it('a chain is a function of (seed, chain) and its inputs; chains differ; cancel throws', () => {
    const net: LangevinNetwork = { activation: 'relu', d: 4, N: 8, chi: 1, sigma_w2: 1, sigma_a2: 1, noise: 0.2 };
    const data = linearData(4, 6, 2, 1);
    const sched = { steps: 300, burnIn: 100, thin: 2, ...langevinAutoSteps(net, data) };
    const run = (chain: number): LangevinChainResult => runLangevinChain(net, data, sched, { seed: 5, chain });
    const a = run(1);
    const b = run(1);
    const c = run(2);
    expect(a.samples).toBe(100);
    expect(bytes(a.trainMean.all).equals(bytes(b.trainMean.all))).toBe(true);
    expect(bytes(a.final.W).equals(bytes(b.final.W))).toBe(true);
    expect(bytes(a.trainMean.all).equals(bytes(c.trainMean.all))).toBe(false);
    expect(() => runLangevinChain(net, data, sched, { seed: 5, chain: 0, hooks: { isCancelled: () => true } })).toThrow(
      CancelledError,
    );
    // A chain survives the trip through a part's series bit for bit.
    const back = langevinChainOf(structuredClone(langevinChainSeries(a)));
    expect(back.samples).toBe(a.samples);
    expect(back.stepW).toBe(a.stepW);
    for (const k of ['trainMean', 'testMean'] as const) {
      for (const h of ['all', 'first', 'second'] as const) expect(bytes(back[k][h]).equals(bytes(a[k][h]))).toBe(true);
    }
    expect(bytes(back.weightCovariance).equals(bytes(a.weightCovariance))).toBe(true);
    expect(bytes(back.trace.step).equals(bytes(a.trace.step))).toBe(true);
    const fractions: number[] = [];
    runLangevinChain(net, data, sched, { seed: 5, chain: 0, hooks: { progress: (f) => fractions.push(f) } });
    expect(fractions[0]).toBe(0);
    expect(fractions.every((f, i) => i === 0 || f >= fractions[i - 1]!)).toBe(true);
  });

  it('maps the energy form to the loss form of the note: T = σ̃²/χ, γ = T/(prior variance), η = εT', () => {
    const net: LangevinNetwork = { activation: 'linear', d: 10, N: 20, chi: 4, sigma_w2: 2, sigma_a2: 3, noise: 0.5 };
    const m = langevinToLossForm(net, { stepW: 0.01, stepA: 0.002 });
    expect(m.temperature).toBeCloseTo(0.125, 15);
    expect(m.decayW).toBeCloseTo((0.125 * 10) / 2, 15);
    expect(m.decayA).toBeCloseTo((0.125 * 20 * 4) / 3, 12);
    expect(m.etaW).toBeCloseTo(0.00125, 15);
  });
});
