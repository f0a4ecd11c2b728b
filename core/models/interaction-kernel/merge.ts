/**
 * Assembling an `interaction-kernel` run: per repetition the error against M, their mean with the
 * 10-90% band, the least-squares power law fitted to the mean (source `fit`), the reference line of
 * slope -2 beta/(2 beta + 1) (source `theory`: the variance bound sigma^2 (N-1) n/(M N) with
 * n = c M^(1/(2 beta + 1)), never fitted), the diagnostics of the tamed solve, phi_hat against phi*
 * with rho, and the bias-variance view.
 */
import type { MergeContext, PartResult, RunResult, Series } from '../model-kind.js';
import { fitPowerLaw } from '../../numerics/fit.js';
import { aggregateReplicas } from '../../numerics/replica-aggregate.js';
import { curve } from './outputs.js';
import { type InteractionKernelParams, biasVarianceIntervals, sampleSizes } from './params.js';
import { buildSetup } from './setup.js';
import { BIAS_VARIANCE, plotGrid } from './simulate.js';

type Scalars = Record<string, number>;

/** Scalars of the parts by (dim, repetition), for the main sweep or the bias-variance view. */
function table(parts: readonly PartResult[], process: string | undefined): Map<number, Scalars[]> {
  const out = new Map<number, Scalars[]>();
  for (const { key, result } of parts) {
    if (key.role !== 'replica' || key.dim === undefined || key.process !== process) continue;
    const row = out.get(key.dim) ?? [];
    row[key.index] = result.scalars;
    out.set(key.dim, row);
  }
  return out;
}

function column(rows: Map<number, Scalars[]>, dims: readonly number[], reps: number, name: string): Float64Array[] {
  return Array.from({ length: reps }, (_, k) => Float64Array.from(dims, (dim) => rows.get(dim)?.[k]?.[name] ?? Number.NaN));
}

function meanOf(values: Iterable<number>): number {
  let s = 0;
  let n = 0;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    s += v;
    n++;
  }
  return n > 0 ? s / n : Number.NaN;
}

