/**
 * Merging an `adaptive-kernel` run: the theory part's series, then the Langevin ensemble: each
 * chain's time-averaged prediction and weight spectrum (replica series), their means over chains
 * with the 10-90% band, the train/test errors of the ensemble-mean predictor at x = chi with a
 * jackknife (leave-one-chain-out) standard error, and the gaps to the EoS.
 */
import type { MergeContext, PartResult, RunResult, Series } from '../model-kind.js';
import { collectParts, langevinChainOf, langevinEnsemble, mainReplicas, meanLabel, observableSeries, observablesOf, replicaMean } from '../kit/index.js';
import type { LangevinChainResult } from '../kit/index.js';
import { dataOf } from './dataset.js';
import { outputs } from './outputs.js';
import type { AdaptiveKernelParams } from './params.js';
import { EOS_LABEL, EOS_TRAIN_SERIES, bulkMean, ranks } from './theory-part.js';
import { meanSquaredError, scaledEigenvalues } from './theory.js';

const spec = observablesOf(outputs);

export function merge(p: AdaptiveKernelParams, parts: PartResult[], ctx: MergeContext): RunResult {
  const collected = collectParts(parts);
  const { theory, scalars, notes } = collected;
  const eosTrain = theory.find((s) => s.name === EOS_TRAIN_SERIES);
  const out: Series[] = theory.filter((s) => s.name !== EOS_TRAIN_SERIES);
  const byChain = new Map<number, Series[]>();
  for (const s of mainReplicas(collected)) byChain.set(s.replica!, [...(byChain.get(s.replica!) ?? []), s]);
  const chains = [...byChain.values()].map((series) => langevinChainOf(series));
  if (chains.length === 0) return { series: out, scalars, notes };
  const data = dataOf(p, ctx.seed, ctx.inputs);
  chains.sort((a, b) => a.chain - b.chain);
  const ens = langevinEnsemble(chains);
  const testIndex = ranks(data.T);

  const predictions = chains.map((c) =>
    observableSeries(spec('prediction'), 'simulation', testIndex, c.testMean.all, { label: `Langevin chain ${c.chain}`, replica: c.chain, seed: ctx.seed }),
  );
  const scale = p.d / p.sigma_w2;
  const spectra = chains.map((c) =>
    observableSeries(spec('weight_spectrum'), 'simulation', ranks(p.d), scaledEigenvalues(c.weightCovariance, p.d, scale), {
      label: `Langevin chain ${c.chain}`,
      replica: c.chain,
      seed: ctx.seed,
    }),
  );
  out.push(...predictions, ...spectra);
  const label = meanLabel('Langevin mean', chains.length).replace('replica', 'chain');
  out.push(replicaMean(predictions, label, ctx.seed).series);
  out.push(replicaMean(spectra, label, ctx.seed).series);

  const trainErr = jackknifeError(chains, (c) => c.trainMean.all, data.y);
  const testErr = jackknifeError(chains, (c) => c.testMean.all, data.yt);
  const at = Float64Array.of(p.chi);
  for (const [name, e] of [
    ['train_error', trainErr],
    ['test_error', testErr],
  ] as const) {
    out.push(
      observableSeries(spec(name), 'simulation', at, Float64Array.of(e.value), {
        label,
        seed: ctx.seed,
        band: { lo: Float64Array.of(e.value - e.stderr), hi: Float64Array.of(e.value + e.stderr), kind: 'stderr' },
      }),
    );
  }
  const pooled = scaledEigenvalues(ens.weightCovariance, p.d, scale);
  scalars.test_error_langevin = testErr.value;
  scalars.train_error_langevin = trainErr.value;
  scalars.spike_langevin = pooled[0];
  if (p.d > 1) scalars.bulk_mean_langevin = bulkMean(pooled);
  scalars.two_halves = Math.max(ens.twoHalves, Number.isNaN(ens.twoHalvesTest) ? 0 : ens.twoHalvesTest);
  scalars.langevin_samples = chains[0].samples;
  const eosTest = theory.find((s) => s.name === 'prediction' && s.label === EOS_LABEL);
  if (eosTest) {
    const gap = relativeDistance(ens.test.mean, eosTest.y);
    if (Number.isFinite(gap)) scalars.prediction_gap = gap;
    const trainGap = eosTrain ? relativeDistance(ens.train.mean, eosTrain.y) : Number.NaN;
    if (Number.isFinite(trainGap)) scalars.train_prediction_gap = trainGap;
    scalars.spike_gap = Math.abs(pooled[0] - scalars.spike_eos) / scalars.spike_eos;
  }
  notes.push(
    `Langevin: ${chains.length} chains x ${chains[0].samples} samples (${p.langevin.steps} steps, burn-in ${p.langevin.burn_in}, thin ${p.langevin.thin}), ` +
      `steps eps_w = ${chains[0].stepW.toPrecision(3)}, eps_a = ${chains[0].stepA.toPrecision(3)}; two-halves diagnostic ${scalars.two_halves.toPrecision(3)}` +
      (scalars.two_halves > 0.05 ? ' (above 0.05: the chains are not equilibrated or too short)' : ''),
    'simulation band: prediction and weight spectrum 10%-90% quantiles across chains; errors: jackknife standard error over chains; ' +
      'spike/bulk scalars from the covariance pooled over chains',
  );
  return { series: out, scalars, notes };
}

/** ||a - b|| / ||b|| (NaN when b = 0). */
export function relativeDistance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < b.length; i++) {
    num += (a[i] - b[i]) ** 2;
    den += b[i] ** 2;
  }
  return Math.sqrt(num / den);
}

/**
 * The squared error of the ensemble-mean predictor (mean of the chains' time averages) against y,
 * and its jackknife standard error over chains (0 with one chain).
 */
function jackknifeError(chains: readonly LangevinChainResult[], f: (c: LangevinChainResult) => Float64Array, y: Float64Array): { value: number; stderr: number } {
  const c = chains.length;
  const n = y.length;
  const sum = new Float64Array(n);
  for (const ch of chains) {
    const v = f(ch);
    for (let i = 0; i < n; i++) sum[i] += v[i];
  }
  const mean = sum.map((s) => s / c);
  const value = meanSquaredError(mean, y);
  if (c < 2) return { value, stderr: 0 };
  const loo = new Float64Array(n);
  const errs: number[] = [];
  for (const ch of chains) {
    const v = f(ch);
    for (let i = 0; i < n; i++) loo[i] = (sum[i] - v[i]) / (c - 1);
    errs.push(meanSquaredError(loo, y));
  }
  const m = errs.reduce((s, e) => s + e, 0) / c;
  const varJ = ((c - 1) / c) * errs.reduce((s, e) => s + (e - m) ** 2, 0);
  return { value, stderr: Math.sqrt(varJ) };
}
