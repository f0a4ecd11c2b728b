/**
 * A Langevin chain of `grokking-modular` as a replica part: the quadratic network on the full table
 * (./quadratic-chain.ts), its Fourier power and discrepancy trace as replica curves, its posterior
 * mean on the table packed for the merge.
 */
import { hooksOf } from '../kit/index.js';
import type { RunContext, RunResult, Series } from '../model-kind.js';
import { DISCREPANCY, MODE, POWER, STEP } from './outputs.js';
import type { GrokkingModularParams } from './params.js';
import { type ChainStart, type QuadraticNet, discrepancyCoefficient, modularTarget, runModularChain } from './quadratic-chain.js';

/** The automatic step factor. */
export const AUTO_STEP = 0.2;

/** Internal series of a chain part (read by the merge, never stored). */
export const INTERNAL = { fMean: '_f_mean' } as const;

export function netOf(p: GrokkingModularParams): QuadraticNet {
  return { P: p.modulus, N: p.N, sigma_a2: p.sigma_a2, noise: p.noise, gamma: p.langevin.regulariser === 'sextic' ? p.gamma : 0 };
}

export function startOf(p: GrokkingModularParams): ChainStart {
  return p.langevin.start === 'ordered' ? { kind: 'ordered', r2: Math.sqrt(3 / p.gamma) } : { kind: 'prior' };
}

export function chainPart(p: GrokkingModularParams, chain: number, ctx: RunContext): RunResult {
  const P = p.modulus;
  const r = runModularChain(
    netOf(p),
    { steps: p.langevin.steps, burnIn: p.langevin.burn_in, thin: p.langevin.thin, factor: p.langevin.step > 0 ? p.langevin.step : AUTO_STEP },
    {
      seed: ctx.seed,
      chain,
      start: startOf(p),
      hooks: hooksOf(ctx),
      onProgress: (s) =>
        ctx.partial?.({ series: [], scalars: { a_simulation: s.discrepancy }, note: `chain ${chain}: step ${s.step}, ${s.samples} samples` }),
    },
  );
  const y = modularTarget(P);
  const label = `Langevin chain ${chain}`;
  const series: Series[] = [
    {
      name: 'discrepancy_trace',
      source: 'simulation',
      label,
      seed: ctx.seed,
      replica: chain,
      x: r.trace.step,
      y: r.trace.discrepancy,
      xLabel: STEP,
      yLabel: DISCREPANCY,
    },
    {
      name: 'fourier_power',
      source: 'simulation',
      label,
      seed: ctx.seed,
      replica: chain,
      x: Float64Array.from({ length: P }, (_, k) => k),
      y: r.power,
      xLabel: MODE,
      yLabel: POWER,
    },
    {
      name: INTERNAL.fMean,
      source: 'simulation',
      replica: chain,
      x: Float64Array.from({ length: r.fMean.length }, (_, k) => k),
      y: r.fMean,
      xLabel: 'index',
      yLabel: 'f',
    },
  ];
  ctx.progress(1);
  return {
    series,
    scalars: {
      a_first: discrepancyCoefficient(r.fFirst, y),
      a_second: discrepancyCoefficient(r.fSecond, y),
      samples: r.samples,
      step_w: r.stepW,
      step_a: r.stepA,
    },
  };
}
