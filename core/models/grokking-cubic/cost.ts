/**
 * The estimated cost of a run, term by term, in seconds on one core: the theory (about 60 ms per
 * finite-d point, 26 points, plus the phase diagram) and the Langevin chains (per step about
 * 2 P N d multiply-adds of the forward and backward passes plus P N erf evaluations, about 1 ns per
 * multiply-add and 15 ns per erf; per recorded sample the held-out forward pass T N d and the
 * overlaps N d). Rough to a factor of two; see test/bench/grokking-cubic.ts.
 */
import type { CostTerm } from '../model-kind.js';
import { type GrokkingCubicParams, scaledSizes } from './params.js';

const NS_PER_MAC = 1;
const NS_PER_ERF = 15;

export function grokkingCubicCost(p: GrokkingCubicParams, _replicas: number): CostTerm[] {
  const { N, d, P } = scaledSizes(p);
  const perStep = 2 * P * N * d * NS_PER_MAC + P * N * NS_PER_ERF;
  const samples = Math.max(0, Math.floor((p.langevin.steps - p.langevin.burn_in) / p.langevin.thin));
  const perSample = (p.test_size * N * d + 2 * N * d) * NS_PER_MAC + p.test_size * N * NS_PER_ERF;
  const chainNs = p.langevin.chains * (p.langevin.steps * perStep + samples * perSample);
  return [
    { what: 'theory: finite-d self-consistency at 26 noise levels', count: 26, seconds: 26 * 0.06 + 0.2 },
    { what: 'Langevin steps·P·N·d·chains', count: p.langevin.chains * p.langevin.steps * P * N * d, seconds: chainNs * 1e-9 },
  ];
}