export function merge(p: InteractionKernelParams, parts: PartResult[], ctx: MergeContext): RunResult {
  const setup = buildSetup(p, ctx.seed);
  const Ms = sampleSizes(p);
  const x = Float64Array.from(Ms);
  const rows = table(parts, undefined);
  const series: Series[] = [];
  const notes: string[] = [];
  const scalars: Scalars = {};
  const reps = p.reps;

  // Error against M: every repetition, then their mean with the band.
  const errors = column(rows, Ms, reps, 'error');
  errors.forEach((y, k) => series.push(curve('error', 'simulation', `repetition ${k}`, x, y, { replica: k, seed: ctx.seed })));
  const agg = aggregateReplicas(errors);
  series.push(curve('error', 'simulation', `mean of ${reps} repetition${reps === 1 ? '' : 's'}`, x, agg.mean, { seed: ctx.seed, band: { lo: agg.lo, hi: agg.hi, kind: 'quantile' } }));

  const fit = fitPowerLaw(x, agg.mean);
  const slopeTheory = (-2 * p.beta) / (2 * p.beta + 1);
  if (Number.isFinite(fit.slope)) {
    const yFit = x.map((M) => Math.exp(fit.intercept + fit.slope * Math.log(M)));
    series.push(curve('error', 'fit', `least-squares fit to the mean errors, slope ${fit.slope.toFixed(3)}`, x, yFit));
    scalars.slope = fit.slope;
    scalars.slope_gap = fit.slope - slopeTheory;
    if (Number.isFinite(fit.slopeStderr)) scalars.slope_stderr = fit.slopeStderr;
  }
  scalars.slope_theory = slopeTheory;
  if (p.noise > 0) {
    const c = p.noise * p.noise * (p.N - 1) * p.basis.c;
    const yTheory = x.map((M) => (c * Math.pow(M, 1 / (2 * p.beta + 1))) / (M * p.N));
    series.push(curve('error', 'theory', `variance bound sigma^2 (N-1) n/(M N), n = c M^(1/(2 beta+1)): slope ${slopeTheory.toFixed(3)}`, x, yTheory));
  } else {
    notes.push('noise = 0: no variance, so no reference line; the error is the approximation error (bias) alone');
  }
  scalars.final_error = agg.mean[agg.mean.length - 1]!;

  // K3: error / predicted variance over the upper half of the M grid.
  const variances = column(rows, Ms, reps, 'variance');
  const upper = Ms.map((_, i) => i).filter((i) => i >= Math.floor(Ms.length / 2));
  const ratio = meanOf(upper.map((i) => agg.mean[i]!)) / meanOf(upper.map((i) => meanOf(variances.map((v) => v[i]!))));
  if (Number.isFinite(ratio)) scalars.variance_ratio = ratio;

  // Diagnostics of the tamed solve.
  const lambdas = column(rows, Ms, reps, 'lambda_min');
  const tamed = column(rows, Ms, reps, 'tamed');
  const lam = aggregateReplicas(lambdas);
  series.push(curve('lambda_min', 'simulation', `mean of ${reps}`, x, lam.mean, { seed: ctx.seed, band: { lo: lam.lo, hi: lam.hi, kind: 'quantile' } }));
  series.push(curve('lambda_min', 'bound_lower', 'coercivity constant c_L = 1/(N-1)', x, x.map(() => setup.cL)));
  const tamedByM = x.map((_, i) => meanOf(tamed.map((t) => t[i]!)));
  series.push(curve('tamed_fraction', 'simulation', `fraction of ${reps} fits`, x, tamedByM));
  let lambdaMin = Infinity;
  let conditionMax = 0;
  let tamedCount = 0;
  for (const row of rows.values()) {
    for (const s of row) {
      if (!s) continue;
      lambdaMin = Math.min(lambdaMin, s.lambda_min!);
      if (s.tamed) tamedCount++;
      else conditionMax = Math.max(conditionMax, s.condition!);
    }
  }
  scalars.tamed_fraction = tamedCount / (Ms.length * reps);
  scalars.lambda_min = lambdaMin;
  scalars.lambda_min_scaled = (p.N - 1) * lambdaMin;
  scalars.c_L = setup.cL;
  if (conditionMax > 0) scalars.condition_max = conditionMax;
  scalars.n_min = rows.get(Ms[0]!)?.[0]?.n ?? Number.NaN;
  scalars.n_max = rows.get(Ms[Ms.length - 1]!)?.[0]?.n ?? Number.NaN;
  if (tamedCount > 0) {
    notes.push(
      `taming fired in ${tamedCount} of ${Ms.length * reps} fits (lambda_min(A_hat) <= c_L/4 = ${(setup.cL / 4).toPrecision(3)}): those estimates are 0 and the error curve flattens; ` +
        'quantile knots, a smaller basis.c or a larger M restore coercivity',
    );
  }

  // phi_hat (mean over repetitions at the largest M) against phi*, and rho.
  const r = plotGrid(setup.rho.R);
  const estimates = parts.filter((q) => q.key.role === 'replica' && q.key.process === undefined && q.key.dim === p.M_max).flatMap((q) => q.result.series.filter((s) => s.name === 'kernel'));
  const truth = r.map((v) => setup.kernel.phi(v));
  series.push(curve('kernel', 'theory', `true kernel: ${setup.kernel.label}`, r, truth));
  if (estimates.length > 0) {
    const e = aggregateReplicas(estimates.map((s) => s.y));
    series.push(curve('kernel', 'simulation', `estimate at M = ${p.M_max}, mean of ${estimates.length}`, r, e.mean, { seed: ctx.seed, band: { lo: e.lo, hi: e.hi, kind: 'quantile' } }));
  }
  series.push(curve('exploration_measure', setup.rho.source === 'closed_form' ? 'theory' : 'empirical', setup.rho.description, r, r.map((v) => setup.rho.density(v))));
  scalars.rho_tail = setup.rho.tail;

  // Bias-variance view (K5).
  if (p.bias_variance.enabled) {
    const Ks = biasVarianceIntervals(p);
    const bvRows = table(parts, BIAS_VARIANCE);
    const bvReps = p.bias_variance.reps;
    const ns = Float64Array.from(Ks, (K) => K * (p.basis.degree + 1));
    const bv = aggregateReplicas(column(bvRows, Ks, bvReps, 'error'));
    series.push(curve('bias_variance', 'simulation', `mean of ${bvReps} at M = ${p.bias_variance.M}`, ns, bv.mean, { seed: ctx.seed, band: { lo: bv.lo, hi: bv.hi, kind: 'quantile' } }));
    if (p.noise > 0) {
      const c = (p.noise * p.noise * (p.N - 1)) / (p.bias_variance.M * p.N);
      series.push(curve('bias_variance', 'theory', 'variance bound sigma^2 (N-1) n/(M N)', ns, ns.map((n) => c * n)));
    }
    let best = 0;
    for (let i = 1; i < bv.mean.length; i++) if (bv.mean[i]! < bv.mean[best]!) best = i;
    scalars.bias_variance_argmin_n = ns[best]!;
    scalars.bias_variance_design_n = p.basis.c * Math.pow(p.bias_variance.M, 1 / (2 * p.beta + 1));
  }

  notes.push(setup.rho.description);
  notes.push(
    p.form === 'static'
      ? 'static form: Y_i = (1/(N-1)) sum_j phi(r_ij) (X_j - X_i)/r_ij + sigma eta_i; error in L2(rho)'
      : 'dynamics form: Y_i = (1/N) sum_j phi(r_ij) (X_j - X_i) + sigma eta_i; error of the equivalent static kernel ((N-1)/N) r phi(r) in L2(rho)',
  );
  notes.push('error band: 10%-90% quantiles across repetitions; the fit line is a least-squares fit to the measured means; the theory line is not fitted');
  return { series, scalars, notes };
}
