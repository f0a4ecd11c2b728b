/** The message a pool worker receives for one part of a run, and the cancellation flag layout. */
import type { MessagePort } from 'node:worker_threads';
import type { Dataset } from '../../../core/models/kit/dataset.js';
import type { PartKey, PartResult } from '../../../core/models/model-kind.js';

export interface JobRequest {
  kind: string;
  params: unknown;
  seed: number;
  replicas: number;
  /** The part of the run to compute (every run is its parts). */
  part: PartKey;
  /** Set instead of computing `part`: merge these results of every part (in `parts` order) into the run's result. */
  merge?: PartResult[];
  /** The run's datasets (arrays on shared memory), handed to the kind as `ctx.inputs`. */
  inputs?: Readonly<Record<string, Dataset>>;
  /** Int32Array over a SharedArrayBuffer; index 0 becomes 1 when the run is cancelled. */
  cancelFlag: SharedArrayBuffer;
  /** Receives { fraction, note } and { partial } messages, throttled in the worker. */
  progressPort: MessagePort;
  /** Minimum milliseconds between progress messages. */
  progressIntervalMs: number;
}
