/** Presets of `gmm-sgd`: the note's checks (A10) and the power-law phase transition of the paper. */
import type { Preset } from '../model-kind.js';
import type { GmmSgdParams } from './params.js';

const A10 = { d: 2000, T: 10, lr: { gamma: 1 }, means: { kind: 'antipodal', norm: 1 }, loss: 'logistic', grid: 100, grid_spacing: 'linear' } as const;

export const presets: Record<string, Preset<GmmSgdParams>> = {
  'a10-isotropic': {
    description:
      'Note check A10: two classes +-mu, ||mu|| = 1, p = 1/2, logistic, gamma = 1, d = 2000, isotropic lambda = 1. Risk at t = 1, 5, 10: ' +
      '0.551, 0.420, 0.394: it saturates at a positive constant.',
    params: { ...A10, spectrum: { kind: 'isotropic', scale: 1 } },
  },
  'a10-zero-one': {
    description:
      'A10 zero-one: variance 2 on half the coordinates, 0 on the half that carries the mean (means.kind = clean). Risk at t = 1, 5, 10: ' +
      '0.526, 0.209, 0.108, going to 0 like 1/t; theta aligns with the clean projection of the mean (overlap_clean -> 1).',
    params: { ...A10, spectrum: { kind: 'zero_one', scale: 2, frac_zero: 0.5 }, means: { kind: 'clean', norm: 1 }, clean_frac: 0.5 },
  },
  'power-law': {
    description:
      'Class-dependent power-law spectra lambda_{c,i} = ((i - 1/2)/d)^a_c with a_1 = 1.1, a_2 = 1.5 (exponents of the paper\'s figure, ' +
      'parameterisation ours), antipodal means, logistic, d = 500, t up to 1000 on a log grid: the risk keeps decreasing (a_min > 1).',
    params: {
      d: 500,
      T: 1000,
      grid: 60,
      grid_spacing: 'log',
      spectrum: { kind: 'power_law', exponent: 1.1, exponent_spread: 0.4 },
      means: { kind: 'antipodal', norm: 1 },
      clean_frac: 0.1,
    },
  },
  'power-law-transition': {
    description:
      'Base for the structural phase transition: power law with one exponent a for both classes, d = 500, t up to 1000. Sweep ' +
      'limitlab sweep gmm-sgd --preset power-law-transition --grid spectrum.exponent=0,0.25,0.5,0.75,1,1.25,1.5,2,3 and plot ' +
      'risk_decay_exponent_theory (slope of log risk over the last decade: about 0 below a = 1, the risk saturates; clearly negative ' +
      'above, the risk goes to 0) or final_risk_theory; the threshold a = 1 is marked.',
    params: {
      d: 500,
      T: 1000,
      grid: 60,
      grid_spacing: 'log',
      spectrum: { kind: 'power_law', exponent: 1.5 },
      means: { kind: 'antipodal', norm: 1 },
      clean_frac: 0.1,
    },
  },
  'many-classes': {
    description:
      'C = 64 classes, alternating +-1 labels, antipodal means (||mu|| = 1) and 64 distinct power-law spectra, class c with exponent ' +
      'a_c = 0.25 + 2 (c - 1)/63, logistic, d = 1000, t up to 20. For independent random class means use means.kind = random ' +
      '(a single output then separates 64 random directions poorly: risk near log 2).',
    params: {
      classes: 64,
      d: 1000,
      T: 20,
      means: { kind: 'antipodal', norm: 1 },
      labels: { kind: 'alternate' },
      spectrum: { kind: 'power_law', exponent: 0.25, exponent_spread: 2 },
    },
  },
  'least-squares-zero-one': {
    description:
      'Least squares on the +-1 labels, zero-one spectrum (variance 2 on half, 0 on the clean half carrying the means), gamma = 0.5, ' +
      'd = 1000, t up to 20: the risk also goes to 0 along the clean directions.',
    params: {
      d: 1000,
      T: 20,
      loss: 'least_squares',
      lr: { gamma: 0.5 },
      spectrum: { kind: 'zero_one', scale: 2, frac_zero: 0.5 },
      means: { kind: 'clean', norm: 1 },
    },
  },
};

