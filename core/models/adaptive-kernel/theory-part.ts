/** The theory part of `adaptive-kernel` as a run result: NNGP and EoS series, scalars and notes. */
import type { RunContext, RunResult, Series } from '../model-kind.js';
import { hooksOf, observableSeries, observablesOf } from '../kit/index.js';
import { dataOf } from './dataset.js';
import { outputs } from './outputs.js';
import type { AdaptiveKernelParams } from './params.js';
import { eosTheory } from './theory.js';

const spec = observablesOf(outputs);

/** 1, 2, ..., n. */
export function ranks(n: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => i + 1);
}

export const EOS_LABEL = 'EoS (adaptive kernel)';
export const NNGP_LABEL = 'NNGP';
/** Internal: the EoS mean predictor on the training inputs, for the merge's gap (never passed on). */
export const EOS_TRAIN_SERIES = 'adaptive-kernel.eos_train_prediction';

export function theoryPart(p: AdaptiveKernelParams, ctx: RunContext): RunResult {
  const data = dataOf(p, ctx.seed, ctx.inputs);
  const th = eosTheory(p, data, hooksOf(ctx));
  const { nngp, eos, path } = th;
  const testIndex = ranks(data.T);
  const series: Series[] = [];
  if (eos) {
    series.push(observableSeries(spec('prediction'), 'theory', testIndex, eos.test, { label: EOS_LABEL }));
    series.push({ name: EOS_TRAIN_SERIES, source: 'theory', x: ranks(data.P), y: eos.train, xLabel: 'training point index', yLabel: 'mean output' });
  }
  series.push(observableSeries(spec('prediction'), 'theory', testIndex, nngp.test, { label: NNGP_LABEL }));
  series.push(observableSeries(spec('prediction'), 'empirical', testIndex, Float64Array.from(data.yt), { label: 'test targets y*' }));
  if (eos) series.push(observableSeries(spec('weight_spectrum'), 'theory', ranks(data.d), eos.weightSpectrum, { label: EOS_LABEL }));
  series.push(observableSeries(spec('weight_spectrum'), 'theory', ranks(data.d), new Float64Array(data.d).fill(1), { label: NNGP_LABEL }));
  if (eos) series.push(observableSeries(spec('kernel_spectrum'), 'theory', ranks(data.P), positive(eos.kernelSpectrum), { label: EOS_LABEL }));
  series.push(observableSeries(spec('kernel_spectrum'), 'theory', ranks(data.P), positive(nngp.kernelSpectrum), { label: NNGP_LABEL }));
  const chis = Float64Array.from(th.pathErrors.map((e) => e.chi));
  if (chis.length > 0) {
    series.push(observableSeries(spec('train_error'), 'theory', chis, Float64Array.from(th.pathErrors.map((e) => e.train)), { label: EOS_LABEL }));
    series.push(observableSeries(spec('test_error'), 'theory', chis, Float64Array.from(th.pathErrors.map((e) => e.test)), { label: EOS_LABEL }));
    series.push(observableSeries(spec('train_error'), 'theory', chis, new Float64Array(chis.length).fill(nngp.trainError), { label: NNGP_LABEL }));
    series.push(observableSeries(spec('test_error'), 'theory', chis, new Float64Array(chis.length).fill(nngp.testError), { label: NNGP_LABEL }));
  }
  const scalars: Record<string, number> = { emergent_scale: th.emergentScale };
  if (eos) {
    scalars.test_error_eos = eos.testError;
    scalars.spike_eos = eos.weightSpectrum[0];
    if (data.d > 1) scalars.bulk_mean_eos = bulkMean(eos.weightSpectrum);
    scalars.train_error_eos = eos.trainError;
  }
  scalars.test_error_nngp = nngp.testError;
  scalars.train_error_nngp = nngp.trainError;
  scalars.eos_converged = path.converged ? 1 : 0;
  if (Number.isFinite(path.reachedChi)) scalars.eos_chi_reached = path.reachedChi;
  if (p.solver.anneal === 'width' && Number.isFinite(path.reachedWidth)) scalars.eos_width_reached = path.reachedWidth;
  scalars.eos_iterations = path.iterations;
  scalars.eos_halvings = path.halvings;
  const residual = eos ? eos.residual : (path.residual ?? Number.NaN);
  if (Number.isFinite(residual)) scalars.eos_residual = residual;
  const notes = [
    `data: ${data.origin}; P = ${data.P}, ${data.T} test points`,
    `EoS (${p.solver.closure === 'full' ? 'target and fluctuation terms' : 'tree level: target term only'}): ` +
      (p.solver.anneal === 'width'
        ? `width annealed over ${path.points.length} of ${annealPoints(p)} points from N = ${Math.max(p.solver.width_start, p.N).toPrecision(3)} down to ${p.N} at chi = ${p.chi}`
        : `chi annealed over ${th.pathErrors.length} of ${annealPoints(p)} points from ${Math.min(p.solver.chi_start, p.chi).toPrecision(3)} to ${p.chi}`) +
      `; ${path.iterations} map evaluations, ${path.halvings} halved steps`,
  ];
  if (!path.converged && p.solver.anneal === 'width') {
    notes.push(
      `warning: the EoS did not converge at N = ${p.N} (${path.failure ?? 'unknown'}, residual ${(path.residual ?? Number.NaN).toPrecision(3)}); ` +
        `annealing the width it converged down to N = ${Number.isNaN(path.reachedWidth) ? 'none' : path.reachedWidth.toPrecision(4)}, so no EoS prediction or spectrum is shown`,
    );
  } else if (!path.converged) {
    notes.push(
      `warning: the EoS did not converge at chi = ${p.chi} (${path.failure ?? 'unknown'}, residual ${(path.residual ?? Number.NaN).toPrecision(3)}); ` +
        `it converged up to chi = ${Number.isNaN(path.reachedChi) ? 'none' : path.reachedChi.toPrecision(4)}, so no EoS prediction or spectrum is shown at chi`,
    );
  }
  return { series, scalars, notes };
}

function annealPoints(p: AdaptiveKernelParams): number {
  if (p.solver.anneal === 'width') return Math.max(p.solver.width_start, p.N) <= p.N ? 1 : p.solver.path_points;
  return Math.min(p.solver.chi_start, p.chi) >= p.chi ? 1 : p.solver.path_points;
}

/** Mean of all but the largest eigenvalue (spectrum in decreasing order); NaN for d = 1. */
export function bulkMean(spectrum: Float64Array): number {
  if (spectrum.length < 2) return Number.NaN;
  let s = 0;
  for (let i = 1; i < spectrum.length; i++) s += spectrum[i];
  return s / (spectrum.length - 1);
}

/** A kernel spectrum (decreasing) for log axes: eigenvalues below 1e-12 of the largest (rounding of a PSD matrix's zeros) become NaN. */
function positive(ev: Float64Array): Float64Array {
  const floor = 1e-12 * Math.max(ev[0] ?? 0, 0);
  return ev.map((v) => (v > floor ? v : Number.NaN));
}
