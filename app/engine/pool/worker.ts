/**
 * The piscina worker: runs one part of a model run, or merges a run's parts. It is bundled to dist/worker.cjs.
 * Progress goes out over the task's MessagePort (throttled); cancellation is read from a shared
 * flag that the model's hot loops poll through ctx.isCancelled().
 */
import { type KindRegistry, registry } from '../../../core/models/registry.js';
import type { RunContext, RunResult } from '../../../core/models/model-kind.js';
import type { JobRequest } from './job.js';

/** The job function of a worker that knows the kinds of `kinds` (the app's registry by default). */
export function jobRunner(kinds: KindRegistry): (job: JobRequest) => RunResult {
  return (job) => runJob(kinds, job);
}

export default jobRunner(registry);

function runJob(kinds: KindRegistry, job: JobRequest): RunResult {
  const kind = kinds.get(job.kind);
  if (!kind) throw new Error(`unknown model kind ${job.kind}`);
  if (job.merge) {
    job.progressPort.close();
    return kind.merge(job.params, job.merge, { seed: job.seed, replicas: job.replicas, ...(job.inputs ? { inputs: job.inputs } : {}) });
  }
  const flag = new Int32Array(job.cancelFlag);
  let lastPost = 0;
  let lastPartial = 0;
  const ctx: RunContext = {
    seed: job.seed,
    replicas: job.replicas,
    ...(job.inputs ? { inputs: job.inputs } : {}),
    isCancelled: () => Atomics.load(flag, 0) !== 0,
    progress(fraction, note) {
      const now = Date.now();
      if (now - lastPost < job.progressIntervalMs && fraction < 1) return;
      lastPost = now;
      job.progressPort.postMessage({ fraction: Math.min(1, Math.max(0, fraction)), note });
    },
    partial(result) {
      const now = Date.now();
      if (now - lastPartial < job.progressIntervalMs) return;
      lastPartial = now;
      job.progressPort.postMessage({ partial: result });
    },
  };
  // Tell the engine the job has started (it marks the run running on the first message).
  job.progressPort.postMessage({ fraction: 0 });
  if (ctx.isCancelled()) {
    job.progressPort.close();
    throw new Error('cancelled before it started');
  }
  try {
    return kind.runPart(job.params, job.part, ctx);
  } finally {
    job.progressPort.close();
  }
}
