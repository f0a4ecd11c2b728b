/**
 * The run's replica count against a kind that counts its own repetitions (`ModelKind.repetitions`:
 * Langevin chains, repetitions at each sample size). Such a kind does not use the replica count,
 * so asking it for more than one replica is refused, with the parameter that does the asking; one
 * replica (the default) is the whole run and is accepted.
 */
import type { ModelKind } from './model-kind.js';

/** How the caller's user sets things: the replica option's name and a parameter assignment. */
export interface ReplicasWording {
  /** "--replicas" on the command line, "replicas" in a request. */
  option: string;
  /** "--set langevin.chains=8" on the command line, "langevin.chains = 8" in a request. */
  assign(param: string, value: number): string;
}

export const REQUEST_WORDING: ReplicasWording = {
  option: 'replicas',
  assign: (param, value) => `${param} = ${value}`,
};

/**
 * One line refusing `replicas` for `kind`, or null when the kind takes them (it has no own
 * repetitions, or `replicas` is 1): "adaptive-kernel draws its Langevin chains from langevin.chains,
 * not from --replicas: use --set langevin.chains=8 instead".
 */
export function replicasRefusal(kind: Pick<ModelKind<unknown>, 'id' | 'repetitions'>, replicas: number, wording: ReplicasWording = REQUEST_WORDING): string | null {
  const own = kind.repetitions;
  if (!own || replicas === 1) return null;
  return `${kind.id} draws its ${own.plural} from ${own.param}, not from ${wording.option}: use ${wording.assign(own.param, replicas)} instead`;
}
