/**
 * The Langevin ensemble of two-layer networks, shared by the field-theory kinds
 * (linear-net-scaling, adaptive-kernel, and later grokking). Notation: field-theory note §1, §8.
 *
 * Network: f(x) = Σ_{i=1}^{N} a_i φ(w_i·x), φ ∈ {linear, erf, relu, square}.
 * Bayesian model it samples (note §1):
 *   w_i ~ N(0, (σ_w²/d) I_d),  a_i ~ N(0, σ̃_a²/(Nχ)),  y | f ~ N(f, σ̃²/χ) per sample,
 * i.e. the posterior density ∝ exp(−U) with the energy
 *   U(W, a) = (χ/(2σ̃²)) Σ_μ (f(x_μ) − y_μ)² + (d/(2σ_w²)) Σ_i |w_i|² + (Nχ/(2σ̃_a²)) Σ_i a_i².
 * Unadjusted Langevin with one step per layer (a constant diagonal preconditioner, which leaves
 * the stationary law unchanged):
 *   θ_l ← θ_l − ε_l ∂U/∂θ_l + √(2ε_l) ξ,  ξ ~ N(0, I).
 * This is the note's §8 update θ ← θ − η(∇L + γθ) + √(2ηT)ξ with L = ½Σ(f−y)², temperature
 * T = σ̃²/χ (the actual noise), weight decay γ_w = T d/σ_w², γ_a = T Nχ/σ̃_a² and η_l = ε_l T;
 * `langevinToLossForm` gives those numbers. ULA has an O(ε) bias in its stationary law.
 *
 * Usage (one chain is one replica part of a run):
 *
 *   const net = { activation: 'linear', d, N, chi, sigma_w2, sigma_a2, noise };
 *   const data = { P, X, y, Ptest, Xtest, ytest };             // row-major P×d inputs
 *   const steps = langevinAutoSteps(net, data);                 // or { stepW, stepA } by hand
 *   const chain = runLangevinChain(net, data,
 *     { steps: 1e5, burnIn: 2e4, thin: 10, ...steps },
 *     { seed: ctx.seed, chain: key.index, hooks: hooksOf(ctx), onProgress: (s) => ctx.partial?.(…) });
 *   // merge: langevinEnsemble(chains) → ensemble means, variances, the two-halves diagnostic.
 *
 * Random numbers: the initial weights (drawn from the prior) from
 * replicaStream(seed, chain, REPLICA_STREAMS.langevinInit), the Langevin noise from
 * replicaStream(seed, chain, REPLICA_STREAMS.langevinNoise): a chain's bytes depend on
 * (seed, chain) and its inputs only. The data are the caller's (drawn once per run, shared by the
 * chains). Cancel and progress: `checkpoint(hooks, fraction)` every `pollInterval` steps from step 0.
 *
 * A prior-only run is `P = 0` (no data): the chain then samples the prior, whose per-layer
 * variances σ_w²/d and σ̃_a²/(Nχ) it must reproduce (test/core/models/langevin.test.ts).
 *
 * Samples: after step t (t = 1..steps) the state is a sample when t > burnIn and
 * (t − burnIn) is a multiple of thin; `samples = floor((steps − burnIn)/thin)`. The first half of
 * the samples is [0, h), the second [samples − h, samples), h = floor(samples/2) (the two-halves
 * convergence diagnostic compares their means).
 *
 * Linear networks take a fast path: f = X(Wᵀa), O((P + N)d) per step instead of O(PNd); the
 * update is the same in exact arithmetic (the bits differ).
 *
 * Networks with data run their step in WebAssembly where it runs
 * (core/numerics/wasm/langevin.wat: the products h = W xᵀ and Δ X register-blocked on f64x2, the
 * activation pass with the erf and e^{-h²} of langevin-activations.ts on pairs, the updates fused
 * in; a linear network's fused step with its sums vectorised across outputs): the same operations
 * in the same order as the JavaScript loops below, so the same bits
 * (test/core/models/langevin-wasm.test.ts). The fifth argument of `runLangevinChain` can force the
 * JavaScript loops (the reference).
 */
import { createRng, deriveSeed } from '../../../numerics/rng.js';
import { LANGEVIN_ACT, type LangevinKernels, langevinForwardScratch, langevinKernels, langevinReluWork } from '../../../numerics/wasm/langevin.js';
import { CancelledError } from '../../model-kind-errors.js';
import { type RunHooks, checkpoint, pollInterval } from '../hooks.js';
import { activateAll, type LangevinActivation } from './langevin-activations.js';
import { REPLICA_STREAMS, replicaStream } from './streams.js';

export { LANGEVIN_ACTIVATIONS, type LangevinActivation, activate, activateDerivative } from './langevin-activations.js';

/** The network and its Bayesian model (note §1): the prior and the likelihood the chain samples. */
export interface LangevinNetwork {
  activation: LangevinActivation;
  /** Input dimension. */
  d: number;
  /** Width (hidden units). */
  N: number;
  /** Scaling: 1 standard, N mean-field. */
  chi: number;
  /** σ_w²: input weights have prior variance σ_w²/d. */
  sigma_w2: number;
  /** σ̃_a²: readout weights have prior variance σ̃_a²/(Nχ). */
  sigma_a2: number;
  /** σ̃²: the GP noise; the likelihood's variance is σ̃²/χ. Must be > 0 when there are data. */
  noise: number;
}

