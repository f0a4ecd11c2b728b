/**
 * Idealised exact line search on the population risk (arXiv:2405.19585 §3, App. E–F; note §1.4):
 * the rate that minimises the deterministic risk decrease dR/dt = -gamma |grad R|^2
 * + (gamma^2 / 2) (tr(K grad^2 R) / d) I(B), i.e. half the risk-descent threshold,
 *   gamma = |grad R|^2 / ((tr K^2 / d) e_xx I(B)),
 * using tr(K grad^2 R)/d -> e_xx tr K^2 / d. Least squares (e_xx = 1, I = 2R):
 * gamma = |K(theta - theta*)|^2 / (2 (tr K^2 / d) R), HL §3.3. The same formula is evaluated at the
 * exact population quantities of each SGD iterate (the "idealised" algorithm needs K and theta*).
 * Zero where I(B) = 0 (at the minimiser of noiseless least squares).
 */
import type { LrPolicy, LrView } from './types.js';

export function lineSearchGamma(view: LrView): number {
  const den = view.meanLambda2 * view.exx * view.fisher;
  return den > 0 && view.grad2 > 0 ? view.grad2 / den : 0;
}

export function lineSearchPolicy(): LrPolicy {
  return {
    id: 'line_search',
    needsOracle: true,
    needsGradNorm: false,
    theoryStates: 0,
    initialStates: () => undefined,
    gamma: (_s, view) => lineSearchGamma(view),
    rates: () => undefined,
    gammaBound: Number.NaN,
    controller: () => ({ step: (_k, _q, view) => lineSearchGamma(view), current: (_k, view) => lineSearchGamma(view) }),
  };
}
