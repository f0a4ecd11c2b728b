/** Small parameter sets per kind (contract test, end-to-end tests): the first is the one every contract check runs, all are checked for declared outputs. */
export const QUICK: Record<string, Record<string, unknown>[]> = {
  'sgd-glm': [
    { d: 24, T: 2, grid: 20 },
    { d: 24, T: 2, grid: 15, problem: 'logistic', lr: { policy: 'adagrad_norm' } },
    { T: 1, grid: 10, finite_size: { enabled: true, dims: [8, 16], replicas: 2 } },
  ],
  'dp-sgd': [{ d: 40, grid: 10, privacy: { sigma: 1 } }],
  'gmm-sgd': [{ d: 40, T: 2, grid: 10 }],
  'nngp-gp': [
    { d: 6, P: 32, P_min: 4, P_points: 3, test_size: 20 },
    { d: 5, P: 24, P_points: 2, test_size: 10, activation: 'relu', depth: 2, target: { kind: 'hermite', degree: 2 } },
  ],
  'adaptive-kernel': [
    { d: 4, P: 8, N: 6, chi: 6, test_size: 4, langevin: { chains: 3, steps: 300, burn_in: 100, thin: 5 }, solver: { path_points: 3 } },
    { d: 3, P: 6, N: 4, chi: 1, activation: 'relu', test_size: 3, langevin: { chains: 2, steps: 200, burn_in: 50, thin: 5 }, solver: { path_points: 2 } },
    { d: 3, P: 6, N: 4, chi: 4, activation: 'linear', test_size: 3, langevin: { chains: 0 }, solver: { closure: 'tree', path_points: 2 } },
  ],
  'grokking-cubic': [
    { scale: 1 / 64, noise: 0.12, test_size: 40, langevin: { chains: 2, steps: 200, burn_in: 50, thin: 5 } },
    { scale: 1, noise: 0.25, reading: 'printed', langevin: { chains: 0 } },
  ],
  'interaction-kernel': [
    { M_min: 64, M_max: 256, M_points: 2, reps: 2, bias_variance: { M: 128, points: 3, reps: 2 } },
    { N: 4, d: 2, law: 'gaussian', form: 'dynamics', M_min: 32, M_max: 128, M_points: 3, reps: 2, bias_variance: { enabled: false } },
    { d: 2, rho_samples: 8192, kernel: { kind: 'expression', expression: 'exp(-r) * cos(2*r)' }, M_min: 32, M_max: 128, M_points: 2, reps: 1, bias_variance: { enabled: false } },
  ],
  'linear-net-scaling': [
    { test_size: 10, langevin: { chains: 2, steps: 400, burn_in: 100, thin: 2 } },
    { N: 6, chi: 6, d: 3, P: 20, test_size: 0, langevin: { chains: 1, steps: 200, burn_in: 50, thin: 5 } },
    { target: { kind: 'hermite', degree: 3 }, d: 80, P: 30, test_size: 5, langevin: { chains: 0 } },
    { target: { kind: 'teacher' }, langevin: { chains: 1, steps: 100, burn_in: 10, thin: 1 } },
  ],
  'grokking-modular': [
    { modulus: 5, N: 8, langevin: { chains: 2, steps: 300, burn_in: 100, thin: 5 } },
    { modulus: 3, N: 4, langevin: { chains: 1, steps: 200, burn_in: 50, thin: 5, regulariser: 'weight_decay', start: 'ordered' } },
    { modulus: 401, N: 1000, sigma_a2: 2e-6, gamma: 1e-4, langevin: { chains: 0 } },
  ],
  'attention-pairwise': [
    { d: 3, M_min: 64, M_max: 256, M_points: 3, reps: 2, eval_pairs: 500 },
    { d: 2, rank: 2, law: 'gaussian', estimator: 'oracle_A', phi: { kind: 'random_spline', degree: 2, pieces: 4 }, beta: 1, M_min: 32, M_max: 128, M_points: 2, reps: 2, eval_pairs: 300 },
  ],
  mppm: [
    { data: { source: 'synthetic', train: 40, test: 3, side: 12 }, degradation: { severity: 'severe' }, latent: { dim: 4 }, anchors: { batch: 16 }, mppm: { steps: 3 }, grid: { rows: 2 } },
    { data: { source: 'synthetic', train: 30, test: 3, side: 10 }, degradation: { kind: 'rotation', severity: 'custom', levels: [10, 30] }, methods: ['degraded', 'lmppm_pca'], latent: { dim: 3 }, generation: { enabled: true, count: 3, steps: 2 } },
  ],
};
