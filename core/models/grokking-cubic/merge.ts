/**
 * Merging a `grokking-cubic` run: the theory part's series, then the Langevin ensemble: −log of the
 * overlap histogram pooled over neurons × chains × samples (band: ± the standard error of the
 * density across chains), the held-out discrepancy projections and droplet fraction at the run's σ²
 * (mean ± standard error over chains), the test loss along training (mean over chains, 10–90 % band).
 */
import type { MergeContext, PartResult, RunResult, Series } from '../model-kind.js';
import { collectParts, langevinChainOf, mainReplicas, observableSeries, observablesOf, replicaMean } from '../kit/index.js';
import { BIN_WIDTH, binCentres } from './histogram.js';
import { outputs } from './outputs.js';
import type { GrokkingCubicParams } from './params.js';
import { CHAIN_HISTOGRAM, CHAIN_STATS, STAT } from './simulate.js';
import { sideWellDepth } from './well.js';

const spec = observablesOf(outputs);

/** Mean and standard error over chains. */
function meanError(v: readonly number[]): { mean: number; se: number } {
  const n = v.length;
  const mean = v.reduce((s, x) => s + x, 0) / n;
  if (n < 2) return { mean, se: 0 };
  const varS = v.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1);
  return { mean, se: Math.sqrt(varS / n) };
}

/** −log of the pooled histogram (bins with counts), shifted to minimum 0, with the chains' band. */
export function negLogHistogram(perChain: readonly Float64Array[]): { q: Float64Array; y: Float64Array; lo: Float64Array; hi: Float64Array; counts: Float64Array } {
  const centres = binCentres();
  const bins = centres.length;
  const counts = new Float64Array(bins);
  const totals = perChain.map((h) => h.reduce((s, v) => s + v, 0));
  for (const h of perChain) for (let k = 0; k < bins; k++) counts[k] += h[k]!;
  const total = totals.reduce((s, v) => s + v, 0);
  const keep: number[] = [];
  for (let k = 0; k < bins; k++) if (counts[k]! > 0) keep.push(k);
  const dens = keep.map((k) => counts[k]! / (total * BIN_WIDTH));
  const se = keep.map((k) => meanError(perChain.map((h, j) => (totals[j]! > 0 ? h[k]! / (totals[j]! * BIN_WIDTH) : 0))).se);
  const y = dens.map((p) => -Math.log(p));
  const m = Math.min(...y);
  return {
    q: Float64Array.from(keep, (k) => centres[k]!),
    y: Float64Array.from(y, (v) => v - m),
    lo: Float64Array.from(dens, (p, i) => -Math.log(p + se[i]!) - m),
    hi: Float64Array.from(dens, (p, i) => -Math.log(Math.max(p - se[i]!, p * 1e-3)) - m),
    counts: Float64Array.from(keep, (k) => counts[k]!),
  };
}

/** The side well of the measured −log p(q): symmetrised over ±q, bins with at least 30 counts. */
export function measuredSideWell(q: Float64Array, counts: Float64Array): number {
  const byAbs = new Map<number, number>();
  for (let i = 0; i < q.length; i++) {
    const a = Math.round(Math.abs(q[i]!) * 1e9) / 1e9;
    byAbs.set(a, (byAbs.get(a) ?? 0) + counts[i]!);
  }
  const rows = [...byAbs.entries()].filter(([, c]) => c >= 30).sort((a, b) => a[0] - b[0]);
  return sideWellDepth(
    rows.map((r) => r[0]),
    rows.map((r) => -Math.log(r[1])),
  );
}

