/**
 * The theory part of `nngp-gp`: the kernel's operator spectrum (./spectrum.ts) and, on the P
 * grid, the equivalent-kernel and renormalised-ridge learning curves (numerics/gp/spectral; theory
 * note §3, arXiv 2502.18553).
 */
import { learningCurvePoint } from '../../numerics/gp/index.js';
import type { RunContext, RunResult, Series } from '../model-kind.js';
import { REPLICA_STREAMS, checkpoint, hooksOf, observableSeries, observablesOf } from '../kit/index.js';
import { permutation, tableData } from './data.js';
import { outputs } from './outputs.js';
import { type NngpGpParams, pGrid } from './params.js';
import { theoryPredictions } from './prediction.js';
import { sphereSpectrum, tableSpectrum, type TheorySpectrum } from './spectrum.js';

const obs = observablesOf(outputs);

export function theorySpectrum(p: NngpGpParams, ctx: RunContext): { spectrum: TheorySpectrum; rows: number } {
  const hooks = hooksOf(ctx);
  if (p.data.source === 'synthetic') return { spectrum: sphereSpectrum(p), rows: 0 };
  const table = ctx.inputs?.['data'];
  if (!table || table.type !== 'table') throw new Error('nngp-gp: data.source = file but no table was given');
  const all = tableData(table, p.d);
  const n = Math.min(all.rows, p.data.theory_rows);
  const order = n < all.rows ? permutation(all.rows, ctx.seed, 0, REPLICA_STREAMS.theoryRows) : null;
  const x = new Float64Array(n * p.d);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const r = order ? order[i] : i;
    x.set(all.x.subarray(r * p.d, (r + 1) * p.d), i * p.d);
    y[i] = all.y[r];
  }
  return { spectrum: tableSpectrum(p, x, y, n, (f) => checkpoint(hooks, 0.9 * f)), rows: n };
}

/** The spectrum as a step curve: each group from its first to its last rank, by decreasing eigenvalue. */
function spectrumCurve(s: TheorySpectrum): { x: Float64Array; y: Float64Array } {
  const order = Array.from(s.lambda.keys())
    .filter((j) => s.lambda[j] > 0 && s.multiplicity[j] > 0)
    .sort((a, b) => s.lambda[b] - s.lambda[a] || a - b);
  const xs: number[] = [];
  const ys: number[] = [];
  let rank = 0;
  for (const j of order) {
    xs.push(rank + 1);
    ys.push(s.lambda[j]);
    if (s.multiplicity[j] > 1) {
      xs.push(rank + s.multiplicity[j]);
      ys.push(s.lambda[j]);
    }
    rank += s.multiplicity[j];
  }
  return { x: Float64Array.from(xs), y: Float64Array.from(ys) };
}

export function theoryPart(p: NngpGpParams, ctx: RunContext): RunResult {
  const hooks = hooksOf(ctx);
  checkpoint(hooks, 0);
  const { spectrum, rows } = theorySpectrum(p, ctx);
  checkpoint(hooks, 0.9);
  const grid = pGrid(p);
  const x = Float64Array.from(grid);
  const rr = new Float64Array(grid.length);
  const ek = new Float64Array(grid.length);
  let kappa = Number.NaN;
  const labelNoise = p.data.source === 'synthetic' ? p.label_noise : 0;
  for (let i = 0; i < grid.length; i++) {
    const point = learningCurvePoint(spectrum, grid[i]!, p.noise, labelNoise);
    rr[i] = point.testErrorRR;
    ek[i] = point.testErrorEK;
    kappa = point.kappaEff;
  }
  const spec = obs('test_error');
  const curve = spectrumCurve(spectrum);
  const series: Series[] = [
    observableSeries(spec, 'theory', x, rr, { label: 'renormalised ridge' }),
    observableSeries(spec, 'theory', x, ek, { label: 'EK' }),
    observableSeries(obs('kernel_spectrum'), 'theory', curve.x, curve.y, { label: 'NNGP' }),
    ...theoryPredictions(p, spectrum, ctx),
  ];
  const scalars: Record<string, number> = {
    test_error_rr: rr[rr.length - 1]!,
    test_error_ek: ek[ek.length - 1]!,
    kappa_eff: kappa,
    kernel_trace: spectrum.trace,
    spectrum_tail_trace: spectrum.tailTrace,
    target_tail_power: spectrum.tailPower,
    target_power: spectrum.targetPower,
  };
  const notes: string[] = [];
  if (p.data.source === 'synthetic') {
    scalars.spectrum_degrees = spectrum.degree.length;
    const t = kappa / p.P;
    if (spectrum.tailEigenvalueBound > 1e-2 * t) {
      notes.push(
        `theory: the unresolved tail of the spectrum may hold eigenvalues up to ${spectrum.tailEigenvalueBound.toExponential(2)}, ` +
          `not small against κ_eff/P = ${t.toExponential(2)}; the learning curve near the largest P is approximate to about their ratio`,
      );
    }
  } else {
    scalars.theory_rows = rows;
    if (p.P > rows / 2) notes.push(`theory: P = ${p.P} is more than half the ${rows} rows whose spectrum stands for the data; the theory assumes far more`);
  }
  checkpoint(hooks, 1);
  return { series, scalars, notes };
}
