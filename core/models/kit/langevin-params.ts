/**
 * The `langevin` parameter group of the kinds that sample a Bayesian posterior with an ensemble of
 * Langevin chains (`kit/simulators/langevin.ts`): how many chains, how many steps, the burn-in, the
 * thinning and the step-size factor (0 = the kind's automatic rule). The ranges are the
 * simulator's and shared; what differs between kinds (defaults, the largest chain count and step
 * factor, descriptions that speak of the kind) is given by each kind. A kind with settings of its
 * own (a regulariser, a start) appends them as `extra` fields after the shared ones.
 *
 * The cross-field check `checkLangevinSchedule` belongs in the kind's own `superRefine` (run after
 * every field passed its checks), called where the kind wants its issue among its other ones.
 */
import { z } from 'zod';
import type { KindRepetitions } from '../model-kind.js';
import { num } from '../param-fields.js';

/** Shared description texts; a kind passes its own where it says more. */
export const LANGEVIN_TEXTS = {
  chains: 'Langevin chains (each one part of the run); 0 = theory only',
  steps: 'Langevin steps per chain, burn-in included',
  burn_in: 'Steps discarded before recording (< steps)',
  thin: 'Record every thin-th step',
} as const;

/** A field's default and, where the kind words it differently, its description. */
interface FieldSpec {
  default: number;
  description?: string;
}

export interface LangevinGroupSpec {
  /** The group's description (the parameter form's heading). */
  description: string;
  /** Number of chains, 0 = theory only; `max` is the kind's largest ensemble. */
  chains: FieldSpec & { max: number };
  steps: FieldSpec;
  burn_in: FieldSpec;
  thin: FieldSpec;
  /** Step-size factor: its description states the kind's automatic rule (the default 0). */
  step: { description: string; max: number };
}

/**
 * The `langevin` group: a strict object (unknown keys refused) whose fields default one by one
 * and which defaults as a whole (`prefault({})`), with `extra` fields appended after the shared
 * ones. Ranges: chains integer in [0, chains.max], steps integer in [1, 1e9], burn_in integer in
 * [0, 1e9], thin integer in [1, 1e6], step in [0, step.max].
 */
export function langevinParams<const Extra extends z.ZodRawShape = Record<never, never>>(spec: LangevinGroupSpec, extra?: Extra) {
  const shape = {
    chains: num({ description: spec.chains.description ?? LANGEVIN_TEXTS.chains, default: spec.chains.default, min: 0, max: spec.chains.max, int: true }),
    steps: num({ description: spec.steps.description ?? LANGEVIN_TEXTS.steps, default: spec.steps.default, min: 1, max: 1e9, int: true }),
    burn_in: num({ description: spec.burn_in.description ?? LANGEVIN_TEXTS.burn_in, default: spec.burn_in.default, min: 0, max: 1e9, int: true }),
    thin: num({ description: spec.thin.description ?? LANGEVIN_TEXTS.thin, default: spec.thin.default, min: 1, max: 1e6, int: true }),
    step: num({ description: spec.step.description, default: 0, min: 0, max: spec.step.max }),
  };
  return z
    .strictObject({ ...shape, ...(extra ?? ({} as Extra)) })
    // Every field has a default, so {} is a valid input; the cast only spares the compiler the
    // generic `Extra`, whose fields the kind gives defaults too.
    .prefault({} as never)
    .describe(spec.description);
}

/** The fields `checkLangevinSchedule` reads. */
export interface LangevinRecording {
  chains: number;
  steps: number;
  burn_in: number;
  thin: number;
}

/**
 * Refuses a schedule that records no sample when chains are run: the chain keeps the state after
 * step t when t > burn_in and (t − burn_in) is a multiple of thin, so it records
 * floor((steps − burn_in)/thin) samples, none when burn_in + thin > steps. The issue sits on
 * `langevin.burn_in`. With no chains (theory only) the schedule is not used and not checked.
 */
export function checkLangevinSchedule(langevin: LangevinRecording, ctx: Pick<z.core.$RefinementCtx, 'addIssue'>): void {
  const { chains, steps, burn_in, thin } = langevin;
  if (chains > 0 && burn_in + thin > steps) {
    ctx.addIssue({
      code: 'custom',
      path: ['langevin', 'burn_in'],
      message: `burn_in + thin = ${burn_in + thin} exceeds steps = ${steps}: no sample would be recorded`,
    });
  }
}

/** The `repetitions` of a kind whose parts are its Langevin chains (`langevin.chains` of them). */
export const LANGEVIN_CHAINS: KindRepetitions = { param: 'langevin.chains', noun: 'chain', plural: 'Langevin chains' };
