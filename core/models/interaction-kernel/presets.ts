/**
 * Presets of `interaction-kernel`: the calibration settings of the theory note (d = 1, i.i.d.
 * uniform particles, phi*(r) = sin(2 pi r) + cos(6 r)/2, sigma = 1, quantile knots, M = 2^9..2^15,
 * 16 repetitions), the deliberately bad design that makes taming fire, the bias-variance view at a
 * kernel of known smoothness, and the other laws, forms and kernels.
 */
import type { Preset } from '../model-kind.js';
import type { InteractionKernelParams } from './params.js';

const CALIBRATION = { N: 3, d: 1, law: 'uniform', noise: 1, kernel: { kind: 'sin_cos' }, M_min: 512, M_max: 32768, M_points: 7, reps: 16 } as const;

export const presets: Record<string, Preset<InteractionKernelParams>> = {
  'calibration-linear-beta1': {
    description:
      'Note calibration: N = 3, d = 1, uniform particles, sin_cos kernel, sigma = 1, piecewise linear (s = 1), beta = 1, c = 3, quantile knots, ' +
      'M = 2^9..2^15, 16 repetitions: n from 24 to 96, slope near -2/3 (measured -0.715 and -0.667 in the note), no taming, lambda_min near 1/(N-1).',
    params: { ...CALIBRATION, beta: 1, basis: { degree: 1, c: 3, knots: 'quantile' } },
  },
  'calibration-quadratic-beta1': {
    description: 'Note calibration: as calibration-linear-beta1 with piecewise quadratics (s = 2): slope near -2/3 (note: -0.672).',
    params: { ...CALIBRATION, beta: 1, basis: { degree: 2, c: 3, knots: 'quantile' } },
  },
  'calibration-linear-beta0.5': {
    description: 'Note calibration: s = 1, beta = 0.5, c = 2: n from 46 to 364 (note), slope near -1/2 (note: -0.504).',
    params: { ...CALIBRATION, beta: 0.5, basis: { degree: 1, c: 2, knots: 'quantile' }, bias_variance: { M: 8192, span: 2 } },
  },
  'calibration-quadratic-beta2': {
    description: 'Note calibration: s = 2, beta = 2, c = 4: n from 15 to 33 (note), slope near -4/5 (note: -0.824).',
    params: { ...CALIBRATION, beta: 2, basis: { degree: 2, c: 4, knots: 'quantile' } },
  },
  'bad-design-uniform-knots': {
    description:
      'Check K4: uniform knots while rho(r) = 2(1 - r) vanishes at r = 1, piecewise quadratics, beta = 0.5, c = 2 (n up to about M^(1/2)): the edge ' +
      'functions blow up, lambda_min(A_hat) falls below c_L/4 and taming fires or the error curve flattens (slope near 0 in the note).',
    params: { ...CALIBRATION, M_max: 16384, M_points: 6, beta: 0.5, basis: { degree: 2, c: 2, knots: 'uniform' }, bias_variance: { enabled: false } },
  },
  'bias-variance-weierstrass': {
    description:
      'Check K5: phi* a Weierstrass series of smoothness 1 (scale 0.5), sigma = 1, s = 1, beta = 1, c = 3; at M = 2^13 the error against n is ' +
      'U-shaped, with its minimum within a factor 2 of c M^(1/3) = 60.',
    params: {
      ...CALIBRATION,
      M_max: 16384,
      M_points: 6,
      beta: 1,
      kernel: { kind: 'weierstrass', smoothness: 1, scale: 0.5 },
      basis: { degree: 1, c: 3, knots: 'quantile' },
      bias_variance: { enabled: true, M: 8192, points: 11, span: 8, reps: 16 },
    },
  },
  'dynamics-form': {
    description:
      'First-order dynamics convention: Y_i = (1/N) sum_j phi(r_ij)(X_j - X_i) + noise with phi* = sin_cos as the dynamics kernel, otherwise the ' +
      'linear beta = 1 calibration; the error is that of the equivalent static kernel ((N-1)/N) r phi(r).',
    params: { ...CALIBRATION, M_max: 16384, M_points: 6, form: 'dynamics', beta: 1, basis: { degree: 1, c: 3, knots: 'quantile' } },
  },
  'gaussian-particles-3d': {
    description: 'N = 4 Gaussian particles in d = 3 (rho in closed form: r^2 exp(-r^2/4)/(4 Gamma(3/2))), gaussian kernel of scale 2, s = 1, beta = 1.',
    params: { N: 4, d: 3, law: 'gaussian', noise: 1, beta: 1, kernel: { kind: 'gaussian', scale: 2 }, basis: { degree: 1, c: 3, knots: 'quantile' }, M_min: 512, M_max: 16384, M_points: 6, reps: 16 },
  },
  'uniform-2d-monte-carlo-rho': {
    description: 'N = 3 uniform particles in [0, 1]^2: no closed form is used for rho, which is a Monte Carlo histogram of 2^20 pair distances; sin_cos kernel, s = 1, beta = 1.',
    params: { N: 3, d: 2, law: 'uniform', noise: 1, beta: 1, kernel: { kind: 'sin_cos' }, basis: { degree: 1, c: 3, knots: 'quantile' }, M_min: 512, M_max: 16384, M_points: 6, reps: 16 },
  },
  'lennard-jones': {
    description: 'A Lennard-Jones-type kernel (scale 0.3, capped below 0.27 so it stays bounded; Lipschitz at the cap, so beta = 1), N = 3 uniform particles on [0, 1], s = 1.',
    params: { ...CALIBRATION, M_max: 16384, M_points: 6, beta: 1, kernel: { kind: 'lennard_jones', scale: 0.3 }, noise: 0.5, basis: { degree: 1, c: 3, knots: 'quantile' } },
  },
};
