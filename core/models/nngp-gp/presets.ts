/** Presets of `nngp-gp`: the learning curves the theory note's §3 describes, at workbench sizes. */
import type { Preset } from '../model-kind.js';
import type { NngpGpParams } from './params.js';

export const presets: Record<string, Preset<NngpGpParams>> = {
  'erf-linear-target': {
    description:
      'One-hidden-layer erf NNGP (σ_w² = σ̃_a² = 1), linear target w*·x on the sphere in d = 20, GP noise 0.01, P = 8…1024: the ' +
      'degree-1 sector (d modes) is learned once P passes about d; renormalised ridge follows GP regression, EK is too optimistic at small P.',
    params: { d: 20, activation: 'erf', depth: 1, target: { kind: 'linear', degree: 3 }, noise: 0.01, P_min: 8, P: 1024, P_points: 12, test_size: 500 },
  },
  'relu-cubic-staircase': {
    description:
      'Two-hidden-layer ReLU NNGP, target He₃(w*·x)/√6 in d = 12, GP noise 1e-3, P = 4…2048: a plateau until P reaches the ' +
      'N(12, 3) = 352 cubic harmonics, then the cubic is learned — spectral bias, degree by degree.',
    params: { d: 12, activation: 'relu', depth: 2, target: { kind: 'hermite', degree: 3 }, noise: 0.001, P_min: 4, P: 2048, P_points: 14, test_size: 500 },
  },
  'label-noise-peak': {
    description:
      'Linear network (K₀ = σ̃_a² σ_w² x·x′/d) with small GP noise (1e-4) and label noise ε² = 0.25 on a linear target in d = 30: the ' +
      'test error peaks where P reaches the d = 30 linear modes (the E₀ = P/(P − Σ L²) amplification of the renormalised-ridge theory) ' +
      'and GP regression shows the same peak.',
    params: { d: 30, activation: 'linear', target: { kind: 'linear', degree: 3 }, noise: 1e-4, label_noise: 0.25, P_min: 4, P: 512, P_points: 16, test_size: 500 },
  },
  'cubic-d150-sample-complexity': {
    description:
      'Note §3 / G2: erf NNGP (σ_w² = 0.5, as in arXiv 2310.03789) in d = 150 with a cubic Hermite target; the cubic sector has ' +
      'N(150, 3) = 573 650 ≈ d³/6 harmonics, so the theory curve drops only near P ≈ 5·10⁵ (the paper: "n = 0.5e+6 datapoints"). ' +
      'GP regression on samples runs up to P = 1024.',
    params: {
      d: 150,
      activation: 'erf',
      sigma_w2: 0.5,
      target: { kind: 'hermite', degree: 3 },
      noise: 0.01,
      P_min: 16,
      P: 4_000_000,
      P_points: 24,
      gpr_max_P: 1024,
      test_size: 500,
    },
  },
};
