/**
 * The runs pinned by test/fixtures/kind-baseline.json: every preset of every kind, shrunk where a
 * preset is heavy (the overrides are part of the case, so they are recorded with it), and a few
 * parameter sets that no preset covers. Each case runs at a fixed seed and replica count.
 *
 * Used by scripts/record-kind-baseline.mjs (through ./record.ts, on the code of a given commit) and
 * by test/core/models/kind-baseline.test.ts (on the current code).
 */

export interface SweepAxis {
  path: string;
  values: (number | string | boolean)[];
}

export interface BaselineCase {
  /** Unique, stable: the key of the case in the fixture. */
  name: string;
  kind: string;
  preset?: string;
  /** Overrides on top of the preset (or the defaults). */
  params: Record<string, unknown>;
  seed: number;
  replicas: number;
  /** Sweep axes whose boundaries are pinned too. */
  boundaries?: SweepAxis[][];
}

const SEED = 20240611;

/** Small sizes for every sgd-glm preset: the theory at the preset's horizon where it is cheap. */
const SGD_GLM_PRESETS: Record<string, Record<string, unknown>> = {
  'isotropic-ls': { d: 200, grid: 60 },
  'noisy-floor': { d: 48, grid: 40 },
  'two-level': { d: 48, grid: 40 },
  'threshold-below': { d: 40, T: 40, grid: 40 },
  'threshold-above': { d: 40, T: 20, grid: 40 },
  'power-law': { d: 40, T: 200, grid: 40 },
  's-power': { d: 40, T: 20, grid: 40 },
  schedule: { d: 40, T: 40, grid: 40 },
  logistic: { d: 40, T: 3, grid: 30 },
  'logistic-soft': { d: 40, T: 3, grid: 30 },
  'phase-retrieval': { d: 48, T: 5, grid: 30 },
  'finite-size': { T: 2, grid: 30, finite_size: { dims: [16, 32, 64], replicas: 3 } },
  'hl-fig1l': { T: 2, grid: 30, finite_size: { dims: [16, 32], replicas: 2 } },
  'hl-fig1r': { T: 2, grid: 30, finite_size: { dims: [16, 32], replicas: 2 } },
  'hl-fig2': { d: 40, T: 20, grid: 40 },
  'hl-fig2-polyak': { d: 40, T: 20, grid: 40 },
  'hl-fig3l': { d: 40, T: 100, grid: 40 },
  'hl-fig3c': { d: 40, T: 30, grid: 40 },
  'hl-fig3r': { d: 40, T: 30, grid: 40 },
  'hl-fig4': { d: 200, sim_T: 5, grid: 60 },
  'hl-fig5': { d: 40, T: 30, grid: 40 },
};

const DP_SGD_PRESETS: Record<string, Record<string, unknown>> = {
  'a8-isotropic': { d: 60, grid: 30 },
  'a8-private': { d: 60, grid: 30 },
  'a8-anisotropic': { d: 60, grid: 30 },
  'aggressive-clipping': { d: 60, grid: 30 },
  'decaying-lr': { d: 60, grid: 30 },
  'constant-lr-same-rho': { d: 60, grid: 30 },
  'decaying-noise': { d: 60, grid: 30 },
  'decaying-noise-baseline': { d: 60, grid: 30 },
  'power-law': { d: 60, grid: 30 },
};

const GMM_SGD_PRESETS: Record<string, Record<string, unknown>> = {
  'a10-isotropic': { d: 60, T: 4, grid: 30 },
  'a10-zero-one': { d: 60, T: 4, grid: 30 },
  'power-law': { d: 50, T: 50, grid: 30 },
  'power-law-transition': { d: 50, T: 50, grid: 30 },
  'many-classes': { classes: 8, d: 64, T: 4, grid: 30 },
  'least-squares-zero-one': { d: 60, T: 4, grid: 30 },
};

