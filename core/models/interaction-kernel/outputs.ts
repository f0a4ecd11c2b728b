/** What `interaction-kernel` reports: its observables and scalars, and series of those observables. */
import type { KindOutputs, Series, SeriesSource } from '../model-kind.js';
import { observableSeries, observablesOf } from '../kit/index.js';

const M_AXIS = 'sample size M';
const R_AXIS = 'pair distance r';
const ERROR_AXIS = 'squared L2(rho) error of the kernel';

export const outputs: KindOutputs = {
  observables: [
    { name: 'error', label: 'estimation error against the sample size', xLabel: M_AXIS, yLabel: ERROR_AXIS, logX: true, logY: true },
    { name: 'bias_variance', label: 'estimation error against the basis dimension at fixed M', xLabel: 'basis dimension n', yLabel: ERROR_AXIS, logX: true, logY: true },
    { name: 'kernel', label: 'estimated and true kernel at the largest M', xLabel: R_AXIS, yLabel: 'kernel phi(r)', logX: false, logY: false },
    { name: 'exploration_measure', label: 'exploration measure rho (law of a pair distance)', xLabel: R_AXIS, yLabel: 'density rho(r)', logX: false, logY: false },
    { name: 'lambda_min', label: 'smallest eigenvalue of the normal matrix', xLabel: M_AXIS, yLabel: 'lambda_min of A_hat', logX: true, logY: false },
    { name: 'tamed_fraction', label: 'fraction of fits the taming set to zero', xLabel: M_AXIS, yLabel: 'fraction of tamed fits', logX: true, logY: false },
  ],
  scalars: [
    { name: 'slope', role: 'simulation', description: 'least-squares slope of log(mean error) on log M' },
    { name: 'slope_theory', role: 'theory', description: 'minimax rate exponent -2 beta/(2 beta + 1)' },
    { name: 'slope_gap', role: 'gap', description: 'slope - slope_theory' },
    { name: 'slope_stderr', role: 'diagnostic', description: 'standard error of the fitted slope' },
    { name: 'final_error', role: 'simulation', description: 'mean error at the largest M' },
    { name: 'variance_ratio', role: 'diagnostic', description: 'mean error / mean sigma^2 tr(A_hat^-1)/(M N), over the upper half of the M grid (about 1 when the variance dominates)' },
    { name: 'tamed_fraction', role: 'diagnostic', description: 'fraction of all fits of the sweep the taming set to zero' },
    { name: 'lambda_min', role: 'diagnostic', description: 'smallest lambda_min(A_hat) over all fits of the sweep' },
    { name: 'lambda_min_scaled', role: 'diagnostic', description: '(N - 1) lambda_min: at least about 1 when coercivity holds with c_L = 1/(N-1)' },
    { name: 'c_L', role: 'limit', description: 'coercivity constant 1/(N-1) of i.i.d. particles; taming fires when lambda_min <= c_L/4' },
    { name: 'condition_max', role: 'diagnostic', description: 'largest condition number of A_hat over the fits that were not tamed' },
    { name: 'n_min', role: 'diagnostic', description: 'basis dimension at the smallest M' },
    { name: 'n_max', role: 'diagnostic', description: 'basis dimension at the largest M' },
    { name: 'bias_variance_argmin_n', role: 'simulation', description: 'basis dimension n of the smallest mean error in the bias-variance view' },
    { name: 'bias_variance_design_n', role: 'diagnostic', description: 'design dimension c M^(1/(2 beta + 1)) at the bias-variance M' },
    { name: 'rho_tail', role: 'diagnostic', description: 'mass of rho beyond the support [0, R] the basis covers' },
  ],
};

const spec = observablesOf(outputs);

/** A series of the declared observable `name`. */
export function curve(name: string, source: SeriesSource, label: string, x: Float64Array, y: Float64Array, extra: Partial<Series> = {}): Series {
  return observableSeries(spec(name), source, x, y, { label, ...extra });
}
