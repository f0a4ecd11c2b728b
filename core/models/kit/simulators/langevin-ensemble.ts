/**
 * Combining Langevin chains (./langevin.ts) into the ensemble a kind reports: the posterior mean
 * and variance of the outputs (pooled over chains and samples), the spread of the chain means, the
 * weight statistics, and the two-halves convergence diagnostic.
 */
import type { HalvesMean, LangevinChainResult } from './langevin.js';

export interface LangevinOutputs {
  /** Pooled posterior mean ⟨f⟩ (mean of the chains' time averages; chains weigh equally). */
  mean: Float64Array;
  /** Pooled posterior variance ⟨f²⟩ − ⟨f⟩². */
  variance: Float64Array;
  /** Standard error of the mean from the spread of the chain means (0 with one chain). */
  stderr: Float64Array;
  /** Means of the chains' first and second halves. */
  first: Float64Array;
  second: Float64Array;
}

export interface LangevinEnsemble {
  chains: number;
  /** Samples per chain, summed. */
  samples: number;
  train: LangevinOutputs;
  test: LangevinOutputs;
  /** Mean over chains of the per-sample train error ⟨(1/P)Σ(f−y)²⟩. */
  trainError: number;
  testError: number;
  wVariance: number;
  aVariance: number;
  /** ⟨(1/N)Σ_i w_i w_iᵀ⟩ averaged over chains (d×d row-major; empty when not accumulated). */
  weightCovariance: Float64Array;
  /** Two-halves diagnostic on the train outputs (see `twoHalvesDiagnostic`). */
  twoHalves: number;
  /** The same on the test outputs (NaN without test data). */
  twoHalvesTest: number;
}

function outputsOf(means: HalvesMean[], seconds: Float64Array[]): LangevinOutputs {
  const n = means[0]?.all.length ?? 0;
  const c = means.length;
  const mean = new Float64Array(n);
  const second = new Float64Array(n);
  const first = new Float64Array(n);
  const secondHalf = new Float64Array(n);
  for (let j = 0; j < c; j++) {
    for (let k = 0; k < n; k++) {
      mean[k] += means[j]!.all[k]! / c;
      second[k] += seconds[j]![k]! / c;
      first[k] += means[j]!.first[k]! / c;
      secondHalf[k] += means[j]!.second[k]! / c;
    }
  }
  const variance = new Float64Array(n);
  const stderr = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    variance[k] = Math.max(0, second[k]! - mean[k]! * mean[k]!);
    if (c > 1) {
      let s = 0;
      for (let j = 0; j < c; j++) s += (means[j]!.all[k]! - mean[k]!) ** 2;
      stderr[k] = Math.sqrt(s / (c - 1) / c);
    }
  }
  return { mean, variance, stderr, first, second: secondHalf };
}

/**
 * The two-halves convergence diagnostic: ‖m₁ − m₂‖ / √(Σ_μ ⟨f_μ²⟩), the distance between the
 * ensemble means of the first and second halves of the samples, relative to the root of the
 * outputs' posterior second moment (so it stays meaningful when the mean is near 0, e.g. a prior
 * run). Small (≲ a few %) when the chains are equilibrated and averaged long enough; NaN without
 * outputs.
 */
export function twoHalvesDiagnostic(out: LangevinOutputs): number {
  const n = out.mean.length;
  if (n === 0) return Number.NaN;
  let num = 0;
  let den = 0;
  for (let k = 0; k < n; k++) {
    num += (out.first[k]! - out.second[k]!) ** 2;
    den += out.variance[k]! + out.mean[k]! ** 2;
  }
  return den > 0 ? Math.sqrt(num / den) : Number.NaN;
}

/** The ensemble of `chains` (in any order; results depend only on the set, summed in index order). */
export function langevinEnsemble(chains: readonly LangevinChainResult[]): LangevinEnsemble {
  if (chains.length === 0) throw new RangeError('langevinEnsemble: no chains');
  const sorted = [...chains].sort((p, q) => p.chain - q.chain);
  const c = sorted.length;
  const train = outputsOf(
    sorted.map((r) => r.trainMean),
    sorted.map((r) => r.trainSecond),
  );
  const test = outputsOf(
    sorted.map((r) => r.testMean),
    sorted.map((r) => r.testSecond),
  );
  const d2 = sorted[0]!.weightCovariance.length;
  const cov = new Float64Array(d2);
  for (const r of sorted) for (let k = 0; k < d2; k++) cov[k] += r.weightCovariance[k]! / c;
  const avg = (f: (r: LangevinChainResult) => number) => sorted.reduce((s, r) => s + f(r), 0) / c;
  return {
    chains: c,
    samples: sorted.reduce((s, r) => s + r.samples, 0),
    train,
    test,
    trainError: avg((r) => r.trainError),
    testError: avg((r) => r.testError),
    wVariance: avg((r) => r.wVariance),
    aVariance: avg((r) => r.aVariance),
    weightCovariance: cov,
    twoHalves: twoHalvesDiagnostic(train),
    twoHalvesTest: twoHalvesDiagnostic(test),
  };
}
