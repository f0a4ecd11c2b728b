/**
 * Parameters of `grokking-cubic` (arXiv:2310.03789; docs/theory/grokking-cubic.md): the sizes of the
 * paper's reference network (β = 1: App. C) and `scale` = α = β, the paper's scaling invariance
 * N → βN, d → √β d, σ_a² → σ_a²/√β, σ² → (α/β)σ² = σ², P → αP, which leaves u = P²σ_a²/(σ⁴dN) and the
 * d → ∞ theory unchanged. Mean-field scaling: χ = N, so the actual readout scale is σ_a² = σ̃_a²/N
 * (per-weight variance σ_a²/N) and `noise` is the actual σ².
 */
import { z } from 'zod';
import { checkLangevinSchedule, langevinParams } from '../kit/index.js';
import { AFTER_FIELD_CHECKS, num } from '../param-fields.js';
import { READINGS } from './problem.js';

/** Largest simulated width (N·scale) of a Langevin ensemble. */
export const MAX_SIM_WIDTH = 4096;

export const grokkingCubicParams = z
  .strictObject({
    d: num({ description: 'Input dimension d at scale 1 (App. C: 150); simulated: round(sqrt(scale) d)', default: 150, min: 1, max: 1e6 }),
    N: num({ description: 'Hidden width N at scale 1 (App. C: 700); simulated: round(scale N)', default: 700, min: 1, max: 1e9 }),
    P: num({ description: 'Training samples P at scale 1 (App. C: 3000); simulated: round(scale P)', default: 3000, min: 1, max: 1e9 }),
    sigma_w2: num({ description: 'Input-weight prior sigma_w2: w ~ N(0, sigma_w2 I/d)', default: 0.5, gt: 0, max: 100 }),
    sigma_a2: num({
      description: 'Readout scale sigma~_a^2 at scale 1 (mean-field, chi = N): actual sigma_a^2 = sigma_a2/N, readout weights ~ N(0, sigma_a^2/N); sigma_a^2 -> sigma_a^2/sqrt(scale)',
      default: 8,
      gt: 0,
      max: 1e6,
    }),
    noise: num({ description: 'Noise sigma^2 (actual likelihood variance; unchanged by scale). The transition of App. C is near 0.18', default: 0.15, min: 1e-4, max: 100 }),
    eps: num({ description: 'Teacher y = He1(w*.x) + eps He3(w*.x)', default: -0.3, min: -10, max: 10 }),
    scale: num({ description: 'alpha = beta of the scaling invariance (1 = the sizes as given; 0.125 = the paper\'s smallest ensemble)', default: 0.125, min: 1e-4, max: 64 }),
    reading: z
      .enum(READINGS)
      .default('corrected')
      .describe('corrected: Q11 = sigma_a^2 <4q^2/(pi D)> (reproduces sigma_c^2 = 0.18); printed: App. A.3\'s 2q^2/(pi D) (moves it to about 0.206)'),
    test_size: num({ description: 'Held-out points per chain for the Hermite projections and the test loss', default: 1000, min: 1, max: 100_000, int: true }),
    langevin: langevinParams({
      description: 'Langevin ensemble (unadjusted Langevin sampling the Bayesian posterior, note §8)',
      chains: { description: 'Langevin chains (independent networks, each with its own data set); 0 = theory only', default: 6, max: 256 },
      steps: { description: 'Langevin steps per chain (full-batch epochs), burn-in included', default: 8_000 },
      burn_in: { default: 2_000 },
      thin: { default: 20 },
      step: { description: 'Step-size scale c: eta_l = c / (stiffness of layer l); 0 = automatic (0.2/(1 + 3 chi/N) = 0.05 in mean-field)', max: 1 },
    }),
  })
  .superRefine((p, ctx) => {
    const s = scaledSizes(p);
    for (const [key, v] of [
      ['d', s.d],
      ['N', s.N],
      ['P', s.P],
    ] as const) {
      if (v < 1) ctx.addIssue({ code: 'custom', path: [key], message: `scale = ${p.scale} leaves ${key} = ${v} at the simulated size; it must be at least 1` });
    }
    checkLangevinSchedule(p.langevin, ctx);
    if (p.langevin.chains > 0 && s.N > MAX_SIM_WIDTH) {
      ctx.addIssue({ code: 'custom', path: ['N'], message: `the Langevin ensemble simulates at most ${MAX_SIM_WIDTH} neurons (scale N = ${s.N}); set langevin.chains = 0 for the theory alone` });
    }
  }, AFTER_FIELD_CHECKS)
  .describe('Grokking of a cubic teacher by an erf network: adaptive-kernel phases beside Langevin ensembles');

export type GrokkingCubicParams = z.output<typeof grokkingCubicParams>;

/** The simulated sizes: N, d, P rounded after scaling; actual σ_a² = (σ̃_a²/N)/√scale; σ² unchanged. */
export function scaledSizes(p: Pick<GrokkingCubicParams, 'd' | 'N' | 'P' | 'sigma_a2' | 'scale'>) {
  const N = Math.round(p.scale * p.N);
  const d = Math.round(Math.sqrt(p.scale) * p.d);
  const P = Math.round(p.scale * p.P);
  const sa2 = p.sigma_a2 / p.N / Math.sqrt(p.scale);
  return { N, d, P, sa2 };
}
