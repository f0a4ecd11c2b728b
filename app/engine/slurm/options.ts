/**
 * The Slurm options of a job folder (partition, time limit, CPUs and memory per task, the array
 * throttle, the account, the number of array tasks), checked against the API's strict patterns
 * (app/api.ts slurmOptionsSchema) before anything is written: they go into `#SBATCH` lines, so
 * nothing else may reach them.
 */
import { slurmOptionsSchema, type SlurmOptions } from '../../api.js';

export type { SlurmOptions };

/** Most array tasks a job folder has (Slurm's default MaxArraySize is 1001: indices 0..1000). */
export const MAX_ARRAY_TASKS = 1000;

/** The CLI flag of each option, for messages. */
export const OPTION_FLAGS: Record<keyof SlurmOptions, string> = {
  partition: '--partition',
  account: '--account',
  time: '--time',
  cpusPerTask: '--cpus-per-task',
  mem: '--mem',
  arrayMax: '--array-max',
  tasks: '--tasks',
};

export class SlurmOptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SlurmOptionError';
  }
}

/** Checks the options; throws SlurmOptionError naming the flag and what is allowed. */
export function checkSlurmOptions(options: unknown): SlurmOptions {
  const parsed = slurmOptionsSchema.strict().safeParse(options);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const key = issue.path[0] as keyof SlurmOptions | undefined;
  const flag = key && key in OPTION_FLAGS ? OPTION_FLAGS[key] : 'Slurm option';
  const given = key ? (options as Record<string, unknown>)[key] : undefined;
  throw new SlurmOptionError(`${flag}${given !== undefined ? ` = ${JSON.stringify(given).slice(0, 80)}` : ''} is not allowed: expected ${issue.message}`);
}
