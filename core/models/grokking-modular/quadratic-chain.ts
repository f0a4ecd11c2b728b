/**
 * One Langevin chain of the quadratic network on the full modular-addition table
 * (arXiv:2310.03789 §4; field-theory note §8; docs/theory/grokking-modular.md §5).
 *
 * Network: f_p(x_nm) = Σ_i a_pi (w_i·x_nm)², x_nm two-hot (ones at n and P + m), so
 * w_i·x_nm = w_{i,n} + v_{i,m} (v the m-half): the forward pass is a gather, not a matrix product.
 * Target y_p(n, m) = δ_{p,(n+m) mod P} − 1/P on all P² pairs. The chain samples
 *   exp(−U),  U = (1/2σ²)Σ_{nm,p}(f_p − y_p)² + ½Σ_i|w_i|² + (N/2σ_a²)Σ_{i,p}a_pi² + Σ_i Γ(w_i),
 * Γ(w) = Σ_k P(γ/6)(|w_k|⁶ + |v_k|⁶) (the sextic regulariser of the theory, exact, through direct
 * DFTs; γ = 0 leaves plain weight decay). Langevin with one step per layer: the note's §8 loss form
 * (temperature σ², weight decay 1 on w and σ²N/σ_a² on a) in energy units, its Gaussian prior part
 * integrated exactly (`ouStep`; ULA θ ← θ − ε∂U/∂θ + √(2ε)ξ to first order), so the prior is sampled
 * without step bias and the data and sextic terms carry an O(ε) bias.
 *
 * Steps: ε_l = c/stiffness_l, the stiffness bounded from the current state (prior precision + the
 * Gauss–Newton diagonal of the data term + the sextic's curvature); re-estimated every twentieth of
 * the burn-in (the weights grow by orders of magnitude when droplets form), keeping the largest
 * bound seen, and frozen after it, so the sampled chain is time-homogeneous.
 *
 * Random numbers: initial weights from replicaStream(seed, chain, langevinInit), the noise from
 * replicaStream(seed, chain, langevinNoise). Cancel and progress through `checkpoint`.
 */
import { CancelledError } from '../model-kind-errors.js';
import { REPLICA_STREAMS, type RunHooks, checkpoint, matmulRowsT, pollInterval, replicaStream } from '../kit/index.js';
import { type DftTable, addSexticGradient, dftTable, modes } from './fourier.js';

export interface QuadraticNet {
  /** The modulus P. */
  P: number;
  /** Width N. */
  N: number;
  /** σ_a²: readout prior a_pi ~ N(0, σ_a²/N). */
  sigma_a2: number;
  /** σ²: the likelihood's noise variance (the temperature). */
  noise: number;
  /** γ of the sextic regulariser; 0 = plain weight decay. */
  gamma: number;
}

/**
 * Where a chain starts: the prior, or every neuron ordered (|w_k| = |v_k| = r for k ≠ 0, random
 * phases, w_0 = v_0 = 0) with r² = `orderedR2` — a start on the ordered side of the first-order
 * transition, for hysteresis (the barrier between the phases grows with P).
 */
export type ChainStart = { kind: 'prior' } | { kind: 'ordered'; r2: number };

export interface ChainSchedule {
  steps: number;
  burnIn: number;
  thin: number;
  /** Step factor c (ε_l = c/stiffness_l). */
  factor: number;
}

export interface ChainSnapshot {
  step: number;
  samples: number;
  /** The current discrepancy coefficient Σ(f − y)·y/Σy². */
  discrepancy: number;
}

export interface ChainResult {
  chain: number;
  samples: number;
  stepW: number;
  stepA: number;
  /** ⟨f_p(x)⟩ over the samples, [x = n·P + m][p], and over each half of the samples. */
  fMean: Float64Array;
  fFirst: Float64Array;
  fSecond: Float64Array;
  /** ⟨(1/N)Σ_i |w_ik|²|v_ik|²⟩ over the samples, k = 0..P−1 (modes normalised as in fourier.ts). */
  power: Float64Array;
  /** Mean over samples of the per-sample discrepancy coefficient. */
  discrepancyPerSample: number;
  /** Mean over samples of (1/(P²P))Σ(f − y)². */
  mse: number;
  /** Block means of the per-sample discrepancy coefficient, at the step ending each block. */
  trace: { step: Float64Array; discrepancy: Float64Array };
}

