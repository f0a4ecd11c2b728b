/** What `nngp-gp` reports: the learning curve against P, the kernel's spectrum and scalars. */
import type { KindOutputs } from '../model-kind.js';

export const outputs: KindOutputs = {
  observables: [
    {
      name: 'test_error',
      label: 'test error of the GP posterior mean',
      xLabel: 'training-set size P',
      yLabel: 'test MSE E(f̄ − f*)²',
      logX: true,
      logY: true,
    },
    {
      name: 'prediction',
      label: 'posterior mean at shared inputs (largest GP-regression P)',
      xLabel: 'input: teacher projection w*·x (synthetic data) or test point index (file data)',
      yLabel: 'prediction f̄(x)',
      logX: false,
      logY: false,
    },
    {
      name: 'kernel_spectrum',
      label: 'eigenvalues of the NNGP kernel operator',
      xLabel: 'mode rank k',
      yLabel: 'eigenvalue λ_k',
      logX: true,
      logY: true,
    },
  ],
  scalars: [
    { name: 'test_error_rr', role: 'theory', description: 'renormalised-ridge test error at the largest P' },
    { name: 'test_error_ek', role: 'theory', description: 'equivalent-kernel test error at the largest P' },
    { name: 'kappa_eff', role: 'theory', description: 'effective ridge κ_eff at the largest P (≥ σ̃²)' },
    { name: 'test_error_gpr', role: 'simulation', description: 'mean test error of GP regression on samples at the largest P it ran' },
    { name: 'rel_gap_rr', role: 'gap', description: 'max over the GP-regression P grid of |GPR mean − renormalised ridge| / GPR mean' },
    { name: 'rel_gap_ek', role: 'gap', description: 'max over the GP-regression P grid of |GPR mean − EK| / GPR mean' },
    { name: 'kernel_trace', role: 'theory', description: 'trace of the kernel operator, E K₀(x, x)' },
    { name: 'spectrum_degrees', role: 'diagnostic', description: 'synthetic data: spherical-harmonic degrees resolved explicitly' },
    { name: 'spectrum_tail_trace', role: 'diagnostic', description: 'kernel trace left to the unresolved tail (added to κ_eff)' },
    { name: 'target_tail_power', role: 'diagnostic', description: 'target power outside the resolved modes (never learned)' },
    { name: 'target_power', role: 'diagnostic', description: 'E f*(x)² on the data distribution' },
    { name: 'theory_rows', role: 'diagnostic', description: 'file data: rows whose kernel spectrum stands for the distribution' },
  ],
};