/** Training and test data: inputs row-major (row μ is x_μ), targets one per row. */
export interface LangevinData {
  P: number;
  X: Float64Array;
  y: Float64Array;
  Ptest?: number;
  Xtest?: Float64Array;
  ytest?: Float64Array;
}

/** Step sizes ε_w, ε_a of the energy form (see the module comment). */
export interface LangevinSteps {
  stepW: number;
  stepA: number;
}

export interface LangevinSchedule extends LangevinSteps {
  /** Total Langevin steps, burn-in included. */
  steps: number;
  /** Steps discarded before the first sample (< steps). */
  burnIn: number;
  /** Keep every thin-th state after the burn-in (≥ 1). */
  thin: number;
}

/** What a chain reports at each checkpoint (about every tenth of the run; `onProgress`). */
export interface LangevinSnapshot {
  /** Steps done. */
  step: number;
  /** Samples taken so far. */
  samples: number;
  /** The current per-sample train error (1/P)Σ(f − y)², NaN without data. */
  trainError: number;
  /** Mean over the samples so far of the train error, NaN before the first sample. */
  meanTrainError: number;
}

export interface LangevinChainOptions {
  /** The run's seed. */
  seed: number;
  /** The chain's index (its replica index). */
  chain: number;
  hooks?: RunHooks;
  /** Called about ten times over the run (at checkpoints) with where the chain is. */
  onProgress?: (snapshot: LangevinSnapshot) => void;
  /**
   * Called at every sample with the current weights (W row-major N×d, a), the network's outputs on
   * the train and test inputs, and the sample's index: for observables of a kind's own (overlaps
   * with a teacher, histograms). The arrays are live: copy what is kept.
   */
  observe?: (state: LangevinState, sample: number) => void;
  /** Accumulate ⟨(1/N)Σ_i w_i w_iᵀ⟩ (O(N d²) per sample); default true. */
  weightCovariance?: boolean;
  /** Points of the error trace (block means over the samples); default 200. */
  tracePoints?: number;
}

export interface LangevinState {
  W: Float64Array;
  a: Float64Array;
  fTrain: Float64Array;
  fTest: Float64Array;
}

/** Sample means of a vector over all samples and over each half. */
export interface HalvesMean {
  all: Float64Array;
  first: Float64Array;
  second: Float64Array;
}

/** What one chain returns: time averages over its samples (plain data, structured-clone safe). */
export interface LangevinChainResult {
  chain: number;
  samples: number;
  stepW: number;
  stepA: number;
  /** ⟨f(x_μ)⟩ over the samples, on the train inputs, with the two halves. */
  trainMean: HalvesMean;
  /** ⟨f(x_μ)²⟩ over the samples, train inputs. */
  trainSecond: Float64Array;
  testMean: HalvesMean;
  testSecond: Float64Array;
  /** ⟨(1/P)Σ_μ (f_μ − y_μ)²⟩: the mean per-sample train error (NaN without data). */
  trainError: number;
  /** The same on the test set (NaN without test data). */
  testError: number;
  /** ⟨(1/(Nd))Σ_{i,k} W_ik²⟩ (prior: σ_w²/d). */
  wVariance: number;
  /** ⟨(1/N)Σ_i a_i²⟩ (prior: σ̃_a²/(Nχ)). */
  aVariance: number;
  /** ⟨(1/N)Σ_i w_i w_iᵀ⟩ (d×d row-major), or an empty array when not accumulated. */
  weightCovariance: Float64Array;
  /** Block means of the per-sample train and test errors against the step at the block's end. */
  trace: { step: Float64Array; trainError: Float64Array; testError: Float64Array };
  /** The last state (W row-major N×d, a). */
  final: { W: Float64Array; a: Float64Array };
}

/** The note's §8 loss form of the update: L = ½Σ(f−y)², T, weight decays γ and steps η = εT. */
export function langevinToLossForm(net: LangevinNetwork, steps: LangevinSteps) {
  const T = net.noise / net.chi;
  return {
    temperature: T,
    decayW: (T * net.d) / net.sigma_w2,
    decayA: (T * net.N * net.chi) / net.sigma_a2,
    etaW: steps.stepW * T,
    etaA: steps.stepA * T,
  };
}

/** Largest eigenvalue of MᵀM for M given as v ↦ Mv (rows) and u ↦ Mᵀu (power iteration). */
function topEigen(dim: number, apply: (v: Float64Array) => Float64Array): number {
  if (dim === 0) return 0;
  let v: Float64Array = new Float64Array(dim).fill(1 / Math.sqrt(dim));
  let lambda = 0;
  for (let it = 0; it < 40; it++) {
    const w = apply(v);
    let norm = 0;
    for (let k = 0; k < dim; k++) norm += w[k]! * w[k]!;
    norm = Math.sqrt(norm);
    if (!(norm > 0)) return 0;
    for (let k = 0; k < dim; k++) w[k] /= norm;
    v = w;
    if (Math.abs(norm - lambda) <= 1e-4 * norm) return norm;
    lambda = norm;
  }
  return lambda;
}

/** Neurons drawn from the prior to estimate the data curvature of the automatic step. */
const AUTO_STEP_NEURONS = 32;

