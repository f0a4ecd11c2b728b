/**
 * Presets: the figures of "The High Line" (arXiv:2405.19585, setups from its §3.5 table in the
 * theory note and the authors' code) and the GLM examples of "Hitting the high-dimensional notes"
 * (arXiv:2308.08977), plus the least-squares threshold and finite-size demonstrations.
 */
import type { Preset } from '../model-kind.js';
import type { SgdGlmParams } from './params.js';

const TWO_LEVEL = { kind: 'two_level', hi: 2, lo: 0.5, frac: 0.5 } as const;

export const presets: Record<string, Preset<SgdGlmParams>> = {
  'isotropic-ls': {
    description:
      'Default: isotropic least squares, noiseless, gamma = 1, d = 1000. Theory R(t) = R0 e^{-gamma(2-gamma)t}; SGD replicas concentrate on it.',
    params: {},
  },
  'noisy-floor': {
    description:
      'Label noise omega = 0.5, gamma = 0.5, isotropic: the risk settles at the floor omega^2/(2 - gamma) = 1/6 (note §1.5).',
    params: { noise: 0.5, lr: { gamma: 0.5 }, T: 20 },
  },
  'two-level': {
    description:
      'Two eigenvalues {2, 0.5} on halves (mean 1.25), omega = 1, gamma = 1: excess floor gamma mean omega^2 / (2(2 - gamma mean)) = 0.8333.',
    params: { spectrum: TWO_LEVEL, noise: 1, lr: { gamma: 1 }, T: 30 },
  },
  'threshold-below': {
    description:
      'gamma = 1.5 just below gamma_c = 2/mean = 1.6 on {2, 0.5}: converges (excess floor 7.5) although gamma lambda_max = 3 > 2; the threshold is set by the mean eigenvalue.',
    params: { spectrum: TWO_LEVEL, noise: 1, lr: { gamma: 1.5 }, d: 500, T: 200 },
  },
  'threshold-above': {
    description: 'gamma = 1.7 just above gamma_c = 1.6 on {2, 0.5}: the risk diverges in theory and in SGD.',
    params: { spectrum: TWO_LEVEL, noise: 1, lr: { gamma: 1.7 }, d: 500, T: 60 },
  },
  'power-law': {
    description:
      'Power-law spectrum density (1 - beta) lambda^-beta on (0,1), beta = 0.2 (arXiv:2405.19585 §3.4 / Fig. 4, delta = 0): noiseless constant-rate risk decays like t^(beta - 2).',
    params: { spectrum: { kind: 'power_law', beta: 0.2 }, d: 500, T: 1000, init: 0 },
  },
  's-power': {
    description:
      'The spectrum of arXiv:2405.19585 Fig. 2 (s = 4, d = 400, mean eigenvalue 1) with gamma = 1 = 1/mean, noiseless; its largest eigenvalue grows with d (warned).',
    params: { spectrum: { kind: 's_power', s: 4 }, d: 400, T: 60 },
  },
  schedule: {
    description:
      'Decaying schedule gamma (1 + t/t0)^(-1/2) on {2, 0.5} with omega = 1: unlike a constant rate, the excess risk keeps falling (arXiv:2308.08977, deterministic schedules).',
    params: { spectrum: TWO_LEVEL, noise: 1, lr: { policy: 'schedule', gamma: 1.5, t0: 1, power: 0.5 }, d: 500, T: 200 },
  },
  logistic: {
    description:
      'Logistic regression, Bernoulli labels, K with eigenvalues {2, 0.5}, theta* ~ N(0, 9 I/d), theta_0 = 0, gamma = 1, d = 2000, t <= 5 (the note\'s check A7: final KL excess about 0.124).',
    params: { problem: 'logistic', labels: 'bernoulli', spectrum: TWO_LEVEL, signal: { scale: 3 }, init: 0, lr: { gamma: 1 }, d: 2000, T: 5 },
  },
  'logistic-soft': {
    description:
      'Logistic regression with soft labels y = sigmoid(r*), otherwise as "logistic" but gamma = 4 (check A7: final KL excess about 0.035).',
    params: { problem: 'logistic', labels: 'soft', spectrum: TWO_LEVEL, signal: { scale: 3 }, init: 0, lr: { gamma: 4 }, d: 2000, T: 5 },
  },
  'phase-retrieval': {
    description:
      'Phase retrieval y = r*^2, isotropic, d = 1000, theta* a random unit vector, warm start theta_0 = 0.5 theta* + N(0, 0.25 I/d) (from zero overlap the escape takes O(log d) time), gamma = 0.1: the overlap grows and the risk falls to 0.',
    params: { problem: 'phase_retrieval', signal: { kind: 'unit' }, init: 0.5, init_signal: 0.5, lr: { gamma: 0.1 }, d: 1000, T: 20 },
  },
  'finite-size': {
    description:
      'Finite-size check: isotropic least squares, omega = 0.5, gamma = 1, SGD at d = 256 ... 4096 (8 replicas each); gap to the theory and band width against d on log-log axes, slopes about -0.5.',
    params: { noise: 0.5, T: 5, sde: false, finite_size: { enabled: true, dims: [256, 512, 1024, 2048, 4096], replicas: 8 } },
  },
  'hl-fig1l': {
    description:
      'arXiv:2405.19585 Fig. 1 (left): AdaGrad-Norm on least squares, omega = 1, K = I, theta_0 = 0, b = eta = 1 (the caption; the code used b = 0.3), theta* ~ N(0, I/d), T = 10; SGD at d = 256, 1024, 4096 with 10 replicas each, bands shrinking with d (the paper also has d = 16384).',
    params: {
      noise: 1,
      init: 0,
      lr: { policy: 'adagrad_norm', eta: 1, b: 1 },
      T: 10,
      sde: false,
      finite_size: { enabled: true, dims: [256, 1024, 4096], replicas: 10 },
    },
  },
  'hl-fig1r': {
    description:
      'arXiv:2405.19585 Fig. 1 (right): AdaGrad-Norm on logistic regression with soft labels, K = I, b = eta = 1, T = 20, at the small d = 16 ... 128 of the figure (20 replicas each); the learning rate stays in [0.92, 1].',
    params: {
      problem: 'logistic',
      labels: 'soft',
      init: 0,
      lr: { policy: 'adagrad_norm', eta: 1, b: 1 },
      T: 20,
      sde: false,
      finite_size: { enabled: true, dims: [16, 32, 64, 128], replicas: 20 },
    },
  },
  'hl-fig2': {
    description:
      'arXiv:2405.19585 Fig. 2: exact line search on noiseless least squares, s_power spectrum s = 4 (mean 1), d = 400, theta_0 ~ N(0, I/d), theta* a random unit vector (1/sqrt(d) in a rotated basis), t <= 60; the rate quotient gamma_t (tr K^2/d) / lambda_min ends in [1, 2]. Sweep spectrum.s over 3.5, 4, 5.5, 7.5 for the figure.',
    params: { spectrum: { kind: 's_power', s: 4 }, d: 400, T: 60, signal: { kind: 'unit' }, lr: { policy: 'line_search' } },
  },
  'hl-fig2-polyak': {
    description:
      'The comparison curve of arXiv:2405.19585 Fig. 2: Polyak on the same problem (noiseless, so gamma = 1/mean(lambda) = 1 throughout), much faster than line search.',
    params: { spectrum: { kind: 's_power', s: 4 }, d: 400, T: 60, signal: { kind: 'unit' }, lr: { policy: 'polyak' } },
  },
  'hl-fig3l': {
    description:
      'arXiv:2405.19585 Fig. 3 (left): AdaGrad-Norm b = 1, eta = 2.5 on least squares with omega = 1, K = I, d = 500, theta_0, theta* ~ N(0, I/d): gamma_t sqrt(b^2 + t) tends to eta (scalar lr_asymptote).',
    params: { noise: 1, d: 500, T: 1000, lr: { policy: 'adagrad_norm', eta: 2.5, b: 1 } },
  },
  'hl-fig3c': {
    description:
      'arXiv:2405.19585 Fig. 3 (centre): AdaGrad-Norm b = 0.5, eta = 2.5, noiseless, s_power spectrum s = 3 (mean 1), d = 1000: the limiting rate depends on mean(lambda) and |theta_0 - theta*|, not on the condition number (sweep spectrum.s over 2.1, 3, 3.5, 4, 5.5).',
    params: { spectrum: { kind: 's_power', s: 3 }, d: 1000, T: 100, lr: { policy: 'adagrad_norm', eta: 2.5, b: 0.5 } },
  },
  'hl-fig3r': {
    description:
      'arXiv:2405.19585 Fig. 3 (right): as Fig. 3 (centre) but theta* = 0 and theta_0 ~ N(0, p I/d) with p = 4 (|theta_0 - theta*|^2 = p): a larger initial distance gives a smaller limiting rate (sweep init over 1, 1.41, 2, 2.83, 4).',
    params: { spectrum: { kind: 's_power', s: 3 }, d: 1000, T: 100, signal: { scale: 0 }, init: 2, lr: { policy: 'adagrad_norm', eta: 2.5, b: 0.5 } },
  },
  'hl-fig4': {
    description:
      'arXiv:2405.19585 Fig. 4 / §3.4: AdaGrad-Norm (b = eta = 1) on noiseless least squares, power-law spectrum beta = 0.2 (quantiles, d = 4000), theta*_i = lambda_i^(-delta/2)/sqrt(d) with beta + delta = 1.4, theta_0 = 0: theory to t = 1e7 (R ~ t^(1 - 2/1.4), gamma ~ t^(-1 + 1/1.4)); simulation to t = 100 (sim_T).',
    params: {
      spectrum: { kind: 'power_law', beta: 0.2 },
      signal: { kind: 'power', delta: 1.2 },
      init: 0,
      d: 4000,
      T: 1e7,
      sim_T: 100,
      grid: 300,
      sde: false,
      lr: { policy: 'adagrad_norm', eta: 1, b: 1 },
    },
  },
  'hl-fig5': {
    description:
      'arXiv:2405.19585 Fig. 5: exact line search, noiseless least squares, eigenvalues {1, 1/4} on halves, d = 400, theta_0 ~ N(0, I/d), theta* a random unit vector, t <= 60: the rate tends to the closed-form limit 0.869834 (scalar lr_limit).',
    params: { spectrum: { kind: 'two_level', hi: 1, lo: 0.25, frac: 0.5 }, d: 400, T: 60, signal: { kind: 'unit' }, lr: { policy: 'line_search' } },
  },
};