export interface ChainOptions {
  seed: number;
  chain: number;
  start?: ChainStart;
  hooks?: RunHooks;
  onProgress?: (s: ChainSnapshot) => void;
  tracePoints?: number;
}

/** y_p(n, m) = δ_{p,(n+m) mod P} − 1/P, laid out [x = n·P + m][p]. */
export function modularTarget(P: number): Float64Array {
  const y = new Float64Array(P * P * P).fill(-1 / P);
  for (let n = 0; n < P; n++) for (let m = 0; m < P; m++) y[(n * P + m) * P + ((n + m) % P)] = 1 - 1 / P;
  return y;
}

/** The discrepancy coefficient Σ(f − y)·y / Σy² of outputs f against the target y (same layout). */
export function discrepancyCoefficient(f: Float64Array, y: Float64Array): number {
  let num = 0;
  let den = 0;
  for (let k = 0; k < y.length; k++) {
    num += (f[k]! - y[k]!) * y[k]!;
    den += y[k]! * y[k]!;
  }
  return num / den;
}

/** Work arrays of a chain (allocated once). */
interface State {
  readonly P: number;
  readonly N: number;
  /** Input weights, row i = [w_i (P) | v_i (P)]. */
  readonly W: Float64Array;
  /** Readout, row i = a_i· (P outputs). */
  readonly A: Float64Array;
  readonly f: Float64Array;
  readonly r: Float64Array;
  readonly gW: Float64Array;
  readonly gA: Float64Array;
  readonly re: Float64Array;
  readonly im: Float64Array;
  /** Row sums of h² over m and over n (stiffness bound). */
  readonly rowN: Float64Array;
  readonly rowM: Float64Array;
}

/** Work arrays of the forward and backward passes (sizes from P and N; allocated once per chain). */
export interface PassWork {
  /** φ_i(x) = (w_n + v_m)², neuron-major (N × P²) and pair-major (P² × N). */
  phiT: Float64Array;
  phi: Float64Array;
  /** Aᵀ (P × N), rᵀ (P × P²), and S = r Aᵀ (P² × N). */
  aT: Float64Array;
  rT: Float64Array;
  s: Float64Array;
}

export function passWork(P: number, N: number): PassWork {
  const X = P * P;
  return { phiT: new Float64Array(N * X), phi: new Float64Array(X * N), aT: new Float64Array(P * N), rT: new Float64Array(P * X), s: new Float64Array(X * N) };
}

/**
 * f ← Σ_i a_i (w_n + v_m)² on every pair: φ by a gather over the two halves (O(NP²)), then
 * f = Φ A as a blocked product (O(NP³)). W row i = [w_i | v_i] (2P), A row i = the P outputs'
 * readouts, f laid out [x = n·P + m][p]. Leaves Φ in `work` for the backward pass.
 */
export function quadraticForward(P: number, N: number, W: Float64Array, A: Float64Array, f: Float64Array, work = passWork(P, N)): void {
  const X = P * P;
  const { phiT, phi, aT } = work;
  for (let i = 0; i < N; i++) {
    const wo = i * 2 * P;
    const po = i * X;
    for (let n = 0; n < P; n++) {
      const wn = W[wo + n]!;
      for (let m = 0; m < P; m++) {
        const h = wn + W[wo + P + m]!;
        const v = h * h;
        phiT[po + n * P + m] = v;
        phi[(n * P + m) * N + i] = v;
      }
    }
    for (let p = 0; p < P; p++) aT[p * N + i] = A[i * P + p]!;
  }
  matmulRowsT(phi, aT, f, X, P, N);
}

/**
 * gW, gA ← Σ_{x,p} r_p(x) ∂f_p(x)/∂W and ∂f_p(x)/∂A: the chain rule of any loss whose derivative in
 * f is r (for the data term of U, r = (f − y)/σ²). gA = Φᵀr and S = r Aᵀ as blocked products, then
 * ∂/∂w_n and ∂/∂v_m gather 2(w_n + v_m)S. `work` must hold the Φ of the forward pass at W, A.
 */
