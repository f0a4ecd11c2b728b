/**
 * Finite-size mode: SGD replicas at several dimensions d, each against the theory on its own
 * spectrum and grid (a scan of the internal axis d, ../kit/scan.ts). For each d,
 *   gap(d)  = mean over replicas of sup_t |R_replica(t) - R_theory(t)|,
 *   band(d) = sup_t (q90(t) - q10(t)) across replicas,
 * and straight-line fits of log gap and log band against log d. Concentration of the risk around
 * the deterministic equivalent at rate d^(-1/2) (arXiv:2308.08977 Thm 1.1 and Cor. 4.2; note §2,
 * claim 1) predicts slopes of about -1/2.
 */
import type { MergeContext, PartResult, RunPart, RunResult, Series } from '../model-kind.js';
import { collectParts, observablesOf, powerLawScan, replicaMean, scanParts, scanResults } from '../kit/index.js';
import { outputs } from './outputs.js';
import type { SgdGlmParams } from './params.js';
import { parameterScalars } from './scalars.js';
import { simulationHorizon, spectrumOf } from './setup.js';

const spec = observablesOf(outputs);

/** The theory at each d, then the replicas at each d; weights as for a standard run at that d. */
export function finiteSizeParts(p: SgdGlmParams, weight: { theory(d: number): number; replica(d: number): number }): RunPart[] {
  return scanParts(p.finite_size.dims, p.finite_size.replicas, weight);
}

export function mergeFiniteSize(p: SgdGlmParams, parts: PartResult[], ctx: MergeContext): RunResult {
  const notes = collectParts(parts).notes;
  const byDim = scanResults(parts);
  const of = (series: readonly Series[], name: string) => series.find((s) => s.name === name);
  const dims = [...p.finite_size.dims].sort((a, b) => a - b);
  const top = dims[dims.length - 1]!;
  const { scalars, notes: paramNotes } = parameterScalars(p, spectrumOf(p, top));
  notes.push(...paramNotes);
  const series: Series[] = [];
  const topTheory = byDim.get(top)?.theory ?? [];
  const topRisk = of(topTheory, 'risk');
  if (topRisk) series.push({ ...topRisk, label: `ODE (theory, d = ${top})` });
  const adaptive = p.lr.policy !== 'constant';
  const topLr = of(topTheory, 'lr');
  if (adaptive && topLr) series.push({ ...topLr, label: `ODE (theory, d = ${top})` });
  const gaps: number[] = [];
  const bands: number[] = [];
  const used: number[] = [];
  for (const d of dims) {
    const entry = byDim.get(d);
    const th = entry && of(entry.theory, 'risk');
    const risk = (entry?.replicas ?? []).map((r) => of(r, 'risk')).filter((s): s is Series => s !== undefined);
    if (!th || risk.length === 0) continue;
    const R = risk.length;
    const mean = replicaMean(risk, `SGD d = ${d} (mean of ${R})`, ctx.seed);
    series.push(mean.series);
    const lr = entry.replicas.map((r) => of(r, 'lr')).filter((s): s is Series => s !== undefined);
    if (adaptive && lr.length > 0) series.push(replicaMean(lr, `SGD d = ${d} (mean of ${R})`, ctx.seed).series);
    let gap = 0;
    for (const s of risk) {
      let sup = 0;
      for (let i = 0; i < s.y.length; i++) sup = Math.max(sup, Math.abs(s.y[i] - th.y[i]));
      gap += sup / R;
    }
    let band = 0;
    for (let i = 0; i < mean.lo.length; i++) band = Math.max(band, mean.hi[i] - mean.lo[i]);
    gaps.push(gap);
    bands.push(band);
    used.push(d);
    scalars[`gap_d${d}`] = gap;
    scalars[`band_d${d}`] = band;
  }
  if (used.length >= 2) {
    const g = powerLawScan(spec('gap_vs_d'), used, gaps, 'theory-to-SGD gap');
    const b = powerLawScan(spec('band_vs_d'), used, bands, 'band width');
    series.push(...g.series, ...b.series);
    scalars.gap_slope = g.slope;
    scalars.band_slope = b.slope;
    if (Number.isFinite(g.slopeStderr)) scalars.gap_slope_stderr = g.slopeStderr;
    if (Number.isFinite(b.slopeStderr)) scalars.band_slope_stderr = b.slopeStderr;
    notes.push(
      `finite-size check: log-log slopes gap ${g.slope.toFixed(3)}, band ${b.slope.toFixed(3)} over d = ${used.join(', ')} ` +
        `(${p.finite_size.replicas} replicas each; concentration at rate d^(-1/2) predicts about -0.5)`,
    );
  }
  const simT = simulationHorizon(p);
  if (simT < p.T) notes.push(`the simulations stop at t = ${simT} (sim_T); the theory continues to T = ${p.T}`);
  notes.push(`finite-size mode: d = ${p.d} and the run's replica count are not used; ${spec('risk').name} is shown per d`);
  return { series, scalars, notes };
}
