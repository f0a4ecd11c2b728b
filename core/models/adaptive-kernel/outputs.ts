/** What `adaptive-kernel` reports: predictions, spectra, errors along the chi path, and its scalars. */
import type { KindOutputs } from '../model-kind.js';

export const outputs: KindOutputs = {
  observables: [
    { name: 'prediction', label: 'mean network output at the test points', xLabel: 'test point index', yLabel: 'mean output f(x*)', logX: false, logY: false },
    {
      name: 'weight_spectrum',
      label: 'spectrum of the hidden-weight covariance',
      xLabel: 'eigenvalue rank',
      yLabel: 'eigenvalue of (d/sigma_w2) <w w^T>',
      logX: false,
      logY: false,
    },
    { name: 'kernel_spectrum', label: 'spectrum of the output kernel on the training inputs', xLabel: 'eigenvalue rank', yLabel: 'eigenvalue of K / P', logX: true, logY: true },
    { name: 'train_error', label: 'training error of the mean predictor', xLabel: 'chi', yLabel: 'mean (f(x_mu) - y_mu)^2 over training points', logX: true, logY: false },
    { name: 'test_error', label: 'test error of the mean predictor', xLabel: 'chi', yLabel: 'mean (f(x*) - y*)^2 over test points', logX: true, logY: false },
  ],
  scalars: [
    { name: 'emergent_scale', role: 'theory', description: 'chi t0^T K0 t0, t0 = (K0 + noise)^-1 y the NNGP discrepancy; feature learning is controlled by emergent_scale / N' },
    { name: 'test_error_eos', role: 'theory', description: 'test error of the EoS mean predictor at chi' },
    { name: 'test_error_langevin', role: 'simulation', description: 'test error of the Langevin ensemble mean' },
    { name: 'prediction_gap', role: 'gap', description: '||Langevin mean - EoS|| / ||EoS|| over the test points' },
    { name: 'train_prediction_gap', role: 'gap', description: '||Langevin mean - EoS|| / ||EoS|| over the training points' },
    { name: 'spike_eos', role: 'theory', description: 'largest eigenvalue of (d/sigma_w2) Sigma (1 at the NNGP)' },
    { name: 'spike_langevin', role: 'simulation', description: 'largest eigenvalue of (d/sigma_w2) <w w^T>, chain mean' },
    { name: 'spike_gap', role: 'gap', description: '|spike_langevin - spike_eos| / spike_eos' },
    { name: 'bulk_mean_eos', role: 'theory', description: 'mean of the other d - 1 eigenvalues of (d/sigma_w2) Sigma' },
    { name: 'bulk_mean_langevin', role: 'simulation', description: 'mean of the other d - 1 eigenvalues of (d/sigma_w2) <w w^T>' },
    { name: 'train_error_eos', role: 'theory', description: 'training error of the EoS mean predictor' },
    { name: 'train_error_langevin', role: 'simulation', description: 'training error of the Langevin ensemble mean' },
    { name: 'test_error_nngp', role: 'limit', description: 'test error of the NNGP predictor (N -> infinity)' },
    { name: 'train_error_nngp', role: 'limit', description: 'training error of the NNGP predictor' },
    { name: 'two_halves', role: 'diagnostic', description: 'two-halves diagnostic of the Langevin chains: max |first-half - second-half mean output| / output scale' },
    { name: 'eos_converged', role: 'diagnostic', description: '1 if the EoS converged at the target chi, else 0' },
    { name: 'eos_chi_reached', role: 'diagnostic', description: 'largest chi at which the EoS converged' },
    { name: 'eos_width_reached', role: 'diagnostic', description: 'width annealing: smallest N at which the EoS converged (N when it converged at the target)' },
    { name: 'eos_iterations', role: 'diagnostic', description: 'evaluations of the EoS map along the whole annealing path' },
    { name: 'eos_halvings', role: 'diagnostic', description: 'annealing steps halved because a step failed' },
    { name: 'eos_residual', role: 'diagnostic', description: '||F(Sigma) - Sigma||_F / ||Sigma||_F at the returned solution' },
    { name: 'langevin_samples', role: 'diagnostic', description: 'recorded samples per chain' },
  ],
};
