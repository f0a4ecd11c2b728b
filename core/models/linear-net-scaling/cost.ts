/**
 * The estimated cost of a `linear-net-scaling` run: the theory (a d×d or P×P eigenproblem, the
 * mixture's quadrature along the χ grid, the closure's annealing) and the Langevin chains, each
 * step O((P + N)d) for the linear network (about 2 ns per multiply-add and 8 ns per normal drawn).
 */
import type { CostTerm } from '../model-kind.js';
import type { LinearNetScalingParams } from './params.js';
import { CHI_GRID, CLOSURE_MAX_D } from './theory.js';

export function linearNetScalingCost(p: LinearNetScalingParams): CostTerm[] {
  const r = Math.min(p.P, p.d);
  const m = Math.min(p.P, p.d);
  const theory = p.P * p.d * m + m ** 3 + CHI_GRID * 1400 * r + (p.d <= CLOSURE_MAX_D ? 3000 * p.d ** 3 : 0);
  const steps = p.langevin.chains * p.langevin.steps;
  const perStep = (2 * p.P + 4 * p.N) * p.d * 2 + 8 * (p.N * p.d + p.N);
  const record = (p.langevin.chains * p.langevin.steps * (p.test_size * p.d + p.N * p.d * p.d)) / p.langevin.thin;
  return [
    { what: 'theory operations', count: theory, seconds: theory * 5e-9 },
    { what: 'Langevin chains·steps', count: steps, seconds: (steps * perStep + record * 2) * 1e-9 },
  ];
}
