/**
 * The theory part of `dp-sgd`: the per-mode ODE and its two scalar bounds on the pass grid, the
 * privacy accounting of the run (rho, its profile over the samples), the ODE optimum c* of the
 * clipping level, as series, scalars and notes.
 */
import type { RunContext, RunResult, Series } from '../model-kind.js';
import { optimalClip } from './optimum.js';
import { dpBoundTheory, dpPerModeTheory } from './ode.js';
import type { DpSgdParams } from './params.js';
import { zcdpToEpsilon } from './privacy.js';
import { MAX_MODES_FOR_OPTIMUM, type Setup, setup, theoryInput } from './setup.js';
import { addConstant, curve } from './outputs.js';

export function theoryPart(params: DpSgdParams, ctx: RunContext): RunResult {
  const s = setup(params);
  const { p, grid, spectrum } = s;
  const hooks = { isCancelled: () => ctx.isCancelled() };
  const input = theoryInput(s);
  const half2 = 0.5 * p.noise * p.noise;
  const main = dpPerModeTheory(input, grid.t, { ...hooks, progress: (f) => ctx.progress(0.5 * f) });
  const lower = dpBoundTheory(input, spectrum.max, grid.t, hooks);
  const upper = dpBoundTheory(input, spectrum.min, grid.t, hooks);
  const out: Series[] = [
    curve('risk', 'theory', 'ODE (per mode)', grid.t, addConstant(main.excess, half2)),
    curve('risk', 'bound_lower', 'lower bound (lambda_max ODE)', grid.t, addConstant(lower.excess, half2)),
    curve('risk', 'bound_upper', 'upper bound (lambda_min ODE)', grid.t, addConstant(upper.excess, half2)),
    curve('excess_risk', 'theory', 'ODE (per mode)', grid.t, main.excess),
    curve('excess_risk', 'bound_lower', 'lower bound (lambda_max ODE)', grid.t, lower.excess),
    curve('excess_risk', 'bound_upper', 'upper bound (lambda_min ODE)', grid.t, upper.excess),
  ];
  if (p.clip.enabled) {
    out.push(curve('clip_fraction', 'theory', 'ODE: 1 - mu_c, window average', grid.t.subarray(1).slice(), main.clipWindow.subarray(1).slice()));
  }
  const last = grid.t.length - 1;
  const scalars: Record<string, number> = {
    n: s.n,
    aspect_d_over_n: s.aspect,
    mean_eigenvalue: spectrum.mean,
    final_excess_risk_theory: main.excess[last],
    final_risk_theory: main.excess[last] + half2,
    final_excess_risk_bound_lower: lower.excess[last],
    final_excess_risk_bound_upper: upper.excess[last],
  };
  if (p.clip.enabled) {
    scalars.clip_C = s.clipC;
    scalars.clip_threshold_residual = s.threshold;
  }
  const priv = privacyNotes(s);
  Object.assign(scalars, priv.scalars);
  const notes = [
    `theory: dopri5 rtol=${main.solver.rtol}, ${spectrum.distinct.length} modes, ${main.solver.naccepted} steps, status ${main.solver.status}; ` +
      `bounds: ${lower.solver.naccepted} and ${upper.solver.naccepted} steps`,
    `n = round(d / aspect) = ${s.n} samples, d/n = ${s.aspect.toPrecision(6)}` +
      (p.clip.enabled ? `, C = c sqrt(d) = ${s.clipC.toPrecision(6)}, residual threshold c / sqrt(mean lambda) = ${s.threshold.toPrecision(6)}` : ', no clipping'),
    ...priv.notes,
  ];
  for (const sol of [main.solver, lower.solver, upper.solver]) {
    if (sol.status !== 'success') notes.push(`theory stopped early (${sol.status}); later points are NaN`);
  }
  if (s.sigma0 > 0 && p.clip.enabled) {
    const sel = p.privacy.accounting === 'last_iterate' ? s.unit.profileLast : s.unit.profileAll;
    const inv = 1 / (s.sigma0 * s.sigma0);
    out.push(
      curve(
        'rho_profile',
        'theory',
        `zCDP rho of sample k (${p.privacy.accounting.replace('_', ' ')})`,
        s.profileAt.map((k) => k / s.n),
        sel.map((v) => v * inv),
      ),
    );
  }
  if (p.clip.enabled && s.sigma0 > 0) {
    if (spectrum.distinct.length <= MAX_MODES_FOR_OPTIMUM) {
      const opt = optimalClip((c) => theoryInput(s, c, true), { isCancelled: () => ctx.isCancelled() });
      if (opt) {
        scalars.c_star_theory = opt.cStar;
        scalars.c_star_excess_theory = opt.excess;
        notes.push(`aggressive clipping: the ODE's final excess risk is smallest at c* = ${opt.cStar.toPrecision(4)} (E = ${opt.excess.toPrecision(4)}), other parameters fixed`);
      } else notes.push('no interior optimum of the final excess risk over c in [0.001, 100]');
    } else notes.push(`c* search skipped (${spectrum.distinct.length} distinct eigenvalues > ${MAX_MODES_FOR_OPTIMUM})`);
  }
  return { series: out, scalars, notes };
}

