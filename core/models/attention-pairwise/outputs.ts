/** What `attention-pairwise` reports: the error of g = phi(x^T A y) against M, and the slopes. */
import type { KindOutputs } from '../model-kind.js';

export const outputs: KindOutputs = {
  observables: [
    {
      name: 'error',
      label: 'error of g = phi(x^T A y) on fresh pairs',
      xLabel: 'sample size M',
      yLabel: 'mean (clip_L g_hat - g*)^2 over fresh pairs',
      logX: true,
      logY: true,
    },
  ],
  scalars: [
    { name: 'slope', role: 'simulation', description: 'least-squares slope of log mean error against log M' },
    { name: 'slope_theory', role: 'theory', description: 'minimax rate exponent -2 beta / (2 beta + 1)' },
    { name: 'slope_stderr', role: 'diagnostic', description: 'standard error of the fitted slope' },
    { name: 'error_M_max', role: 'simulation', description: 'mean error at the largest M' },
    { name: 'error_M_min', role: 'simulation', description: 'mean error at the smallest M' },
    { name: 'rd', role: 'diagnostic', description: 'r d, the number of directions of A (the theorem needs r d <= (M / log M)^(1/(2 beta + 1)))' },
    { name: 'rd_bound_M_max', role: 'diagnostic', description: '(M / log M)^(1/(2 beta + 1)) at the largest M' },
    { name: 'basis_size_M_min', role: 'diagnostic', description: 'B-spline basis size K + s at the smallest M' },
    { name: 'basis_size_M_max', role: 'diagnostic', description: 'B-spline basis size K + s at the largest M' },
    { name: 'lm_steps', role: 'diagnostic', description: 'joint: mean number of accepted Levenberg–Marquardt steps per fit' },
    { name: 'rss_reduction', role: 'diagnostic', description: 'joint: mean of 1 - RSS(end)/RSS(spectral start)' },
    { name: 'ridged_fits', role: 'diagnostic', description: 'fits whose B-spline normal matrix needed a ridge to factor' },
    { name: 'truncation_L', role: 'diagnostic', description: 'the truncation level L of the estimate' },
  ],
};
