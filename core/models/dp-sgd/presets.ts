/** Presets of `dp-sgd`: the note's checks (A8, A9) and privacy budgets spent with different schedules. */
import type { Preset } from '../model-kind.js';
import type { DpSgdParams } from './params.js';

const A8 = { d: 1000, aspect: 0.5, noise: 0.5, init: 0, lr: { eta: 1 } } as const;

export const presets: Record<string, Preset<DpSgdParams>> = {
  'a8-isotropic': {
    description:
      'Note check A8: isotropic, d = 1000, n = 2000, zeta = 0.5, eta~ = 1, c = 1, no privacy noise. Excess risk at t = 1: ODE 0.179 ' +
      '(c = 0.3: 0.332, c = 3: 0.144, clip.enabled = false: 0.1439). Theory and both bounds coincide (isotropic).',
    params: { ...A8, clip: { c: 1 } },
  },
  'a8-private': {
    description:
      'A8 with privacy noise sigma~ = 1 and c = 1: excess 0.339 at t = 1 (c = 0.3: 0.351, c = 3: 1.346). With a constant learning rate ' +
      'the last samples are barely protected: rho ~ n eta^2 / sigma~^2 (see rho_profile).',
    params: { ...A8, clip: { c: 1 }, privacy: { sigma: 1 } },
  },
  'a8-anisotropic': {
    description:
      'A8 anisotropic: eigenvalues {1.6, 0.4} on halves, c = 2, sigma~ = 1: per-mode ODE excess 0.614 at t = 1; the lambda_max and ' +
      'lambda_min scalar ODEs bracket it and the simulation (0.455 and 1.393).',
    params: { ...A8, spectrum: { kind: 'two_level', hi: 1.6, lo: 0.4, frac: 0.5 }, clip: { c: 2 }, privacy: { sigma: 1 } },
  },
  'aggressive-clipping': {
    description:
      'A9: sigma~ = 1, isotropic A8 setup, c = c* = 0.646 (the ODE optimum, scalar c_star_theory). Sweep clip.c to see the interior ' +
      'optimum, marked on the sweep: limitlab sweep dp-sgd --preset aggressive-clipping --grid clip.c=0.05,0.1,0.2,0.3,0.5,0.7,1,1.5,2,3,5,10 ' +
      '(and add --grid privacy.sigma=0.25,1,4 for the optimum shrinking as the noise grows: c* = 1.53, 0.646, 0.083). c = 10 is 5.5, 44 and 616 times worse.',
    params: { ...A8, clip: { c: 0.646 }, privacy: { sigma: 1 } },
  },
  'decaying-lr': {
    description:
      'Fixed privacy budget rho = 1 (last iterate): eta~(t) = 2 (1 - t)^(1/2) with constant noise makes every sample equally private ' +
      '(rho_k = eta^2 / sigma~^2, so sigma~ = 2); with c = 0.29 (its c*) the excess at t = 1 is 0.373. Compare with constant-lr-same-rho.',
    params: { ...A8, clip: { c: 0.29 }, lr: { eta: 2, schedule: 'decay', power: 0.5 }, privacy: { calibration: 'rho', rho: 1 } },
  },
  'constant-lr-same-rho': {
    description:
      'The same budget rho = 1 with a constant learning rate eta~ = 2: the last sample forces sigma~ = eta sqrt(n / rho) (about 89 at ' +
      'n = 2000) and the privacy noise swamps the signal; no c brings the excess below its initial value 0.5. Compare with decaying-lr.',
    params: { ...A8, clip: { c: 0.29 }, lr: { eta: 2 }, privacy: { calibration: 'rho', rho: 1 } },
  },
  'decaying-noise': {
    description:
      'Budget rho = 4, eta~(t) = 3 (1 - t), noise sigma~(t) ~ (1 - t)^(1/2): the matched noise decay for this learning rate (every ' +
      'sample equally private, rho_k = 2 eta^2 / sigma~^2) puts less noise late, where the dynamics cannot average it out. Final excess ' +
      'below decaying-noise-baseline (same rho, same rate, constant noise). Under this accounting the best schedule found is still ' +
      'decaying-lr (constant noise, rate (1 - t)^(1/2)).',
    params: {
      ...A8,
      clip: { c: 0.4 },
      lr: { eta: 3, schedule: 'decay', power: 1 },
      privacy: { calibration: 'rho', rho: 4, schedule: 'decay', power: 0.5 },
    },
  },
  'decaying-noise-baseline': {
    description: 'As decaying-noise (rho = 4, eta~(t) = 3 (1 - t), c = 0.4) with a constant noise schedule.',
    params: { ...A8, clip: { c: 0.4 }, lr: { eta: 3, schedule: 'decay', power: 1 }, privacy: { calibration: 'rho', rho: 4 } },
  },
  'power-law': {
    description:
      'Power-law spectrum density (1 - beta) lambda^-beta on (0, 1), beta = 0.2, d = 500, n = 500, sigma~ = 0.5, c = 0.5: the per-mode ODE ' +
      'lies between the lambda_max and lambda_min bounds, which are far apart for this ill-conditioned spectrum.',
    params: { d: 500, aspect: 1, noise: 0.5, lr: { eta: 1 }, spectrum: { kind: 'power_law', beta: 0.2 }, clip: { c: 0.5 }, privacy: { sigma: 0.5 } },
  },
};

