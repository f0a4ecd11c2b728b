/**
 * Claims of `sgd-glm` (see ../claims.ts): the learning-rate threshold and noise floors of
 * least squares, logistic regression and schedules (arXiv:2308.08977), and the limits of AdaGrad-Norm
 * and exact line search and the power-law phase transition (arXiv:2405.19585). Expected values are
 * the papers' or the theory notes' (shared/theory/sgd-odes.md §6, independent NumPy checks) and
 * closed forms, never our own output.
 */
import type { Claim } from '../claims.js';

const HDN = '2308.08977';
const HL = '2405.19585';

/** Power-law spectrum beta = 0.2, d = 4000 quantiles, theta*_i = lambda_i^(-delta/2)/sqrt(d), theta_0 = 0; theory to t = 1e4. */
function powerLaw(delta: number, lr: Record<string, unknown>): Claim['run'] {
  return { preset: 'hl-fig4', params: { T: 1e4, sim_T: 1, grid: 200, signal: { kind: 'power', delta }, lr } };
}

const ADAGRAD = { policy: 'adagrad_norm', eta: 1, b: 1 };

export const claims: readonly Claim[] = [
  {
    id: 'ls-threshold-below',
    paper: HDN,
    statement:
      'Least squares with a constant rate converges whenever gamma < 2/mean(lambda), even when gamma lambda_max > 2: on {2, 0.5} ' +
      '(gamma_c = 1.6) gamma = 1.5 settles at the excess floor gamma mean(lambda) omega^2 / (2 (2 - gamma mean(lambda))) = 7.5.',
    source: 'theory note §1.5, check A2',
    run: { preset: 'threshold-below', params: { sde: false } },
    observable: { kind: 'final', series: 'excess_risk', source: 'theory' },
    expected: { kind: 'approx', value: 7.5, tolerance: 0.01, relative: true },
    printed: true,
    quick: true,
    figure: { series: 'excess_risk', logX: true, logY: true },
  },
  {
    id: 'ls-threshold-above',
    paper: HDN,
    statement:
      'Just above the threshold, gamma = 1.7 > gamma_c = 1.6 on {2, 0.5}, the risk diverges (direction only: the risk at t = 60 ' +
      'exceeds 1000 times its start).',
    source: 'theory note check A2',
    run: { preset: 'threshold-above', params: { sde: false } },
    observable: { kind: 'final', series: 'risk', source: 'theory' },
    expected: { kind: 'above', bound: 1e3 },
    printed: false,
    quick: true,
    figure: { series: 'risk', logX: true, logY: true },
  },
  {
    id: 'ls-noise-floor',
    paper: HDN,
    statement:
      'With label noise omega = 1 and gamma = 1 on {2, 0.5} the excess risk of SGD settles at gamma mean(lambda) omega^2 / ' +
      '(2 (2 - gamma mean(lambda))) = 0.8333 (the ODE at t = 30; SGD at d = 1000 fluctuates around it).',
    source: 'theory note check A2',
    run: { preset: 'two-level', params: { sde: false } },
    observable: { kind: 'final', series: 'excess_risk', source: 'theory' },
    expected: { kind: 'approx', value: 5 / 6, tolerance: 1e-3, relative: true },
    printed: true,
    quick: true,
    figure: { series: 'excess_risk', logX: true, logY: true },
  },
  {
    id: 'logistic-kl-excess',
    paper: HDN,
    statement:
      'Logistic regression with Bernoulli labels, K with eigenvalues {2, 0.5}, theta* ~ N(0, 9 I/d), gamma = 1: the KL excess ' +
      'risk at t = 5 is 0.124, for the ODE and for SGD at d = 2000.',
    source: 'theory note check A7',
    run: { preset: 'logistic', params: { sde: false }, replicas: 2 },
    observable: { kind: 'final', series: 'excess_risk', source: 'theory' },
    expected: { kind: 'approx', value: 0.124, tolerance: 0.003 },
    printed: true,
    quick: true,
    figure: { series: 'excess_risk', logX: true, logY: true },
  },
  {
    id: 'logistic-ode-sgd-gap',
    paper: HDN,
    statement:
      'The ODE is the deterministic equivalent of SGD: for the logistic problem above the SGD mean of 2 replicas at d = 2000 ' +
      'stays within 2% of the ODE risk over the whole run (the note measures 0.5-1.5% deviations of B).',
    source: 'theory note check A7',
    run: { preset: 'logistic', params: { sde: false }, replicas: 2 },
    observable: { kind: 'gap', series: 'risk', simulation: 'simulation' },
    expected: { kind: 'below', bound: 0.02 },
    printed: true,
    quick: true,
    figure: { series: 'risk', logX: true, logY: true },
  },
  {
    id: 'hsgd-agreement',
    paper: HDN,
    statement:
      'Homogenized SGD (the SDE) follows the same ODE as SGD: on isotropic noiseless least squares at d = 1000 its mean risk stays ' +
      'within 10% of the ODE relative to the ODE\'s largest value (direction: the gap vanishes as d grows; no value printed).',
    source: 'theory note check A1 and §8.4',
    run: { preset: 'isotropic-ls', params: { sde: true }, replicas: 2 },
    observable: { kind: 'gap', series: 'risk', simulation: 'sde' },
    expected: { kind: 'below', bound: 0.1 },
    printed: false,
    quick: true,
    figure: { series: 'risk', logX: true, logY: true },
  },
  {
    id: 'schedule-keeps-decreasing',
    paper: HDN,
    statement:
      'A decaying schedule gamma (1 + t)^(-1/2) removes the noise floor: the excess risk keeps falling, tracking the floor of ' +
      'the current rate (about t^(-1/2)); the fitted log-log slope on t in [20, 200] is below -0.3 (direction; no value printed).',
    source: 'deterministic schedules (§1.5 floor with gamma_t)',
    run: { preset: 'schedule', params: { sde: false } },
    observable: { kind: 'slope', series: 'excess_risk', source: 'theory', from: 20, to: 200 },
    expected: { kind: 'below', bound: -0.3 },
    printed: false,
    quick: true,
    figure: { series: 'excess_risk', logX: true, logY: true },
  },
  {
    id: 'line-search-limit',
    paper: HL,
    statement:
      'Exact line search on noiseless least squares with eigenvalues {1, 1/4} converges to a learning rate strictly between the ' +
      'bounds lambda_min/mean(lambda^2) and twice that: 0.869834.',
    source: 'Fig. 5; theory note check A3',
    run: { preset: 'hl-fig5', params: { sde: false } },
    observable: { kind: 'final', series: 'lr', source: 'theory' },
    expected: { kind: 'approx', value: 0.869834, tolerance: 1e-4 },
    printed: true,
    quick: true,
    figure: { series: 'lr', logX: true },
  },
  {
    id: 'line-search-quotient',
    paper: HL,
    statement:
      'On the s-power spectrum of Fig. 2 the line-search rate quotient gamma_t (tr K^2/d) / lambda_min ends in [1, 2], far below ' +
      'the Polyak rate.',
    source: 'Fig. 2; theory note check A11',
    run: { preset: 'hl-fig2', params: { sde: false } },
    observable: { kind: 'scalar', name: 'lr_quotient_final_theory' },
    expected: { kind: 'between', lo: 1, hi: 2 },
    printed: true,
    quick: true,
    figure: { series: 'lr', logX: true },
  },
  {
    id: 'adagrad-noiseless-limit',
    paper: HL,
    statement:
      'AdaGrad-Norm (b = eta = 1) on noiseless isotropic least squares from theta_0 = 0 with |theta*| = 1 converges to the ' +
      'learning rate 0.700176, inside the bracket [2/3, 4/5].',
    source: 'Prop. 4.1; theory note check A4',
    run: { params: { noise: 0, init: 0, signal: { kind: 'unit' }, lr: ADAGRAD, T: 100, sde: false } },
    observable: { kind: 'final', series: 'lr', source: 'theory' },
    expected: { kind: 'approx', value: 0.700176, tolerance: 1e-4 },
    printed: true,
    quick: true,
    figure: { series: 'lr', logX: true },
  },
  {
    id: 'adagrad-noisy-asymptote',
    paper: HL,
    statement:
      'With label noise AdaGrad-Norm decays like eta / sqrt(b^2 + mean(lambda) omega^2 t): at t = 10^4 (b = eta = omega = 1, K = I) ' +
      'gamma_t sqrt(b^2 + t) is 0.995.',
    source: 'Fig. 3 (left); theory note check A5',
    run: { preset: 'hl-fig3l', params: { lr: { eta: 1 }, T: 1e4, sim_T: 10, sde: false } },
    observable: { kind: 'ratio', numerator: 'final_lr_theory', denominator: 'lr_asymptote' },
    expected: { kind: 'approx', value: 0.995, tolerance: 0.002 },
    printed: true,
    quick: true,
    figure: { series: 'lr', logX: true },
  },
  {
    id: 'power-law-lr-constant',
    paper: HL,
    statement:
      'Power-law phase transition, easy side: with beta + delta = 0.6 < 1 AdaGrad-Norm\'s learning rate tends to a constant ' +
      '(exponent 0) and the risk decays like t^(beta + delta - 2) = t^-1.4.',
    source: 'Fig. 4, §3.4; theory note check A6',
    run: powerLaw(0.4, ADAGRAD),
    observable: { kind: 'slope', series: 'lr', source: 'theory', from: 300, to: 1e4 },
    expected: { kind: 'approx', value: 0, tolerance: 0.05 },
    printed: true,
    quick: false,
    figure: { series: 'lr', logX: true },
  },
  {
    id: 'power-law-risk-easy',
    paper: HL,
    statement: 'With beta + delta = 0.6 the AdaGrad-Norm risk decays like t^(beta + delta - 2) = t^-1.4.',
    source: 'Fig. 4, §3.4; theory note check A6',
    run: powerLaw(0.4, ADAGRAD),
    observable: { kind: 'slope', series: 'risk', source: 'theory', from: 300, to: 1e4 },
    expected: { kind: 'approx', value: -1.4, tolerance: 0.08 },
    printed: true,
    quick: false,
    figure: { series: 'risk', logX: true, logY: true },
  },
  {
    id: 'power-law-lr-decays',
    paper: HL,
    statement:
      'Power-law phase transition, hard side: with beta + delta = 1.4 > 1 AdaGrad-Norm\'s learning rate decays like ' +
      't^(-1 + 1/(beta + delta)) = t^-0.286.',
    source: 'Fig. 4, §3.4; theory note check A6',
    run: powerLaw(1.2, ADAGRAD),
    observable: { kind: 'slope', series: 'lr', source: 'theory', from: 300, to: 1e4 },
    expected: { kind: 'approx', value: -1 + 1 / 1.4, tolerance: 0.08 },
    printed: true,
    quick: false,
    figure: { series: 'lr', logX: true },
  },
  {
    id: 'power-law-risk-hard',
    paper: HL,
    statement:
      'With beta + delta = 1.4 the AdaGrad-Norm risk decays like t^(1 - 2/(beta + delta)) = t^-0.429, slower than the ' +
      'constant rate\'s t^(beta + delta - 2) = t^-0.6.',
    source: 'Fig. 4, §3.4; theory note check A6',
    run: powerLaw(1.2, ADAGRAD),
    observable: { kind: 'slope', series: 'risk', source: 'theory', from: 300, to: 1e4 },
    expected: { kind: 'approx', value: 1 - 2 / 1.4, tolerance: 0.08 },
    printed: true,
    quick: false,
    figure: { series: 'risk', logX: true, logY: true },
  },
  {
    id: 'power-law-risk-constant-lr',
    paper: HL,
    statement: 'With a constant rate gamma = 1 and beta + delta = 1.4 the risk decays like t^(beta + delta - 2) = t^-0.6.',
    source: '§3.4; theory note check A6',
    run: powerLaw(1.2, { policy: 'constant', gamma: 1 }),
    observable: { kind: 'slope', series: 'risk', source: 'theory', from: 300, to: 1e4 },
    expected: { kind: 'approx', value: -0.6, tolerance: 0.08 },
    printed: true,
    quick: false,
    figure: { series: 'risk', logX: true, logY: true },
  },
];