/**
 * Automatic step sizes ε_l = c / stiffness_l, the stiffness being the prior precision plus the top
 * eigenvalue of the likelihood's Hessian (Gauss–Newton part) at prior-typical weights (note §8):
 *   a: Nχ/σ̃_a² + (χ/σ̃²) λ_max(ΦΦᵀ),  Φ_μi = φ(w_i·x_μ) (the collective mode: ≈ N times one unit's),
 *   W: d/σ_w² + (χ/σ̃²) λ_max(JJᵀ),  J_μ,(i,k) = a_i φ'(w_i·x_μ) x_μk with a_i² = σ̃_a²/(Nχ),
 * both estimated from 32 prior neurons drawn from a fixed stream (so the step depends on the
 * inputs only), scaled to N; c = `scale`/(1 + 3χ/N): the mean-field posterior moves the readout
 * away from its prior scale, and the note found c = 0.2 stable at χ = 1 and 0.05 at χ = N = 48.
 */
export function langevinAutoSteps(net: LangevinNetwork, data: LangevinData, scale = 0.2): LangevinSteps {
  const { d, N, chi, sigma_w2, sigma_a2, noise, activation } = net;
  const c = scale / (1 + (3 * chi) / N);
  const P = data.P;
  const precW = d / sigma_w2;
  const precA = (N * chi) / sigma_a2;
  if (P === 0) return { stepW: c / precW, stepA: c / precA };
  const X = data.X;
  const n = Math.min(N, AUTO_STEP_NEURONS);
  const rng = createRng(deriveSeed(0x4c41, d, n));
  const W = new Float64Array(n * d);
  rng.fillNormal(W);
  const sw = Math.sqrt(sigma_w2 / d);
  for (let k = 0; k < W.length; k++) W[k] *= sw;
  const H = new Float64Array(P * n);
  matmulRowsT(X, W, H, P, n, d);
  const Phi = new Float64Array(P * n);
  const D = new Float64Array(P * n);
  activateAll(activation, H, Phi, D, P * n);
  // λ_max(ΦΦᵀ) for the n sampled neurons, scaled by N/n.
  const lamPhi = topEigen(P, (v) => {
    const u = new Float64Array(n);
    for (let m = 0; m < P; m++) for (let i = 0; i < n; i++) u[i] += Phi[m * n + i]! * v[m]!;
    const w = new Float64Array(P);
    for (let m = 0; m < P; m++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += Phi[m * n + i]! * u[i]!;
      w[m] = s;
    }
    return w;
  });
  // λ_max(JJᵀ) with a_i² = σ̃_a²/(Nχ) over N neurons: (σ̃_a²/(χ n)) Σ_{i<n} (φ'_i φ'_iᵀ) ∘ XXᵀ.
  const lamJ = topEigen(P, (v) => {
    const u = new Float64Array(n * d);
    for (let m = 0; m < P; m++) {
      for (let i = 0; i < n; i++) {
        const cm = v[m]! * D[m * n + i]!;
        if (cm === 0) continue;
        for (let k = 0; k < d; k++) u[i * d + k] += cm * X[m * d + k]!;
      }
    }
    const w = new Float64Array(P);
    for (let m = 0; m < P; m++) {
      let s = 0;
      for (let i = 0; i < n; i++) {
        let dot = 0;
        for (let k = 0; k < d; k++) dot += X[m * d + k]! * u[i * d + k]!;
        s += D[m * n + i]! * dot;
      }
      w[m] = s;
    }
    return w;
  });
  const lik = chi / noise;
  const stiffA = precA + lik * lamPhi * (N / n);
  const stiffW = precW + lik * (sigma_a2 / (chi * n)) * lamJ;
  return { stepW: c / stiffW, stepA: c / stiffA };
}

function checkInputs(net: LangevinNetwork, data: LangevinData, s: LangevinSchedule): void {
  const { d, N } = net;
  const bad = (what: string) => {
    throw new RangeError(`runLangevinChain: ${what}`);
  };
  if (!(Number.isInteger(d) && d >= 1 && Number.isInteger(N) && N >= 1)) bad('d and N must be positive integers');
  if (!(net.chi > 0 && net.sigma_w2 > 0 && net.sigma_a2 > 0)) bad('chi, sigma_w2 and sigma_a2 must be positive');
  if (data.P > 0 && !(net.noise > 0)) bad('noise must be positive when there are data');
  if (data.X.length < data.P * d || data.y.length < data.P) bad('X must hold P×d values and y P values');
  const Pt = data.Ptest ?? 0;
  if (Pt > 0 && ((data.Xtest?.length ?? 0) < Pt * d || (data.ytest?.length ?? 0) < Pt)) {
    bad('Xtest must hold Ptest×d values and ytest Ptest values');
  }
  if (!(Number.isInteger(s.steps) && s.steps >= 1)) bad('steps must be a positive integer');
  if (!(Number.isInteger(s.burnIn) && s.burnIn >= 0 && s.burnIn < s.steps)) bad('burnIn must be in [0, steps)');
  if (!(Number.isInteger(s.thin) && s.thin >= 1)) bad('thin must be a positive integer');
  if (!(s.stepW > 0 && s.stepA > 0 && Number.isFinite(s.stepW) && Number.isFinite(s.stepA))) bad('step sizes must be positive');
}