const SMALL_CHAINS = { chains: 2, steps: 1500, burn_in: 300, thin: 10 };
const ADAPTIVE_KERNEL_PRESETS: Record<string, Record<string, unknown>> = {
  'table-n12-standard': { langevin: SMALL_CHAINS },
  'table-n12-mean-field': { langevin: SMALL_CHAINS },
  'table-n48-mean-field': { langevin: SMALL_CHAINS },
  'erf-standard': { d: 6, P: 16, N: 16, test_size: 8, langevin: { chains: 2, steps: 400, burn_in: 100, thin: 10 } },
  'erf-mean-field': { d: 6, P: 16, N: 16, chi: 16, test_size: 8, langevin: { chains: 2, steps: 400, burn_in: 100, thin: 10 } },
  'relu-mean-field': { d: 6, P: 16, N: 16, chi: 16, test_size: 8, langevin: { chains: 2, steps: 400, burn_in: 100, thin: 10 } },
  'erf-large': { d: 8, P: 24, N: 32, test_size: 8 },
};

/** Every interaction-kernel preset on a short sweep (M = 64..512, two repetitions, a small bias-variance view). */
const IK_SHORT = { M_min: 64, M_max: 512, M_points: 3, reps: 2, bias_variance: { M: 256, points: 3, reps: 2 } };
const INTERACTION_KERNEL_PRESETS: Record<string, Record<string, unknown>> = {
  'calibration-linear-beta1': IK_SHORT,
  'calibration-quadratic-beta1': IK_SHORT,
  'calibration-linear-beta0.5': IK_SHORT,
  'calibration-quadratic-beta2': IK_SHORT,
  'bad-design-uniform-knots': { ...IK_SHORT, bias_variance: { enabled: false } },
  'bias-variance-weierstrass': IK_SHORT,
  'dynamics-form': IK_SHORT,
  'gaussian-particles-3d': IK_SHORT,
  'uniform-2d-monte-carlo-rho': { ...IK_SHORT, rho_samples: 16384 },
  'lennard-jones': IK_SHORT,
};

const SHORT_LANGEVIN = { chains: 2, steps: 2000, burn_in: 500, thin: 5 };
const LINEAR_NET_SCALING_PRESETS: Record<string, Record<string, unknown>> = {
  'table-n12-standard': { test_size: 20, langevin: SHORT_LANGEVIN },
  'table-n12-mean-field': { test_size: 20, langevin: SHORT_LANGEVIN },
  'table-n48-standard': { test_size: 20, langevin: SHORT_LANGEVIN },
  'table-n48-mean-field': { test_size: 20, langevin: SHORT_LANGEVIN },
  'chi-continuum': { test_size: 20, langevin: { ...SHORT_LANGEVIN, chains: 1 } },
};

/** Every attention-pairwise preset on a short sweep (M = 64..256, two repetitions, 500 fresh pairs). */
const AP_SHORT = { M_min: 64, M_max: 256, M_points: 3, reps: 2, eval_pairs: 500 };
const ATTENTION_PAIRWISE_PRESETS: Record<string, Record<string, unknown>> = {
  'a1-oracle': AP_SHORT,
  'a2-joint': AP_SHORT,
  'a2-dimensions': AP_SHORT,
  'a3-spline-3': AP_SHORT,
  'a3-spline-8': { ...AP_SHORT, basis: { c: 2 } },
  'a6-regime': AP_SHORT,
};

/** grokking-modular presets with short chains (fig3 is the theory alone at P = 401). */
const GROKKING_MODULAR_PRESETS: Record<string, Record<string, unknown>> = {
  fig3: {},
  'small-prime': { langevin: { chains: 2, steps: 600, burn_in: 200, thin: 5 } },
  cheap: { langevin: { chains: 2, steps: 600, burn_in: 200, thin: 5 } },
};

function presetCases(kind: string, table: Record<string, Record<string, unknown>>): BaselineCase[] {
  return Object.entries(table).map(([preset, params]) => ({ name: `${kind}/${preset}`, kind, preset, params, seed: SEED, replicas: 2 }));
}

