/**
 * grokking-modular: the NNGP kernel of the quadratic network on the full modular-addition table
 * (field-theory note §6.3, check M2). The kernel is built entry by entry from its definition,
 * Q = σ_a²[K_xx K_x'x' + 2K_xx'²] with K_{nm,n'm'} = δ_nn' + δ_mm' (and, independently, from a
 * Monte Carlo average over prior weights), eigendecomposed with ml-matrix, and compared with the
 * closed-form Fourier-block eigenvalues; the target is checked to lie in the (k ≠ 0, k' ≠ 0) block
 * and, within it, on the diagonal k = k'. The GP discrepancy is checked by a direct solve.
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { dftTable, modes } from '../../../core/models/grokking-modular/fourier.js';
import { nngpDiscrepancy, nngpEigenvalues } from '../../../core/models/grokking-modular/nngp-spectrum.js';
import { createRng } from '../../../core/numerics/rng.js';

const SIGMA_A2 = 0.37;

/** Q on the P² pairs (x = n·P + m), from its definition. */
function kernelTable(P: number, sigma_a2: number): Matrix {
  const X = P * P;
  const Q = new Matrix(X, X);
  for (let x = 0; x < X; x++) {
    const n = Math.floor(x / P);
    const m = x % P;
    for (let z = 0; z < X; z++) {
      const n2 = Math.floor(z / P);
      const m2 = z % P;
      const k = (n === n2 ? 1 : 0) + (m === m2 ? 1 : 0);
      Q.set(x, z, sigma_a2 * (2 * 2 + 2 * k * k));
    }
  }
  return Q;
}

/** Distinct values of a sorted list, merged within `tol` (relative to the largest), with their counts. */
function distinct(values: number[], tol: number): { value: number; count: number }[] {
  const sorted = [...values].sort((a, b) => a - b);
  const scale = Math.max(...sorted.map(Math.abs));
  const out: { value: number; count: number }[] = [];
  for (const v of sorted) {
    const last = out[out.length - 1];
    if (last && Math.abs(v - last.value) <= tol * scale) last.count++;
    else out.push({ value: v, count: 1 });
  }
  return out;
}

/** The target of output p on the table: δ_{p,(n+m) mod P} − 1/P. */
function target(P: number, p: number): number[] {
  return Array.from({ length: P * P }, (_, x) => ((Math.floor(x / P) + (x % P)) % P === p ? 1 : 0) - 1 / P);
}

