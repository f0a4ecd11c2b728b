/** What `dp-sgd` reports: its observables on t = k / n and its scalars, and series of those observables. */
import type { KindOutputs, Series, SeriesSource } from '../model-kind.js';
import { observableSeries, observablesOf } from '../kit/index.js';

const X = 't = k / n (fraction of the pass)';

export const outputs: KindOutputs = {
  observables: [
    { name: 'risk', label: 'population risk', xLabel: X, yLabel: 'population risk P', logX: false, logY: false },
    { name: 'excess_risk', label: 'excess risk', xLabel: X, yLabel: 'excess risk P - zeta^2/2', logX: false, logY: false },
    { name: 'clip_fraction', label: 'fraction of samples clipped', xLabel: X, yLabel: 'fraction of samples clipped', logX: false, logY: false },
    { name: 'rho_profile', label: 'zCDP level of each sample', xLabel: X, yLabel: 'rho_k of the sample used at step k', logX: false, logY: true },
  ],
  scalars: [
    { name: 'final_risk_theory', role: 'theory', description: 'population risk of the per-mode ODE at t = 1' },
    { name: 'final_excess_risk_theory', role: 'theory', description: 'excess risk of the per-mode ODE at t = 1' },
    { name: 'final_excess_risk_simulation', role: 'simulation', description: 'mean DP-SGD excess risk at t = 1' },
    { name: 'max_rel_gap', role: 'gap', description: 'max_t |DP-SGD mean - ODE| / max_t |ODE| of the excess risk' },
    { name: 'final_excess_risk_bound_lower', role: 'limit', description: 'excess risk of the lambda_max scalar ODE (lower bound) at t = 1' },
    { name: 'final_excess_risk_bound_upper', role: 'limit', description: 'excess risk of the lambda_min scalar ODE (upper bound) at t = 1' },
    { name: 'c_star_theory', role: 'theory', description: 'the clipping level c that minimises the ODE excess risk at t = 1' },
    { name: 'c_star_excess_theory', role: 'theory', description: 'the ODE excess risk at t = 1 with c = c*' },
    { name: 'rho', role: 'diagnostic', description: 'zCDP level of the run under the chosen accounting' },
    { name: 'rho_last_iterate', role: 'diagnostic', description: 'zCDP level if only the final iterate is released' },
    { name: 'rho_all_iterates', role: 'diagnostic', description: 'zCDP level if every iterate is released' },
    { name: 'privacy_sigma', role: 'diagnostic', description: 'the privacy noise scale sigma~ used (solved from rho when calibrated)' },
    { name: 'noise_multiplier_t0', role: 'diagnostic', description: 'per-step noise multiplier at t = 0' },
    { name: 'n', role: 'diagnostic', description: 'number of samples n = round(d / aspect)' },
    { name: 'aspect_d_over_n', role: 'diagnostic', description: 'd / n with the rounded n' },
    { name: 'mean_eigenvalue', role: 'diagnostic', description: 'mean eigenvalue of Sigma' },
    { name: 'clip_C', role: 'diagnostic', description: 'clipping constant C = c sqrt(d)' },
    { name: 'clip_threshold_residual', role: 'diagnostic', description: 'clipping threshold on the residual, c / sqrt(mean lambda)' },
    { name: 'expansive_steps', role: 'diagnostic', description: 'DP-SGD steps with eta_k ||x_k||^2 > 2, summed over replicas' },
  ],
};

const spec = observablesOf(outputs);

/** A series of the declared observable `name`. */
export function curve(name: string, source: SeriesSource, label: string, x: Float64Array, y: Float64Array, extra: Partial<Series> = {}): Series {
  return observableSeries(spec(name), source, x, y, { label, ...extra });
}

/** risk = excess + zeta^2 / 2. */
export function addConstant(y: Float64Array, c: number): Float64Array {
  return y.map((v) => v + c);
}
