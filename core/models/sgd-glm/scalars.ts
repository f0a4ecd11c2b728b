/**
 * Scalars of a run derived from the parameters and the theory curves: the least-squares critical
 * learning rate and floor, and the limiting learning rates of the adaptive policies where a
 * closed form exists (./limits.ts).
 */
import type { Spectrum } from '../../numerics/spectra.js';
import { adagradLimitBracket, lineSearchTwoLevelLimit, rmspropNoisyLimit } from './limits.js';
import type { SgdGlmParams } from './params.js';
import { theoryInitial } from './signal.js';
import { leastSquaresRiskLimit } from './ode.js';

export function parameterScalars(p: SgdGlmParams, spectrum: Spectrum): { scalars: Record<string, number>; notes: string[] } {
  const scalars: Record<string, number> = { mean_eigenvalue: spectrum.mean };
  const notes: string[] = [];
  if (p.problem !== 'least_squares') return { scalars, notes };
  const mean = spectrum.mean;
  const omega = p.noise;
  const gammaCritical = mean > 0 ? 2 / mean : Number.POSITIVE_INFINITY;
  if (Number.isFinite(gammaCritical)) scalars.gamma_critical = gammaCritical;
  else notes.push('K = 0: no critical learning rate');
  const lr = p.lr;
  switch (lr.policy) {
    case 'constant':
      if (lr.gamma < gammaCritical) scalars.risk_limit_theory = leastSquaresRiskLimit(lr.gamma, mean, omega);
      break;
    case 'adagrad_norm':
      if (omega === 0 && mean > 0) {
        // Delta = |e_0|^2 - |e_inf|^2: modes with lambda = 0 keep their error.
        const init = theoryInitial(p.signal, spectrum.distinct, p.init, p.init_signal);
        let delta = 0;
        for (let j = 0; j < spectrum.distinct.length; j++) if (spectrum.distinct[j] > 0) delta += spectrum.weights[j] * init.d0[j];
        const br = adagradLimitBracket(lr.eta, lr.b, mean, delta);
        scalars.lr_limit_upper = br.upper;
        if (br.lower > 0) scalars.lr_limit_lower = br.lower;
      } else if (omega > 0) {
        scalars.lr_asymptote = lr.eta / Math.sqrt(lr.b * lr.b + mean * omega * omega * p.T);
        notes.push(
          'lr_asymptote: eta / sqrt(b^2 + mean(lambda) omega^2 T), the large-T form of the noisy AdaGrad-Norm rate ' +
            '(arXiv:2405.19585 Prop. 4.3: gamma_t sqrt(b^2 + mean(lambda) omega^2 t) -> eta); at finite T the early ' +
            'transient adds to the integral of I(B), so the ODE rate at T lies below it and approaches it slowly',
        );
      }
      break;
    case 'rmsprop_norm':
      if (omega > 0 && mean > 0) scalars.lr_limit = rmspropNoisyLimit(lr.eta, lr.alpha, mean, omega);
      break;
    case 'line_search':
      if (omega === 0 && spectrum.distinct.length === 2 && spectrum.distinct[0] > 0) {
        const lim = lineSearchTwoLevelLimit(spectrum.distinct[1], spectrum.distinct[0], spectrum.weights[1]);
        scalars.lr_limit = lim.gamma;
        scalars.lr_limit_mode_ratio = lim.ratio;
      }
      if (spectrum.min > 0) {
        let mu2 = 0;
        for (let j = 0; j < spectrum.distinct.length; j++) mu2 += spectrum.weights[j] * spectrum.distinct[j] ** 2;
        scalars.lr_bound_lower = spectrum.min / mu2;
        scalars.lr_bound_upper = (2 * spectrum.min) / mu2;
      }
      break;
    case 'polyak':
      if (omega === 0 && mean > 0) scalars.lr_limit = 1 / mean;
      break;
    case 'schedule':
      break;
  }
  return { scalars, notes };
}

/** Scalars read off the theory curves at T. */
export function theoryScalars(p: SgdGlmParams, spectrum: Spectrum, finalLr: number, r1: number | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  if (p.lr.policy === 'adagrad_norm' && r1 !== undefined) {
    // The exact identity gamma_t = eta / (b + mean(lambda) r1 / eta) (note §3.2), with r1 = int gamma I / 2.
    out.lr_identity_theory = p.lr.eta / (p.lr.b + (spectrum.mean * r1) / p.lr.eta);
    if (p.problem === 'least_squares') out.risk_gamma_integral_theory = r1;
  }
  if (p.lr.policy === 'line_search' && spectrum.min > 0) {
    let mu2 = 0;
    for (let j = 0; j < spectrum.distinct.length; j++) mu2 += spectrum.weights[j] * spectrum.distinct[j] ** 2;
    out.lr_quotient_final_theory = (finalLr * mu2) / spectrum.min;
  }
  return out;
}
