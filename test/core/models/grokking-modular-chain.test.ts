/**
 * grokking-modular: the Langevin simulator of the quadratic network on the table. The forward pass
 * against the network written with explicit two-hot inputs, the backward pass and the sextic
 * regulariser's gradient against finite differences of their definitions, the Fourier modes of the
 * ordered start, the prior recovered when the data carry no weight, and the N → ∞ limit: with plain
 * weight decay the simulated discrepancy approaches the NNGP's exact −σ²/(4σ_a² + σ²) as N grows.
 */
import { describe, expect, it } from 'vitest';
import { addSexticGradient, dftTable, modes } from '../../../core/models/grokking-modular/fourier.js';
import { nngpDiscrepancy } from '../../../core/models/grokking-modular/nngp-spectrum.js';
import {
  modularTarget,
  quadraticBackward,
  quadraticForward,
  runModularChain,
} from '../../../core/models/grokking-modular/quadratic-chain.js';
import { createRng } from '../../../core/numerics/rng.js';

function randomWeights(P: number, N: number, seed: number) {
  const rng = createRng(seed);
  const W = new Float64Array(N * 2 * P);
  const A = new Float64Array(N * P);
  rng.fillNormal(W);
  rng.fillNormal(A);
  return { W, A };
}

/** f_p(x) = Σ_i a_pi (w_i·x)² with x the explicit two-hot vector of (n, m). */
function explicitForward(P: number, N: number, W: Float64Array, A: Float64Array): Float64Array {
  const f = new Float64Array(P * P * P);
  for (let n = 0; n < P; n++) {
    for (let m = 0; m < P; m++) {
      const x = new Float64Array(2 * P);
      x[n] = 1;
      x[P + m] = 1;
      for (let i = 0; i < N; i++) {
        let h = 0;
        for (let j = 0; j < 2 * P; j++) h += W[i * 2 * P + j]! * x[j]!;
        for (let p = 0; p < P; p++) f[(n * P + m) * P + p] += A[i * P + p]! * h * h;
      }
    }
  }
  return f;
}

/** Γ of one half from its definition: Σ_k P(γ/6)|w_k|⁶ with w_k = P⁻¹Σ_n w_n e^{−2πikn/P} (complex sums). */
function sexticOf(w: number[], gamma: number): number {
  const P = w.length;
  let s = 0;
  for (let k = 0; k < P; k++) {
    let re = 0;
    let im = 0;
    for (let n = 0; n < P; n++) {
      re += (w[n]! * Math.cos((2 * Math.PI * k * n) / P)) / P;
      im -= (w[n]! * Math.sin((2 * Math.PI * k * n) / P)) / P;
    }
    s += (re * re + im * im) ** 3;
  }
  return (P * gamma * s) / 6;
}

