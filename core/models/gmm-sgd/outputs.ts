/** What `gmm-sgd` reports: its observables on t = steps / d and its scalars. */
import type { KindOutputs } from '../model-kind.js';

const X = 't = steps / d';

export const outputs: KindOutputs = {
  observables: [
    { name: 'risk', label: 'population risk', xLabel: X, yLabel: 'population risk sum_c p_c E_c loss', logX: false, logY: false },
    { name: 'accuracy', label: 'accuracy of sign(<theta, x>)', xLabel: X, yLabel: 'Pr(sign(<theta, x>) = y)', logX: false, logY: false },
    { name: 'overlap_clean', label: 'overlap with the clean mean difference', xLabel: X, yLabel: 'cos(theta, P_clean delta_mu)', logX: false, logY: false },
    { name: 'overlap_noisy', label: 'overlap with the noisy mean difference', xLabel: X, yLabel: 'cos(theta, P_noisy delta_mu)', logX: false, logY: false },
  ],
  scalars: [
    { name: 'final_risk_theory', role: 'theory', description: 'risk of the ODE at T' },
    { name: 'final_risk_simulation', role: 'simulation', description: 'mean SGD risk at T' },
    { name: 'max_rel_gap', role: 'gap', description: 'max_t |SGD mean - ODE| / max_t |ODE| of the risk' },
    { name: 'risk_decay_exponent_theory', role: 'theory', description: 'slope of log risk against log t over the last decade, ODE' },
    { name: 'risk_decay_exponent_simulation', role: 'simulation', description: 'the same slope for the SGD mean' },
    { name: 'final_accuracy_theory', role: 'theory', description: 'accuracy of the ODE at T' },
    { name: 'final_accuracy_simulation', role: 'simulation', description: 'mean SGD accuracy at T' },
    { name: 'final_overlap_clean_theory', role: 'theory', description: 'overlap_clean of the ODE at T' },
    { name: 'final_overlap_clean_simulation', role: 'simulation', description: 'mean SGD overlap_clean at T' },
    { name: 'final_overlap_noisy_theory', role: 'theory', description: 'overlap_noisy of the ODE at T' },
    { name: 'final_overlap_noisy_simulation', role: 'simulation', description: 'mean SGD overlap_noisy at T' },
    { name: 'mean_eigenvalue', role: 'diagnostic', description: 'mean class-averaged variance' },
    { name: 'clean_coordinates', role: 'diagnostic', description: 'number of coordinates counted as clean (clean_frac d)' },
  ],
};
