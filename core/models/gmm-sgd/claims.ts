/**
 * Claims of `gmm-sgd` (see ../claims.ts), arXiv:2510.14074: the ODE is exact for SGD on Gaussian
 * mixtures; a structural phase transition separates covariances whose clean (zero or small variance)
 * directions carry the mean — the risk goes to 0 and SGD aligns with the clean projection of the
 * mean — from those where the risk saturates. Values from the theory notes' independent check A10
 * (shared/theory/sgd-odes.md §6); the transition's exponents are directions the paper states in words.
 */
import type { Claim } from '../claims.js';

const PAPER = '2510.14074';

export const claims: readonly Claim[] = [
  {
    id: 'isotropic-saturates',
    paper: PAPER,
    statement:
      'Two classes +-mu (|mu| = 1), logistic loss, gamma = 1, isotropic covariance: the risk saturates at a positive constant; ' +
      'the ODE gives 0.394 at t = 10.',
    source: 'theory note check A10',
    run: { preset: 'a10-isotropic', replicas: 2 },
    observable: { kind: 'value-at', series: 'risk', source: 'theory', x: 10 },
    expected: { kind: 'approx', value: 0.394, tolerance: 0.002 },
    printed: true,
    quick: true,
    figure: { series: 'risk' },
  },
  {
    id: 'isotropic-simulation',
    paper: PAPER,
    statement: 'The same mixture simulated at d = 2000: the SGD mean risk at t = 10 is 0.394.',
    source: 'theory note check A10',
    run: { preset: 'a10-isotropic', replicas: 2 },
    observable: { kind: 'value-at', series: 'risk', source: 'simulation', x: 10 },
    expected: { kind: 'approx', value: 0.394, tolerance: 0.005 },
    printed: true,
    quick: true,
    figure: { series: 'risk' },
  },
  {
    id: 'zero-one-to-zero',
    paper: PAPER,
    statement:
      'Zero-one covariance (variance 2 on half the coordinates, 0 on the half carrying the mean): the risk goes to 0, like 1/t; ' +
      'the ODE gives 0.108 at t = 10.',
    source: 'theory note check A10',
    run: { preset: 'a10-zero-one', replicas: 2 },
    observable: { kind: 'value-at', series: 'risk', source: 'theory', x: 10 },
    expected: { kind: 'approx', value: 0.108, tolerance: 0.002 },
    printed: true,
    quick: true,
    figure: { series: 'risk' },
  },
  {
    id: 'zero-one-midway',
    paper: PAPER,
    statement: 'On the zero-one covariance the SGD mean risk at t = 5 is 0.210 (ODE 0.209).',
    source: 'theory note check A10',
    run: { preset: 'a10-zero-one', replicas: 2 },
    observable: { kind: 'value-at', series: 'risk', source: 'simulation', x: 5 },
    expected: { kind: 'approx', value: 0.21, tolerance: 0.005 },
    printed: true,
    quick: true,
    figure: { series: 'risk' },
  },
  {
    id: 'clean-alignment',
    paper: PAPER,
    statement:
      'On the zero-one covariance SGD aligns with the mean difference projected on the clean directions: overlap_clean at ' +
      't = 10 is above 0.9 and growing to 1 (direction; no value printed).',
    source: 'abstract: alignment with clean directions',
    run: { preset: 'a10-zero-one', replicas: 2 },
    observable: { kind: 'final', series: 'overlap_clean', source: 'simulation' },
    expected: { kind: 'above', bound: 0.9 },
    printed: false,
    quick: true,
    figure: { series: 'overlap_clean' },
  },
  {
    id: 'ode-sgd-gap',
    paper: PAPER,
    statement:
      'The ODE is exact for SGD on the mixture: on the zero-one covariance the SGD mean risk at d = 2000 stays within 1% of the ' +
      'ODE (relative to its largest value) over the whole run (the note finds a largest difference of 0.002).',
    source: 'Theorem 1; theory note check A10',
    run: { preset: 'a10-zero-one', replicas: 2 },
    observable: { kind: 'gap', series: 'risk', simulation: 'simulation' },
    expected: { kind: 'below', bound: 0.01 },
    printed: true,
    quick: true,
    figure: { series: 'risk' },
  },
  {
    id: 'power-law-saturates',
    paper: PAPER,
    statement:
      'Structural phase transition, saturating side: for a power-law spectrum ((i - 1/2)/d)^a with a = 0.5 < 1 the ODE risk ' +
      'flattens, the log-log slope over the last decade (t in [100, 1000]) being above -0.05 (direction; no value printed).',
    source: 'abstract: structural phase transition',
    run: { preset: 'power-law-transition', params: { spectrum: { exponent: 0.5 } } },
    observable: { kind: 'slope', series: 'risk', source: 'theory', from: 100, to: 1000 },
    expected: { kind: 'above', bound: -0.05 },
    printed: false,
    quick: false,
    figure: { series: 'risk', logX: true, logY: true },
  },
  {
    id: 'power-law-decays',
    paper: PAPER,
    statement:
      'Structural phase transition, learning side: with a = 1.5 > 1 the ODE risk keeps decreasing, the log-log slope over the ' +
      'last decade being below -0.1 (direction; no value printed).',
    source: 'abstract: structural phase transition',
    run: { preset: 'power-law-transition', params: { spectrum: { exponent: 1.5 } } },
    observable: { kind: 'slope', series: 'risk', source: 'theory', from: 100, to: 1000 },
    expected: { kind: 'below', bound: -0.1 },
    printed: false,
    quick: false,
    figure: { series: 'risk', logX: true, logY: true },
  },
];
