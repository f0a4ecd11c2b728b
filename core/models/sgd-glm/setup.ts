/**
 * From parameters to the objects a part needs: spectrum, loss, policy, grids, theory input and
 * solver settings. Every part rebuilds these from the parameters alone (parts may run on
 * different workers).
 */
import { buildSpectrum, type Spectrum } from '../../numerics/spectra.js';
import { type GlmLoss, emptyExpectations, lossFor, momentsOf } from './losses.js';
import { type LrPolicy, lrPolicyFor } from './lr/index.js';
import type { SgdGlmParams } from './params.js';
import { type RecordingGrid, horizonSteps, recordingGrid } from '../kit/index.js';
import { theoryInitial } from './signal.js';
import { type GlmTheoryInput, SCHEME_NAMES, THEORY_SOLVER, type TheoryMethod, type TheoryScheme, type TheorySolverSettings } from './ode.js';

/** Digits of the logistic quadrature in the theory and at every simulation step. */
export const THEORY_DIGITS = 13;
export const STEP_DIGITS = 7;

export function spectrumOf(p: SgdGlmParams, d = p.d): Spectrum {
  return buildSpectrum(p.spectrum, d);
}

export function theoryLoss(p: SgdGlmParams): GlmLoss {
  return lossFor(p.problem, p.labels, THEORY_DIGITS);
}

export function stepLoss(p: SgdGlmParams): GlmLoss {
  return lossFor(p.problem, p.labels, STEP_DIGITS);
}

export function policyOf(p: SgdGlmParams): LrPolicy {
  return lrPolicyFor(p.lr);
}

export function theoryInputOf(p: SgdGlmParams, spectrum: Spectrum): GlmTheoryInput {
  const init = theoryInitial(p.signal, spectrum.distinct, p.init, p.init_signal);
  return {
    lambda: spectrum.distinct,
    weight: spectrum.weights,
    v22: init.v22,
    d0: init.d0,
    e0: init.e0,
    loss: theoryLoss(p),
    omega: p.problem === 'logistic' ? 0 : p.noise,
    policy: policyOf(p),
  };
}

/** The simulation horizon: sim_T if set (and below T), else T. */
export function simulationHorizon(p: SgdGlmParams): number {
  return p.sim_T > 0 ? Math.min(p.sim_T, p.T) : p.T;
}

/** The recording grid of the theory, and its prefix (t <= sim horizon) for the simulations. */
export function gridsOf(p: SgdGlmParams, d = p.d): { theory: RecordingGrid; simSteps: Float64Array } {
  const theory = recordingGrid(horizonSteps(p.T, d), p.grid, 'log', d);
  const last = Math.max(1, Math.round(simulationHorizon(p) * d));
  let n = 0;
  while (n < theory.steps.length && theory.steps[n] <= last) n++;
  const simSteps = theory.steps.slice(0, Math.max(2, n));
  return { theory, simSteps };
}

/**
 * Stiffness of the theory over the horizon, T gamma_max lambda_max |e_xx|: DOPRI5 needs about
 * that many steps (times 2/3.3), the exponential integrator does not.
 */
export function stiffness(p: SgdGlmParams, spectrum: Spectrum, input: GlmTheoryInput): number {
  const policy = input.policy;
  const gammaMax = Number.isFinite(policy.gammaBound) ? policy.gammaBound : spectrum.mean > 0 ? 2 / spectrum.mean : 1;
  const ex = emptyExpectations();
  let P = 0;
  let C = 0;
  let b = 0;
  for (let j = 0; j < input.lambda.length; j++) {
    const wl = input.weight[j] * input.lambda[j];
    P += wl * input.d0[j];
    C += wl * input.e0[j];
    b += wl * input.v22[j];
  }
  input.loss.expectations(momentsOf(P, C, b, { a: 0, b: 0, c: 0, P: 0, C: 0 }), input.omega, ex);
  const exx = p.problem === 'phase_retrieval' ? Math.max(Math.abs(ex.exx), 4 * b) : Math.abs(ex.exx);
  return p.T * gammaMax * spectrum.max * exx;
}

/** Above this stiffness `auto` uses the exponential integrator. */
export const AUTO_STIFFNESS = 500;

export function solverSettings(p: SgdGlmParams, spectrum: Spectrum, input: GlmTheoryInput): TheorySolverSettings {
  let method: TheoryMethod;
  if (p.ode.method === 'auto') method = stiffness(p, spectrum, input) > AUTO_STIFFNESS ? 'exponential' : 'dopri5';
  else method = p.ode.method;
  return { ...THEORY_SOLVER, method, rtol: p.ode.rtol };
}

/**
 * The theory's integrator as the theory part chooses it (./theory.ts, ./ode.ts): DOPRI5, or with
 * the exponential method the least-squares collocation or the exponential Runge–Kutta scheme. A
 * finite-size run's theory at its largest d stands for the others.
 */
export function solverOf(p: SgdGlmParams): Record<string, unknown> {
  const spectrum = spectrumOf(p, p.finite_size.enabled ? Math.max(...p.finite_size.dims) : p.d);
  const settings = solverSettings(p, spectrum, theoryInputOf(p, spectrum));
  const scheme: TheoryScheme = settings.method === 'dopri5' ? 'dopri5' : p.problem === 'least_squares' ? 'collocation' : 'exprk4s5';
  return { integrator: scheme, description: SCHEME_NAMES[scheme], rtol: settings.rtol, atol: settings.atol };
}
