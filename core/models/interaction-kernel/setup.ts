/**
 * What every part of a run shares: the exploration measure rho, the weight of the error norm
 * (rho itself for the static form; ((N-1)/N)^2 r^2 rho(r) for the dynamics form, so that a
 * dynamics kernel is measured in the norm of the static kernel it is equivalent to), the true
 * kernel and the coercivity constant c_L = 1/(N-1).
 */
import { PiecewisePolynomialBasis, quantileKnots, uniformKnots } from '../../numerics/splines/index.js';
import { type ExplorationMeasure, explorationMeasure } from './laws.js';
import { type TrueKernel, trueKernel } from './kernels.js';
import type { InteractionKernelParams } from './params.js';

export interface Setup {
  p: InteractionKernelParams;
  rho: ExplorationMeasure;
  /** The weight w of the basis's orthonormality and of the error norm. */
  weight: (r: number) => number;
  kernel: TrueKernel;
  /** Coercivity constant c_L = 1/(N-1) (i.i.d. particles); taming fires when lambda_min <= c_L / 4. */
  cL: number;
}

export function buildSetup(p: InteractionKernelParams, seed: number): Setup {
  const rho = explorationMeasure(p.law, p.d, { seed, samples: p.rho_samples });
  const f = (p.N - 1) / p.N;
  const weight = p.form === 'static' ? rho.density : (r: number) => f * f * r * r * rho.density(r);
  return { p, rho, weight, kernel: trueKernel(p.kernel), cL: 1 / (p.N - 1) };
}

/** The L2(w)-orthonormal piecewise-polynomial basis on K intervals of [0, R]. */
export function basisFor(setup: Setup, K: number): PiecewisePolynomialBasis {
  const { rho, p } = setup;
  const knots = p.basis.knots === 'quantile' ? quantileKnots(K, rho.quantile, 0, rho.R) : uniformKnots(K, 0, rho.R);
  try {
    return new PiecewisePolynomialBasis({ knots, degree: p.basis.degree, weight: setup.weight, breakpoints: rho.breakpoints });
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new RangeError(`cannot build the basis of ${K} intervals of degree ${p.basis.degree} (${why}); quantile knots or fewer intervals avoid empty intervals`);
  }
}

/** Quadrature of the error norm: 12 Gauss–Legendre points on pieces no longer than the kernel's feature size / 4 (at least 2048 pieces, at most 65536). */
export function errorQuadrature(setup: Setup, K: number): { points: number; sub: number } {
  const pieces = Math.min(65536, Math.max(2048, Math.ceil((4 * setup.rho.R) / setup.kernel.feature)));
  return { points: 12, sub: Math.max(1, Math.ceil(pieces / K)) };
}
