/**
 * The estimated cost of an sgd-glm run (`ModelKind.cost`), term by term, in seconds on one core:
 *
 * - SGD: each replica takes sim_T·d steps of O(d) work, 5 ns per step × dimension (`npm run bench`);
 * - homogenized SGD (`sde`): the same count at 8 ns per step × dimension;
 * - theory: modes (distinct eigenvalues, at most d) × integrator steps. The exponential integrator
 *   (what `auto` picks on stiff problems) takes up to about 8 steps per recording time at 1 µs per
 *   mode·step plus 20 µs per step; DOPRI5 costs 60 ns per mode·step (six evaluations) plus 1 µs per
 *   step, but when it is forced it takes as many steps as the stiffness T γ λ_max asks for (times
 *   0.6). An rtol tighter than 1e-9 multiplies the steps by (1e-9 / rtol)^(1/4).
 *
 * Finite-size mode counts the theory and `finite_size.replicas` SGD replicas at every d of `dims`
 * (no homogenized SGD there). Rough to a factor of a few: it tells seconds from hours from years.
 */
import type { CostTerm } from '../model-kind.js';
import { distinctEigenvaluesAtMost } from '../spectrum-params.js';
import type { SgdGlmParams } from './params.js';
import { simulationHorizon, spectrumOf, stiffness, theoryInputOf } from './setup.js';

const SGD_NS_PER_STEP_DIM = 5;
const SDE_NS_PER_STEP_DIM = 8;
const EXPONENTIAL_NS = { perModeStep: 1000, perStep: 20_000 };
const DOPRI5_NS = { perModeStep: 60, perStep: 1000 };
const STEPS_PER_RECORDING_TIME = 8;

/** Integrator steps of the theory at dimension d (see the module comment). */
function theorySteps(p: SgdGlmParams, d: number): { steps: number; ns: { perModeStep: number; perStep: number } } {
  const tolerance = Math.max(0.25, (1e-9 / p.ode.rtol) ** 0.25);
  const base = STEPS_PER_RECORDING_TIME * p.grid * tolerance;
  if (p.ode.method !== 'dopri5') return { steps: base, ns: EXPONENTIAL_NS };
  const spectrum = spectrumOf(p, d);
  const stiff = stiffness(p, spectrum, theoryInputOf(p, spectrum));
  return { steps: Math.max(base, 0.6 * stiff * tolerance), ns: DOPRI5_NS };
}

export function sgdGlmCost(p: SgdGlmParams, replicas: number): CostTerm[] {
  const simT = simulationHorizon(p);
  const dims = p.finite_size.enabled ? p.finite_size.dims : [p.d];
  const sgdReplicas = p.finite_size.enabled ? p.finite_size.replicas : replicas;
  let theoryCount = 0;
  let theorySeconds = 0;
  let stepDims = 0;
  for (const d of dims) {
    const { steps, ns } = theorySteps(p, d);
    const count = distinctEigenvaluesAtMost(p.spectrum, d) * steps;
    theoryCount += count;
    theorySeconds += (count * ns.perModeStep + steps * ns.perStep) * 1e-9;
    stepDims += sgdReplicas * simT * d * d;
  }
  const terms: CostTerm[] = [
    { what: 'theory modes·steps', count: theoryCount, seconds: theorySeconds },
    { what: 'SGD steps·d·replicas', count: stepDims, seconds: stepDims * SGD_NS_PER_STEP_DIM * 1e-9 },
  ];
  if (p.sde && !p.finite_size.enabled) {
    terms.push({ what: 'homogenized SGD steps·d·replicas', count: stepDims, seconds: stepDims * SDE_NS_PER_STEP_DIM * 1e-9 });
  }
  return terms;
}
