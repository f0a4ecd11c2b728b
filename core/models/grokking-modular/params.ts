/**
 * Parameters of the `grokking-modular` kind: modular addition mod a prime P learned by the
 * quadratic network f_p(x) = Σ_i a_pi (w_i·x)² on the full table of P² pairs (arXiv:2310.03789 §4;
 * docs/theory/grokking-modular.md). Symbols as in the paper: σ_a² = `sigma_a2` (readout
 * a_pi ~ N(0, σ_a²/N), the value already divided by χ; Fig. 3 uses 0.002/N), σ² = `noise`,
 * γ = `gamma` (sextic regulariser Γ = Σ_k P(γ/6)(|w_k|⁶ + |v_k|⁶)); input weights have unit
 * prior variance. `grokkingModularParams.parse({})` yields the full defaults.
 */
import { z } from 'zod';
import { checkLangevinSchedule, langevinParams } from '../kit/index.js';
import { AFTER_FIELD_CHECKS, num } from '../param-fields.js';

/** Largest modulus the Langevin simulation runs (its cost per step is N·P³). */
export const MAX_SIM_MODULUS = 53;
/** Largest width the Langevin simulation runs (the theory takes any N). */
export const MAX_SIM_WIDTH = 4096;
export const REGULARISERS = ['sextic', 'weight_decay'] as const;
export const STARTS = ['prior', 'ordered'] as const;

export function isPrime(n: number): boolean {
  if (!Number.isInteger(n) || n < 2) return false;
  for (let q = 2; q * q <= n; q++) if (n % q === 0) return false;
  return true;
}

export const grokkingModularParams = z
  .strictObject({
    modulus: num({ description: 'The modulus P (a prime): the task is (n + m) mod P on all P² pairs', default: 7, min: 3, max: 100_003, int: true }),
    N: num({ description: 'Width N (hidden units; the Langevin simulation needs N <= 4096)', default: 32, min: 1, max: 1e9, int: true }),
    sigma_a2: num({ description: 'σ_a²: readout weights a_pi ~ N(0, σ_a²/N) (Fig. 3: 0.002/N)', default: 0.05, min: 1e-15, max: 1e6 }),
    gamma: num({ description: 'γ: the sextic regulariser Γ = Σ_k P(γ/6)(|w_k|⁶ + |v_k|⁶) of each neuron', default: 3, min: 1e-12, max: 1e6 }),
    noise: num({ description: 'σ²: the likelihood noise variance (the Langevin temperature)', default: 0.2, min: 1e-8, max: 1e6 }),
    langevin: langevinParams(
      {
        description: 'Langevin ensemble of the quadratic network on the full table (note §8: temperature σ², weight decay matching the prior)',
        chains: { default: 2, max: 256 },
        steps: { default: 4000 },
        burn_in: { description: 'Steps discarded before the first sample (the step sizes adapt during it)', default: 1000 },
        thin: { description: 'Keep every thin-th state after the burn-in', default: 5 },
        step: { description: 'Step factor c: each layer steps by c / (its stiffness bound at the current weights); 0 = automatic (0.2)', max: 1 },
      },
      {
        regulariser: z
          .enum(REGULARISERS)
          .default('sextic')
          .describe('sextic: the theory’s Fourier-space Γ added to the weight decay (exact, through DFTs); weight_decay: plain weight decay only'),
        start: z
          .enum(STARTS)
          .default('prior')
          .describe('prior: weights drawn from the prior; ordered: every Fourier mode k ≠ 0 at |w_k|² = |v_k|² = √(3/γ) (the droplet radius), random phases'),
      },
    ),
  })
  .superRefine((p, ctx) => {
    if (!isPrime(p.modulus)) {
      ctx.addIssue({ code: 'custom', path: ['modulus'], message: `must be a prime (got ${p.modulus}): the Fourier symmetry of the table needs a field` });
    }
    if (p.langevin.chains > 0 && p.modulus > MAX_SIM_MODULUS) {
      ctx.addIssue({
        code: 'custom',
        path: ['modulus'],
        message: `the Langevin simulation runs moduli <= ${MAX_SIM_MODULUS} (got ${p.modulus}); set langevin.chains = 0 for the theory alone`,
      });
    }
    if (p.langevin.chains > 0 && p.N > MAX_SIM_WIDTH) {
      ctx.addIssue({
        code: 'custom',
        path: ['N'],
        message: `the Langevin simulation runs N <= ${MAX_SIM_WIDTH} neurons (got ${p.N}); set langevin.chains = 0 for the theory alone`,
      });
    }
    checkLangevinSchedule(p.langevin, ctx);
  }, AFTER_FIELD_CHECKS)
  .describe('Grokking modular addition: closed-form phase diagram beside Langevin-trained quadratic networks');

export type GrokkingModularParams = z.output<typeof grokkingModularParams>;