export function quadraticBackward(
  P: number,
  N: number,
  W: Float64Array,
  A: Float64Array,
  r: Float64Array,
  gW: Float64Array,
  gA: Float64Array,
  work?: PassWork,
): void {
  const X = P * P;
  let w = work;
  if (!w) {
    w = passWork(P, N);
    quadraticForward(P, N, W, A, new Float64Array(X * P), w);
  }
  const { phiT, rT, s } = w;
  for (let x = 0; x < X; x++) for (let p = 0; p < P; p++) rT[p * X + x] = r[x * P + p]!;
  matmulRowsT(phiT, rT, gA, N, P, X);
  matmulRowsT(r, A, s, X, N, P);
  gW.fill(0);
  for (let n = 0; n < P; n++) {
    for (let m = 0; m < P; m++) {
      const so = (n * P + m) * N;
      for (let i = 0; i < N; i++) {
        const wo = i * 2 * P;
        const g = 2 * (W[wo + n]! + W[wo + P + m]!) * s[so + i]!;
        gW[wo + n] += g;
        gW[wo + P + m] += g;
      }
    }
  }
}

/**
 * Upper bounds of each layer's stiffness at the current state: a: N/σ_a² + (1/σ²)Σ_{i,x}φ_i(x)²
 * (the trace bound of the Gauss–Newton block of one output); w: 1 + max over weights of the
 * Gauss–Newton diagonal (4/σ²)Σ a_pi² h² + 5γ Σ_k|w_k|⁴/P (the sextic's curvature).
 */
function stiffness(s: State, net: QuadraticNet, table: DftTable): { w: number; a: number } {
  const { P, N, W, A } = s;
  let phi2 = 0;
  let maxW = 0;
  const rowN = s.rowN;
  const rowM = s.rowM;
  for (let i = 0; i < N; i++) {
    const wo = i * 2 * P;
    let a2 = 0;
    for (let p = 0; p < P; p++) a2 += A[i * P + p]! ** 2;
    rowN.fill(0);
    rowM.fill(0);
    for (let n = 0; n < P; n++) {
      for (let m = 0; m < P; m++) {
        const h2 = (W[wo + n]! + W[wo + P + m]!) ** 2;
        phi2 += h2 * h2;
        rowN[n] += h2;
        rowM[m] += h2;
      }
    }
    for (let k = 0; k < P; k++) maxW = Math.max(maxW, (4 * a2 * rowN[k]!) / net.noise, (4 * a2 * rowM[k]!) / net.noise);
    if (net.gamma > 0) {
      for (let half = 0; half < 2; half++) {
        modes(table, W, wo + half * P, s.re, s.im);
        let q = 0;
        for (let k = 0; k < P; k++) q += (s.re[k]! ** 2 + s.im[k]! ** 2) ** 2;
        maxW = Math.max(maxW, (5 * net.gamma * q) / P);
      }
    }
  }
  return { w: 1 + maxW, a: N / net.sigma_a2 + phi2 / net.noise };
}

/**
 * One step of the prior-exact Langevin scheme for θ with Gaussian prior precision λ and the rest of
 * the energy's gradient g (data term, sextic): the Ornstein–Uhlenbeck flow of the prior is solved
 * exactly and g enters as a constant force over the step,
 *   θ ← e^{−ελ}θ − (1 − e^{−ελ})/λ · g + √((1 − e^{−2ελ})/λ) ξ,
 * which is ULA to first order in ε and samples the prior without bias whatever ε (the O(ε) bias
 * is left to the data and sextic terms).
 */
function ouStep(theta: Float64Array, g: Float64Array, xi: Float64Array, step: number, lambda: number): void {
  const decay = Math.exp(-step * lambda);
  const drift = -(1 - decay) / lambda;
  const spread = Math.sqrt((1 - decay * decay) / lambda);
  for (let k = 0; k < theta.length; k++) theta[k] = decay * theta[k]! + drift * g[k]! + spread * xi[k]!;
}

/**
 * Overwrites each half of each neuron with w_n = Σ_{0<k<P/2} 2r cos(2πkn/P + θ_k), r = √r2, whose
 * modes w_k = P⁻¹Σ_n w_n e^{−2πikn/P} are r e^{±iθ_k} for every k ≠ 0 and 0 for k = 0 (P odd);
 * phases θ_k uniform from `uniform`.
 */