/** The privacy level of the run (rho under both accountings, the noise actually used) and how it was reached. */
function privacyNotes(s: Setup): { scalars: Record<string, number>; notes: string[] } {
  const { p, unit, sigma0, n } = s;
  const scalars: Record<string, number> = {};
  const notes: string[] = [];
  if (!p.clip.enabled) {
    notes.push('privacy: clipping is off, so one sample can move an update arbitrarily far: no privacy guarantee (rho = infinity)');
    return { scalars, notes };
  }
  if (!(sigma0 > 0)) {
    notes.push('privacy: no privacy noise (privacy.sigma = 0): rho = infinity');
    return { scalars, notes };
  }
  const rhoAll = unit.allIterates / (sigma0 * sigma0);
  const rhoLast = unit.lastIterate / (sigma0 * sigma0);
  const rho = p.privacy.accounting === 'last_iterate' ? rhoLast : rhoAll;
  scalars.rho = rho;
  scalars.rho_last_iterate = rhoLast;
  scalars.rho_all_iterates = rhoAll;
  scalars.privacy_sigma = sigma0;
  scalars.noise_multiplier_t0 = (sigma0 * s.noiseShape(0) * Math.SQRT2) / (s.lr(0) * Math.sqrt(n));
  const arg = p.privacy.accounting === 'last_iterate' ? unit.argmaxLast : unit.argmaxAll;
  notes.push(
    `privacy: replace-one neighbours, sensitivity 2C per step; rho = max_k rho_k with ` +
      (p.privacy.accounting === 'last_iterate'
        ? 'rho_k = n eta~(t_k)^2 / sum_{j>=k} sigma~(t_j)^2 (final iterate only, amplification by iteration; needs eta_k ||x_k||^2 <= 2)'
        : 'rho_k = n eta~(t_k)^2 / sigma~(t_k)^2 (every iterate released, one Gaussian mechanism per sample)') +
      `; rho = ${rho.toPrecision(4)} attained at sample k = ${arg} (t = ${(arg / n).toPrecision(3)}); ` +
      `the other accounting gives ${(p.privacy.accounting === 'last_iterate' ? rhoAll : rhoLast).toPrecision(4)}`,
  );
  if (p.privacy.calibration === 'rho') notes.push(`privacy: sigma~ = ${sigma0.toPrecision(6)} solved so that rho = ${p.privacy.rho}`);
  notes.push(
    `privacy: equivalently (${zcdpToEpsilon(rho, 1e-5).toPrecision(4)}, 1e-5)-DP; under the zero-out relation (sensitivity C) rho is 4 times smaller; ` +
      `per-step noise multiplier s_k / (eta_k C) = sqrt(2) sigma~(t_k) / (eta~(t_k) sqrt(n)) = ${scalars.noise_multiplier_t0.toPrecision(3)} at t = 0`,
  );
  return { scalars, notes };
}
