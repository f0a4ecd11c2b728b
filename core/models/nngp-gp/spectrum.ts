/**
 * The operator spectrum behind the `nngp-gp` theory, as a grouped spectrum (numerics/gp/spectral):
 *
 * - synthetic data (uniform on √d·S^{d−1}): by Funk–Hecke, one group per spherical-harmonic
 *   degree l with eigenvalue λ_l = E_u[h(u) P_l(u)], h(u) = K₀(σ_w², σ_w² u, σ_w²), multiplicity
 *   N(d, l) and target power N(d, l)(E_u[g(√d u) P_l(u)])²; degrees are computed until they hold
 *   20 P modes (at most MAX_DEGREE), and a degree whose eigenvalue is below what the quadrature
 *   resolves goes to the tail with the trace h(1) − Σ N λ left over;
 * - file data: the Nyström spectrum of the kernel on the table's rows, λ_k = eig_k(K)/N with
 *   target coefficients g_k = v_kᵀ y/√N (the rows stand for the data distribution).
 */
import type { GroupedSpectrum } from '../../numerics/gp/index.js';
import { symmetricEigen } from '../../numerics/gp/index.js';
import {
  degreeProjections,
  diagonalOf,
  isotropicCovariance,
  type NngpSpec,
  nngpGram,
  nngpKernel,
  sphereDegeneracy,
  sphereExpectation,
  sphereRule,
} from '../../numerics/nngp/index.js';
import { targetFunction } from './data.js';
import type { NngpGpParams } from './params.js';

/** Highest spherical-harmonic degree resolved (low d needs many degrees for 20 P modes). */
export const MAX_DEGREE = 3000;
/** Modes per training point the resolved degrees must hold. */
const MODES_PER_SAMPLE = 20;

export function kernelSpec(p: NngpGpParams): NngpSpec {
  return { activation: p.activation, depth: p.depth, sigmaW2: p.sigma_w2, sigmaA2: p.sigma_a2 };
}

export interface TheorySpectrum extends GroupedSpectrum {
  /** Kernel trace E K₀(x, x). */
  trace: number;
  /** E f*(x)². */
  targetPower: number;
  /** Degrees (synthetic) of the groups, or −1 for file modes. */
  degree: Int32Array;
  /** An upper bound on the largest eigenvalue left in the tail. */
  tailEigenvalueBound: number;
  /** Highest degree computed (synthetic). */
  maxDegree: number;
  /**
   * The target's signed coefficient per group: synthetic, its projection E_u[g(√d u) P_l(u)] on the
   * degree (power = N(d, l) coefficient²); file, g_k = v_kᵀy/√n (power = g_k²).
   */
  coefficient: Float64Array;
  /** File data: the rows and the eigenvectors of K/n (column n − 1 − k is mode k), for the Nyström eigenfunctions. */
  modes?: { x: Float64Array; n: number; vectors: Float64Array };
}

/** The degree up to which the sphere spectrum is computed for training sets up to P. */
export function degreesNeeded(d: number, P: number, minDegree: number): number {
  let count = 0;
  let l = 0;
  for (; l < MAX_DEGREE; l++) {
    count += sphereDegeneracy(d, l);
    if (count >= MODES_PER_SAMPLE * P && l >= minDegree) break;
  }
  return l;
}

export function sphereSpectrum(p: NngpGpParams): TheorySpectrum {
  const spec = kernelSpec(p);
  const d = p.d;
  const c = p.sigma_w2;
  const h = (u: number) => nngpKernel(spec, c, c * u, c);
  const g = targetFunction(p);
  const sqrtD = Math.sqrt(d);
  const minDegree = p.target.kind === 'hermite' ? p.target.degree + 1 : 4;
  const L = degreesNeeded(d, p.P, minDegree);
  const rule = sphereRule(d, L);
  const lam = degreeProjections(rule, h, L);
  const proj = degreeProjections(rule, (u) => g(sqrtD * u), L);
  const trace = h(1);
  let hMax = 0;
  for (let i = 0; i < rule.u.length; i++) hMax = Math.max(hMax, Math.abs(h(rule.u[i])));
  const targetPower = sphereExpectation(rule, (u) => g(sqrtD * u) ** 2);
  const lambda: number[] = [];
  const multiplicity: number[] = [];
  const power: number[] = [];
  const coefficient: number[] = [];
  const degree: number[] = [];
  let explicitTrace = 0;
  let explicitPower = 0;
  let tailBound = 0;
  for (let l = 0; l <= L; l++) {
    const n = sphereDegeneracy(d, l);
    // quadrature error of E[h P_l] is about 1e-16 max|h| E|P_l| ≤ 1e-16 max|h| / √N
    const floor = (1e-12 * hMax) / Math.sqrt(n);
    if (lam[l] > floor) {
      lambda.push(lam[l]);
      multiplicity.push(n);
      power.push(n * proj[l] * proj[l]);
      coefficient.push(proj[l]);
      degree.push(l);
      explicitTrace += n * lam[l];
      explicitPower += n * proj[l] * proj[l];
    } else {
      tailBound = Math.max(tailBound, Math.max(0, lam[l]), floor);
    }
  }
  const tailTrace = Math.max(0, trace - explicitTrace);
  tailBound = Math.max(tailBound, tailTrace / sphereDegeneracy(d, L + 1));
  return {
    lambda: Float64Array.from(lambda),
    multiplicity: Float64Array.from(multiplicity),
    power: Float64Array.from(power),
    tailTrace,
    tailPower: Math.max(0, targetPower - explicitPower),
    trace,
    targetPower,
    degree: Int32Array.from(degree),
    tailEigenvalueBound: tailBound,
    maxDegree: L,
    coefficient: Float64Array.from(coefficient),
  };
}

/** The Nyström spectrum on n rows (x row-major n×d, labels y). */
export function tableSpectrum(p: NngpGpParams, x: Float64Array, y: Float64Array, n: number, onProgress?: (f: number) => void): TheorySpectrum {
  const spec = kernelSpec(p);
  const cov = isotropicCovariance(x, n, x, n, p.d, p.sigma_w2);
  const k = nngpGram(spec, cov, n);
  const diag = diagonalOf(k, n);
  let trace = 0;
  for (let i = 0; i < n; i++) trace += diag[i] / n;
  for (let i = 0; i < n * n; i++) k[i] /= n;
  const { values, vectors } = symmetricEigen(k, n, onProgress);
  const lambda = new Float64Array(n);
  const power = new Float64Array(n);
  const coefficient = new Float64Array(n);
  let targetPower = 0;
  for (let i = 0; i < n; i++) targetPower += (y[i] * y[i]) / n;
  for (let r = 0; r < n; r++) {
    const col = n - 1 - r; // descending
    lambda[r] = Math.max(0, values[col]);
    let s = 0;
    for (let i = 0; i < n; i++) s += vectors[i * n + col] * y[i];
    power[r] = (s * s) / n;
    coefficient[r] = s / Math.sqrt(n);
  }
  return {
    lambda,
    multiplicity: new Float64Array(n).fill(1),
    power,
    tailTrace: 0,
    tailPower: 0,
    trace,
    targetPower,
    degree: new Int32Array(n).fill(-1),
    tailEigenvalueBound: 0,
    maxDegree: -1,
    coefficient,
    modes: { x, n, vectors },
  };
}