function orderedStart(W: Float64Array, N: number, P: number, r2: number, t: DftTable, uniform: () => number): void {
  const amp = 2 * Math.sqrt(r2);
  for (let i = 0; i < N; i++) {
    for (const off of [i * 2 * P, i * 2 * P + P]) {
      for (let n = 0; n < P; n++) W[off + n] = 0;
      for (let k = 1; 2 * k < P; k++) {
        const theta = 2 * Math.PI * uniform();
        let j = 0;
        for (let n = 0; n < P; n++) {
          // cos(2πkn/P + θ) from the table: cos a cos θ − sin a sin θ.
          W[off + n] += amp * (t.cos[j]! * Math.cos(theta) - t.sin[j]! * Math.sin(theta));
          j += k;
          if (j >= P) j -= P;
        }
      }
    }
  }
}

function checkNet(net: QuadraticNet, sch: ChainSchedule): void {
  const bad = (what: string) => {
    throw new RangeError(`quadratic Langevin chain: ${what}`);
  };
  if (!(Number.isInteger(net.P) && net.P >= 2 && Number.isInteger(net.N) && net.N >= 1)) bad('P >= 2 and N >= 1 must be integers');
  if (!(net.sigma_a2 > 0 && net.noise > 0 && net.gamma >= 0)) bad('sigma_a2 and noise must be positive, gamma >= 0');
  if (!(Number.isInteger(sch.steps) && sch.steps >= 1 && Number.isInteger(sch.burnIn) && sch.burnIn >= 0 && sch.burnIn < sch.steps)) {
    bad('need integers steps >= 1 and 0 <= burnIn < steps');
  }
  if (!(Number.isInteger(sch.thin) && sch.thin >= 1) || !(sch.factor > 0)) bad('thin >= 1 and a positive step factor');
}

