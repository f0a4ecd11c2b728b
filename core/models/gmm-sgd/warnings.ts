/** Warnings about `gmm-sgd` parameters that are valid but costly or outside the theory's comfort. */
import type { GmmSgdParams } from './params.js';
import { buildMixture } from './problem.js';

export function warnings(p: GmmSgdParams): string[] {
  const out: string[] = [];
  if (p.loss === 'least_squares') {
    // Mean eigenvalue of the pooled second moment (the rank-C mean part is O(1/d)).
    const mix = buildMixture(p, 0);
    if (mix.meanLambda > 0 && p.lr.gamma >= 2 / mix.meanLambda) {
      out.push(`gamma = ${p.lr.gamma} is at or above 2 / mean(lambda) = ${(2 / mix.meanLambda).toPrecision(4)}: least squares diverges`);
    }
  }
  const work = p.T * p.d * p.d;
  if (work > 2e10) out.push(`each SGD replica costs about T d^2 = ${work.toPrecision(2)} multiply-adds (minutes or more)`);
  if (p.means.kind === 'random' && p.classes * p.d > 2e6) {
    out.push(`the ODE carries ${p.classes} mean directions over d = ${p.d} coordinates: each evaluation costs C d = ${p.classes * p.d}`);
  }
  if (p.spectrum.kind === 'power_law') {
    const maxA = Math.max(p.spectrum.exponent, p.spectrum.exponent + p.spectrum.exponent_spread);
    if (maxA > 6) out.push(`power-law exponent ${maxA} makes most variances tiny ((1/2)^${maxA} at the median coordinate)`);
  }
  return out;
}