describe('grokking-modular NNGP kernel on the full table (note §6.3)', () => {
  for (const P of [3, 5, 7, 11]) {
    it(`M2: P = ${P} has exactly three distinct eigenvalues, equal to the Fourier-block closed forms with their multiplicities`, () => {
      const e = new EigenvalueDecomposition(kernelTable(P, SIGMA_A2), { assumeSymmetric: true });
      const found = distinct(e.realEigenvalues, 1e-10);
      expect(found.length).toBe(3);
      const closed = nngpEigenvalues(P, SIGMA_A2).sort((a, b) => a.value - b.value);
      found.forEach((f, i) => {
        expect(Math.abs(f.value / closed[i]!.value - 1)).toBeLessThan(1e-10);
        expect(f.count).toBe(closed[i]!.multiplicity);
      });
      expect(closed.map((c) => c.block)).toEqual(['bulk', 'axis', 'constant']);
    });
  }

  it('M2: the target of every output lies in the eigenspace of 4σ_a² (the k ≠ 0, k′ ≠ 0 block), on its diagonal k = k′', () => {
    for (const P of [5, 7]) {
      const e = new EigenvalueDecomposition(kernelTable(P, SIGMA_A2), { assumeSymmetric: true });
      const V = e.eigenvectorMatrix;
      const lam = e.realEigenvalues;
      const X = P * P;
      for (let p = 0; p < P; p++) {
        const y = target(P, p);
        const yy = y.reduce((s, v) => s + v * v, 0);
        let inBulk = 0;
        for (let j = 0; j < X; j++) {
          let c = 0;
          for (let x = 0; x < X; x++) c += V.get(x, j) * y[x]!;
          if (Math.abs(lam[j]! - 4 * SIGMA_A2) < 1e-8) inBulk += c * c;
        }
        expect(Math.abs(inBulk / yy - 1)).toBeLessThan(1e-10);
        // On the diagonal Fourier modes φ_kk (k ≠ 0): the projection on them holds all of |y|².
        let diag = 0;
        for (let k = 1; k < P; k++) {
          let re = 0;
          let im = 0;
          for (let x = 0; x < X; x++) {
            const t = (2 * Math.PI * k * (Math.floor(x / P) + (x % P))) / P;
            re += Math.cos(t) * y[x]!;
            im += Math.sin(t) * y[x]!;
          }
          diag += (re * re + im * im) / X; // |⟨e_kk, y⟩|² with e_kk of unit norm
        }
        expect(Math.abs(diag / yy - 1)).toBeLessThan(1e-10);
      }
    }
  });

  it('M2: the kernel is the prior average σ_a²·E[φ_w(x)φ_w(x′)] of the square network (Monte Carlo, 4·10⁵ neurons)', () => {
    const P = 3;
    const rng = createRng(11);
    const w = new Float64Array(2 * P);
    const X = P * P;
    const acc = new Float64Array(X * X);
    const draws = 400_000;
    const phi = new Float64Array(X);
    for (let s = 0; s < draws; s++) {
      rng.fillNormal(w);
      for (let x = 0; x < X; x++) phi[x] = (w[Math.floor(x / P)]! + w[P + (x % P)]!) ** 2;
      for (let x = 0; x < X; x++) for (let z = 0; z < X; z++) acc[x * X + z] += phi[x]! * phi[z]!;
    }
    const Q = kernelTable(P, 1);
    for (let x = 0; x < X; x++) {
      for (let z = 0; z < X; z++) {
        // E[φφ′] ≤ 12 and Var(φφ′) = O(10³): the mean of 4·10⁵ draws is within 0.3 (≈ 5 standard errors).
        expect(Math.abs(acc[x * X + z]! / draws - Q.get(x, z))).toBeLessThan(0.3);
      }
    }
  });

  it('M2: the GP posterior mean on the table has f̄ − y = −σ²/(4σ_a² + σ²) y (direct solve)', () => {
    const P = 5;
    const noise = 0.23;
    const Q = kernelTable(P, SIGMA_A2);
    const X = P * P;
    const K = Q.clone();
    for (let x = 0; x < X; x++) K.set(x, x, K.get(x, x) + noise);
    const y = Matrix.columnVector(target(P, 2));
    const t = new EigenvalueDecomposition(K, { assumeSymmetric: true });
    // f̄ = Q (Q + σ²)⁻¹ y through the eigenbasis.
    const V = t.eigenvectorMatrix;
    const c = V.transpose().mmul(y);
    for (let j = 0; j < X; j++) c.set(j, 0, c.get(j, 0) / t.realEigenvalues[j]!);
    const f = Q.mmul(V.mmul(c));
    const expected = nngpDiscrepancy(SIGMA_A2, noise);
    for (let x = 0; x < X; x++) expect(f.get(x, 0) - y.get(x, 0)).toBeCloseTo(expected * y.get(x, 0), 12);
  });

  it('the target projection of one neuron is Fourier-diagonal: Σ_p (y_p·φ_w)² = 4P³ Σ_{k≠0} |w_k|²|v_k|² (the normalisation of λ)', () => {
    for (const P of [5, 7, 13]) {
      const rng = createRng(P + 100);
      const w = new Float64Array(2 * P);
      rng.fillNormal(w);
      let lhs = 0;
      for (let p = 0; p < P; p++) {
        const y = target(P, p);
        let proj = 0;
        for (let x = 0; x < P * P; x++) proj += y[x]! * (w[Math.floor(x / P)]! + w[P + (x % P)]!) ** 2;
        lhs += proj * proj;
      }
      const t = dftTable(P);
      const re = new Float64Array(P);
      const im = new Float64Array(P);
      const reV = new Float64Array(P);
      const imV = new Float64Array(P);
      modes(t, w, 0, re, im);
      modes(t, w, P, reV, imV);
      let rhs = 0;
      for (let k = 1; k < P; k++) rhs += (re[k]! ** 2 + im[k]! ** 2) * (reV[k]! ** 2 + imV[k]! ** 2);
      expect(lhs / (4 * P ** 3 * rhs)).toBeCloseTo(1, 10);
    }
  });
});
