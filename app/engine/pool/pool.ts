/**
 * The job pool: piscina worker threads (cores − 1, at least 1) running model parts.
 * Each job gets a MessagePort for throttled progress and a shared cancellation flag;
 * `abort` is the hard stop that tears the worker down.
 */
import { Piscina } from 'piscina';
import { availableParallelism } from 'node:os';
import { MessageChannel } from 'node:worker_threads';
import type { PartialResult, PartResult, RunResult } from '../../../core/models/model-kind.js';
import type { JobRequest } from './job.js';

export interface PoolOptions {
  workerPath: string;
  threads?: number;
}

export interface JobHandlers {
  onProgress?(fraction: number, note?: string): void;
  /** A partial result the part reported while it runs (never its final one). */
  onPartial?(result: PartialResult): void;
  /** Shared flag: write 1 at index 0 to ask the job to stop cooperatively. */
  cancelFlag: SharedArrayBuffer;
  /** Aborting tears the worker down (hard stop). */
  signal?: AbortSignal;
}

export function defaultThreadCount(): number {
  return Math.max(1, availableParallelism() - 1);
}

export class JobPool {
  private readonly piscina: Piscina;
  readonly threads: number;

  constructor(options: PoolOptions) {
    this.threads = options.threads ?? defaultThreadCount();
    this.piscina = new Piscina({
      filename: options.workerPath,
      minThreads: 0,
      maxThreads: this.threads,
      idleTimeout: 30_000,
      concurrentTasksPerWorker: 1,
    });
    // A worker's late answer to a task that was already aborted surfaces here; the task's own
    // promise has settled, so there is nothing left to do with it.
    this.piscina.on('error', () => {});
  }

  async run(request: Omit<JobRequest, 'progressPort' | 'cancelFlag' | 'progressIntervalMs'>, handlers: JobHandlers): Promise<RunResult> {
    const channel = new MessageChannel();
    channel.port2.on('message', (m: { fraction: number; note?: string } | { partial: PartialResult }) => {
      if ('partial' in m) handlers.onPartial?.(m.partial);
      else handlers.onProgress?.(m.fraction, m.note);
    });
    const job: JobRequest = {
      ...request,
      cancelFlag: handlers.cancelFlag,
      progressPort: channel.port1,
      progressIntervalMs: 100,
    };
    try {
      return (await this.piscina.run(job, {
        transferList: [channel.port1] as never,
        ...(handlers.signal ? { signal: handlers.signal } : {}),
      })) as RunResult;
    } finally {
      channel.port2.close();
    }
  }

  /** The kind's merge of every part's result, computed on a worker (the engine's thread stays free). */
  merge(
    request: { kind: string; params: unknown; seed: number; replicas: number; parts: PartResult[]; inputs?: JobRequest['inputs'] },
    signal?: AbortSignal,
  ): Promise<RunResult> {
    const { parts, ...rest } = request;
    return this.run({ ...rest, part: { role: 'theory' }, merge: parts }, { cancelFlag: new SharedArrayBuffer(4), ...(signal ? { signal } : {}) });
  }

  async close(): Promise<void> {
    await this.piscina.close({ force: true });
  }
}
