/** Warnings about `interaction-kernel` parameters that are valid but outside the theory's assumptions or costly. */
import { hasClosedForm } from './laws.js';
import type { InteractionKernelParams } from './params.js';

export function warnings(p: InteractionKernelParams): string[] {
  const out: string[] = [];
  if (p.beta < 0.25) out.push(`beta = ${p.beta} < 1/4: the upper bound of arXiv:2311.16852 (v2) is stated for beta >= 1/4`);
  if (p.basis.degree < Math.ceil(p.beta) - 1) {
    out.push(`degree s = ${p.basis.degree} < ceil(beta) - 1 = ${Math.ceil(p.beta) - 1}: piecewise polynomials of this degree cannot reach the approximation order beta`);
  }
  if (p.basis.knots === 'uniform' && p.law === 'uniform') {
    out.push('uniform knots with uniform particles: rho vanishes at the far end of its support, the orthonormalised edge functions grow large and taming may fire; quantile knots avoid it');
  }
  if (p.kernel.kind === 'weierstrass' && Math.abs(p.kernel.smoothness - p.beta) > 1e-12) {
    out.push(`the kernel's smoothness ${p.kernel.smoothness} differs from the design beta = ${p.beta}: the measured slope follows the slower of the two once the bias dominates`);
  }
  if (p.noise === 0) out.push('noise = 0: the error is the approximation error alone and does not follow the minimax rate');
  if (!hasClosedForm(p.law, p.d)) out.push(`uniform particles in d = ${p.d}: rho is estimated from ${p.rho_samples} Monte Carlo pair distances`);
  const work = p.reps * p.M_max * p.N * (p.N - 1) * (p.N - 1) * (p.basis.degree + 1) ** 2 * p.d;
  if (work > 5e10) out.push(`the largest M alone costs about ${work.toPrecision(2)} multiply-adds over its repetitions (minutes or more)`);
  return out;
}
