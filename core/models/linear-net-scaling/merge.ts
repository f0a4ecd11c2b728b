/**
 * Merging a `linear-net-scaling` run: the theory's curves, each chain's test-point mean and trace,
 * the Langevin ensemble (mean prediction with the 10–90 % band over chains, its train and test
 * errors at the run's χ, the spectrum of (d/σ_w²)⟨wwᵀ⟩), and the gaps to the exact mixture (R1)
 * and the closure (R4).
 */
import { type LangevinChainResult, collectParts, langevinChainOf, langevinEnsemble, replicaMean, withoutLangevinSeries } from '../kit/index.js';
import type { PartResult, RunResult, Series } from '../model-kind.js';
import { symmetricEigenvalues } from './dense.js';
import { CHI } from './outputs.js';
import type { LinearNetScalingParams } from './params.js';
import { INTERNAL } from './theory.js';

function relL2(a: Float64Array, b: Float64Array): number {
  let num = 0;
  let den = 0;
  for (let k = 0; k < b.length; k++) {
    num += (a[k]! - b[k]!) ** 2;
    den += b[k]! ** 2;
  }
  return den > 0 ? Math.sqrt(num / den) : Number.NaN;
}

function mse(f: Float64Array, y: Float64Array): number {
  if (y.length === 0) return Number.NaN;
  let s = 0;
  for (let k = 0; k < y.length; k++) s += (f[k]! - y[k]!) ** 2;
  return s / y.length;
}

/** Eigenvalues of (d/σ_w²) C, descending. */
function weightSpectrum(cov: Float64Array, d: number, sigma_w2: number): Float64Array {
  return symmetricEigenvalues(cov.map((v) => (v * d) / sigma_w2), d).reverse();
}

export function merge(p: LinearNetScalingParams, parts: PartResult[], seed: number): RunResult {
  const collected = collectParts(parts);
  const internal = new Map<string, Float64Array>();
  const theory: Series[] = [];
  for (const s of collected.theory) {
    if (s.name.startsWith('_')) internal.set(s.name, s.y);
    else theory.push(s);
  }
  const scalars: Record<string, number> = { ...collected.scalars };
  const notes = [...collected.notes];
  const out: Series[] = [...theory];
  const chains: LangevinChainResult[] = [];
  const chainSeries: Series[] = [];
  for (const { key, result } of parts) {
    if (key.role !== 'replica') continue;
    chains.push(langevinChainOf(result.series));
    chainSeries.push(...withoutLangevinSeries(result.series));
  }
  if (chains.length === 0) return { series: out, scalars, notes };

  out.push(...chainSeries);
  const ens = langevinEnsemble(chains);
  const C = chains.length;
  const label = `Langevin mean (${C} chain${C === 1 ? '' : 's'})`;
  const preds = chainSeries.filter((s) => s.name === 'prediction');
  if (preds.length > 0) out.push(replicaMean(preds, label, seed).series);

  const y = internal.get(INTERNAL.y) ?? new Float64Array(0);
  const ytest = internal.get(INTERNAL.ytest) ?? new Float64Array(0);
  const trainErr = mse(ens.train.mean, y);
  const testErr = mse(ens.test.mean, ytest);
  const chainTrain = chains.map((c) => mse(c.trainMean.all, y));
  const chainTest = chains.map((c) => mse(c.testMean.all, ytest));
  const point = (name: string, value: number, perChain: number[], yLabel: string): Series => ({
    name,
    source: 'simulation',
    label,
    seed,
    x: Float64Array.of(p.chi),
    y: Float64Array.of(value),
    xLabel: CHI,
    yLabel,
    band: { lo: Float64Array.of(Math.min(...perChain)), hi: Float64Array.of(Math.max(...perChain)), kind: 'minmax' },
  });
  if (ytest.length > 0) out.push(point('test_error', testErr, chainTest, 'test MSE (1/P*) Σ (f̄ − y)²'));
  out.push(point('train_error', trainErr, chainTrain, 'train MSE (1/P) Σ (f̄ − y)²'));

  const d = p.d;
  if (ens.weightCovariance.length === d * d) {
    const spectrum = weightSpectrum(ens.weightCovariance, d, p.sigma_w2);
    const perChain = chains.map((c) => weightSpectrum(c.weightCovariance, d, p.sigma_w2));
    const lo = spectrum.map((_, k) => Math.min(...perChain.map((s) => s[k]!)));
    const hi = spectrum.map((_, k) => Math.max(...perChain.map((s) => s[k]!)));
    out.push({
      name: 'weight_spectrum',
      source: 'simulation',
      label,
      seed,
      x: Float64Array.from({ length: d }, (_, k) => k + 1),
      y: spectrum,
      xLabel: 'eigenvalue rank',
      yLabel: 'eigenvalue of (d/σ_w²)⟨w wᵀ⟩',
      band: { lo, hi, kind: 'minmax' },
    });
    scalars.spike_simulation = spectrum[0]!;
    if (d > 1) {
      scalars.bulk_simulation_max = spectrum[1]!;
      scalars.bulk_simulation_min = spectrum[d - 1]!;
    }
    if (scalars.spike_closure !== undefined) scalars.spike_gap_closure = Math.abs(spectrum[0]! / scalars.spike_closure - 1);
  }
  const trainExact = internal.get(INTERNAL.trainExact);
  const testExact = internal.get(INTERNAL.testExact);
  const trainNngp = internal.get(INTERNAL.trainNngp);
  if (trainExact && trainExact.length > 0) scalars.prediction_gap_train = relL2(ens.train.mean, trainExact);
  if (testExact && testExact.length > 0) scalars.prediction_gap_test = relL2(ens.test.mean, testExact);
  if (trainNngp && trainNngp.length > 0) scalars.prediction_gap_train_nngp = relL2(ens.train.mean, trainNngp);
  scalars.two_halves = ens.twoHalves;
  if (ytest.length > 0) scalars.two_halves_test = ens.twoHalvesTest;
  scalars.train_error_simulation = trainErr;
  if (ytest.length > 0) scalars.test_error_simulation = testErr;
  scalars.w_variance_simulation = ens.wVariance;
  scalars.a_variance_simulation = ens.aVariance;
  scalars.samples = ens.samples;
  scalars.chains = C;
  scalars.step_w = chains[0]!.stepW;
  scalars.step_a = chains[0]!.stepA;
  notes.push(
    `Langevin: ${C} chain${C === 1 ? '' : 's'} × ${p.langevin.steps} steps (burn-in ${p.langevin.burn_in}, thin ${p.langevin.thin}); ` +
      `bands: 10–90 % over chains (prediction), min–max over chains (errors, spectrum); ULA bias O(step); two-halves diagnostic ` +
      `${Math.max(ens.twoHalves, ytest.length > 0 ? ens.twoHalvesTest : 0).toPrecision(3)}` +
      (Math.max(ens.twoHalves, ytest.length > 0 ? ens.twoHalvesTest : 0) > 0.05
        ? ' (above 0.05: the chains are not equilibrated or too short; the Langevin numbers are not yet the posterior\'s)'
        : ''),
  );
  return { series: out, scalars, notes };
}
