/**
 * Data-averaged learning curves of GP (kernel ridge) regression from the kernel's operator
 * spectrum (theory note §3; arXiv 2502.18553, "effective ridge renormalisation"):
 *
 * - equivalent kernel (EK): learnability L_k = λ_k/(λ_k + σ²/P), test error Σ_k (1 − L_k)² g_k²;
 * - renormalised ridge (Canatar–Bordelon–Pehlevan 2021, "eigenlearning" of Simon et al. 2021):
 *   κ_eff = σ² + Σ_k λ_k (κ_eff/P)/(λ_k + κ_eff/P), L_k = λ_k/(λ_k + κ_eff/P),
 *   E₀ = P/(P − Σ_k L_k²), error on noisy test labels E₀ (Σ_k (1 − L_k)² g_k² + ε²), so the error
 *   against the noise-free target is that minus ε² (ε² = the variance of label noise on the
 *   training targets). EK is the limit κ_eff → σ².
 *
 * The spectrum comes in groups of equal eigenvalues (λ_j, multiplicity m_j, target power G_j =
 * Σ g_k² over the group) plus a tail of modes far below κ_eff/P that is given only by its trace
 * and target power: such modes add their eigenvalue to κ_eff and are not learned (the error of
 * this is of relative order λ P/κ_eff for the largest tail eigenvalue λ).
 */

export interface GroupedSpectrum {
  /** Eigenvalue of each group (≥ 0). */
  lambda: Float64Array;
  /** Number of modes in each group (≥ 0; need not be whole for a density). */
  multiplicity: Float64Array;
  /** Target power Σ g_k² in each group. */
  power: Float64Array;
  /** Sum of the tail's eigenvalues (modes left out of the groups). */
  tailTrace: number;
  /** Target power in the tail. */
  tailPower: number;
}

export interface LearningCurvePoint {
  /** κ_eff (renormalised ridge), ≥ σ². */
  kappaEff: number;
  /** Renormalised-ridge error against the noise-free target. */
  testErrorRR: number;
  /** Equivalent-kernel error of the EK mean predictor against the noise-free target. */
  testErrorEK: number;
  /** E₀ = P/(P − Σ L_k²). */
  e0: number;
  /** Effective number of learned modes Σ L_k. */
  learnedModes: number;
}

/** F(t) = (σ² + tail)/t + Σ m λ/(λ + t), decreasing from +∞ to 0; κ_eff = P t solves F(t) = P. */
function modeSum(s: GroupedSpectrum, ridge: number, t: number): number {
  let f = (ridge + s.tailTrace) / t;
  for (let j = 0; j < s.lambda.length; j++) f += (s.multiplicity[j] * s.lambda[j]) / (s.lambda[j] + t);
  return f;
}

/** κ_eff for P samples and ridge (GP noise) σ² > 0: the root of the self-consistent equation. */
export function effectiveRidge(s: GroupedSpectrum, P: number, ridge: number): number {
  if (!(P > 0) || !(ridge > 0)) throw new RangeError('effectiveRidge: P and the ridge must be positive');
  let total = ridge + s.tailTrace;
  for (let j = 0; j < s.lambda.length; j++) total += s.multiplicity[j] * s.lambda[j];
  // F(t) ≥ (σ² + tail)/t and F(t) ≤ total/t bracket the root.
  let lo = Math.log((ridge + s.tailTrace) / P);
  let hi = Math.log(total / P);
  for (let it = 0; it < 200 && hi - lo > 1e-15 * Math.max(1, Math.abs(lo)); it++) {
    const mid = 0.5 * (lo + hi);
    if (modeSum(s, ridge, Math.exp(mid)) > P) lo = mid;
    else hi = mid;
  }
  return P * Math.exp(0.5 * (lo + hi));
}

/** Learnability λ/(λ + κ/P). */
export function learnability(lambda: number, kappa: number, P: number): number {
  return lambda / (lambda + kappa / P);
}

/** The EK and renormalised-ridge test errors at P samples, GP noise σ² and label noise ε². */
export function learningCurvePoint(s: GroupedSpectrum, P: number, ridge: number, labelNoise = 0): LearningCurvePoint {
  const kappaEff = effectiveRidge(s, P, ridge);
  let bias = s.tailPower;
  let biasEK = s.tailPower;
  let sumL2 = 0;
  let sumL = 0;
  for (let j = 0; j < s.lambda.length; j++) {
    const l = learnability(s.lambda[j], kappaEff, P);
    const lek = learnability(s.lambda[j], ridge, P);
    bias += (1 - l) * (1 - l) * s.power[j];
    biasEK += (1 - lek) * (1 - lek) * s.power[j];
    sumL2 += s.multiplicity[j] * l * l;
    sumL += s.multiplicity[j] * l;
  }
  const e0 = P / (P - sumL2);
  return { kappaEff, testErrorRR: e0 * (bias + labelNoise) - labelNoise, testErrorEK: biasEK, e0, learnedModes: sumL };
}