/** The network's arrays and work space of one chain (hot loops take them as arguments). */
interface Net {
  readonly linear: boolean;
  readonly activation: LangevinActivation;
  readonly N: number;
  readonly d: number;
  readonly W: Float64Array;
  readonly a: Float64Array;
  /** linear: Wᵀa. */
  readonly v: Float64Array;
}

/** Inputs of one set (train or test) with their work space. */
interface InputSet {
  readonly P: number;
  readonly X: Float64Array;
  /** Xᵀ (d×P), for the backward pass. */
  readonly XT: Float64Array;
  readonly f: Float64Array;
  /** Pre-activations, φ and φ' as N×P (row i is neuron i over the inputs); empty for linear nets. */
  readonly H: Float64Array;
  readonly Phi: Float64Array;
  readonly DPhi: Float64Array;
}

function inputSet(net: { linear: boolean; N: number; d: number }, P: number, X: Float64Array, backward: boolean): InputSet {
  const n = net.linear ? 0 : P * net.N;
  const XT = new Float64Array(backward && !net.linear ? P * net.d : 0);
  if (XT.length > 0) transpose(X, XT, P, net.d);
  return { P, X, XT, f: new Float64Array(P), H: new Float64Array(n), Phi: new Float64Array(n), DPhi: new Float64Array(n) };
}

/** B = Aᵀ for row-major A (m×n). */
function transpose(A: Float64Array, B: Float64Array, m: number, n: number): void {
  for (let r = 0; r < m; r++) for (let c = 0; c < n; c++) B[c * m + r] = A[r * n + c]!;
}

/** v = Wᵀa (linear networks). */
function readoutDirection(net: Net): void {
  const { N, d, W, a, v } = net;
  v.fill(0);
  for (let i = 0; i < N; i++) {
    const ai = a[i]!;
    const o = i * d;
    for (let k = 0; k < d; k++) v[k] += ai * W[o + k]!;
  }
}

/** f on the inputs of `set` (linear: from v = Wᵀa, which must be current). */
function forward(net: Net, set: InputSet): void {
  const { N, d, a } = net;
  const { P, X, f } = set;
  if (P === 0) return;
  if (net.linear) {
    const v = net.v;
    for (let m = 0; m < P; m++) {
      const o = m * d;
      let s = 0;
      for (let k = 0; k < d; k++) s += X[o + k]! * v[k]!;
      f[m] = s;
    }
    return;
  }
  const { H, Phi, DPhi } = set;
  matmulRowsT(net.W, X, H, N, P, d);
  activateAll(net.activation, H, Phi, DPhi, N * P);
  f.fill(0);
  for (let i = 0; i < N; i++) {
    const ai = a[i]!;
    const o = i * P;
    for (let m = 0; m < P; m++) f[m] += ai * Phi[o + m]!;
  }
}

/**
 * Gradients of U at the current state of a non-linear network: gA = precA·a + Σ_μ r_μ φ_iμ,
 * gW = precW·W + Δ X with Δ_iμ = r_μ a_i φ'_iμ (r holds the scaled residuals (χ/σ̃²)(f − y)).
 * Linear networks take `linearStep`.
 */
function gradient(
  net: Net,
  set: InputSet,
  r: Float64Array,
  precW: number,
  precA: number,
  gW: Float64Array,
  gA: Float64Array,
  delta: Float64Array,
): void {
  const { N, d, W, a } = net;
  const { P } = set;
  const { Phi, DPhi } = set;
  const relu = net.activation === 'relu';
  for (let i = 0; i < N; i++) {
    const ai = a[i]!;
    const o = i * P;
    let s = 0;
    for (let m = 0; m < P; m++) {
      const rm = r[m]!;
      s += rm * Phi[o + m]!;
      if (!relu) delta[o + m] = rm * ai * DPhi[o + m]!;
    }
    gA[i] = s + precA * ai;
  }
  if (P === 0) gW.fill(0);
  else if (relu) reluWeightGradient(net, set, r, gW, delta);
  else matmulRowsT(delta, set.XT, gW, N, d, P);
  for (let k = 0; k < N * d; k++) gW[k] += precW * W[k]!;
}

/**
 * The data part of a ReLU network's input-weight gradient. φ' is 0 or 1, so
 * Δ X row i is a_i Σ_{μ: φ'_iμ = 1} z_μ with z_μ = r_μ x_μ; it is summed over chunks of four
 * inputs in order, each chunk's active z summed first (in order, from 0):
 * gW_i = a_i Σ_c (Σ_{μ ∈ c active} z_μ), the WebAssembly step's order (it looks each chunk's sum up
 * in a table of its 16 subset sums). `work` holds z (P × d) and two rows of d.
 */
function reluWeightGradient(net: Net, set: InputSet, r: Float64Array, gW: Float64Array, work: Float64Array): void {
  const { N, d, a } = net;
  const { P, X, DPhi } = set;
  const z = work.subarray(0, P * d);
  const acc = work.subarray(P * d, P * d + d);
  const chunk = work.subarray(P * d + d, P * d + 2 * d);
  for (let m = 0; m < P; m++) for (let k = 0; k < d; k++) z[m * d + k] = r[m]! * X[m * d + k]!;
  for (let i = 0; i < N; i++) {
    acc.fill(0);
    for (let c = 0; c < P; c += 4) {
      chunk.fill(0);
      for (let m = c; m < Math.min(c + 4, P); m++) {
        if (DPhi[i * P + m] === 0) continue;
        for (let k = 0; k < d; k++) chunk[k] += z[m * d + k]!;
      }
      for (let k = 0; k < d; k++) acc[k] += chunk[k]!;
    }
    const ai = a[i]!;
    for (let k = 0; k < d; k++) gW[i * d + k] = ai * acc[k]!;
  }
}