export function merge(p: GrokkingCubicParams, parts: PartResult[], ctx: MergeContext): RunResult {
  const collected = collectParts(parts);
  const { scalars, notes } = collected;
  const out: Series[] = [...collected.theory];
  const byChain = new Map<number, Series[]>();
  for (const s of mainReplicas(collected)) byChain.set(s.replica!, [...(byChain.get(s.replica!) ?? []), s]);
  const chainIds = [...byChain.keys()].sort((a, b) => a - b);
  if (chainIds.length === 0) return { series: out, scalars, notes };
  const get = (id: number, name: string) => byChain.get(id)!.find((s) => s.name === name)!.y;
  const hists = chainIds.map((id) => get(id, CHAIN_HISTOGRAM));
  const stats = chainIds.map((id) => get(id, CHAIN_STATS));
  const chains = chainIds.map((id) => langevinChainOf(byChain.get(id)!));
  const label = `Langevin, ${chainIds.length} chain${chainIds.length === 1 ? '' : 's'}`;

  const h = negLogHistogram(hists);
  out.push(observableSeries(spec('neg_log_p_q'), 'simulation', h.q, h.y, { label, seed: ctx.seed, band: { lo: h.lo, hi: h.hi, kind: 'stderr' } }));
  const at = Float64Array.of(p.noise);
  const point = (name: string, index: number) => {
    const e = meanError(stats.map((s) => s[index]!));
    out.push(
      observableSeries(spec(name), 'simulation', at, Float64Array.of(e.mean), {
        label,
        seed: ctx.seed,
        band: { lo: Float64Array.of(e.mean - e.se), hi: Float64Array.of(e.mean + e.se), kind: 'stderr' },
      }),
    );
    return e.mean;
  };
  const b = point('discrepancy_linear', STAT.linearHeldOut);
  const c = point('discrepancy_cubic', STAT.cubicHeldOut);
  const rho = point('droplet_fraction', STAT.droplet);
  const traces = chains.map((ch) =>
    observableSeries(spec('test_loss'), 'simulation', ch.trace.step, ch.trace.testError, { replica: ch.chain, seed: ctx.seed }),
  );
  out.push(...traces.map((s) => ({ ...s, label: `Langevin chain ${s.replica}` })));
  out.push(replicaMean(traces, `${label} (mean, 10-90% band)`, ctx.seed).series);

  const mean = (index: number) => meanError(stats.map((s) => s[index]!)).mean;
  const db = mean(STAT.linearFirst) - mean(STAT.linearSecond);
  const dc = mean(STAT.cubicFirst) - mean(STAT.cubicSecond);
  const twoHalves = Math.sqrt(db * db + 6 * dc * dc) / Math.sqrt(b * b + 6 * c * c);
  Object.assign(scalars, {
    b_sim: b,
    c_sim: c,
    droplet_fraction_sim: rho,
    side_well_sim: measuredSideWell(h.q, h.counts),
    test_loss_mean_sim: mean(STAT.meanTestLoss),
    b_population: mean(STAT.linearPopulation),
    c_population: mean(STAT.cubicPopulation),
    two_halves: twoHalves,
    langevin_samples: chains[0]!.samples,
  });
  if (Number.isFinite(scalars.b_finite_d)) scalars.b_gap = Math.abs(b - scalars.b_finite_d!);
  if (Number.isFinite(scalars.c_finite_d)) scalars.c_gap = Math.abs(c - scalars.c_finite_d!);
  for (const [k, v] of Object.entries(scalars)) if (!Number.isFinite(v)) delete scalars[k];
  notes.push(
    `Langevin: ${chains.length} chains x ${chains[0]!.samples} samples x ${scalars.simulated_N ?? '?'} neurons (${p.langevin.steps} steps, burn-in ${p.langevin.burn_in}, thin ${p.langevin.thin}), ` +
      `steps eps_w = ${chains[0]!.stepW.toPrecision(3)}, eps_a = ${chains[0]!.stepA.toPrecision(3)}; two-halves diagnostic ${twoHalves.toPrecision(3)}` +
      (twoHalves > 0.05 ? ' (above 0.05: the chains are not equilibrated or too short)' : ''),
    'simulation: b, c from each chain\'s time-averaged output projected on He1, He3 over its held-out points (mean +- standard error over chains); ' +
      '-log p(q) from the overlaps of all neurons at every recorded sample, band +- the standard error of the density across chains',
  );
  return { series: out, scalars, notes };
}
