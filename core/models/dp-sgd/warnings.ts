/** Warnings about `dp-sgd` parameters that are valid but outside the guarantees or costly. */
import type { DpSgdParams } from './params.js';
import { setup } from './setup.js';

export function warnings(p: DpSgdParams): string[] {
  const s = setup(p);
  const out = [...s.spectrum.warnings];
  const etaMax = p.lr.eta; // both schedule shapes are at most 1
  const typical = etaMax * s.aspect * s.spectrum.mean; // eta_k ||x||^2 ~ eta~ (d/n) mean(lambda)
  if (p.clip.enabled && s.sigma0 > 0 && p.privacy.accounting === 'last_iterate' && typical > 1.5) {
    out.push(
      `eta (d/n) mean(lambda) = ${typical.toPrecision(3)}: steps with eta_k ||x_k||^2 > 2 are likely, and the last-iterate ` +
        'rho assumes non-expansive steps (the simulation counts violations)',
    );
  }
  if (!p.clip.enabled && (p.privacy.sigma > 0 || p.privacy.calibration === 'rho')) {
    out.push('clipping is off: the privacy noise gives no privacy guarantee (unbounded sensitivity)');
  }
  if (s.spectrum.min === 0) {
    out.push('some eigenvalues are zero: the upper bound (lambda_min ODE) has no contraction and grows with t');
  }
  const work = p.d * s.n;
  if (work > 5e9) out.push(`each DP-SGD replica costs about d n = ${work.toPrecision(2)} multiply-adds (minutes or more)`);
  return out;
}