/**
 * One fused step of a linear network: g = Xᵀr, then in one pass over the neurons the update of
 * w_i and a_i (gradients at the old weights: ∂U/∂w_i = a_i g + precW w_i, ∂U/∂a_i = w_i·g +
 * precA a_i) and the new readout direction v = Wᵀa for the next forward pass.
 */
function linearStep(
  net: Net,
  set: InputSet,
  r: Float64Array,
  g: Float64Array,
  precW: number,
  precA: number,
  stepW: number,
  stepA: number,
  xiW: Float64Array,
  xiA: Float64Array,
): void {
  const { N, d, W, a, v } = net;
  const { P, X } = set;
  g.fill(0);
  for (let m = 0; m < P; m++) {
    const rm = r[m]!;
    const o = m * d;
    for (let k = 0; k < d; k++) g[k] += rm * X[o + k]!;
  }
  v.fill(0);
  const sW = Math.sqrt(2 * stepW);
  const sA = Math.sqrt(2 * stepA);
  const keepW = 1 - stepW * precW;
  for (let i = 0; i < N; i++) {
    const o = i * d;
    const ai = a[i]!;
    const c = stepW * ai;
    let s = 0;
    for (let k = 0; k < d; k++) {
      const wk = W[o + k]!;
      s += wk * g[k]!;
      W[o + k] = keepW * wk - c * g[k]! + sW * xiW[o + k]!;
    }
    const an = ai - stepA * (s + precA * ai) + sA * xiA[i]!;
    a[i] = an;
    for (let k = 0; k < d; k++) v[k] += an * W[o + k]!;
  }
}

/** θ ← θ − ε g + √(2ε) ξ over n entries. */
function langevinUpdate(theta: Float64Array, g: Float64Array, xi: Float64Array, step: number, n: number): void {
  const s = Math.sqrt(2 * step);
  for (let k = 0; k < n; k++) theta[k] += -step * g[k]! + s * xi[k]!;
}

/** How a chain computes (not what): the WebAssembly step where it runs (default), or JavaScript. */
export interface LangevinEngine {
  wasm?: boolean;
}

/** A multiple of 8 at least n (the WebAssembly blocks are 8 doubles wide). */
const pad8 = (n: number) => Math.ceil(n / 8) * 8;

/**
 * A chain's arrays in the memory of its own WebAssembly instance, and its step. The
 * inputs are stored twice, transposed (d × Pp, columns past P zero) for the forward pass and as
 * rows (P × dp, columns past d zero) for the weight gradient; rows of φ, φ', Δ have stride Pp.
 */
interface WasmChain {
  readonly W: Float64Array;
  readonly a: Float64Array;
  /** Linear networks: v = Wᵀa, which `step` leaves current. */
  readonly v: Float64Array;
  readonly xiW: Float64Array;
  readonly xiA: Float64Array;
  /** Train outputs (length P) and the scaled residuals (length P; the padding stays zero). */
  readonly fTrain: Float64Array;
  readonly r: Float64Array;
  readonly fTest: Float64Array;
  forwardTrain(): void;
  forwardTest(): void;
  /** Linear networks: v = Wᵀa from the current weights. */
  direction(): void;
  step(precW: number, precA: number, stepW: number, stepA: number): void;
}

