/**
 * The estimated cost of a `grokking-modular` run: the closed forms are free; each Langevin step
 * costs about 3·N·P³ multiply-adds (forward over the P² pairs and P outputs, then the backward
 * pass), plus 4·N·P² for the sextic regulariser's DFTs, at about 8 ns each as measured by the bench.
 */
import type { CostTerm } from '../model-kind.js';
import type { GrokkingModularParams } from './params.js';

export const NS_PER_OPERATION = 8;

export function operationsPerStep(P: number, N: number): number {
  return 3 * N * P ** 3 + 4 * N * P * P + 3 * N * P;
}

export function grokkingModularCost(p: GrokkingModularParams): CostTerm[] {
  const steps = p.langevin.chains * p.langevin.steps;
  const perStep = operationsPerStep(p.modulus, p.N);
  return [
    { what: 'closed-form phase diagram points', count: 250, seconds: 1e-3 },
    { what: 'Langevin chains·steps', count: steps, seconds: steps * perStep * NS_PER_OPERATION * 1e-9 },
  ];
}
