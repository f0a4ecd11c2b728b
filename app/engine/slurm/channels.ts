/**
 * The API's cluster channels over a library: `slurm:export` writes a job folder for a stored sweep
 * (its specification and seed), `slurm:collect` imports a job folder. A job folder's problem (a
 * folder that cannot be written, a damaged plan, a corrupted shard) is bad input:
 * ApiError('bad_request') with one line, and nothing is written to the library.
 */
import { ApiError, type ApiMethods } from '../../api.js';
import type { ModelKind } from '../../../core/models/model-kind.js';
import type { RunsRepository } from '../library/runs.js';
import type { SweepsRepository } from '../library/sweeps.js';
import { SweepSpecError } from '../sweeps.js';
import { collectJobFolder } from './collect.js';
import { writeSweepFolder } from './export.js';
import { JobFolderError } from './job-folder.js';
import { PlanError, type PlanIds } from './plan.js';

export interface ChannelContext {
  runs: RunsRepository;
  sweeps: SweepsRepository;
  kind(id: string): ModelKind<unknown> | undefined;
  ids: PlanIds;
  /** Runs were imported (the service's library:changed event). */
  imported(ids: string[]): void;
}

type SlurmChannels = Pick<ApiMethods, 'slurm:export' | 'slurm:collect'>;

async function asBadInput<T>(fn: () => T | Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof JobFolderError || error instanceof PlanError || error instanceof SweepSpecError) throw new ApiError('bad_request', error.message);
    throw error;
  }
}

/** The channels, reading the context when called (the service builds its method map before its repositories). */
export function slurmChannels(context: () => ChannelContext): SlurmChannels {
  return {
    'slurm:export': async ({ sweepId, dir, slurm }) => {
      const c = context();
      const sweep = c.sweeps.get(sweepId);
      if (!sweep) throw new ApiError('not_found', `no sweep with id ${sweepId}`);
      const kind = c.kind(sweep.kind);
      if (!kind) throw new ApiError('unknown_kind', `sweep ${sweepId} is of kind "${sweep.kind}", which this Limitlab does not know`);
      const { created: _created, ...written } = await asBadInput(() => writeSweepFolder(dir, kind, sweep.spec, slurm ?? {}, c.ids));
      return written;
    },
    'slurm:collect': async ({ dir }) => {
      const c = context();
      const report = await asBadInput(() => collectJobFolder(dir, { runs: c.runs, sweeps: c.sweeps, hashOf: c.ids.hash }));
      if (report.imported.length) c.imported(report.imported);
      return report;
    },
  };
}
