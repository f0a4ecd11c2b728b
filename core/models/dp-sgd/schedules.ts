/**
 * Shapes of the learning-rate and privacy-noise schedules on the pass clock t = k/n in [0, 1]:
 * constant (1) or decay ((1 - t)^power, which vanishes at the end of the pass; power 0 is constant).
 * Step k (k = 0..n-1, the k-th sample) uses the value at t_k = k/n in the simulation, and the ODE
 * uses the same function of continuous t.
 */
import type { Schedule } from './params.js';

export interface ScheduleSpec {
  schedule: Schedule;
  power: number;
}

/**
 * The shape s(t), t in [0, 1], as a function (used by the ODE, the simulation and the privacy
 * accounting alike, so all three see bit-identical values).
 */
export function scheduleFunction(spec: ScheduleSpec): (t: number) => number {
  if (spec.schedule === 'constant' || spec.power === 0) return () => 1;
  const p = spec.power;
  if (p === 1) return (t) => (t < 1 ? 1 - t : 0);
  if (p === 0.5) return (t) => (t < 1 ? Math.sqrt(1 - t) : 0);
  return (t) => (t < 1 ? Math.pow(1 - t, p) : 0);
}
