/** What `sgd-glm` reports: its observables on t = steps / d, the finite-size curves against d, and its scalars. */
import type { KindOutputs, ScalarSpec } from '../model-kind.js';

const X = 't = steps / d';

/** final_<observable>_theory, _simulation and _sde for each observable. */
function finals(name: string, what: string): ScalarSpec[] {
  return [
    { name: `final_${name}_theory`, role: 'theory', description: `${what} of the ODE at T` },
    { name: `final_${name}_simulation`, role: 'simulation', description: `mean SGD ${what} at the end of the simulation` },
    { name: `final_${name}_sde`, role: 'simulation', description: `mean homogenized-SGD ${what} at the end of the simulation` },
  ];
}

export const outputs: KindOutputs = {
  observables: [
    { name: 'risk', label: 'risk', xLabel: X, yLabel: 'risk', logX: true, logY: true },
    { name: 'lr', label: 'learning rate', xLabel: X, yLabel: 'learning rate gamma_t', logX: true, logY: false },
    { name: 'distance', label: 'squared distance to theta*', xLabel: X, yLabel: '|theta - theta*|^2', logX: true, logY: true },
    { name: 'overlap', label: 'overlap with theta*', xLabel: X, yLabel: '<theta, theta*>', logX: true, logY: false },
    { name: 'excess_risk', label: 'excess risk', xLabel: X, yLabel: 'risk - risk at theta*', logX: true, logY: true },
    { name: 'gap_vs_d', label: 'theory-to-SGD gap against d', xLabel: 'd', yLabel: 'sup_t |R_SGD - R_theory| (mean over replicas)', logX: true, logY: true },
    { name: 'band_vs_d', label: 'band width against d', xLabel: 'd', yLabel: 'sup_t width of the 10-90% band', logX: true, logY: true },
  ],
  scalars: [
    ...finals('risk', 'risk'),
    { name: 'max_rel_gap', role: 'gap', description: 'max_t |SGD mean - ODE| / max_t |ODE| of the risk' },
    { name: 'band_coverage', role: 'gap', description: 'share of grid points where the ODE risk lies in the SGD 10-90% band' },
    { name: 'max_rel_gap_sde', role: 'gap', description: 'the same gap for homogenized SGD' },
    { name: 'band_coverage_sde', role: 'gap', description: 'the same coverage for homogenized SGD' },
    ...finals('excess_risk', 'excess risk'),
    ...finals('lr', 'learning rate'),
    ...finals('distance', 'squared distance to theta*'),
    ...finals('overlap', 'overlap with theta*'),
    { name: 'gamma_critical', role: 'limit', description: 'least squares: critical learning rate 2 / mean(lambda)' },
    { name: 'risk_limit_theory', role: 'limit', description: 'least squares, constant rate: long-time risk omega^2 / (2 - gamma mean(lambda))' },
    { name: 'lr_limit', role: 'limit', description: 'closed-form limit of the adaptive learning rate' },
    { name: 'lr_limit_mode_ratio', role: 'limit', description: 'line search on two eigenvalues: limiting ratio of the two modes' },
    { name: 'lr_limit_upper', role: 'limit', description: 'AdaGrad-Norm, noiseless: upper end of the bracket on the limiting rate' },
    { name: 'lr_limit_lower', role: 'limit', description: 'AdaGrad-Norm, noiseless: lower end of the bracket on the limiting rate' },
    { name: 'lr_asymptote', role: 'limit', description: 'AdaGrad-Norm, noisy: large-T rate eta / sqrt(b^2 + mean(lambda) omega^2 T)' },
    { name: 'lr_bound_lower', role: 'limit', description: 'line search: lower bound lambda_min / mean(lambda^2) on the rate' },
    { name: 'lr_bound_upper', role: 'limit', description: 'line search: upper bound 2 lambda_min / mean(lambda^2) on the rate' },
    { name: 'lr_identity_theory', role: 'theory', description: 'AdaGrad-Norm: eta / (b + mean(lambda) r1 / eta) from the ODE (equals the rate at T)' },
    { name: 'risk_gamma_integral_theory', role: 'theory', description: 'AdaGrad-Norm, least squares: r1 = int gamma I / 2 from the ODE' },
    { name: 'lr_quotient_final_theory', role: 'theory', description: 'line search: gamma_T mean(lambda^2) / lambda_min from the ODE' },
    { name: 'theory_fisher_integral', role: 'theory', description: 'AdaGrad-Norm: the ODE integral of I(B) up to T' },
    { name: 'risk_theory_at_sim_T', role: 'theory', description: 'ODE risk at the end of the simulations (sim_T < T)' },
    { name: 'excess_risk_theory_at_sim_T', role: 'theory', description: 'ODE excess risk at sim_T' },
    { name: 'lr_theory_at_sim_T', role: 'theory', description: 'ODE learning rate at sim_T' },
    { name: 'distance_theory_at_sim_T', role: 'theory', description: 'ODE squared distance at sim_T' },
    { name: 'overlap_theory_at_sim_T', role: 'theory', description: 'ODE overlap at sim_T' },
    { name: 'gap_slope', role: 'gap', description: 'finite-size mode: log-log slope of the gap against d (about -1/2)' },
    { name: 'band_slope', role: 'gap', description: 'finite-size mode: log-log slope of the band width against d (about -1/2)' },
    { name: 'gap_slope_stderr', role: 'gap', description: 'standard error of gap_slope' },
    { name: 'band_slope_stderr', role: 'gap', description: 'standard error of band_slope' },
    { name: 'gap_d{n}', role: 'gap', description: 'finite-size mode: sup_t |R_SGD - R_theory| at d = n, mean over replicas' },
    { name: 'band_d{n}', role: 'gap', description: 'finite-size mode: sup_t width of the 10-90% band at d = n' },
    { name: 'mean_eigenvalue', role: 'diagnostic', description: 'mean eigenvalue of K' },
    { name: 'sim_T', role: 'diagnostic', description: 'horizon of the simulations when below T' },
    { name: 'theory_steps', role: 'diagnostic', description: 'accepted steps of the theory integrator' },
    { name: 'theory_evaluations', role: 'diagnostic', description: 'right-hand-side evaluations (collocation: passes over the modes)' },
  ],
};
