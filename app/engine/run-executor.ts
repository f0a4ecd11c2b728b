/**
 * A run's execution: its parts go to the pool through the scheduler, each finished part is stored
 * in the library as it completes (a run interrupted by a crash resumes from them), and the merge
 * runs on a worker too. Parts already stored (a resumed run) are not computed again; the merge gets
 * the same results in the same order either way, so the result is the same bytes.
 */
import type { ApiEvents, EventName, RunSummary } from '../api.js';
import type { Dataset } from '../../core/models/kit/dataset.js';
import type { ModelKind, PartKey, RunPart, RunResult } from '../../core/models/model-kind.js';
import { canonicalJson } from '../../core/models/resolve-params.js';
import { partName } from '../../core/models/run-kind.js';
import type { RunsRepository } from './library/runs.js';
import type { PartScheduler, Priority } from './part-scheduler.js';
import type { JobPool } from './pool/pool.js';

/** Grace period between a cooperative cancel and tearing the worker down. */
export const HARD_ABORT_AFTER_MS = 3000;

/** Least time between two 'run:progress' events of one run (the last one always goes out). */
const PROGRESS_EVERY_MS = 100;

/** What the engine keeps of a run while it is active in this process. */
export interface ActiveRun {
  cancelFlag: SharedArrayBuffer;
  abort: AbortController;
  cancelRequested: boolean;
  progress: number;
  done: Promise<void>;
  /** The sweep the run belongs to: it waits at the sweep gate before it reaches the pool. */
  sweepId?: string;
}

export interface ExecutorHost {
  pool: JobPool;
  scheduler: PartScheduler;
  runs: RunsRepository;
  emit<E extends EventName>(event: E, payload: ApiEvents[E]): void;
  /** The run's summary with its live progress. */
  summary(id: string): RunSummary;
}

export interface RunJob {
  kind: ModelKind<unknown>;
  id: string;
  params: unknown;
  seed: number;
  replicas: number;
  priority: Priority;
  /** The datasets the run reads (see run-inputs.ts), empty for most kinds. */
  inputs: Readonly<Record<string, Dataset>>;
}

/** Asks every part of a run to stop, and tears their workers down if they do not. */
export function stopRun(active: ActiveRun): void {
  Atomics.store(new Int32Array(active.cancelFlag), 0, 1);
  setTimeout(() => active.abort.abort(), HARD_ABORT_AFTER_MS).unref();
}

/** Executes a queued run to its final state (done, failed or cancelled) and reports it. */
export async function executeRun(host: ExecutorHost, job: RunJob, active: ActiveRun): Promise<void> {
  const { kind, id, params, seed, replicas } = job;
  const inputs = Object.keys(job.inputs).length ? { inputs: job.inputs } : {};
  const parts: RunPart[] = kind.parts(params, replicas);
  host.runs.setPartsTotal(id, parts.length);
  const results = storedResults(host.runs, id, parts);
  const totalWeight = parts.reduce((s, p) => s + p.weight, 0) || 1;
  const fractions: number[] = parts.map((_, i) => (results[i] ? 1 : 0));
  let started: number | null = null;
  let lastEmit = 0;
  const markStarted = () => {
    if (started !== null) return;
    started = Date.now();
    host.runs.markRunning(id, new Date(started).toISOString());
    host.emit('run:status', host.summary(id));
  };
  const report = (note?: string) => {
    active.progress = parts.reduce((s, p, i) => s + p.weight * fractions[i]!, 0) / totalWeight;
    const t = Date.now();
    if (t - lastEmit < PROGRESS_EVERY_MS && active.progress < 1) return;
    lastEmit = t;
    host.emit('run:progress', { id, fraction: active.progress, ...(note ? { note } : {}) });
  };
  const computePart = async (part: RunPart, index: number): Promise<RunResult> => {
    if (Atomics.load(new Int32Array(active.cancelFlag), 0) !== 0) throw new Error('cancelled');
    const result = await host.pool.run(
      { kind: kind.id, params, seed, replicas, part: part.key, ...inputs },
      {
        cancelFlag: active.cancelFlag,
        signal: active.abort.signal,
        onProgress: (fraction, note) => {
          markStarted();
          fractions[index] = fraction;
          report(note);
        },
        onPartial: (partial) => {
          // Shown only: partial results never reach the library.
          host.emit('run:progress', { id, fraction: active.progress, partial: { ...partial, part: partName(part.key, kind.repetitions) } });
        },
      },
    );
    host.runs.savePart(id, index, part.key, result);
    fractions[index] = 1;
    report(partName(part.key, kind.repetitions));
    return result;
  };
  try {
    const outcomes = await Promise.allSettled(
      parts.map((part, index) => {
        const stored = results[index];
        if (stored) return Promise.resolve(stored);
        return host.scheduler.submit(id, job.priority, () => computePart(part, index), active.abort.signal).catch((error: unknown) => {
          // One part failed: ask the others to stop.
          stopRun(active);
          throw error;
        });
      }),
    );
    const failure = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    if (failure) throw failure.reason;
    if (active.cancelRequested) throw new Error('cancelled');
    markStarted();
    const merged = outcomes.map((o, i) => ({ key: parts[i]!.key, result: (o as PromiseFulfilledResult<RunResult>).value }));
    const result = await host.scheduler.submit(
      id,
      job.priority,
      () => host.pool.merge({ kind: kind.id, params, seed, replicas, parts: merged, ...inputs }, active.abort.signal),
      active.abort.signal,
    );
    const finished = Date.now();
    host.runs.complete(id, result, new Date(finished).toISOString(), finished - (started ?? finished));
  } catch (error) {
    const finished = Date.now();
    const cancelled = active.cancelRequested;
    active.abort.abort();
    host.runs.finish(
      id,
      cancelled ? 'cancelled' : 'failed',
      new Date(finished).toISOString(),
      started === null ? null : finished - started,
      cancelled ? null : describeError(error),
    );
  }
  host.emit('run:status', host.runs.summary(id)!);
}

/** The stored results of a run's parts, by index; a stored part whose key no longer matches is computed again. */
function storedResults(runs: RunsRepository, id: string, parts: RunPart[]): (RunResult | undefined)[] {
  const results: (RunResult | undefined)[] = parts.map(() => undefined);
  for (const stored of runs.storedParts(id)) {
    const expected: PartKey | undefined = parts[stored.idx]?.key;
    if (expected && canonicalJson(expected) === canonicalJson(stored.key)) results[stored.idx] = stored.result;
  }
  return results;
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
