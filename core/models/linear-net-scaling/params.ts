/**
 * Parameters of the `linear-net-scaling` kind: the two-layer linear network f(x) = Σ_i a_i w_i·x
 * at any scaling χ between 1 (standard) and N (mean-field), its exact posterior (a Gamma mixture
 * of the NNGP), the saddle point and tree level, beside a Langevin ensemble (field-theory note
 * §1, §4, §5.3, §8). Symbols: σ_w² = `sigma_w2` (w_i ~ N(0, σ_w² I/d)), σ̃_a² = `sigma_a2`
 * (a_i ~ N(0, σ̃_a²/(Nχ))), σ̃² = `noise` (the likelihood's variance is σ̃²/χ).
 * `linearNetScalingParams.parse({})` yields the full defaults (the note's §5.3 setting).
 */
import { z } from 'zod';
import { checkLangevinSchedule, checkTablePath, langevinParams, syntheticTargetParams, tableDataParams } from '../kit/index.js';
import { AFTER_FIELD_CHECKS, num } from '../param-fields.js';

/** Largest P·d and d the theory and the simulation hold (dense d×d and P×d arrays). */
export const MAX_PD = 20_000_000;
export const MAX_D = 2000;

export const linearNetScalingParams = z
  .strictObject({
    d: num({ description: 'Input dimension d', default: 8, min: 1, max: MAX_D, int: true }),
    P: num({ description: 'Training samples P (the first P train rows of a file)', default: 12, min: 1, max: 1_000_000, int: true }),
    N: num({ description: 'Width N (hidden units)', default: 12, min: 1, max: 100_000, int: true }),
    chi: num({
      description: 'Scaling χ: 1 = standard (NNGP) scaling, N = mean-field; readout prior σ̃_a²/(Nχ), noise σ̃²/χ',
      default: 1,
      gt: 0,
      max: 1e6,
    }),
    sigma_w2: num({ description: 'σ_w²: input weights w_i ~ N(0, σ_w² I/d)', default: 1, gt: 0, max: 1e6 }),
    sigma_a2: num({ description: 'σ̃_a²: readout weights a_i ~ N(0, σ̃_a²/(Nχ))', default: 1, gt: 0, max: 1e6 }),
    noise: num({ description: 'σ̃²: the GP noise; the likelihood variance is σ̃²/χ', default: 0.1, gt: 0, max: 1e6 }),
    target: syntheticTargetParams({
      description: 'The synthetic target (data.source = synthetic)',
      kind:
        'Synthetic target on x ~ N(0, I_d): linear (y = w*·x/√d, w* ~ N(0, I_d), the note\'s §5.3 task), hermite ' +
        '(y = He_k(ŵ*·x)/√k!, unit ŵ*, k = target.degree), teacher (a width-N linear network drawn from the prior at χ = 1)',
      degree: { description: 'hermite: the degree k of He_k', default: 1, max: 8 },
    }),
    test_size: num({ description: 'Test points (the first test_size test rows of a file)', default: 100, min: 0, max: 1_000_000, int: true }),
    data: tableDataParams({
      source: 'synthetic: Gaussian inputs and target.kind; file: a CSV at data.path',
      path:
        'file: a CSV with a header, columns x1..xd then y, and optionally split (1 = train, 0 = test; or train | test); ' +
        'without split, a seeded random split into P train and test_size test rows',
    }),
    langevin: langevinParams({
      description: 'The Langevin ensemble (unadjusted Langevin sampling the same posterior; note §8)',
      chains: { default: 8, max: 1024 },
      steps: { default: 60_000 },
      burn_in: { description: 'Steps discarded before the first sample', default: 15_000 },
      thin: { description: 'Keep every thin-th state after the burn-in', default: 10 },
      step: {
        description:
          'Step factor c: each layer steps by c / (its stiffness: prior precision + top data curvature at prior weights); ' +
          '0 = automatic, c = 0.2/(1 + 3χ/N)',
        max: 2,
      },
    }),
  })
  .superRefine((p, ctx) => {
    checkLangevinSchedule(p.langevin, ctx);
    if ((p.P + p.test_size) * p.d > MAX_PD) {
      ctx.addIssue({ code: 'custom', path: ['P'], message: `(P + test_size)·d = ${(p.P + p.test_size) * p.d} exceeds ${MAX_PD}` });
    }
    if (p.N * p.d > MAX_PD) ctx.addIssue({ code: 'custom', path: ['N'], message: `N·d = ${p.N * p.d} exceeds ${MAX_PD}` });
    checkTablePath(p.data, ctx);
    if (p.data.source !== 'file' && p.data.path !== '') {
      ctx.addIssue({ code: 'custom', path: ['data', 'path'], message: 'is read only with data.source = file (set data.source=file, or leave data.path empty)' });
    }
  }, AFTER_FIELD_CHECKS)
  .describe('Two-layer linear network between standard and mean-field scaling: exact posterior, saddle point, Langevin ensemble');

export type LinearNetScalingParams = z.output<typeof linearNetScalingParams>;