describe('grokking-modular quadratic-network Langevin chain', () => {
  it('the gather forward pass equals the network on explicit two-hot inputs', () => {
    const P = 5;
    const N = 3;
    const { W, A } = randomWeights(P, N, 3);
    const f = new Float64Array(P * P * P);
    quadraticForward(P, N, W, A, f);
    const ref = explicitForward(P, N, W, A);
    for (let k = 0; k < f.length; k++) expect(f[k]).toBeCloseTo(ref[k]!, 11);
  });

  it('the backward pass is the gradient of ½Σ(f − y)² (central finite differences)', () => {
    const P = 3;
    const N = 2;
    const { W, A } = randomWeights(P, N, 4);
    const y = modularTarget(P);
    const loss = () => {
      const f = explicitForward(P, N, W, A);
      return 0.5 * f.reduce((s, v, k) => s + (v - y[k]!) ** 2, 0);
    };
    const f = new Float64Array(P * P * P);
    quadraticForward(P, N, W, A, f);
    const r = f.map((v, k) => v - y[k]!);
    const gW = new Float64Array(W.length);
    const gA = new Float64Array(A.length);
    quadraticBackward(P, N, W, A, r, gW, gA);
    const h = 1e-6;
    for (const [theta, g] of [
      [W, gW],
      [A, gA],
    ] as const) {
      for (let k = 0; k < theta.length; k++) {
        const t0 = theta[k]!;
        theta[k] = t0 + h;
        const up = loss();
        theta[k] = t0 - h;
        const down = loss();
        theta[k] = t0;
        const fd = (up - down) / (2 * h);
        expect(Math.abs(g[k]! - fd)).toBeLessThan(1e-5 * Math.max(1, Math.abs(fd)));
      }
    }
  });

  it('the sextic regulariser’s value and gradient match its Fourier definition (finite differences)', () => {
    for (const P of [5, 7]) {
      const t = dftTable(P);
      const rng = createRng(P);
      const w = new Float64Array(P);
      rng.fillNormal(w);
      const gamma = 0.7;
      const re = new Float64Array(P);
      const im = new Float64Array(P);
      modes(t, w, 0, re, im);
      const grad = new Float64Array(P);
      const value = addSexticGradient(t, gamma, re, im, grad, 0);
      expect(value).toBeCloseTo(sexticOf([...w], gamma), 12);
      const h = 1e-6;
      for (let n = 0; n < P; n++) {
        const up = [...w];
        const down = [...w];
        up[n] += h;
        down[n] -= h;
        const fd = (sexticOf(up, gamma) - sexticOf(down, gamma)) / (2 * h);
        expect(Math.abs(grad[n]! - fd)).toBeLessThan(1e-6 * Math.max(1, Math.abs(fd)));
      }
    }
  });

  it('the ordered start puts every mode k ≠ 0 of both halves at |w_k|² = r² and k = 0 at 0', () => {
    const P = 7;
    const r2 = 2.5;
    const res = runModularChain(
      { P, N: 3, sigma_a2: 0.1, noise: 0.2, gamma: 1 },
      { steps: 1, burnIn: 0, thin: 1, factor: 1e-12 },
      { seed: 2, chain: 0, start: { kind: 'ordered', r2 } },
    );
    // One sample after a step of 1e-12: ⟨|w_k|²|v_k|²⟩ = r⁴ (k ≠ 0) to 1e-9.
    expect(res.power[0]).toBeLessThan(1e-9);
    for (let k = 1; k < P; k++) expect(Math.abs(res.power[k]! / (r2 * r2) - 1)).toBeLessThan(1e-5);
  });

  it('without data weight (σ² = 10⁶) the chain samples the prior: ⟨|w_k|²|v_k|²⟩ = 1/P² and a = −1', () => {
    const P = 5;
    const res = runModularChain(
      { P, N: 32, sigma_a2: 0.05, noise: 1e6, gamma: 0 },
      { steps: 6000, burnIn: 1000, thin: 5, factor: 0.2 },
      { seed: 5, chain: 0 },
    );
    let pw = 0;
    for (let k = 0; k < P; k++) pw += res.power[k]! / P;
    // 32 neurons × 1000 samples (correlated over ~5 samples at ε ≈ 0.2): relative error a few %.
    expect(Math.abs(pw * P * P - 1)).toBeLessThan(0.08);
    expect(Math.abs(res.discrepancyPerSample + 1)).toBeLessThan(0.01);
  });

  it('same seed and chain give the same bytes; another chain differs', () => {
    const net = { P: 3, N: 4, sigma_a2: 0.05, noise: 0.2, gamma: 3 };
    const sch = { steps: 300, burnIn: 100, thin: 5, factor: 0.2 };
    const a = runModularChain(net, sch, { seed: 9, chain: 1 });
    const b = runModularChain(net, sch, { seed: 9, chain: 1 });
    const c = runModularChain(net, sch, { seed: 9, chain: 2 });
    expect(Buffer.from(a.fMean.buffer).equals(Buffer.from(b.fMean.buffer))).toBe(true);
    expect(Buffer.from(a.fMean.buffer).equals(Buffer.from(c.fMean.buffer))).toBe(false);
  });

  it('with plain weight decay the discrepancy approaches the NNGP value −σ²/(4σ_a² + σ²) as N grows', () => {
    const P = 3;
    const sigma_a2 = 0.05;
    const noise = 0.2;
    const gp = nngpDiscrepancy(sigma_a2, noise); // −0.5
    const gap = (N: number, steps: number) => {
      let a = 0;
      for (const chain of [0, 1]) {
        a += runModularChain({ P, N, sigma_a2, noise, gamma: 0 }, { steps, burnIn: steps / 5, thin: 5, factor: 0.2 }, { seed: 7, chain }).discrepancyPerSample / 2;
      }
      return Math.abs(a - gp);
    };
    const narrow = gap(4, 20_000);
    const wide = gap(256, 4000);
    expect(narrow).toBeGreaterThan(0.1);
    expect(wide).toBeLessThan(0.05);
    expect(wide).toBeLessThan(narrow / 3);
  });
});
