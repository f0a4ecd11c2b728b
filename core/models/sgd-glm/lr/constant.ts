/** Constant learning rate gamma (arXiv:2308.08977 Thm 1.1). */
import type { LrPolicy, SgdLrController } from './types.js';

export function constantPolicy(gamma: number): LrPolicy {
  const controller: SgdLrController = { step: () => gamma, current: () => gamma };
  return {
    id: 'constant',
    needsOracle: false,
    needsGradNorm: false,
    theoryStates: 0,
    initialStates: () => undefined,
    gamma: () => gamma,
    rates: () => undefined,
    gammaBound: gamma,
    controller: () => controller,
  };
}
