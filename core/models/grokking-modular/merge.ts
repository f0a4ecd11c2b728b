/**
 * Merging a `grokking-modular` run: the theory's curves, each chain's Fourier power and discrepancy
 * trace, and the ensemble: its posterior mean on the table (chains weigh equally) gives the
 * simulated discrepancy a at the run's noise (a point on the theory's σ² axis, band min–max over
 * chains), the RMSE, and the Fourier power's mean with its 10–90 % band.
 */
import { collectParts, mainReplicas, replicaMean } from '../kit/index.js';
import type { PartResult, RunResult, Series } from '../model-kind.js';
import { DISCREPANCY, NOISE } from './outputs.js';
import type { GrokkingModularParams } from './params.js';
import { discrepancyCoefficient, modularTarget } from './quadratic-chain.js';
import { INTERNAL } from './simulate.js';

export function merge(p: GrokkingModularParams, parts: PartResult[], seed: number): RunResult {
  const collected = collectParts(parts);
  const scalars: Record<string, number> = { ...collected.scalars };
  const notes = [...collected.notes];
  const out: Series[] = [...collected.theory];
  const replicas = mainReplicas(collected);
  const means = replicas.filter((s) => s.name === INTERNAL.fMean).map((s) => s.y);
  out.push(...replicas.filter((s) => s.name !== INTERNAL.fMean));
  const C = means.length;
  if (C === 0) return { series: out, scalars, notes };

  const y = modularTarget(p.modulus);
  const mean = new Float64Array(y.length);
  for (const f of means) for (let k = 0; k < y.length; k++) mean[k] += f[k]! / C;
  const a = discrepancyCoefficient(mean, y);
  const perChain = means.map((f) => discrepancyCoefficient(f, y));
  let se = 0;
  for (let k = 0; k < y.length; k++) se += (mean[k]! - y[k]!) ** 2;
  const label = `Langevin mean (${C} chain${C === 1 ? '' : 's'})`;
  out.push({
    name: 'discrepancy',
    source: 'simulation',
    label,
    seed,
    x: Float64Array.of(p.noise),
    y: Float64Array.of(a),
    xLabel: NOISE,
    yLabel: DISCREPANCY,
    band: { lo: Float64Array.of(Math.min(...perChain)), hi: Float64Array.of(Math.max(...perChain)), kind: 'minmax' },
  });
  const powers = replicas.filter((s) => s.name === 'fourier_power');
  const power = replicaMean(powers, label, seed);
  out.push(power.series);
  let pw = 0;
  for (let k = 1; k < p.modulus; k++) pw += power.mean[k]! / (p.modulus - 1);

  const first = collected.replicaScalars['a_first'] ?? [];
  const second = collected.replicaScalars['a_second'] ?? [];
  const halves = first.reduce((s, v, i) => s + Math.abs(v - second[i]!), 0) / Math.max(1, first.length);
  scalars.a_simulation = a;
  if (scalars.a_nngp !== undefined) scalars.a_gap_nngp = Math.abs(a - scalars.a_nngp);
  scalars.rmse_simulation = Math.sqrt(se / y.length);
  scalars.fourier_power_simulation = pw;
  scalars.two_halves = halves;
  scalars.chains = C;
  scalars.samples = (collected.replicaScalars['samples'] ?? []).reduce((s, v) => s + v, 0);
  scalars.step_w = collected.replicaScalars['step_w']?.[0] ?? Number.NaN;
  scalars.step_a = collected.replicaScalars['step_a']?.[0] ?? Number.NaN;
  notes.push(
    `Langevin: ${C} chain${C === 1 ? '' : 's'} × ${p.langevin.steps} steps (burn-in ${p.langevin.burn_in}, thin ${p.langevin.thin}), ` +
      (p.langevin.regulariser === 'sextic' ? 'with the sextic Fourier regulariser Γ' : 'plain weight decay (no Γ): the comparison with the theory is qualitative') +
      `, start ${p.langevin.start}; a band: min–max over chains; Fourier power band: 10–90 % over chains; two-halves |Δa| = ${halves.toPrecision(3)}.`,
    `The theory is the P → ∞ saddle of the per-neuron action; at P = ${p.modulus} the comparison is qualitative (first-order barriers ∝ P, ` +
      'and the closed forms assume the mean-field decoupling of the readout); the NNGP curve is exact at this P and is the N → ∞ limit of the network.',
  );
  return { series: out, scalars, notes };
}
