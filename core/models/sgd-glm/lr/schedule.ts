/**
 * Deterministic schedule gamma(t) = gamma (1 + t / t0)^(-power); the theory replaces gamma by
 * gamma(t) (arXiv:2308.08977 Thm 1.1 covers deterministic schedules), SGD uses gamma(k / d).
 */
import type { LrPolicy } from './types.js';

export function schedulePolicy(gamma: number, t0: number, power: number): LrPolicy {
  const at = (t: number) => gamma * Math.pow(1 + t / t0, -power);
  return {
    id: 'schedule',
    needsOracle: false,
    needsGradNorm: false,
    theoryStates: 0,
    initialStates: () => undefined,
    gamma: (_s, view) => at(view.t),
    rates: () => undefined,
    gammaBound: gamma,
    controller: (d) => ({ step: (k) => at(k / d), current: (k) => at(k / d) }),
  };
}
