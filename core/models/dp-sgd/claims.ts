/**
 * Claims of `dp-sgd` (see ../claims.ts), arXiv:2505.16329: the risk of DP-SGD is given by an ODE
 * and sandwiched between two scalar ODEs that coincide for isotropic data; aggressive clipping (c of
 * the order of the residual) is optimal; decaying schedules help at a fixed privacy budget. Values
 * from the theory notes' independent checks A8 and A9 (shared/theory/sgd-odes.md §6) or directions
 * the paper states in words.
 */
import type { Claim } from '../claims.js';

const PAPER = '2505.16329';

export const claims: readonly Claim[] = [
  {
    id: 'isotropic-ode',
    paper: PAPER,
    statement: 'Isotropic data, d = 1000, n = 2000, zeta = 0.5, c = 1, no privacy noise: the ODE excess risk at the end of the pass is 0.179.',
    source: 'theory note check A8',
    run: { preset: 'a8-isotropic' },
    observable: { kind: 'final', series: 'excess_risk', source: 'theory' },
    expected: { kind: 'approx', value: 0.179, tolerance: 0.001 },
    printed: true,
    quick: true,
    figure: { series: 'excess_risk' },
  },
  {
    id: 'isotropic-simulation',
    paper: PAPER,
    statement: 'The same setup simulated: the mean DP-SGD excess risk over 16 replicas at t = 1 is 0.179, as the ODE says.',
    source: 'theory note check A8',
    run: { preset: 'a8-isotropic', replicas: 16 },
    observable: { kind: 'final', series: 'excess_risk', source: 'simulation' },
    expected: { kind: 'approx', value: 0.179, tolerance: 0.01 },
    printed: true,
    quick: true,
    figure: { series: 'excess_risk' },
  },
  {
    id: 'bounds-coincide-isotropic',
    paper: PAPER,
    statement: 'The two bounding ODEs (lambda_max and lambda_min in a scalar risk ODE) are equal for isotropic data: their ratio is 1.',
    source: 'abstract (v1); theory note §4.2',
    run: { preset: 'a8-isotropic' },
    observable: { kind: 'ratio', numerator: 'final_excess_risk_bound_upper', denominator: 'final_excess_risk_bound_lower' },
    expected: { kind: 'approx', value: 1, tolerance: 1e-6 },
    printed: true,
    quick: true,
    figure: { series: 'excess_risk' },
  },
  {
    id: 'anisotropic-ode',
    paper: PAPER,
    statement: 'Anisotropic data, eigenvalues {1.6, 0.4}, c = 2, sigma~ = 1: the per-mode ODE excess risk at t = 1 is 0.614 (DP-SGD 0.617).',
    source: 'theory note check A8',
    run: { preset: 'a8-anisotropic', replicas: 2 },
    observable: { kind: 'final', series: 'excess_risk', source: 'theory' },
    expected: { kind: 'approx', value: 0.614, tolerance: 0.002 },
    printed: true,
    quick: true,
    figure: { series: 'excess_risk' },
  },
  {
    id: 'anisotropic-sandwich',
    paper: PAPER,
    statement:
      'For anisotropic data the risk lies between the two bounding ODEs: the per-mode ODE\'s final excess sits inside ' +
      '[lambda_max bound, lambda_min bound] (position in [0, 1]; the paper gives no number).',
    source: 'abstract (v1), "sandwiched between two ODEs"',
    run: { preset: 'a8-anisotropic', replicas: 2 },
    observable: { kind: 'position', value: 'final_excess_risk_theory', lo: 'final_excess_risk_bound_lower', hi: 'final_excess_risk_bound_upper' },
    expected: { kind: 'between', lo: 0, hi: 1 },
    printed: false,
    quick: true,
    figure: { series: 'excess_risk' },
  },
  {
    id: 'aggressive-clipping-optimum',
    paper: PAPER,
    statement:
      'With privacy noise sigma~ = 1 the excess risk at t = 1 is smallest at an aggressive clipping level c* = 0.66, of the order ' +
      'of the residual (isotropic A8 setup).',
    source: 'abstract: "aggressive clipping is optimal"; theory note check A9',
    run: { preset: 'aggressive-clipping' },
    observable: { kind: 'scalar', name: 'c_star_theory' },
    expected: { kind: 'approx', value: 0.66, tolerance: 0.05, relative: true },
    printed: true,
    quick: true,
    figure: { series: 'excess_risk' },
  },
  {
    id: 'clipping-optimum-low-noise',
    paper: PAPER,
    statement: 'With less privacy noise, sigma~ = 0.25, the optimal clipping level is larger: c* = 1.49.',
    source: 'theory note check A9',
    run: { preset: 'aggressive-clipping', params: { privacy: { sigma: 0.25 } } },
    observable: { kind: 'scalar', name: 'c_star_theory' },
    expected: { kind: 'approx', value: 1.49, tolerance: 0.05, relative: true },
    printed: true,
    quick: true,
    figure: { series: 'excess_risk' },
  },
  {
    id: 'mild-clipping-worse',
    paper: PAPER,
    statement:
      'Mild clipping loses: at sigma~ = 1, c = 10 gives an excess risk more than 5 times that at c* (the note finds 5 to 600 ' +
      'times over sigma~ in [0.25, 4]).',
    source: 'theory note check A9',
    run: { preset: 'aggressive-clipping', params: { clip: { c: 10 } } },
    observable: { kind: 'ratio', numerator: 'final_excess_risk_theory', denominator: 'c_star_excess_theory' },
    expected: { kind: 'above', bound: 5 },
    printed: true,
    quick: true,
    figure: { series: 'excess_risk' },
  },
  {
    id: 'decaying-lr-helps',
    paper: PAPER,
    statement:
      'At a fixed budget rho = 1 a decaying learning rate 2 (1 - t)^(1/2) brings the excess risk below its initial value ' +
      'mean(lambda) |theta*|^2 / 2 = 0.5 (direction; the paper says decaying schedules help).',
    source: 'abstract (v1): learning-rate schedules',
    run: { preset: 'decaying-lr', replicas: 2 },
    observable: { kind: 'final', series: 'excess_risk', source: 'theory' },
    expected: { kind: 'below', bound: 0.5 },
    printed: false,
    quick: true,
    figure: { series: 'excess_risk' },
  },
  {
    id: 'constant-lr-same-budget',
    paper: PAPER,
    statement:
      'At the same budget a constant learning rate must protect the last sample alone, and the privacy noise this needs leaves the ' +
      'excess risk above its initial value 0.5 (direction).',
    source: 'abstract (v1): learning-rate schedules',
    run: { preset: 'constant-lr-same-rho', replicas: 2 },
    observable: { kind: 'final', series: 'excess_risk', source: 'theory' },
    expected: { kind: 'above', bound: 0.5 },
    printed: false,
    quick: true,
    figure: { series: 'excess_risk' },
  },
];