function wasmChain(activation: LangevinActivation, N: number, d: number, data: LangevinData, Pt: number): WasmChain | null {
  const P = data.P;
  const Pp = pad8(P);
  const Ptp = pad8(Pt);
  const dp = pad8(d);
  const linear = activation === 'linear';
  const sizes = {
    W: N * d, a: N, xiW: N * d, xiA: N, XT: d * Pp, X: P * dp, f: Pp, r: Pp, XtT: d * Ptp, fT: Ptp, v: dp,
    // the non-linear networks' activations, gradient and work space
    ...(linear
      ? { phi: 0, dphi: 0, delta: 0, G: dp, phiT: 0, dphiT: 0, scratch: 0 }
      : { phi: N * Pp, dphi: N * Pp, delta: N * Pp, G: N * dp, phiT: N * Ptp, dphiT: N * Ptp, scratch: langevinForwardScratch(N, Math.max(Pp, Ptp)) / 8 }),
    aOld: N, work: activation === 'relu' ? langevinReluWork(N, Pp, dp) / 8 : 0,
  };
  const at: Record<string, number> = {};
  let bytes = 0;
  for (const [name, n] of Object.entries(sizes)) {
    at[name] = bytes;
    bytes += Math.ceil((8 * n) / 16) * 16;
  }
  const k: LangevinKernels | null = langevinKernels(bytes);
  if (k === null) return null;
  const buffer = k.memory.buffer;
  const view = (name: keyof typeof sizes, n = sizes[name]) => new Float64Array(buffer, at[name], n);
  const XT = view('XT');
  const X = view('X');
  for (let m = 0; m < P; m++) {
    for (let c = 0; c < d; c++) {
      const x = data.X[m * d + c]!;
      XT[c * Pp + m] = x;
      X[m * dp + c] = x;
    }
  }
  const XtT = view('XtT');
  const Xtest = data.Xtest ?? new Float64Array(0);
  for (let m = 0; m < Pt; m++) for (let c = 0; c < d; c++) XtT[c * Ptp + m] = Xtest[m * d + c]!;
  if (linear) {
    return {
      W: view('W'),
      a: view('a'),
      v: view('v', d),
      xiW: view('xiW'),
      xiA: view('xiA'),
      fTrain: view('f', P),
      r: view('r', P),
      fTest: view('fT', Pt),
      forwardTrain: () => k.linearForward(at.XT!, at.v!, at.f!, d, Pp),
      forwardTest: () => {
        if (Pt > 0) k.linearForward(at.XtT!, at.v!, at.fT!, d, Ptp);
      },
      direction: () => k.linearDirection(at.W!, at.a!, at.v!, N, d),
      step: (precW, precA, stepW, stepA) =>
        k.linearStep(at.X!, at.r!, at.G!, at.W!, at.a!, at.v!, at.xiW!, at.xiA!, N, d, dp, P,
          1 - stepW * precW, stepW, Math.sqrt(2 * stepW), precA, stepA, Math.sqrt(2 * stepA)),
    };
  }
  const act = LANGEVIN_ACT[activation];
  const relu = activation === 'relu' ? 1 : 0;
  return {
    W: view('W'),
    a: view('a'),
    v: view('v', 0),
    xiW: view('xiW'),
    xiA: view('xiA'),
    fTrain: view('f', P),
    r: view('r', P),
    fTest: view('fT', Pt),
    forwardTrain: () => k.forward(at.W!, at.XT!, at.a!, at.phi!, at.dphi!, at.f!, N, d, Pp, act, at.scratch!),
    forwardTest: () => {
      if (Pt > 0) k.forward(at.W!, at.XtT!, at.a!, at.phiT!, at.dphiT!, at.fT!, N, d, Ptp, act, at.scratch!);
    },
    direction: () => {},
    step: (precW, precA, stepW, stepA) => {
      k.readout(at.phi!, at.dphi!, at.r!, at.a!, at.delta!, at.xiA!, N, P, Pp, precA, stepA, Math.sqrt(2 * stepA), at.aOld!, relu);
      if (relu) k.weightsRelu(at.phi!, at.r!, at.aOld!, at.X!, at.work!, at.G!, at.W!, at.xiW!, N, d, dp, P, Pp, precW, stepW, Math.sqrt(2 * stepW));
      else k.weights(at.delta!, at.X!, at.G!, at.W!, at.xiW!, N, d, dp, P, Pp, precW, stepW, Math.sqrt(2 * stepW));
    },
  };
}

/**
 * Runs one Langevin chain (see the module comment) and returns its time averages. Throws
 * CancelledError when cancelled, and RangeError when the chain diverges (a non-finite weight: the
 * step is too large). `engine` chooses how it computes, not what: the bits are the same.
 */
