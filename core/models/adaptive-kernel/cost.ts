/**
 * The estimated cost of an adaptive-kernel run, term by term, in seconds on one core: the EoS
 * (about 12 evaluations per path point, each about 4 P^2 d + P^3 + 2 d^3 multiply-adds at about
 * 1 ns each) and the Langevin chains (steps x 4 P N d multiply-adds at about 1 ns; linear nets
 * (P + N) d per step). Rough to a factor of a few.
 */
import type { CostTerm } from '../model-kind.js';
import type { AdaptiveKernelParams } from './params.js';

const NS_PER_FLOP = 1;

export function adaptiveKernelCost(p: AdaptiveKernelParams, _replicas: number): CostTerm[] {
  const start = p.solver.anneal === 'width' ? p.solver.width_start <= p.N : p.solver.chi_start >= p.chi;
  const points = start ? 1 : p.solver.path_points;
  const evals = 12 * points;
  const perEval = 4 * p.P * p.P * p.d + p.P ** 3 + 2 * p.d ** 3;
  const perStep = p.activation === 'linear' ? 4 * (p.P + p.N) * p.d : 4 * p.P * p.N * p.d;
  const chainWork = p.langevin.chains * p.langevin.steps * perStep;
  return [
    { what: 'EoS evaluations·(P²d + P³)', count: evals * perEval, seconds: evals * perEval * NS_PER_FLOP * 1e-9 },
    { what: 'Langevin steps·P·N·d·chains', count: chainWork, seconds: chainWork * NS_PER_FLOP * 1e-9 },
  ];
}