/** Runs one chain (see the module comment). Throws CancelledError when cancelled, RangeError when it diverges. */
export function runModularChain(net: QuadraticNet, sch: ChainSchedule, options: ChainOptions): ChainResult {
  checkNet(net, sch);
  const { P, N, sigma_a2, noise, gamma } = net;
  const { steps, burnIn, thin, factor } = sch;
  const hooks = options.hooks ?? {};
  const table = dftTable(P);
  const X = P * P;
  const y = modularTarget(P);
  let yy = 0;
  for (let k = 0; k < y.length; k++) yy += y[k]! * y[k]!;

  const s: State = {
    P,
    N,
    W: new Float64Array(N * 2 * P),
    A: new Float64Array(N * P),
    f: new Float64Array(X * P),
    r: new Float64Array(X * P),
    gW: new Float64Array(N * 2 * P),
    gA: new Float64Array(N * P),
    re: new Float64Array(P),
    im: new Float64Array(P),
    rowN: new Float64Array(P),
    rowM: new Float64Array(P),
  };
  const { W, A, f, r, gW, gA, re, im } = s;
  const work = passWork(P, N);
  const init = replicaStream(options.seed, options.chain, REPLICA_STREAMS.langevinInit);
  init.fillNormal(W);
  init.fillNormal(A);
  const start = options.start ?? { kind: 'prior' };
  if (start.kind === 'ordered') orderedStart(W, N, P, start.r2, table, () => init.nextDouble());
  const sa = Math.sqrt(sigma_a2 / N);
  for (let k = 0; k < A.length; k++) A[k] *= sa;
  const rng = replicaStream(options.seed, options.chain, REPLICA_STREAMS.langevinNoise);
  const xiW = new Float64Array(W.length);
  const xiA = new Float64Array(A.length);
  const reV = new Float64Array(P);
  const imV = new Float64Array(P);

  const samples = Math.floor((steps - burnIn) / thin);
  const half = Math.floor(samples / 2);
  const fMean = new Float64Array(X * P);
  const fFirst = new Float64Array(X * P);
  const fSecond = new Float64Array(X * P);
  const power = new Float64Array(P);
  const tracePoints = Math.max(1, Math.min(options.tracePoints ?? 100, Math.max(1, samples)));
  const block = Math.max(1, Math.ceil(samples / tracePoints));
  const traceLen = samples === 0 ? 0 : Math.ceil(samples / block);
  const traceStep = new Float64Array(traceLen);
  const traceA = new Float64Array(traceLen);
  let blockSum = 0;
  let blockCount = 0;
  let taken = 0;
  let aSum = 0;
  let mseSum = 0;

  const precA = N / sigma_a2;
  let stepW = 0;
  let stepA = 0;
  // The largest stiffness bound seen so far: the steps only shrink, so the sampled chain keeps the
  // smallest step of its burn-in.
  let stiffW = 0;
  let stiffA = 0;
  const retune = (): void => {
    const st = stiffness(s, net, table);
    stiffW = Math.max(stiffW, st.w);
    stiffA = Math.max(stiffA, st.a);
    stepW = factor / stiffW;
    stepA = factor / stiffA;
  };
  retune();
  const retuneEvery = Math.max(1, Math.floor(burnIn / 20));

  const record = (t: number, aNow: number, err: number): void => {
    const inFirst = taken < half;
    const inSecond = taken >= samples - half;
    for (let k = 0; k < f.length; k++) {
      const v = f[k]!;
      fMean[k] += v;
      if (inFirst) fFirst[k] += v;
      if (inSecond) fSecond[k] += v;
    }
    for (let i = 0; i < N; i++) {
      const wo = i * 2 * P;
      modes(table, W, wo, re, im);
      modes(table, W, wo + P, reV, imV);
      for (let k = 0; k < P; k++) power[k] += ((re[k]! ** 2 + im[k]! ** 2) * (reV[k]! ** 2 + imV[k]! ** 2)) / N;
    }
    aSum += aNow;
    mseSum += err;
    blockSum += aNow;
    blockCount++;
    if (blockCount === block || taken === samples - 1) {
      const b = Math.floor(taken / block);
      traceStep[b] = t;
      traceA[b] = blockSum / blockCount;
      blockSum = 0;
      blockCount = 0;
    }
    taken++;
  };

  const poll = pollInterval(Math.max(1, N * X * P));
  const reportEvery = Math.max(poll, Math.ceil(steps / 10));
  let nextReport = reportEvery;
  for (let t = 0; ; t++) {
    quadraticForward(P, N, W, A, f, work);
    let num = 0;
    let err = 0;
    for (let k = 0; k < f.length; k++) {
      const e = f[k]! - y[k]!;
      r[k] = e / noise;
      num += e * y[k]!;
      err += e * e;
    }
    const aNow = num / yy;
    if (!Number.isFinite(aNow)) throw new RangeError(`Langevin chain ${options.chain} diverged at step ${t}: reduce langevin.step`);
    if (t > burnIn && (t - burnIn) % thin === 0) record(t, aNow, err / f.length);
    if (t === steps) break;
    if (t % poll === 0) {
      checkpoint(hooks, t / steps);
      if (t >= nextReport) {
        nextReport += reportEvery;
        options.onProgress?.({ step: t, samples: taken, discrepancy: aNow });
      }
    }
    if (t < burnIn && t > 0 && t % retuneEvery === 0) retune();
    quadraticBackward(P, N, W, A, r, gW, gA, work);
    if (gamma > 0) {
      for (let i = 0; i < N; i++) {
        const wo = i * 2 * P;
        modes(table, W, wo, re, im);
        addSexticGradient(table, gamma, re, im, gW, wo);
        modes(table, W, wo + P, re, im);
        addSexticGradient(table, gamma, re, im, gW, wo + P);
      }
    }
    rng.fillNormal(xiW);
    rng.fillNormal(xiA);
    ouStep(W, gW, xiW, stepW, 1);
    ouStep(A, gA, xiA, stepA, precA);
  }
  if (hooks.isCancelled?.()) throw new CancelledError();

  const n = Math.max(1, taken);
  const h = Math.max(1, half);
  for (let k = 0; k < fMean.length; k++) {
    fMean[k] /= n;
    fFirst[k] /= h;
    fSecond[k] /= h;
  }
  for (let k = 0; k < P; k++) power[k] /= n;
  return {
    chain: options.chain,
    samples: taken,
    stepW,
    stepA,
    fMean,
    fFirst,
    fSecond,
    power,
    discrepancyPerSample: taken > 0 ? aSum / taken : Number.NaN,
    mse: taken > 0 ? mseSum / taken : Number.NaN,
    trace: { step: traceStep, discrepancy: traceA },
  };
}