export function runLangevinChain(
  network: LangevinNetwork,
  data: LangevinData,
  schedule: LangevinSchedule,
  options: LangevinChainOptions,
  engine: LangevinEngine = {},
): LangevinChainResult {
  checkInputs(network, data, schedule);
  const { d, N, chi, sigma_w2, sigma_a2, noise, activation } = network;
  const { P, y } = data;
  const Pt = data.Ptest ?? 0;
  const yt = data.ytest ?? new Float64Array(0);
  const { steps, burnIn, thin, stepW, stepA } = schedule;
  const hooks = options.hooks ?? {};
  const wantCov = options.weightCovariance ?? true;

  const precW = d / sigma_w2;
  const precA = (N * chi) / sigma_a2;
  const lik = P > 0 ? chi / noise : 0;

  // The prior draw.
  const init = replicaStream(options.seed, options.chain, REPLICA_STREAMS.langevinInit);
  const linear = activation === 'linear';
  const wasm = P > 0 && engine.wasm !== false ? wasmChain(activation, N, d, data, Pt) : null;
  const net: Net = {
    linear,
    activation,
    N,
    d,
    W: wasm?.W ?? new Float64Array(N * d),
    a: wasm?.a ?? new Float64Array(N),
    v: wasm && linear ? wasm.v : new Float64Array(d),
  };
  const { W, a } = net;
  init.fillNormal(W);
  init.fillNormal(a);
  const sw = Math.sqrt(sigma_w2 / d);
  const sa = Math.sqrt(sigma_a2 / (N * chi));
  for (let k = 0; k < N * d; k++) W[k] *= sw;
  for (let i = 0; i < N; i++) a[i] *= sa;
  const rng = replicaStream(options.seed, options.chain, REPLICA_STREAMS.langevinNoise);
  const xiW = wasm?.xiW ?? new Float64Array(N * d);
  const xiA = wasm?.xiA ?? new Float64Array(N);

  // The JavaScript loops' inputs and work space (empty where the WebAssembly step runs).
  const js = wasm === null;
  const train = inputSet(net, js ? P : 0, data.X.subarray(0, P * d), true);
  const test = inputSet(net, js ? Pt : 0, (data.Xtest ?? new Float64Array(0)).subarray(0, Pt * d), false);
  const fTrain = wasm?.fTrain ?? train.f;
  const fTest = wasm?.fTest ?? test.f;
  const r = wasm?.r ?? new Float64Array(P);
  const gW = new Float64Array(js ? N * d : 0);
  const gA = new Float64Array(js ? N : 0);
  const g = new Float64Array(d);
  // Δ (N × P), or for ReLU the work space of reluWeightGradient.
  const delta = new Float64Array(linear || !js ? 0 : activation === 'relu' ? P * d + 2 * d : N * P);

  // Accumulators.
  const samples = Math.floor((steps - burnIn) / thin);
  const half = Math.floor(samples / 2);
  const trainAll = new Float64Array(P);
  const trainFirst = new Float64Array(P);
  const trainSecondHalf = new Float64Array(P);
  const trainSq = new Float64Array(P);
  const testAll = new Float64Array(Pt);
  const testFirst = new Float64Array(Pt);
  const testSecondHalf = new Float64Array(Pt);
  const testSq = new Float64Array(Pt);
  const cov = wantCov ? new Float64Array(d * d) : new Float64Array(0);
  let trainErrSum = 0;
  let testErrSum = 0;
  let wSqSum = 0;
  let aSqSum = 0;
  const tracePoints = Math.max(1, Math.min(options.tracePoints ?? 200, Math.max(1, samples)));
  const block = Math.max(1, Math.ceil(samples / tracePoints));
  const traceLen = samples === 0 ? 0 : Math.ceil(samples / block);
  const traceStep = new Float64Array(traceLen);
  const traceTrain = new Float64Array(traceLen);
  const traceTest = new Float64Array(traceLen);
  let blockTrain = 0;
  let blockTest = 0;
  let blockCount = 0;
  let taken = 0;

  const state: LangevinState = { W, a, fTrain, fTest };

  /** Outputs on the train inputs and the scaled residuals; returns the train error (NaN without data). */
  /** `direction`: recompute v = Wᵀa first (linear nets; the fused step leaves it current). */
  const trainPass = (direction = false): number => {
    if (linear && direction) {
      if (wasm) wasm.direction();
      else readoutDirection(net);
    }
    if (P === 0) return Number.NaN;
    if (wasm) wasm.forwardTrain();
    else forward(net, train);
    let err = 0;
    for (let m = 0; m < P; m++) {
      const e = fTrain[m]! - y[m]!;
      r[m] = lik * e;
      err += e * e;
    }
    return err / P;
  };

  const record = (t: number, trainErr: number): void => {
    if (wasm) wasm.forwardTest();
    else forward(net, test);
    const idx = taken;
    const inFirst = idx < half;
    const inSecond = idx >= samples - half;
    for (let m = 0; m < P; m++) {
      const f = fTrain[m]!;
      trainAll[m] += f;
      trainSq[m] += f * f;
      if (inFirst) trainFirst[m] += f;
      if (inSecond) trainSecondHalf[m] += f;
    }
    let testErr = Number.NaN;
    if (Pt > 0) {
      testErr = 0;
      for (let m = 0; m < Pt; m++) {
        const f = fTest[m]!;
        testAll[m] += f;
        testSq[m] += f * f;
        if (inFirst) testFirst[m] += f;
        if (inSecond) testSecondHalf[m] += f;
        const e = f - yt[m]!;
        testErr += e * e;
      }
      testErr /= Pt;
    }
    trainErrSum += trainErr;
    testErrSum += testErr;
    let ws = 0;
    for (let k = 0; k < N * d; k++) ws += W[k]! * W[k]!;
    wSqSum += ws / (N * d);
    let as = 0;
    for (let i = 0; i < N; i++) as += a[i]! * a[i]!;
    aSqSum += as / N;
    if (wantCov) accumulateCovariance(W, cov, N, d);
    blockTrain += trainErr;
    blockTest += testErr;
    blockCount++;
    if (blockCount === block || idx === samples - 1) {
      const b = Math.floor(idx / block);
      traceStep[b] = t;
      traceTrain[b] = blockTrain / blockCount;
      traceTest[b] = blockTest / blockCount;
      blockTrain = 0;
      blockTest = 0;
      blockCount = 0;
    }
    options.observe?.(state, idx);
    taken++;
  };

  const workPerStep = linear ? (P + N) * d : P * N * d;
  const poll = pollInterval(Math.max(1, workPerStep));
  const reportEvery = Math.max(poll, Math.ceil(steps / 10));
  let nextReport = reportEvery;

  let trainErr = trainPass(true);
  for (let t = 1; t <= steps; t++) {
    if ((t - 1) % poll === 0) {
      checkpoint(hooks, (t - 1) / steps);
      if (t - 1 >= nextReport) {
        nextReport += reportEvery;
        options.onProgress?.({
          step: t - 1,
          samples: taken,
          trainError: trainErr,
          meanTrainError: taken > 0 ? trainErrSum / taken : Number.NaN,
        });
      }
    }
    rng.fillNormal(xiW);
    rng.fillNormal(xiA);
    if (wasm) {
      wasm.step(precW, precA, stepW, stepA);
    } else if (linear) {
      linearStep(net, train, r, g, precW, precA, stepW, stepA, xiW, xiA);
    } else {
      gradient(net, train, r, precW, precA, gW, gA, delta);
      langevinUpdate(W, gW, xiW, stepW, N * d);
      langevinUpdate(a, gA, xiA, stepA, N);
    }
    trainErr = trainPass();
    if (t > burnIn && (t - burnIn) % thin === 0) {
      if (!Number.isFinite(a[0]!) || !Number.isFinite(W[0]!) || (P > 0 && !Number.isFinite(trainErr))) {
        throw new RangeError(`Langevin chain ${options.chain} diverged at step ${t}: reduce the step size`);
      }
      record(t, trainErr);
    }
  }
  if (hooks.isCancelled?.()) throw new CancelledError();
  for (let k = 0; k < N * d; k++) {
    if (!Number.isFinite(W[k]!)) throw new RangeError(`Langevin chain ${options.chain} diverged: reduce the step size`);
  }

  const n = Math.max(1, taken);
  const scale = (x: Float64Array, c: number) => {
    for (let k = 0; k < x.length; k++) x[k] /= c;
    return x;
  };
  if (wantCov) {
    for (let k = 0; k < d; k++) {
      for (let l = k; l < d; l++) {
        cov[k * d + l] /= n;
        cov[l * d + k] = cov[k * d + l]!;
      }
    }
  }
  const h = Math.max(1, half);
  return {
    chain: options.chain,
    samples: taken,
    stepW,
    stepA,
    trainMean: { all: scale(trainAll, n), first: scale(trainFirst, h), second: scale(trainSecondHalf, h) },
    trainSecond: scale(trainSq, n),
    testMean: { all: scale(testAll, n), first: scale(testFirst, h), second: scale(testSecondHalf, h) },
    testSecond: scale(testSq, n),
    trainError: P > 0 && taken > 0 ? trainErrSum / taken : Number.NaN,
    testError: Pt > 0 && taken > 0 ? testErrSum / taken : Number.NaN,
    wVariance: taken > 0 ? wSqSum / taken : Number.NaN,
    aVariance: taken > 0 ? aSqSum / taken : Number.NaN,
    weightCovariance: cov,
    trace: { step: traceStep, trainError: traceTrain, testError: traceTest },
    final: { W: W.slice(), a: a.slice() },
  };
}

