/**
 * Polyak-type rate, greedy in the distance to theta* (arXiv:2405.19585 App. E, eqs. 87–89; note
 * §1.4): |theta - theta*|^2 obeys dD/dt = -2 gamma A(B) + gamma^2 mean(lambda) I(B) with
 * A = E[(x - x*) df/dr] = (a - c) e_xx + (c - b) e_x* = P e_xx + C (e_xx + e_x*) (Stein), so
 *   gamma = A / (mean(lambda) I(B)).
 * Least squares: A = 2R - omega^2, gamma = (2R - omega^2) / (2 mean(lambda) R); noiseless 1/mean(lambda).
 * Clamped at 0 (A < 0 cannot occur for convex losses).
 */
import type { LrPolicy, LrView } from './types.js';

export function polyakGamma(view: LrView): number {
  const A = view.P * view.exx + view.C * (view.exx + view.exs);
  const den = view.meanLambda * view.fisher;
  return den > 0 && A > 0 ? A / den : 0;
}

export function polyakPolicy(): LrPolicy {
  return {
    id: 'polyak',
    needsOracle: true,
    needsGradNorm: false,
    theoryStates: 0,
    initialStates: () => undefined,
    gamma: (_s, view) => polyakGamma(view),
    rates: () => undefined,
    gammaBound: Number.NaN,
    controller: () => ({ step: (_k, _q, view) => polyakGamma(view), current: (_k, view) => polyakGamma(view) }),
  };
}
