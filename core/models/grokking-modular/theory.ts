/**
 * The theory part of `grokking-modular`: the closed-form phase diagram along σ² (discrepancy a and
 * droplet fraction, P → ∞ saddles), the exact NNGP discrepancy on the table for contrast, the three
 * NNGP eigenvalues and the theory's Fourier power at the run's noise.
 */
import { checkpoint, hooksOf } from '../kit/index.js';
import type { RunContext, RunResult, Series } from '../model-kind.js';
import { nngpDiscrepancy, nngpEigenvalues } from './nngp-spectrum.js';
import { BLOCK, DISCREPANCY, DROPLET, EIGENVALUE, MODE, NOISE, POWER } from './outputs.js';
import type { GrokkingModularParams } from './params.js';
import { type ModularModel, criticalInteraction, discrepancyAtEnd, interaction, phaseAt, sigma2Critical, sigma2II } from './phase-diagram.js';

/** Points of the σ² grid (the phase boundaries and the run's noise are added exactly). */
export const NOISE_POINTS = 241;

export const LABELS = {
  adaptive: 'adaptive kernel, P → ∞ saddles',
  nngp: 'NNGP (exact on the table)',
} as const;

const PHASE_CODE = { GFL: 0, mixed: 1, 'GMFL-II': 2 } as const;

export function modelOf(p: GrokkingModularParams): ModularModel {
  return { P: p.modulus, N: p.N, sigma_a2: p.sigma_a2, gamma: p.gamma };
}

/** The σ² grid: linear from hi/100 to hi = max(1.5σ_c², 1.2σ²), with σ_c², σ_II² (when > 0) and σ² inserted. */
export function noiseGrid(p: GrokkingModularParams): Float64Array {
  const m = modelOf(p);
  const s2c = sigma2Critical(m);
  const s2II = sigma2II(m);
  const hi = Math.max(1.5 * s2c, 1.2 * p.noise);
  const lo = hi / 100;
  const xs = Array.from({ length: NOISE_POINTS }, (_, i) => lo + ((hi - lo) * i) / (NOISE_POINTS - 1));
  for (const v of [s2c, s2II, p.noise]) if (v > lo && v < hi) xs.push(v);
  return Float64Array.from(new Set(xs)).sort();
}

/** ⟨|w_k|²|v_k|²⟩ of the theory at noise σ², k ≠ 0: ordered droplets p r₊⁴ and prior fluctuations (1 − p)/P². */
export function theoryPower(m: ModularModel, noise: number): number {
  const pt = phaseAt(m, noise);
  return pt.power + (1 - pt.droplet) / (m.P * m.P);
}

export function theoryPart(p: GrokkingModularParams, ctx: RunContext): RunResult {
  const hooks = hooksOf(ctx);
  checkpoint(hooks, 0);
  const m = modelOf(p);
  const grid = noiseGrid(p);
  const a = new Float64Array(grid.length);
  const drop = new Float64Array(grid.length);
  const aGp = new Float64Array(grid.length);
  grid.forEach((s2, i) => {
    const pt = phaseAt(m, s2);
    a[i] = pt.a;
    drop[i] = pt.droplet;
    aGp[i] = nngpDiscrepancy(p.sigma_a2, s2);
  });
  checkpoint(hooks, 0.5);
  const curve = (name: string, label: string, x: Float64Array, y: Float64Array, xLabel: string, yLabel: string): Series => ({
    name,
    source: 'theory',
    label,
    seed: ctx.seed,
    x,
    y,
    xLabel,
    yLabel,
  });
  const eig = nngpEigenvalues(p.modulus, p.sigma_a2);
  const P = p.modulus;
  const power = theoryPower(m, p.noise);
  const series: Series[] = [
    curve('discrepancy', LABELS.adaptive, grid, a, NOISE, DISCREPANCY),
    curve('discrepancy', LABELS.nngp, grid, aGp, NOISE, DISCREPANCY),
    curve('droplet_fraction', LABELS.adaptive, grid, drop, NOISE, DROPLET),
    curve('nngp_eigenvalues', 'closed form (Fourier basis)', Float64Array.of(1, 2, 3), Float64Array.from(eig, (e) => e.value), BLOCK, EIGENVALUE),
    curve(
      'fourier_power',
      `${LABELS.adaptive} at σ² = ${p.noise}`,
      Float64Array.from({ length: P }, (_, k) => k),
      Float64Array.from({ length: P }, (_, k) => (k === 0 ? 1 / (P * P) : power)),
      MODE,
      POWER,
    ),
  ];
  const here = phaseAt(m, p.noise);
  const aEnd = discrepancyAtEnd(m);
  const scalars: Record<string, number> = {
    sigma2_c: sigma2Critical(m),
    sigma2_II: sigma2II(m),
    ...(Number.isFinite(aEnd) ? { a_end: aEnd } : {}),
    u_c: criticalInteraction(p.gamma),
    u: interaction(m, p.noise),
    a_theory: here.a,
    droplet_theory: here.droplet,
    phase_theory: PHASE_CODE[here.phase],
    a_nngp: nngpDiscrepancy(p.sigma_a2, p.noise),
    fourier_power_theory: power,
    nngp_eig_constant: eig[0]!.value,
    nngp_eig_axis: eig[1]!.value,
    nngp_eig_bulk: eig[2]!.value,
  };
  const notes: string[] = [];
  if (!(scalars.sigma2_II! > 0)) notes.push(`σ_II² = σ_c² − 3σ_a²/γ ≤ 0: the mixed phase extends to σ² → 0 and GMFL-II is never reached`);
  checkpoint(hooks, 1);
  return { series, scalars, notes };
}