/** cov (upper triangle) += (1/N) Σ_i w_i w_iᵀ. */
function accumulateCovariance(W: Float64Array, cov: Float64Array, N: number, d: number): void {
  for (let i = 0; i < N; i++) {
    const o = i * d;
    for (let k = 0; k < d; k++) {
      const wk = W[o + k]! / N;
      const row = k * d;
      for (let l = k; l < d; l++) cov[row + l] += wk * W[o + l]!;
    }
  }
}

/**
 * C = A Bᵀ for row-major A (m×d) and B (n×d): C[r, i] = A_r·B_i, C row-major m×n. Blocks of two
 * rows of A by four rows of B (eight accumulators), so each loaded value serves several outputs.
 */
export function matmulRowsT(A: Float64Array, B: Float64Array, C: Float64Array, m: number, n: number, d: number): void {
  const m2 = m - (m % 2);
  const n4 = n - (n % 4);
  let r = 0;
  for (; r < m2; r += 2) {
    const a0 = r * d;
    const a1 = a0 + d;
    const c0 = r * n;
    const c1 = c0 + n;
    let i = 0;
    for (; i < n4; i += 4) {
      const b0 = i * d;
      const b1 = b0 + d;
      const b2 = b1 + d;
      const b3 = b2 + d;
      let s00 = 0;
      let s01 = 0;
      let s02 = 0;
      let s03 = 0;
      let s10 = 0;
      let s11 = 0;
      let s12 = 0;
      let s13 = 0;
      for (let k = 0; k < d; k++) {
        const x0 = A[a0 + k]!;
        const x1 = A[a1 + k]!;
        const y0 = B[b0 + k]!;
        const y1 = B[b1 + k]!;
        const y2 = B[b2 + k]!;
        const y3 = B[b3 + k]!;
        s00 += x0 * y0;
        s01 += x0 * y1;
        s02 += x0 * y2;
        s03 += x0 * y3;
        s10 += x1 * y0;
        s11 += x1 * y1;
        s12 += x1 * y2;
        s13 += x1 * y3;
      }
      C[c0 + i] = s00;
      C[c0 + i + 1] = s01;
      C[c0 + i + 2] = s02;
      C[c0 + i + 3] = s03;
      C[c1 + i] = s10;
      C[c1 + i + 1] = s11;
      C[c1 + i + 2] = s12;
      C[c1 + i + 3] = s13;
    }
    for (; i < n; i++) {
      const bo = i * d;
      let s0 = 0;
      let s1 = 0;
      for (let k = 0; k < d; k++) {
        const y0 = B[bo + k]!;
        s0 += A[a0 + k]! * y0;
        s1 += A[a1 + k]! * y0;
      }
      C[c0 + i] = s0;
      C[c1 + i] = s1;
    }
  }
  for (; r < m; r++) {
    const ao = r * d;
    const co = r * n;
    for (let i = 0; i < n; i++) {
      const bo = i * d;
      let s = 0;
      for (let k = 0; k < d; k++) s += A[ao + k]! * B[bo + k]!;
      C[co + i] = s;
    }
  }
}
