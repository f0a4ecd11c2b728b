/** Warnings about `attention-pairwise` parameters that are valid but outside the theory's assumptions. */
import { type AttentionParams, sampleSizes } from './params.js';

export function warnings(p: AttentionParams): string[] {
  const out: string[] = [];
  const sizes = sampleSizes(p);
  const bound = (M: number) => (M / Math.log(M)) ** (1 / (2 * p.beta + 1));
  const Mmin = sizes[0]!;
  const Mmax = sizes[sizes.length - 1]!;
  if (p.estimator === 'joint' && p.rank * p.d > bound(Mmin)) {
    out.push(
      `r d = ${p.rank * p.d} exceeds (M / log M)^(1/(2 beta + 1)) = ${bound(Mmin).toFixed(2)} at M = ${Mmin}` +
        (p.rank * p.d > bound(Mmax) ? ` and ${bound(Mmax).toFixed(2)} at M = ${Mmax}` : ` (not at M = ${Mmax}: ${bound(Mmax).toFixed(2)})`) +
        ': where it does, the error of estimating A (about r d log M / M) may dominate and steepen the curve (note check A6)',
    );
  }
  if (p.phi.kind === 'random_spline' && Math.abs(p.beta - (p.phi.degree - 1)) > 1e-12) {
    out.push(`phi* is a random spline of degree ${p.phi.degree} (smoothness p - 1 = ${p.phi.degree - 1}) but the design uses beta = ${p.beta}`);
  }
  if (p.basis.knots === 'uniform') out.push('uniform breakpoints leave few pairs in the outer intervals of u; the note recommends quantile breakpoints');
  if (p.truncation === 0 && p.law === 'gaussian') out.push('truncation 0 takes L from 4096 pairs of Gaussian tokens, whose u is unbounded: a fresh pair may exceed it');
  if (sizes.length < 3) out.push(`only ${sizes.length} sample size${sizes.length === 1 ? '' : 's'}: the slope is not fitted with fewer than 2 and is poorly determined with 2`);
  return out;
}
