/**
 * The estimated cost of an `interaction-kernel` run (`ModelKind.cost`), in seconds on one core:
 * each fit forms the normal equations in O(M N ((N-1)(s+1))^2 d) (about 4 ns per unit, with the
 * sampling and the forward map) and solves an n x n eigenproblem and Cholesky system in about
 * 3 n^3 flops (1 ns each). Rough to a factor of a few.
 */
import type { CostTerm } from '../model-kind.js';
import { type InteractionKernelParams, biasVarianceIntervals, designIntervals, sampleSizes } from './params.js';

const NS_PER_UNIT = 4;
const NS_PER_FLOP = 1;

export function interactionKernelCost(p: InteractionKernelParams): CostTerm[] {
  const fits: { M: number; K: number; reps: number }[] = sampleSizes(p).map((M) => ({ M, K: designIntervals(M, p.beta, p.basis.c, p.basis.degree), reps: p.reps }));
  if (p.bias_variance.enabled) for (const K of biasVarianceIntervals(p)) fits.push({ M: p.bias_variance.M, K, reps: p.bias_variance.reps });
  let units = 0;
  let flops = 0;
  for (const { M, K, reps } of fits) {
    const touched = Math.min((p.N - 1) * (p.basis.degree + 1), K * (p.basis.degree + 1));
    const n = K * (p.basis.degree + 1);
    units += reps * M * p.N * (p.N * p.d + touched * touched * p.d);
    flops += reps * 3 * n * n * n;
  }
  return [
    { what: 'normal equations M·N·touched²·d over fits', count: units, seconds: units * NS_PER_UNIT * 1e-9 },
    { what: 'eigenvalues and solve 3n³ over fits', count: flops, seconds: flops * NS_PER_FLOP * 1e-9 },
  ];
}