/** Parameter sets beyond the presets: other policies, solvers, losses and switches. */
const EXTRA: BaselineCase[] = [
  {
    name: 'grokking-modular/ordered-weight-decay',
    kind: 'grokking-modular',
    params: { modulus: 5, N: 6, noise: 0.1, langevin: { chains: 2, steps: 400, burn_in: 100, thin: 5, regulariser: 'weight_decay', start: 'ordered', step: 0.1 } },
    seed: 4,
    replicas: 1,
    boundaries: [[{ path: 'noise', values: [0.1, 0.2] }]],
  },
  {
    name: 'attention-pairwise/joint-rank2-gaussian-spread',
    kind: 'attention-pairwise',
    params: { d: 4, rank: 2, law: 'gaussian', A_norm: 'spread', A_scale: 1, phi: { kind: 'tanh' }, M_min: 64, M_max: 256, M_points: 2, reps: 2, eval_pairs: 400, truncation: 0 },
    seed: 6,
    replicas: 1,
  },
  { name: 'sgd-glm/rmsprop-norm', kind: 'sgd-glm', params: { d: 32, T: 10, grid: 30, noise: 0.3, lr: { policy: 'rmsprop_norm', eta: 1.5, alpha: 2 } }, seed: SEED, replicas: 2 },
  { name: 'sgd-glm/line-search-logistic', kind: 'sgd-glm', params: { d: 32, T: 3, grid: 25, problem: 'logistic', labels: 'soft', lr: { policy: 'line_search' }, sde: false }, seed: 3, replicas: 1 },
  { name: 'sgd-glm/polyak-noisy', kind: 'sgd-glm', params: { d: 32, T: 10, grid: 25, noise: 0.4, lr: { policy: 'polyak' } }, seed: 5, replicas: 3 },
  {
    name: 'sgd-glm/exponential-logistic',
    kind: 'sgd-glm',
    params: { d: 32, T: 20, grid: 30, problem: 'logistic', ode: { method: 'exponential' }, spectrum: { kind: 'two_level', hi: 4, lo: 0.25, frac: 0.5 } },
    seed: SEED,
    replicas: 1,
  },
  {
    name: 'sgd-glm/collocation-adagrad',
    kind: 'sgd-glm',
    params: { d: 32, T: 1000, sim_T: 3, grid: 40, noise: 0.5, ode: { method: 'exponential' }, lr: { policy: 'adagrad_norm', eta: 1, b: 1 } },
    seed: SEED,
    replicas: 1,
  },
  {
    name: 'sgd-glm/collocation-line-search',
    kind: 'sgd-glm',
    params: { d: 40, T: 200, sim_T: 2, grid: 40, spectrum: { kind: 's_power', s: 4 }, signal: { kind: 'unit' }, ode: { method: 'exponential' }, lr: { policy: 'line_search' } },
    seed: SEED,
    replicas: 1,
  },
  {
    name: 'sgd-glm/collocation-underflow',
    kind: 'sgd-glm',
    params: { d: 16, T: 2000, sim_T: 1, grid: 40, sde: false, ode: { method: 'exponential' }, lr: { gamma: 1 } },
    seed: SEED,
    replicas: 1,
  },
  {
    name: 'sgd-glm/dopri5-custom-spectrum',
    kind: 'sgd-glm',
    params: { d: 6, T: 5, grid: 20, noise: 0.2, spectrum: { kind: 'custom', values: [3, 1, 0.5] }, ode: { method: 'dopri5', rtol: 1e-8 }, signal: { kind: 'ones' } },
    seed: 11,
    replicas: 2,
  },
  {
    name: 'sgd-glm/boundaries',
    kind: 'sgd-glm',
    params: { d: 16, T: 1, grid: 10, sde: false, spectrum: { kind: 'two_level', hi: 2, lo: 0.5, frac: 0.5 } },
    seed: 1,
    replicas: 0,
    boundaries: [
      [{ path: 'lr.gamma', values: [0.5, 1, 1.5] }],
      [
        { path: 'lr.gamma', values: [0.5, 1] },
        { path: 'spectrum.hi', values: [1, 2, 4] },
      ],
      [{ path: 'noise', values: [0, 1] }],
    ],
  },
  { name: 'dp-sgd/no-clipping', kind: 'dp-sgd', params: { d: 40, grid: 20, clip: { enabled: false }, privacy: { sigma: 0.5 } }, seed: 9, replicas: 2 },
  {
    name: 'dp-sgd/all-iterates-custom',
    kind: 'dp-sgd',
    params: { d: 8, aspect: 0.25, grid: 16, spectrum: { kind: 'custom', values: [2, 1, 0.5, 0.25] }, privacy: { sigma: 1, accounting: 'all_iterates' } },
    seed: 4,
    replicas: 3,
    boundaries: [
      [{ path: 'clip.c', values: [0.3, 1, 3] }],
      [
        { path: 'clip.c', values: [0.3, 1] },
        { path: 'privacy.sigma', values: [0.5, 2] },
      ],
      [
        { path: 'privacy.sigma', values: [0.5, 2] },
        { path: 'clip.c', values: [0.3, 1] },
      ],
    ],
  },
  {
    name: 'interaction-kernel/expression-tamed',
    kind: 'interaction-kernel',
    params: { N: 4, d: 2, law: 'gaussian', form: 'dynamics', kernel: { kind: 'expression', expression: 'exp(-r^2) * cos(3*r)' }, basis: { degree: 0, c: 6, knots: 'uniform' }, M_min: 32, M_max: 256, M_points: 3, reps: 3, bias_variance: { enabled: false } },
    seed: 6,
    replicas: 1,
  },
  { name: 'gmm-sgd/random-means', kind: 'gmm-sgd', params: { d: 40, T: 3, grid: 20, classes: 3, means: { kind: 'random', norm: 1.5 }, init: 0.5 }, seed: 8, replicas: 2 },
  {
    name: 'adaptive-kernel/hermite-square-tree',
    kind: 'adaptive-kernel',
    params: { d: 5, P: 14, N: 10, chi: 10, activation: 'square', noise: 0.05, target: { kind: 'hermite', degree: 2 }, test_size: 6, solver: { closure: 'tree', path_points: 4 }, langevin: { chains: 0 } },
    seed: 6,
    replicas: 1,
  },
  {
    name: 'grokking-cubic/printed-boundaries',
    kind: 'grokking-cubic',
    params: { scale: 1, noise: 0.21, reading: 'printed', langevin: { chains: 0 } },
    seed: 3,
    replicas: 0,
    boundaries: [[{ path: 'noise', values: [0.1, 0.2, 0.3] }], [{ path: 'noise', values: [0.1, 0.2] }, { path: 'eps', values: [-0.5, -0.3] }]],
  },
  {
    name: 'gmm-sgd/boundaries',
    kind: 'gmm-sgd',
    params: { d: 20, T: 1, grid: 10, spectrum: { kind: 'power_law', exponent: 1.2, exponent_spread: -0.5 } },
    seed: 2,
    replicas: 0,
    boundaries: [[{ path: 'spectrum.exponent', values: [0.5, 1, 2] }], [{ path: 'lr.gamma', values: [0.5, 1] }]],
  },
  {
    name: 'linear-net-scaling/hermite-wide',
    kind: 'linear-net-scaling',
    params: { d: 70, P: 40, N: 20, chi: 5, target: { kind: 'hermite', degree: 3 }, test_size: 10, langevin: { chains: 1, steps: 300, burn_in: 100, thin: 4, step: 0.1 } },
    seed: 6,
    replicas: 1,
  },
  {
    name: 'linear-net-scaling/teacher-p-below-d',
    kind: 'linear-net-scaling',
    params: { d: 12, P: 6, N: 10, chi: 3, noise: 0.01, target: { kind: 'teacher' }, test_size: 8, langevin: { chains: 2, steps: 600, burn_in: 100, thin: 5 } },
    seed: 7,
    replicas: 1,
  },
];

