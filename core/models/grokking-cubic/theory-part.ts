/** The theory part of a run: series along σ², −log p(q) at the run's σ², the transition scalars. */
import type { RunContext, RunResult, Series } from '../model-kind.js';
import { hooksOf, observableSeries, observablesOf } from '../kit/index.js';
import { action } from './action.js';
import { outputs } from './outputs.js';
import type { GrokkingCubicParams } from './params.js';
import { problemAt } from './problem.js';
import { cubicTheory, stateAtRun } from './theory.js';
import { sideWellDepth } from './well.js';

const spec = observablesOf(outputs);

export const SADDLE_LABEL = 'theory d -> infinity (saddle)';
export const finiteLabel = (d: number) => `theory finite d = ${d} (direct integration)`;

const PHASE_CODE = { GFL: 0, 'GMFL-I': 1, 'GMFL-II': 2 } as const;

/** −log p(q) = d S̃(q) − min on [−range, range] (601 points). */
export function negLogProfile(d: number, k: { u: number; sw2: number; b: number; c: number }, range: number): { q: Float64Array; y: Float64Array } {
  const n = 601;
  const q = Float64Array.from({ length: n }, (_, i) => -range + (2 * range * i) / (n - 1));
  const y = q.map((v) => d * action(v, k));
  let m = Number.POSITIVE_INFINITY;
  for (const v of y) m = Math.min(m, v);
  return { q, y: y.map((v) => v - m) };
}

export function theoryPart(p: GrokkingCubicParams, ctx: RunContext): RunResult {
  ctx.progress(0, 'phase diagram');
  const t = cubicTheory(p, hooksOf(ctx));
  const { sizes, noises, diagram, finite } = t;
  const x = Float64Array.from(noises).reverse();
  const rev = <T>(a: T[]) => [...a].reverse();
  const saddle = rev(diagram.states);
  const fin = rev(finite);
  const flabel = finiteLabel(sizes.d);
  const series: Series[] = [];
  const both = (name: string, sad: number[], fd: number[]) => {
    series.push(observableSeries(spec(name), 'theory', x, Float64Array.from(sad), { label: SADDLE_LABEL }));
    series.push(observableSeries(spec(name), 'theory', x, Float64Array.from(fd), { label: flabel }));
  };
  both(
    'discrepancy_linear',
    saddle.map((s) => s.b),
    fin.map((s) => (s.converged ? s.b : Number.NaN)),
  );
  both(
    'discrepancy_cubic',
    saddle.map((s) => s.c),
    fin.map((s) => (s.converged ? s.c : Number.NaN)),
  );
  series.push(observableSeries(spec('droplet_fraction'), 'theory', x, Float64Array.from(saddle.map((s) => s.rho)), { label: SADDLE_LABEL }));
  series.push(
    observableSeries(spec('droplet_fraction'), 'theory', x, Float64Array.from(rev(t.beyond)), {
      label: `${flabel}: p(|q| > ${t.threshold.toFixed(3)})`,
    }),
  );
  const here = finite[t.at]!;
  const st = stateAtRun(t);
  const pr = problemAt(sizes, p.noise);
  const kFinite = { u: pr.u, sw2: pr.sw2, b: here.b, c: here.c };
  const range = 2;
  const prof = negLogProfile(sizes.d, kFinite, range);
  series.push(observableSeries(spec('neg_log_p_q'), 'theory', prof.q, prof.y, { label: `d S(q), finite-d b, c (d = ${sizes.d})` }));
  if (Number.isFinite(st.b)) {
    const sad = negLogProfile(sizes.d, { u: pr.u, sw2: pr.sw2, b: st.b, c: st.c }, range);
    series.push(observableSeries(spec('neg_log_p_q'), 'theory', sad.q, sad.y, { label: `d S(q), saddle b, c (d = ${sizes.d})` }));
  }
  const half = Math.floor(prof.q.length / 2);
  const scalars: Record<string, number> = {
    b_theory: st.b,
    c_theory: st.c,
    droplet_fraction_theory: st.rho,
    b_finite_d: here.b,
    c_finite_d: here.c,
    droplet_fraction_finite_d: t.beyond[t.at]!,
    side_well_theory: sideWellDepth(prof.q.subarray(half), prof.y.subarray(half)),
    u: pr.u,
    phase: PHASE_CODE[st.phase],
    test_loss_mean_theory: here.b * here.b + 6 * here.c * here.c,
    droplet_threshold: t.threshold,
    simulated_d: sizes.d,
    simulated_N: sizes.N,
    simulated_P: sizes.P,
  };
  if (diagram.onset) {
    scalars.sigma2_c = diagram.onset.noise;
    scalars.u_c = diagram.onset.u;
    scalars.q_star = diagram.onset.qStar;
  }
  if (Number.isFinite(diagram.noiseII)) scalars.sigma2_II = diagram.noiseII;
  for (const [k, v] of Object.entries(scalars)) if (!Number.isFinite(v)) delete scalars[k];
  const notes: string[] = [];
  notes.push(
    diagram.onset
      ? `d -> infinity: GMFL-I (droplets) below sigma2_c = ${diagram.onset.noise.toFixed(4)} (u_c = ${diagram.onset.u.toFixed(2)}, q* = ${diagram.onset.qStar.toFixed(3)}); ` +
          (Number.isFinite(diagram.noiseII)
            ? `GMFL-II below sigma2_II = ${diagram.noiseII.toFixed(4)}`
            : diagram.reached > diagram.onset.noise / 10 + 1e-12
              ? `the continuation lost the mixed branch at sigma^2 = ${diagram.reached.toPrecision(3)} (NaN below; no GMFL-II above it)`
              : `no GMFL-II down to sigma^2 = ${diagram.reached.toPrecision(3)} (the droplet fraction stays below 1)`)
      : 'd -> infinity: no transition (min_{q>0} S stays positive for u up to 1e7)',
  );
  if (finite.some((f) => !f.converged)) notes.push('finite-d self-consistency did not converge at some sigma^2 (NaN there)');
  notes.push(`sizes simulated at scale ${p.scale}: d = ${sizes.d}, N = ${sizes.N}, P = ${sizes.P}, sigma_a^2 = ${sizes.sa2.toPrecision(4)} (actual), reading ${p.reading}`);
  ctx.progress(1);
  return { series, scalars, notes };
}
