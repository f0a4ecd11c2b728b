/** Named runs of `mppm`: the paper's MNIST restoration settings per degradation, an ablation, and generation. */
import type { Preset } from '../model-kind.js';
import type { MppmParams } from './params.js';

const perDigit = { source: 'images', path: 'package:mnist', digit: 3, train: 600, test: 16 } as const;

export const presets: Record<string, Preset<MppmParams>> = {
  'mnist-noise': {
    description: 'Per-digit MNIST (digit 3) under Gaussian noise s = 0.75 / 1.025 / 1.3, every method (K = 8, lambda0 = 0.65, sigma = 1)',
    params: { data: perDigit, degradation: { kind: 'noise', severity: 'all' } },
  },
  'mnist-severe-noise': {
    description: 'Severe noise s = 1.3 on digit 3: LMPPM on the PCA latent against the degraded input and the optimal denoiser (check M3, training-free)',
    params: { data: perDigit, degradation: { kind: 'noise', severity: 'severe' }, methods: ['degraded', 'lmppm_pca', 'optimal_denoiser'] },
  },
  'mnist-sr': {
    description: 'Per-digit MNIST (digit 3), bilinear down-scaling by 0.3 / 0.26 / 0.22 then up-scaling to 28 x 28',
    params: { data: perDigit, degradation: { kind: 'sr', severity: 'all' } },
  },
  'mnist-rotation': {
    description: 'Per-digit MNIST (digit 3) rotated by -80 / -115 / -150 degrees',
    params: { data: perDigit, degradation: { kind: 'rotation', severity: 'all' } },
  },
  'mnist-elastic': {
    description: 'Per-digit MNIST (digit 3), elastic deformation alpha = 34, sigma = 1.5 / 1.3 / 1.1',
    params: { data: perDigit, degradation: { kind: 'elastic', severity: 'all' } },
  },
  'mnist-noise-gradual': {
    description: 'Gradual severity (the paper\'s severity figures): Gaussian noise s = 0.2, 0.4, 0.6, 0.8 on digit 3, every method',
    params: { data: perDigit, degradation: { kind: 'noise', severity: 'custom', levels: [0.2, 0.4, 0.6, 0.8] } },
  },
  'mnist-sr-gradual': {
    description: 'Gradual severity: down-scaling factor 0.8, 0.7, 0.6, 0.5, 0.4 then bilinear up-scaling, digit 3, every method',
    params: { data: perDigit, degradation: { kind: 'sr', severity: 'custom', levels: [0.8, 0.7, 0.6, 0.5, 0.4] } },
  },
  'mnist-ablation-projection': {
    description: 'Ablation M6: pure projection (lambda0 = 1) on the PCA latent with every training latent as anchor, severe noise',
    params: { data: perDigit, degradation: { kind: 'noise', severity: 'severe' }, methods: ['degraded', 'lmppm_pca'], mppm: { lambda0: 1 }, anchors: { kind: 'all' } },
  },
  'mnist-generation': {
    description: 'Generation from noise on digit 3 (K = 15, lambda0 = 0.3, delta = 0.03125) with pixel and latent MPPM, Fréchet distance on PCA features',
    params: { data: { ...perDigit, test: 64 }, degradation: { severity: 'severe' }, methods: ['degraded', 'mppm', 'lmppm_pca'], generation: { enabled: true, count: 64 } },
  },
  synthetic: {
    description: 'Bars of random angle, position and thickness (16 x 16, no file) under severe noise: every method on a known low-dimensional manifold',
    params: { data: { source: 'synthetic', train: 300, test: 12 }, degradation: { kind: 'noise', severity: 'severe' } },
  },
};
