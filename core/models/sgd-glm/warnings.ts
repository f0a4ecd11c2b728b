/** Warnings about parameters that are valid but outside the theory's assumptions or expensive. */
import type { SgdGlmParams } from './params.js';
import { simulationHorizon, solverSettings, spectrumOf, stiffness, theoryInputOf } from './setup.js';
import { THEORY_SOLVER } from './ode.js';

export function warningsOf(p: SgdGlmParams): string[] {
  const spectrum = spectrumOf(p);
  const out = [...spectrum.warnings];
  const mean = spectrum.mean;
  const gammaCritical = mean > 0 ? 2 / mean : Number.POSITIVE_INFINITY;
  if (p.problem === 'least_squares') {
    if ((p.lr.policy === 'constant' || p.lr.policy === 'schedule') && p.lr.gamma >= gammaCritical) {
      out.push(
        `gamma = ${p.lr.gamma} is at or above the critical learning rate 2/mean(lambda) = ${gammaCritical.toPrecision(4)}: ` +
          (p.lr.policy === 'constant' ? 'the risk diverges' : 'the risk grows until the schedule brings gamma below it'),
      );
    }
    if ((p.lr.policy === 'adagrad_norm' || p.lr.policy === 'rmsprop_norm') && p.lr.eta / p.lr.b >= gammaCritical) {
      out.push(`the initial rate eta/b = ${(p.lr.eta / p.lr.b).toPrecision(4)} is above 2/mean(lambda): the risk first rises`);
    }
  }
  if (p.problem === 'logistic' && p.noise > 0) out.push('noise is not used by logistic regression (labels come from the label model)');
  if (p.problem === 'phase_retrieval' && p.init_signal === 0) {
    out.push('phase retrieval from zero initial overlap: the theory stays at the saddle <theta, theta*> = 0; set init_signal != 0');
  }
  if (p.signal.kind === 'power' && spectrum.min === 0) out.push('power signal: theta*_i = 0 on the zero eigenvalues');
  if (p.signal.kind === 'power' && p.spectrum.kind === 'power_law' && p.spectrum.beta + p.signal.delta >= 2) {
    out.push('power-law spectrum with beta + delta >= 2: the initial risk grows with d (arXiv:2405.19585 §3.4 needs beta + delta < 2)');
  }
  const input = theoryInputOf(p, spectrum);
  const settings = solverSettings(p, spectrum, input);
  if (settings.method === 'dopri5') {
    const steps = stiffness(p, spectrum, input) / 1.6;
    if (steps > THEORY_SOLVER.maxSteps / 2) {
      out.push(
        `the explicit ODE solver needs about ${steps.toPrecision(2)} steps (stability-limited by gamma lambda_max): ` +
          `choose ode.method = exponential or auto`,
      );
    }
  }
  const dims = p.finite_size.enabled ? p.finite_size.dims : [p.d];
  const simT = simulationHorizon(p);
  const work = dims.reduce((s, d) => s + simT * d * d, 0) * (p.finite_size.enabled ? p.finite_size.replicas : p.sde ? 2 : 1);
  if (work > 2e10) {
    out.push(
      `the simulations cost about ${work.toPrecision(2)} coordinate updates per replica set (minutes or more); ` +
        'sim_T shortens them while the theory runs to T',
    );
  }
  return out;
}
