/**
 * Presets of `grokking-cubic`: App. C's reference network (N = 700, P = 3000, d = 150, σ_w² = 0.5,
 * σ̃_a² = 8, ε = −0.3) for the theory; Fig. 2 at the paper's smallest ensemble scale α = β = 1/8
 * (N = 88, d = 53, P = 375) below and above the transition σ²_c ≈ 0.18; App. D's width-driven
 * time-dependent experiment (P = 600, d = 150, ε = −1.2, σ² = 0.05, actual σ_a² = 0.011, N = 2800,
 * 1400, 700) at scale 1/8; and a cheap one.
 */
import type { Preset } from '../model-kind.js';
import type { GrokkingCubicParams } from './params.js';

const APP_C = { d: 150, N: 700, P: 3000, sigma_w2: 0.5, sigma_a2: 8, eps: -0.3 } as const;
const FIG2_CHAINS = { chains: 6, steps: 8_000, burn_in: 2_000, thin: 20 } as const;

/** App. D at width N (scale 1): the actual readout scale σ_a² = 0.011 is held fixed, so σ̃_a² = 0.011 N. */
function appD(N: number): Preset<GrokkingCubicParams> {
  return {
    description:
      `App. D, width-driven grokking at N = ${N} (simulated at scale 1/8: N = ${Math.round(N / 8)}, d = 53, P = 75; eps = -1.2, sigma^2 = 0.05, ` +
      'actual sigma_a^2 = 0.011): the test loss against training time from the prior draw. The paper sees side minima of -log p(q) appear and a late drop ' +
      'of the test loss (grokking) at the smallest width after 7e6 epochs; compare the three widths (or sweep N). At 10 000 steps the chains stay on the ' +
      'GFL plateau (the theory\'s side well is about 9 nats deep at N = 700): raise langevin.steps by orders of magnitude to wait for the drop.',
    params: {
      d: 150,
      P: 600,
      N,
      sigma_w2: 0.5,
      sigma_a2: 0.011 * N,
      eps: -1.2,
      noise: 0.05,
      scale: 0.125,
      test_size: 500,
      langevin: { chains: 4, steps: 10_000, burn_in: 0, thin: 10 },
    },
  };
}

export const presets: Record<string, Preset<GrokkingCubicParams>> = {
  'app-c-theory': {
    description:
      'App. C parameters at scale 1, theory only: the onset of the mixed phase sigma2_c = 0.179 (paper: around 0.18), u_c = 30.7 (paper 30.2), q* = 0.72, ' +
      'b = 0.29 and c = eps in GFL (theory note check C1).',
    params: { ...APP_C, scale: 1, noise: 0.18, langevin: { chains: 0 } },
  },
  'fig2-below': {
    description:
      'Fig. 2 at the paper\'s smallest scale alpha = beta = 1/8 (N = 88, d = 53, P = 375), sigma^2 = 0.1 below the transition: -log p(q) of the overlaps ' +
      'grows side minima near |q| = 0.9-1 (droplets), theory check C2.',
    params: { ...APP_C, scale: 0.125, noise: 0.1, langevin: FIG2_CHAINS },
  },
  'fig2-above': {
    description: 'Fig. 2 at scale 1/8, sigma^2 = 0.25 above the transition: -log p(q) is a single well at q = 0 (GFL), and c = eps.',
    params: { ...APP_C, scale: 0.125, noise: 0.25, langevin: FIG2_CHAINS },
  },
  'app-d-n2800': appD(2800),
  'app-d-n1400': appD(1400),
  'app-d-n700': appD(700),
  cheap: {
    description: 'A small ensemble (scale 1/32: N = 22, d = 27, P = 94) at sigma^2 = 0.12, a few seconds: the pipeline end to end.',
    params: { ...APP_C, scale: 1 / 32, noise: 0.12, test_size: 300, langevin: { chains: 4, steps: 3_000, burn_in: 1_000, thin: 10 } },
  },
};