/** nngp-gp presets with small P grids and test sets (the theory keeps each preset's largest P where cheap). */
const NNGP_GP_PRESETS: Record<string, Record<string, unknown>> = {
  'erf-linear-target': { P: 64, P_points: 4, test_size: 50 },
  'relu-cubic-staircase': { P: 64, P_points: 4, test_size: 50 },
  'label-noise-peak': { P: 64, P_points: 4, test_size: 50 },
  'cubic-d150-sample-complexity': { P_points: 6, gpr_max_P: 32, test_size: 50 },
};

/** grokking-cubic presets shrunk to scale 1/64 and a few hundred Langevin steps (the theory at each preset's noise). */
const GROKKING_CHAINS = { chains: 2, steps: 160, burn_in: 40, thin: 8 };
const GROKKING_CUBIC_PRESETS: Record<string, Record<string, unknown>> = {
  'app-c-theory': {},
  'fig2-below': { scale: 1 / 64, test_size: 30, langevin: GROKKING_CHAINS },
  'fig2-above': { scale: 1 / 64, test_size: 30, langevin: GROKKING_CHAINS },
  'app-d-n2800': { scale: 1 / 64, test_size: 30, langevin: GROKKING_CHAINS },
  'app-d-n1400': { scale: 1 / 64, test_size: 30, langevin: GROKKING_CHAINS },
  'app-d-n700': { scale: 1 / 64, test_size: 30, langevin: GROKKING_CHAINS },
  cheap: { test_size: 30, langevin: { chains: 2, steps: 200, burn_in: 50, thin: 10 } },
};

/**
 * Every mppm preset on synthetic bars (the baseline runs read no files): 40 training and 3 test
 * images of 12 x 12 pixels, a 4-dimensional PCA latent, 16 anchors, 3 steps.
 */
const MPPM_SMALL = { data: { source: 'synthetic', digit: -1, train: 40, test: 3, side: 12 }, latent: { dim: 4 }, anchors: { batch: 16 }, mppm: { steps: 3 }, grid: { rows: 2 } };
const MPPM_PRESETS: Record<string, Record<string, unknown>> = {
  'mnist-noise': MPPM_SMALL,
  'mnist-severe-noise': MPPM_SMALL,
  'mnist-sr': MPPM_SMALL,
  'mnist-rotation': MPPM_SMALL,
  'mnist-elastic': MPPM_SMALL,
  'mnist-noise-gradual': MPPM_SMALL,
  'mnist-sr-gradual': MPPM_SMALL,
  'mnist-ablation-projection': MPPM_SMALL,
  'mnist-generation': { ...MPPM_SMALL, generation: { enabled: true, count: 4, steps: 3 } },
  synthetic: MPPM_SMALL,
};

export const BASELINE_CASES: BaselineCase[] = [
  ...presetCases('sgd-glm', SGD_GLM_PRESETS),
  ...presetCases('dp-sgd', DP_SGD_PRESETS),
  ...presetCases('gmm-sgd', GMM_SGD_PRESETS),
  ...presetCases('nngp-gp', NNGP_GP_PRESETS),
  ...presetCases('adaptive-kernel', ADAPTIVE_KERNEL_PRESETS),
  ...presetCases('interaction-kernel', INTERACTION_KERNEL_PRESETS),
  ...presetCases('linear-net-scaling', LINEAR_NET_SCALING_PRESETS),
  ...presetCases('attention-pairwise', ATTENTION_PAIRWISE_PRESETS),
  ...presetCases('grokking-cubic', GROKKING_CUBIC_PRESETS),
  ...presetCases('grokking-modular', GROKKING_MODULAR_PRESETS),
  ...presetCases('mppm', MPPM_PRESETS),
  ...EXTRA,
];

/** The presets each kind has in the case list, to check that no preset was left out. */
export const BASELINE_PRESETS: Record<string, string[]> = {
  'sgd-glm': Object.keys(SGD_GLM_PRESETS),
  'dp-sgd': Object.keys(DP_SGD_PRESETS),
  'gmm-sgd': Object.keys(GMM_SGD_PRESETS),
  'nngp-gp': Object.keys(NNGP_GP_PRESETS),
  'adaptive-kernel': Object.keys(ADAPTIVE_KERNEL_PRESETS),
  'interaction-kernel': Object.keys(INTERACTION_KERNEL_PRESETS),
  'linear-net-scaling': Object.keys(LINEAR_NET_SCALING_PRESETS),
  'attention-pairwise': Object.keys(ATTENTION_PAIRWISE_PRESETS),
  'grokking-cubic': Object.keys(GROKKING_CUBIC_PRESETS),
  'grokking-modular': Object.keys(GROKKING_MODULAR_PRESETS),
  mppm: Object.keys(MPPM_PRESETS),
};
